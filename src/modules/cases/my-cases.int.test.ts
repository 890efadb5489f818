/**
 * "Hồ sơ của tôi" (`/ho-so-cua-toi`) through the real app: a signed-in resident sees exactly the
 * cases they sent while signed in (newest first, status and deadline in words, paging), never
 * another resident's; signed out → sign-in page with `next` back; staff → 403. The header, the home
 * page and the look-up page link to it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/auth/roles.js';
import { signIn, type BrowserCookies } from '../../../test/kit/auth.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';
import { CASE_PORTAL_PAGE_SIZE } from './contract.js';
import { submitCase } from './server/service.js';

const DAY = 86_400_000;
const WEEKDAY_DATE = /(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d{2}\/\d{2}\/\d{4}/;

/** The tracking codes the page links to, in page order (the header's `/tra-cuu` has no code). */
const listedCodes = (html: string) => [...html.matchAll(/<h2><a href="\/tra-cuu\/([^"]+)">/g)].map((match) => decodeURIComponent(match[1]!));

/** The card of one code: from its heading to the next card. */
const cardOf = (html: string, code: string) => {
  const start = html.indexOf(`<h2><a href="/tra-cuu/${encodeURIComponent(code)}">`);
  const end = html.indexOf('</li>', start);
  return start < 0 ? '' : html.slice(start, end);
};

