/**
 * "Hồ sơ tôi theo dõi" (`/ho-so-toi-theo-doi`): a signed-in resident sees the cases they follow, each
 * as its public status shows it (redacted title, status, due date) with a "stop following" form that
 * works without JavaScript (CSRF, LAW-PDP-04/05), and the follows asked with an unverified account
 * e-mail as waiting for the confirmation mail. Residents only: signed out → sign-in page and back,
 * staff → 403; nobody sees another resident's follows. Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, mergeCookies, signIn, type BrowserCookies } from '../../../test/kit/auth.js';
import { testDialect } from '../../../test/kit/app.js';
import { newId } from '../../core/contract/ids.js';
import { formatDeadline } from '../../core/i18n/translate.js';
import { migrationsBefore } from '../../../test/kit/migrations.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';
import { getPublicCaseView } from './server/index.js';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const PATH = '/ho-so-toi-theo-doi';

describe(`cases: the cases a resident follows, on ${testDialect}`, () => {
  let t: CasesTestApp;
  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => t.close());

  const get = (url: string, session: BrowserCookies | null, language = 'vi') => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: [session?.cookie, `lang=${language}`].filter(Boolean).join('; ') } });
  /** Post a form of `pageUrl` as a browser without JavaScript does (that page's CSRF token and cookies). */
  const postFrom = async (pageUrl: string, action: string, session: BrowserCookies, fields: Record<string, string> = {}) => {
    const page = await get(pageUrl, session);
    return t.app.inject({
      method: 'POST',
      url: action,
      headers: { accept: 'text/html', cookie: mergeCookies(session.cookie, page), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(page.body), ...fields }).toString(),
    });
  };
  const follow = (code: string, session: BrowserCookies) => postFrom(`/tra-cuu/${code}`, `/tra-cuu/${code}/theo-doi`, session);
  const residentWith = async (isEmailVerified: boolean) => {
    const user = await createTestUser(t.ctx, { kind: 'resident', communeId: t.communeId, isEmailVerified });
    return { userId: user.id, ...(await signIn(t.app, user.identifier, user.password)) };
  };
  const stopAction = (code: string) => `action="/tra-cuu/${code}/ngung-theo-doi"`;

  it('lists each followed case as the public status shows it, with a working stop button (LAW-PDP-04/05)', async () => {
    // The title carries a phone number: the public status redacts it, and so does this page.
    const followed = await t.submit({ title: 'Đèn đường hỏng, gọi 0987654321' });
    const other = await t.submit({ title: 'Ổ gà trên đường liên xã' });
    const resident = await residentWith(true);
    expect((await follow(followed.code, resident)).statusCode).toBe(303);

    const response = await get(PATH, resident);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.body;
    const view = await getPublicCaseView(t.ctx, followed.code, 'vi');
    expect(view.title).not.toContain('0987654321');
    expect(body).not.toContain('0987654321');
    expect(body).toContain(`<a href="/tra-cuu/${followed.code}">${followed.code}</a>`);
    expect(body).toContain(view.title!.replaceAll('"', '&quot;'));
    expect(body).toContain('<dd class="td-summary-list__value">Đã tiếp nhận</dd>');
    expect(view.deadline.dueAt).not.toBeNull();
    expect(body).toContain(formatDeadline(view.deadline.dueAt!, 'vi'));
    expect(body).toContain(stopAction(followed.code));
    expect(body).toContain('name="tro-ve" value="theo-doi"');
    expect(body).toContain('Bạn đang theo dõi 1 việc.');
    expect(body).not.toContain(other.code);
    // English second.
    const english = await get(PATH, resident, 'en');
    expect(english.body).toContain('Cases I follow');
    expect(english.body).toContain('Stop following');

    // Without the page's CSRF token nothing is stopped.
    const forged = await t.app.inject({ method: 'POST', url: `/tra-cuu/${followed.code}/ngung-theo-doi`, headers: { accept: 'text/html', cookie: resident.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'tro-ve=theo-doi&_csrf=forged' });
    expect(forged.statusCode).toBe(403);
    expect((await get(PATH, resident)).body).toContain(stopAction(followed.code));

    // The list's own button: back to the list, which says so, and the case is gone from it.
    const stopped = await postFrom(PATH, `/tra-cuu/${followed.code}/ngung-theo-doi`, resident, { 'tro-ve': 'theo-doi' });
    expect(stopped.statusCode, stopped.body).toBe(303);
    expect(String(stopped.headers.location)).toMatch(new RegExp(`^${PATH}\\?da-ngung=${followed.code}\\.`));
    const after = await get(String(stopped.headers.location), resident);
    expect(after.body).toContain(`Bạn đã ngừng theo dõi hồ sơ ${followed.code}.`);
    expect(after.body).not.toContain(stopAction(followed.code));
    expect(after.body).toContain('Bạn chưa theo dõi việc nào.');
    const row = await t.ctx.db.selectFrom('cases_followers').select(['stopped_at']).where('case_id', '=', followed.id).where('user_id', '=', resident.userId).executeTakeFirstOrThrow();
    expect(row.stopped_at).not.toBeNull();

    // Stopping again (nothing left to stop) says nothing, and a hand-made notice is not shown.
    const again = await postFrom(PATH, `/tra-cuu/${followed.code}/ngung-theo-doi`, resident, { 'tro-ve': 'theo-doi' });
    expect(again.statusCode, again.body).toBe(303);
    expect(again.headers.location).toBe(PATH);
    for (const crafted of [`${PATH}?da-ngung=${followed.code}`, `${PATH}?da-ngung=NQ-FAKE-CODE`, `${PATH}?da-ngung=${followed.code}.forged`]) {
      expect((await get(crafted, resident)).body).not.toContain('Bạn đã ngừng theo dõi hồ sơ');
    }
  });

  it('a page number past the end goes to the last page', async () => {
    const resident = await residentWith(true);
    const past = await get(`${PATH}?trang=99999`, resident);
    expect(past.statusCode).toBe(303);
    expect(past.headers.location).toBe(`${PATH}?trang=1`);
  });

  it('never shows another resident\'s follows', async () => {
    const created = await t.submit();
    const follower = await residentWith(true);
    const neighbour = await residentWith(true);
    expect((await follow(created.code, follower)).statusCode).toBe(303);
    expect((await get(PATH, follower)).body).toContain(stopAction(created.code));
    const theirs = await get(PATH, neighbour);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain(created.code);
    expect(theirs.body).toContain('Bạn chưa theo dõi việc nào.');
  });

  it('lists a follow asked with an unverified e-mail as waiting for the confirmation, not as followed', async () => {
    const created = await t.submit({ title: 'Nước sạch yếu ở thôn' });
    const resident = await residentWith(false);
    const followed = await follow(created.code, resident);
    expect(followed.statusCode).toBe(303);
    expect(followed.headers.location).toContain('xong=follow-pending-account');
    const body = (await get(PATH, resident)).body;
    expect(body).toContain('Đang chờ xác nhận qua e-mail');
    expect(body).toContain('E-mail của tài khoản bạn chưa được xác nhận');
    expect(body).toContain(`<a href="/tra-cuu/${created.code}">${created.code}</a>`);
    expect(body).not.toContain(stopAction(created.code));
    expect(body).toContain('Bạn chưa theo dõi việc nào.');
    // Another resident does not see it.
    expect((await get(PATH, await residentWith(false))).body).not.toContain(created.code);
    // Once the confirmation period is over it is no longer listed.
    t.clock.advance(9 * 24 * 3_600_000);
    const lapsed = await get(PATH, resident);
    expect(lapsed.statusCode).toBe(200);
    expect(lapsed.body).not.toContain(created.code);
  });

  it('tells the holder of an unverified address nothing about that address\'s own follows (LAW-PDP-04/05)', async () => {
    const created = await t.submit();
    const user = await createTestUser(t.ctx, { kind: 'resident', communeId: t.communeId, isEmailVerified: false });
    // The address's owner already follows the case (typed on the portal and confirmed from the mail).
    await t.ctx.db
      .insertInto('cases_followers')
      .values({ commune_id: t.communeId, case_id: created.id, id: newId(), user_id: null, email: user.email!.toLowerCase(), phone: null, created_at: t.ctx.clock().toISOString(), stopped_at: null, confirmed_at: t.ctx.clock().toISOString(), confirm_expires_at: null, locale: 'vi' })
      .execute();
    const session = await signIn(t.app, user.identifier, user.password);
    expect((await follow(created.code, session)).statusCode).toBe(303);
    // Listed as waiting, exactly as when the address followed nothing: not as followed, not missing.
    const body = (await get(PATH, session)).body;
    expect(body).toContain('Đang chờ xác nhận qua e-mail');
    expect(body).toContain(`<a href="/tra-cuu/${created.code}">${created.code}</a>`);
    expect(body).not.toContain(stopAction(created.code));
  });

  it('signed out: to the sign-in page, coming back here after; staff: 403', async () => {
    const response = await get(PATH, null);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`/dang-nhap?next=${encodeURIComponent(PATH)}`);
    const staff = await t.staff('leader');
    const forbidden = await get(PATH, staff);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['content-type']).toContain('text/html');
  });

  it('is reachable from the home page\'s account card and from "Hồ sơ của tôi"', async () => {
    const resident = await residentWith(true);
    expect((await get('/', resident)).body).toContain(`<a href="${PATH}">Xem các việc bạn theo dõi</a>`);
    expect((await get('/ho-so-cua-toi', resident)).body).toContain(`<a href="${PATH}">Xem các việc bạn theo dõi</a>`);
  });

  // Last: it steps the schema back and forth.
  it('the follow requests migration goes down (its table dropped) and up again', async () => {
    const hasTable = async () => (await t.ctx.db.introspection.getTables()).some((table) => table.name === 'cases_follow_requests');
    expect(await hasTable()).toBe(true);
    const { forward } = await migrationsBefore(t.ctx, '20261127T2340-cases-follow-requests');
    expect(await hasTable()).toBe(false);
    await forward();
    expect(await hasTable()).toBe(true);
  });
});
