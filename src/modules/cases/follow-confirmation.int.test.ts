/**
 * LAW-PDP-05 (consent from the data subject; silence is not consent): an address typed to follow a
 * case gets exactly one confirmation mail and no status message until its owner confirms on the page
 * the mail links to (a GET shows it, only the button confirms). Unconfirmed follows lapse; following
 * again sends no second mail in the period. Real SMTP server, real worker, real forms, JavaScript off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, mergeCookies, signIn } from '../../../test/kit/auth.js';
import { type ReceivedMail, type TestSmtpServer } from '../../../test/kit/smtp.js';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { newId } from '../../core/contract/ids.js';
import { maskRecipient } from '../notifications/server/index.js';
import { buildCasesMailTestApp, confirmFollowAt, confirmPathIn, type CasesTestApp, type StaffSession } from './cases-test-kit.js';
import { CASE_FOLLOW_PENDING_PER_ADDRESS_MAX } from './contract.js';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const DAY = 86_400_000;

describe('cases: following by e-mail needs the address owner\'s confirmation (LAW-PDP-05)', () => {
  let smtp: TestSmtpServer;
  let t: CasesTestApp;
  let handler: StaffSession;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, smtp, handler, close } = await buildCasesMailTestApp());
  });
  afterAll(async () => close());

  const act = async (caseId: string, action: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${caseId}/actions`, handler, action);
    expect(response.statusCode, response.body).toBe(200);
  };
  const mailsTo = (address: string): ReceivedMail[] => smtp.messages.filter((mail) => mail.to.includes(address));
  const confirmationsTo = (address: string) => mailsTo(address).filter((mail) => mail.text.includes('/xac-nhan-theo-doi?t='));
  const statusMailsTo = (address: string, code: string) => mailsTo(address).filter((mail) => mail.text.includes(`Hồ sơ ${code} bạn theo dõi`));
  /** "Theo dõi việc này" on the status page, as a browser without JavaScript sends it. */
  const followByForm = async (code: string, email: string, language = 'vi') => {
    // The portal's language is the visitor's switch (the `lang` cookie), not the browser's Accept-Language.
    const headers = { accept: 'text/html', cookie: `lang=${language}` };
    const status = await t.app.inject({ method: 'GET', url: `/tra-cuu/${encodeURIComponent(code)}`, headers });
    const response = await t.app.inject({
      method: 'POST',
      url: `/tra-cuu/${encodeURIComponent(code)}/theo-doi`,
      headers: { ...headers, cookie: mergeCookies(headers.cookie, status), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(status.body), email }).toString(),
    });
    expect(response.statusCode, response.body).toBe(303);
    return t.app.inject({ method: 'GET', url: String(response.headers.location), headers });
  };
  const tokenOf = (path: string) => new URL(path, 'http://x').searchParams.get('t')!;
  const postConfirm = (browser: { cookie: string; csrf: string }, token: string) =>
    t.app.inject({ method: 'POST', url: '/xac-nhan-theo-doi', headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: new URLSearchParams({ _csrf: browser.csrf, t: token }).toString() });
  /** A browser holding a CSRF token from a page that has a form (the status page). */
  const browserOn = async (code: string) => {
    const page = await t.app.inject({ method: 'GET', url: `/tra-cuu/${encodeURIComponent(code)}`, headers: { accept: 'text/html' } });
    return { cookie: mergeCookies('', page), csrf: csrfOf(page.body) };
  };
  const uniqueAddress = (name: string) => `${name}.${newId().slice(-8)}@gmail.com`;

  it('LAW-PDP-05: one confirmation mail, no status mail before the button is pressed (a GET confirms nothing), then status mails', async () => {
    const submitterEmail = uniqueAddress('nguoi.gui');
    const created = await t.submit({ submitter: { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', email: submitterEmail } });
    const email = uniqueAddress('hang.xom');
    // The form says so before anything is sent.
    const statusPage = await t.app.inject({ method: 'GET', url: `/tra-cuu/${encodeURIComponent(created.code)}`, headers: { accept: 'text/html' } });
    expect(statusPage.body).toContain('Trước tiên bạn nhận một thư để xác nhận');
    const after = await followByForm(created.code, email);
    expect(after.body).toContain('Chúng tôi đã gửi thư xác nhận tới e-mail bạn nhập.');
    await t.runJobs();
    const confirmation = await smtp.waitFor((mail) => mail.to.includes(email));
    expect(confirmation.subject).toBe(`Xác nhận theo dõi hồ sơ ${created.code}`);
    expect(confirmation.text).toContain('bỏ qua thư này');
    const path = confirmPathIn(confirmation.text);
    expect(path).not.toContain('hang.xom');

    // Unconfirmed: a status change reaches the submitter's channel but not this address.
    await act(created.id, { type: 'accept' });
    await t.runJobs();
    // The job ran (the submitter heard of it); the unconfirmed address did not.
    await smtp.waitFor((mail) => mail.to.includes(submitterEmail) && mail.text.includes('đã chuyển sang trạng thái: Đã tiếp nhận'));
    expect(statusMailsTo(email, created.code)).toHaveLength(0);

    // A mail scanner (or the person) opening the link only sees the page.
    const page = await t.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain(created.code);
    expect(page.body).toContain(maskRecipient(email));
    expect(page.body).not.toContain(email);
    expect(page.body).toContain('Xác nhận');
    const stillPending = await t.ctx.db.selectFrom('cases_followers').select(['confirmed_at']).where('case_id', '=', created.id).where('email', '=', email).executeTakeFirstOrThrow();
    expect(stillPending.confirmed_at).toBeNull();

    // Without the CSRF token nothing is confirmed.
    expect((await postConfirm({ cookie: mergeCookies('', page), csrf: 'forged' }, tokenOf(path))).statusCode).toBe(403);

    const confirmed = await confirmFollowAt(t.app, path);
    expect(confirmed.statusCode, confirmed.body).toBe(303);
    const done = await t.app.inject({ method: 'GET', url: String(confirmed.headers.location), headers: { accept: 'text/html' } });
    expect(done.body).toContain(`Bạn đang theo dõi hồ sơ ${created.code}.`);
    // A second press changes nothing; the consent record is written once and names no address.
    const browser = { cookie: mergeCookies('', page), csrf: csrfOf(page.body) };
    expect((await postConfirm(browser, tokenOf(path))).statusCode).toBe(303);
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.follower.confirmed', entityId: created.id, limit: 10, offset: 0 });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).toContain('case-status-messages');
    expect(JSON.stringify(audit)).not.toContain(email);

    await act(created.id, { type: 'assign', unitId: Object.values(t.unitIds)[0]! });
    await act(created.id, { type: 'startWork' });
    await act(created.id, { type: 'requestInformation', note: 'Xin ảnh chụp vị trí đèn hỏng.' });
    await t.runJobs();
    const status = await smtp.waitFor((mail) => mail.to.includes(email) && mail.text.includes(`Hồ sơ ${created.code} bạn theo dõi đã chuyển sang trạng thái: Chờ bổ sung`));
    expect(status.text).toContain('/ngung-nhan-tin?t=');
    expect(confirmationsTo(email)).toHaveLength(1);
  });

  it('LAW-PDP-05: following again sends no second mail in the period; a lapsed follow is dead, swept, and may be asked again once', async () => {
    const created = await t.submit();
    const email = uniqueAddress('nguoi.la');
    await followByForm(created.code, email);
    await t.runJobs();
    const first = await smtp.waitFor((mail) => mail.to.includes(email));
    // Again by the form, by the API, in another case of letters: the same answer, no mail.
    await followByForm(created.code, email.toUpperCase());
    expect((await t.inject('POST', `/api/v1/cases/${created.code}/follow`, t.anonymous, { email })).statusCode).toBe(200);
    t.clock.advance(6 * DAY);
    await followByForm(created.code, email);
    await t.runJobs();
    expect(confirmationsTo(email)).toHaveLength(1);

    // Past the 7 days (default): the link no longer confirms, and the sweep deletes the address.
    t.clock.advance(2 * DAY);
    const lapsedPath = confirmPathIn(first.text);
    const lapsed = await t.app.inject({ method: 'GET', url: lapsedPath, headers: { accept: 'text/html' } });
    expect(lapsed.statusCode).toBe(404);
    expect(lapsed.body).toContain('Liên kết không hợp lệ hoặc đã hết hạn');
    expect((await postConfirm(await browserOn(created.code), tokenOf(lapsedPath))).statusCode).toBe(404);
    await t.runJobs();
    expect(await t.ctx.db.selectFrom('cases_followers').select(['id']).where('case_id', '=', created.id).where('email', '=', email).execute()).toEqual([]);

    // A new request after the period: exactly one new mail, whose link works.
    await followByForm(created.code, email);
    await followByForm(created.code, email);
    await t.runJobs();
    await smtp.waitFor(() => confirmationsTo(email).length === 2);
    const second = confirmationsTo(email)[1]!;
    expect((await confirmFollowAt(t.app, confirmPathIn(second.text))).statusCode).toBe(303);
    await t.runJobs();
    expect(confirmationsTo(email)).toHaveLength(2);
  });

  it(`LAW-PDP-05: one address gets at most ${CASE_FOLLOW_PENDING_PER_ADDRESS_MAX} pending confirmations across cases`, async () => {
    const email = uniqueAddress('nan.nhan');
    for (let index = 0; index <= CASE_FOLLOW_PENDING_PER_ADDRESS_MAX; index += 1) {
      const created = await t.submit();
      await followByForm(created.code, email);
    }
    await t.runJobs();
    await smtp.waitFor(() => confirmationsTo(email).length === CASE_FOLLOW_PENDING_PER_ADDRESS_MAX);
    await t.runJobs();
    expect(confirmationsTo(email)).toHaveLength(CASE_FOLLOW_PENDING_PER_ADDRESS_MAX);
  });

  it('LAW-PDP-05: two follow requests with the same new address at the same moment: one pending follow, one mail, both answered normally', async () => {
    const created = await t.submit();
    const email = uniqueAddress('hai.lan');
    // Two browsers, each with its own page and CSRF token, press "Theo dõi" at once.
    const browsers = await Promise.all([browserOn(created.code), browserOn(created.code)]);
    const responses = await Promise.all(
      browsers.map((browser) =>
        t.app.inject({
          method: 'POST',
          url: `/tra-cuu/${encodeURIComponent(created.code)}/theo-doi`,
          headers: { accept: 'text/html', cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: browser.csrf, email }).toString(),
        }),
      ),
    );
    for (const response of responses) expect(response.statusCode, response.body).toBe(303);
    expect(responses.map((response) => response.headers.location)).toEqual([`/tra-cuu/${created.code}?xong=follow-pending`, `/tra-cuu/${created.code}?xong=follow-pending`]);
    // And the same through the API.
    const api = await Promise.all([1, 2].map(() => t.inject('POST', `/api/v1/cases/${created.code}/follow`, t.anonymous, { email: uniqueAddress('api') })));
    for (const response of api) expect(response.statusCode, response.body).toBe(200);
    const apiEmail = uniqueAddress('api.cung');
    const same = await Promise.all([1, 2].map(() => t.inject('POST', `/api/v1/cases/${created.code}/follow`, t.anonymous, { email: apiEmail })));
    for (const response of same) expect(response.statusCode, response.body).toBe(200);

    for (const address of [email, apiEmail]) {
      expect(await t.ctx.db.selectFrom('cases_followers').select(['id']).where('case_id', '=', created.id).where('email', '=', address).execute()).toHaveLength(1);
    }
    await t.runJobs();
    await smtp.waitFor(() => confirmationsTo(email).length >= 1 && confirmationsTo(apiEmail).length >= 1);
    await t.runJobs();
    expect(confirmationsTo(email)).toHaveLength(1);
    expect(confirmationsTo(apiEmail)).toHaveLength(1);
  });

  it('writes the confirmation mail and the pages in English for a visitor on the English portal', async () => {
    const created = await t.submit();
    const email = uniqueAddress('visitor');
    const after = await followByForm(created.code, email, 'en');
    expect(after.body).toContain('We sent a confirmation e-mail to the address you entered.');
    await t.runJobs();
    const mail = await smtp.waitFor((message) => message.to.includes(email));
    expect(mail.subject).toBe(`Confirm that you follow case ${created.code}`);
    const page = await t.app.inject({ method: 'GET', url: confirmPathIn(mail.text), headers: { accept: 'text/html', cookie: 'lang=en' } });
    expect(page.body).toContain('Confirm that you follow a case');
  });

  it('a signed-in resident follows with their own account at once: no confirmation mail, status mails straight away', async () => {
    const created = await t.submit();
    const email = uniqueAddress('cu.dan');
    const user = await createTestUser(t.ctx, { kind: 'resident', communeId: t.communeId, email });
    const resident = await signIn(t.app, user.identifier, user.password);
    const response = await t.inject('POST', `/api/v1/cases/${created.code}/follow`, resident, {});
    expect(response.statusCode, response.body).toBe(200);
    await act(created.id, { type: 'accept' });
    await t.runJobs();
    await smtp.waitFor((mail) => mail.to.includes(email) && mail.text.includes(`Hồ sơ ${created.code} bạn theo dõi`));
    expect(confirmationsTo(email)).toHaveLength(0);
  });

  it('answers a tampered or unknown link with a localised 404 page, never a 500, and confirms nothing', async () => {
    const created = await t.submit();
    const email = uniqueAddress('gia.mao');
    await followByForm(created.code, email);
    await t.runJobs();
    const token = tokenOf(confirmPathIn((await smtp.waitFor((mail) => mail.to.includes(email))).text));
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [tampered, 'abc', '', 'a.b.c', 'x'.repeat(300)]) {
      const response = await t.app.inject({ method: 'GET', url: `/xac-nhan-theo-doi?t=${encodeURIComponent(bad)}`, headers: { accept: 'text/html' } });
      expect(response.statusCode, bad).toBe(404);
      expect(response.body).toContain('Liên kết không hợp lệ hoặc đã hết hạn');
    }
    const posted = await postConfirm(await browserOn(created.code), tampered);
    expect(posted.statusCode).toBe(404);
    expect(posted.body).toContain('Liên kết không hợp lệ hoặc đã hết hạn');
    const row = await t.ctx.db.selectFrom('cases_followers').select(['confirmed_at']).where('case_id', '=', created.id).where('email', '=', email).executeTakeFirstOrThrow();
    expect(row.confirmed_at).toBeNull();
  });
});