describe('Hồ sơ của tôi: a signed-in resident\'s own cases', () => {
  let t: CasesTestApp;
  let resident: StaffSession;
  let neighbour: StaffSession;
  let leader: StaffSession;
  const codes: { first: string; second: string; anonymous: string; report: string } = { first: '', second: '', anonymous: '', report: '' };

  const page = (session: BrowserCookies | null, url = '/ho-so-cua-toi') => t.inject('GET', url, session);
  const submitAs = async (session: BrowserCookies | null, fields: Record<string, unknown>) => {
    const response = await t.inject('POST', '/api/v1/cases', session, {
      kind: 'feedback',
      categoryId: t.categoryIds.ROADS,
      areaId: t.areaIds['TDP-NQ1'],
      description: 'Mặt đường hư hỏng, xe máy đi lại khó khăn, nhất là khi trời mưa.',
      privacy: 'handler_only',
      submitter: { fullName: 'Lê Thị Hoa', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' },
      ...fields,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string; code: string }>();
  };

  beforeAll(async () => {
    t = await buildCasesTestApp();
    resident = await t.resident();
    neighbour = await t.resident();
    leader = await t.staff('leader');
    const first = await submitAs(resident, { title: 'Ổ gà trước cổng chợ' });
    codes.first = first.code;
    t.clock.advance(60 * 60 * 1000);
    codes.second = (await submitAs(resident, { title: 'Đèn đường ngõ 3 không sáng' })).code;
    t.clock.advance(60 * 60 * 1000);
    // Sent by the same person without signing in: not linked to the account.
    codes.anonymous = (await submitAs(t.anonymous, { title: 'Rác đổ trộm bên bờ mương' })).code;
    // A corruption report is never linked to an account, even when sent signed in (LAW-DENUNC-04).
    codes.report = (await submitAs(resident, { kind: 'corruption_report', categoryId: t.categoryIds.CONDUCT, privacy: 'anonymous', title: 'Cán bộ đòi tiền khi xác nhận hồ sơ', submitter: undefined })).code;
    // The first case moves on: accepted by the leader.
    const accepted = await t.inject('POST', `/api/v1/cases/${first.id}/actions`, leader, { type: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });
  afterAll(async () => t.close());

  it('lists exactly the resident\'s two signed-in cases, newest first, with status, type, dates and deadline in words', async () => {
    const response = await page(resident);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const html = response.body;
    expect(html).toContain('<h1>Hồ sơ của tôi</h1>');
    expect(listedCodes(html)).toEqual([codes.second, codes.first]);
    expect(html).not.toContain(codes.anonymous);
    expect(html).not.toContain(codes.report);
    expect(html).toContain('Bạn đã gửi 2 việc.');

    const first = cardOf(html, codes.first);
    expect(first).toContain('Ổ gà trước cổng chợ');
    expect(first).toContain('Phản ánh, kiến nghị');
    expect(first).toContain('Đã thụ lý');
    expect(first).toContain('26/11/2026');
    expect(first).toMatch(WEEKDAY_DATE);
    expect(first).not.toContain('Đã quá hạn');
    const second = cardOf(html, codes.second);
    expect(second).toContain('Đèn đường ngõ 3 không sáng');
    expect(second).toContain('Đã tiếp nhận');
    expect(second).toMatch(WEEKDAY_DATE);
  });

  it('the code opens the status page, which offers the signed-in submitter their actions (and nobody else)', async () => {
    const own = await t.inject('GET', `/tra-cuu/${encodeURIComponent(codes.second)}`, resident);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(`action="/tra-cuu/${encodeURIComponent(codes.second)}/rut"`);
    const other = await t.inject('GET', `/tra-cuu/${encodeURIComponent(codes.second)}`, neighbour);
    expect(other.body).not.toContain('/rut"');
  });

  it('another resident sees none of them, only the one line saying so with a link to send one', async () => {
    const response = await page(neighbour);
    expect(response.statusCode).toBe(200);
    for (const code of Object.values(codes)) expect(response.body).not.toContain(code);
    expect(listedCodes(response.body)).toEqual([]);
    expect(response.body).toMatch(/<p role="status">Bạn chưa gửi việc nào khi đăng nhập\. <a href="\/gui-phan-anh">Gửi phản ánh, kiến nghị<\/a><\/p>/);
  });

  it('a page number past the end goes to the last page, never an empty list with a count', async () => {
    const past = await page(resident, '/ho-so-cua-toi?trang=99999');
    expect(past.statusCode).toBe(303);
    expect(past.headers.location).toBe('/ho-so-cua-toi?trang=1');
    expect(listedCodes((await page(resident, String(past.headers.location))).body)).toEqual([codes.second, codes.first]);
  });

  it('signed out: to the sign-in page, coming back here after', async () => {
    const response = await page(null);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`/dang-nhap?next=${encodeURIComponent('/ho-so-cua-toi')}`);
    const paged = await page(null, '/ho-so-cua-toi?trang=2');
    expect(paged.headers.location).toBe(`/dang-nhap?next=${encodeURIComponent('/ho-so-cua-toi?trang=2')}`);
  });

  it('staff get a 403 page, never a resident\'s list', async () => {
    for (const session of [leader, await t.staff('officer', 'KINH-TE')]) {
      const response = await page(session);
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toContain('text/html');
      for (const code of Object.values(codes)) expect(response.body).not.toContain(code);
    }
  });

  it('pages by ten, newest first, with previous and next links', async () => {
    const many = await t.resident();
    const actor: Actor = { userId: many.userId, kind: 'resident', displayName: 'Người dân thử nghiệm', communeId: t.communeId, grants: [{ role: 'resident', communeId: t.communeId, unitId: null, areaId: null }], sessionId: 'test' };
    const sent: string[] = [];
    for (let index = 0; index <= CASE_PORTAL_PAGE_SIZE; index += 1) {
      t.clock.advance(60_000);
      const result = await submitCase(t.ctx, actor, { kind: 'question', categoryId: t.categoryIds.ROADS, areaId: t.areaIds['TDP-NQ1'], title: `Câu hỏi số ${index + 1}`, description: 'Khi nào đường liên thôn được sửa?', privacy: 'handler_only', submitter: { fullName: 'Người dân thử nghiệm', address: 'Tổ dân phố Như Quỳnh 1', phone: '0987654321' } });
      sent.push(result.code);
    }
    const newestFirst = [...sent].reverse();
    const first = (await page(many)).body;
    expect(listedCodes(first)).toEqual(newestFirst.slice(0, CASE_PORTAL_PAGE_SIZE));
    expect(first).toContain('Trang 1 / 2');
    expect(first).toContain('href="/ho-so-cua-toi?trang=2" rel="next"');
    const second = (await page(many, '/ho-so-cua-toi?trang=2')).body;
    expect(listedCodes(second)).toEqual(newestFirst.slice(CASE_PORTAL_PAGE_SIZE));
    expect(second).toContain('href="/ho-so-cua-toi?trang=1" rel="prev"');
    expect(listedCodes((await page(many, '/ho-so-cua-toi?trang=abc')).body)).toEqual(newestFirst.slice(0, CASE_PORTAL_PAGE_SIZE));
  });

  it('links: the header and the home page for a signed-in resident; the look-up page for everyone (through sign-in when signed out); none for staff', async () => {
    const home = (await t.inject('GET', '/', resident)).body;
    expect(home).toContain('<a class="td-nav__link" href="/ho-so-cua-toi">Hồ sơ của tôi</a>');
    expect(home).toContain('<a href="/ho-so-cua-toi">Xem các việc bạn đã gửi</a>');
    const ownPage = (await page(resident)).body;
    expect(ownPage).toContain('href="/ho-so-cua-toi" aria-current="page"');

    const lookUp = (await t.inject('GET', '/tra-cuu', resident)).body;
    expect(lookUp).toContain('hoặc <a href="/ho-so-cua-toi">xem các việc bạn đã gửi</a>.');
    const lookUpSignedOut = (await t.inject('GET', '/tra-cuu', null)).body;
    expect(lookUpSignedOut).toContain(`hoặc <a href="/dang-nhap?next=${encodeURIComponent('/ho-so-cua-toi')}">đăng nhập để xem các việc bạn đã gửi</a>.`);
    expect((await t.inject('GET', '/', null)).body).not.toContain('td-nav__link" href="/ho-so-cua-toi"');

    const staffLookUp = (await t.inject('GET', '/tra-cuu', leader)).body;
    expect(staffLookUp).not.toContain('/ho-so-cua-toi');
    expect(staffLookUp).toContain('Mất mã? Gọi số điện thoại của xã ở đầu trang.');
    expect((await t.inject('GET', '/', leader)).body).not.toContain('/ho-so-cua-toi');
  });

  it('in English too', async () => {
    const html = (await page(resident, '/ho-so-cua-toi?lang=en')).body;
    expect(html).toContain('<h1>My cases</h1>');
    expect(html).toContain('Cases you have sent: 2.');
    expect(html).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}\/\d{2}\/\d{4}/);
  });

  it('the list query is served by the partial index on (commune, submitter, received)', async () => {
    const query = sql`SELECT code FROM cases_items WHERE commune_id = ${t.communeId} AND submitter_user_id = ${resident.userId} ORDER BY received_at DESC, id DESC LIMIT 10`;
    if (t.ctx.dialect === 'sqlite') {
      const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${query}`.execute(t.ctx.db);
      expect(plan.rows.map((row) => row.detail).join('\n')).toContain('cases_items_submitter_idx');
    } else {
      // A few test rows make a sequential scan cheaper; forbid it to see that the index applies.
      const plan = await t.ctx.db.transaction().execute(async (tx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(tx);
        return sql<{ 'QUERY PLAN': string }>`EXPLAIN ${query}`.execute(tx);
      });
      expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('cases_items_submitter_idx');
    }
  });

  it('marks an open case past its deadline as overdue in words (last: it moves the clock past the session)', async () => {
    t.clock.advance(120 * DAY);
    // Months later the old session has lapsed: sign in again.
    const later = await signIn(t.app, resident.identifier, resident.password);
    const html = (await page(later)).body;
    expect(cardOf(html, codes.first)).toContain('<strong> Đã quá hạn.</strong>');
    expect(cardOf(html, codes.second)).toContain('<strong> Đã quá hạn.</strong>');
  });
});
