/**
 * The resident's own account page `/tai-khoan`, as a browser without JavaScript uses it: the account
 * shown, the name, phone, e-mail and password changed through plain forms (CSRF token, post/redirect/get,
 * errors on the field with the input kept), every change audited without the values (LAW-PDP-06), the
 * phone re-verified by SMS (the old number gets no SMS from that instant), the e-mail pending until a
 * link mailed to the new address is opened (real SMTP server; the old address is told), the password
 * checked under the sign-in throttle and the other sessions ended. Runs on SQLite and PostgreSQL.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, mergeCookies, signIn, type BrowserCookies } from '../../../test/kit/auth.js';
import { testDialect } from '../../../test/kit/app.js';
import type { TestSmtpServer } from '../../../test/kit/smtp.js';
import { buildCasesMailTestApp, type CasesTestApp } from '../../modules/cases/cases-test-kit.js';
import { findRecordedMessages, sendToUser } from '../../modules/notifications/server/index.js';
import { findAuditRows } from '../audit/audit-log.js';
import { newId } from '../contract/ids.js';
import { EMAIL_VERIFICATION_RESEND_PER_HOUR, findUserContact, PHONE_VERIFICATION_RESEND_PER_HOUR } from './index.js';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const linkPattern = /https?:\/\/[^\s/]+(\/xac-nhan-email\?token=[A-Za-z0-9_-]+)/g;
let phoneCounter = 0;
let addressCounter = 0;
/** A mobile number nobody else in this run uses. */
const uniquePhone = () => `098${String((Date.now() + (phoneCounter += 1)) % 10_000_000).padStart(7, '0')}`;
const uniqueAddress = (name: string) => `${name}.${newId().slice(-8)}@gmail.com`;
const NEW_PASSWORD = 'mat-khau-moi-rat-dai-2027';

describe(`a resident's own account page on ${testDialect}`, () => {
  let t: CasesTestApp;
  let smtp: TestSmtpServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await buildCasesMailTestApp());
  });
  afterAll(async () => close());

  type Browser = BrowserCookies & { remoteAddress: string };
  const html = (cookie = '') => ({ accept: 'text/html', ...(cookie ? { cookie } : {}) });
  const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
  /** A resident with a verified e-mail and phone, signed in from their own address. */
  const resident = async (options: { email?: string | null; phone?: string | null; isEmailVerified?: boolean } = {}) => {
    const email = options.email === undefined ? uniqueAddress('tai.khoan') : options.email;
    const phone = options.phone === undefined ? uniquePhone() : options.phone;
    const user = await createTestUser(t.ctx, { kind: 'resident', communeId: t.communeId, displayName: 'Nguyễn Thị Lan', ...(email ? { email } : {}), ...(phone ? { phone } : {}), isEmailVerified: options.isEmailVerified ?? true, isPhoneVerified: true });
    const remoteAddress = `10.88.0.${(addressCounter += 1)}`;
    const browser: Browser = { ...(await signIn(t.app, user.identifier, user.password, { remoteAddress })), remoteAddress };
    return { user, browser };
  };
  const post = (browser: Browser, url: string, fields: Record<string, string>, options: { csrf?: string } = {}) =>
    t.app.inject({ method: 'POST', url, remoteAddress: browser.remoteAddress, headers: { ...form, cookie: browser.cookie }, payload: new URLSearchParams({ _csrf: options.csrf ?? browser.csrfToken, ...fields }).toString() });
  const accountPage = (browser: BrowserCookies) => t.app.inject({ method: 'GET', url: '/tai-khoan', headers: html(browser.cookie) });
  const row = (userId: string) => t.ctx.db.selectFrom('auth_users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const auditOf = async (userId: string, action: string) =>
    (await findAuditRows(t.ctx.db, { communeId: t.communeId, entityId: userId, action, limit: 10, offset: 0 })).map((entry) => ({ action: entry.action, actorUserId: entry.actor_user_id, details: JSON.parse(entry.details) as Record<string, unknown> }));
  const linksTo = (address: string) => smtp.messages.filter((mail) => mail.to.includes(address)).flatMap((mail) => [...mail.text.matchAll(linkPattern)].map((match) => match[1]!));
  const pressConfirm = async (path: string) => {
    const linkPage = await t.app.inject({ method: 'GET', url: path, headers: html() });
    // A refused link's page has no confirm form: a browser that kept an older page still posts.
    const page = csrfOf(linkPage.body) ? linkPage : await t.app.inject({ method: 'GET', url: '/dang-ky', headers: html() });
    return t.app.inject({ method: 'POST', url: '/xac-nhan-email', headers: { ...form, cookie: mergeCookies('', page) }, payload: new URLSearchParams({ _csrf: csrfOf(page.body), token: new URL(path, 'http://x').searchParams.get('token')! }).toString() });
  };

  it('shows the account to the signed-in resident only, linked from the header; staff and anonymous visitors are kept out', async () => {
    const { user, browser } = await resident({ isEmailVerified: false });
    const page = await accountPage(browser);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<h1>Tài khoản của tôi</h1>');
    expect(page.body).toContain('Nguyễn Thị Lan');
    expect(page.body).toContain(`${user.email} (chưa xác nhận)`);
    expect(page.body).toContain('action="/xac-nhan-email/gui-lai"');
    expect(page.body).toContain('Tiếng Việt');
    // The header links the page, marked as the current one.
    expect(page.body).toMatch(/<a class="td-nav__link" href="\/tai-khoan" aria-current="page">Tài khoản của tôi<\/a>/);
    for (const field of ['displayName', 'phone', 'email', 'email-currentPassword', 'currentPassword', 'newPassword']) expect(page.body).toMatch(new RegExp(`<label[^>]+for="${field}"`));
    const home = await t.app.inject({ method: 'GET', url: '/', headers: html(browser.cookie) });
    expect(home.body).toContain('href="/tai-khoan"');

    const anonymous = await t.app.inject({ method: 'GET', url: '/tai-khoan', headers: html() });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe('/dang-nhap?next=%2Ftai-khoan');
    const officer = await t.staff('officer');
    expect((await t.app.inject({ method: 'GET', url: '/tai-khoan', headers: html(officer.cookie) })).statusCode).toBe(403);

    // English is a switch: the same page in English.
    const english = await t.app.inject({ method: 'GET', url: '/tai-khoan', headers: html(`${browser.cookie}; lang=en`) });
    expect(english.body).toContain('<h1>My account</h1>');
    expect(english.body).toContain('(not confirmed)');
  });

  it('changes the name (spaces tidied, audited without the name); an empty or over-long name is refused on the field with the input kept', async () => {
    const { user, browser } = await resident();
    const empty = await post(browser, '/tai-khoan/ho-ten', { displayName: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Nhập họ và tên.');
    expect(empty.body).toContain('href="#displayName"');
    const long = 'Nguyễn '.repeat(30);
    const tooLong = await post(browser, '/tai-khoan/ho-ten', { displayName: long });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('Họ và tên dài quá 120 ký tự');
    expect(tooLong.body).toContain(`value="${long}"`);
    expect((await row(user.id)).display_name).toBe('Nguyễn Thị Lan');

    const saved = await post(browser, '/tai-khoan/ho-ten', { displayName: '  Trần   Văn  Bình ' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/tai-khoan?xong=ten');
    expect((await row(user.id)).display_name).toBe('Trần Văn Bình');
    expect((await row(user.id)).search_text).toContain('tran van binh');
    const done = await t.app.inject({ method: 'GET', url: saved.headers.location, headers: html(browser.cookie) });
    expect(done.body).toContain('Đã lưu họ và tên mới.');
    const [entry] = await auditOf(user.id, 'auth.account.updated');
    expect(entry).toMatchObject({ actorUserId: user.id, details: { fields: ['displayName'] } });
    expect(JSON.stringify(entry)).not.toContain('Bình');
  });

  it("changes the language of the account's messages: the next mail comes in it; audited; a value not offered is refused on the field", async () => {
    const { user, browser } = await resident();
    const page = await accountPage(browser);
    expect(page.body).toMatch(/<input(?=[^>]*name="locale")(?=[^>]*value="vi")[^>]*checked/);
    const bad = await post(browser, '/tai-khoan/ngon-ngu', { locale: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#locale"');
    const missing = await post(browser, '/tai-khoan/ngon-ngu', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Chọn ngôn ngữ nhận tin.');
    expect((await row(user.id)).locale).toBe('vi');

    const saved = await post(browser, '/tai-khoan/ngon-ngu', { locale: 'en' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/tai-khoan?xong=ngon-ngu');
    expect((await row(user.id)).locale).toBe('en');
    const done = await t.app.inject({ method: 'GET', url: saved.headers.location, headers: html(browser.cookie) });
    expect(done.body).toContain('Đã lưu ngôn ngữ nhận tin.');
    // The page itself stays in the visitor's language; the choice shows as made.
    expect(done.body).toMatch(/<input(?=[^>]*name="locale")(?=[^>]*value="en")[^>]*checked/);
    const [entry] = await auditOf(user.id, 'auth.account.updated');
    expect(entry).toMatchObject({ actorUserId: user.id, details: { fields: ['locale'], locale: 'en' } });

    const newEmail = uniqueAddress('tieng.anh');
    expect((await post(browser, '/tai-khoan/email', { email: newEmail, currentPassword: user.password })).statusCode).toBe(303);
    await t.runJobs();
    const mail = await smtp.waitFor((message) => message.to.includes(newEmail));
    expect(mail.subject).toBe('Confirm the e-mail address of your Tiếng Dân account');

    // On the English page the Vietnamese words are marked lang="vi", never shown as markup.
    const english = await t.app.inject({ method: 'GET', url: '/tai-khoan?lang=en', headers: html(browser.cookie) });
    expect(english.body).toContain('<span lang="vi">Tiếng Việt</span>');
    expect(english.body).toContain('<span lang="vi">Nguyễn Thị Lan</span>');
    expect(english.body).not.toContain('&lt;vi&gt;');
  });

  it('changes the phone: normalised, unverified at once (no SMS to the old number or the new one), a code SMSed to the new one, the resident sent to the code page; audited without numbers', async () => {
    const { user, browser } = await resident();
    const oldPhone = user.phone!;
    expect((await findUserContact(t.ctx.db, user.id))!.isPhoneVerified).toBe(true);
    const fresh = uniquePhone();
    const typed = `+84 ${fresh.slice(1, 3)} ${fresh.slice(3, 6)} ${fresh.slice(6)}`;
    const changed = await post(browser, '/tai-khoan/so-dien-thoai', { phone: typed });
    expect(changed.statusCode, changed.body).toBe(303);
    expect(changed.headers.location).toBe('/xac-minh-so-dien-thoai');
    const after = await row(user.id);
    expect(after.phone).toBe(fresh);
    expect(after.phone_verified_at).toBeNull();
    // The notification gate: a case message by SMS now goes nowhere, not to the old number.
    const contact = (await findUserContact(t.ctx.db, user.id))!;
    expect(contact).toMatchObject({ phone: fresh, isPhoneVerified: false });
    const [result] = await sendToUser(t.ctx, user.id, { template: 'auth.email-changed', params: {}, channels: ['sms'] });
    expect(result).toMatchObject({ channel: 'sms', status: 'skipped' });
    expect(await findRecordedMessages(t.ctx.db, { channel: 'sms', recipient: oldPhone })).toEqual([]);

    await t.runJobs();
    const codes = await findRecordedMessages(t.ctx.db, { channel: 'sms', recipient: fresh, template: 'auth.phone-verification' });
    expect(codes).toHaveLength(1);
    const code = /\b(\d{6})\b/.exec(codes[0]!.body)![1]!;
    const verify = await post(browser, '/xac-minh-so-dien-thoai', { code });
    expect(verify.statusCode).toBe(303);
    expect((await findUserContact(t.ctx.db, user.id))!.isPhoneVerified).toBe(true);
    // The old number no longer signs in; the new one does.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { cookie: t.anonymous.cookie, 'x-csrf-token': t.anonymous.csrfToken }, payload: { identifier: oldPhone, password: user.password } })).statusCode).toBe(401);
    await signIn(t.app, fresh, user.password);

    const [entry] = await auditOf(user.id, 'auth.account.updated');
    expect(entry).toMatchObject({ details: { fields: ['phone'], hadPhone: true } });
    expect(JSON.stringify(entry)).not.toContain(fresh);
    expect(JSON.stringify(entry)).not.toContain(oldPhone);
  });

  it("refuses a bad number, another account's number (as sign-up does), and a post without the CSRF token; nothing changes", async () => {
    const { user, browser } = await resident();
    const other = await resident();
    const bad = await post(browser, '/tai-khoan/so-dien-thoai', { phone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Số điện thoại không đúng (ví dụ: 0912 345 678).');
    expect(bad.body).toContain('value="12345"');
    expect(bad.body).toContain('href="#phone"');
    const missing = await post(browser, '/tai-khoan/so-dien-thoai', { phone: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Nhập số điện thoại mới.');

    const typedOther = `${other.user.phone!.slice(0, 4)} ${other.user.phone!.slice(4, 7)} ${other.user.phone!.slice(7)}`;
    const taken = await post(browser, '/tai-khoan/so-dien-thoai', { phone: typedOther });
    expect(taken.statusCode).toBe(409);
    // The words sign-up uses for the same number, and nothing about the other account.
    expect(taken.body).toContain('Số điện thoại này đã có tài khoản.');
    expect(taken.body).not.toContain(other.user.email!);
    expect(taken.body).toContain(`value="${typedOther}"`);

    const noCsrf = await post(browser, '/tai-khoan/so-dien-thoai', { phone: uniquePhone() }, { csrf: 'not-the-token' });
    expect(noCsrf.statusCode).toBe(403);
    for (const [url, fields] of [
      ['/tai-khoan/ho-ten', { displayName: 'Kẻ Lạ' }],
      ['/tai-khoan/email', { email: uniqueAddress('la'), currentPassword: user.password }],
      ['/tai-khoan/mat-khau', { currentPassword: user.password, newPassword: NEW_PASSWORD }],
    ] as const) {
      expect((await post(browser, url, fields, { csrf: '' })).statusCode, url).toBe(403);
    }
    const after = await row(user.id);
    expect(after).toMatchObject({ phone: user.phone, display_name: 'Nguyễn Thị Lan', pending_email: null });
    expect(after.phone_verified_at).not.toBeNull();
    expect(await auditOf(user.id, 'auth.account.updated')).toEqual([]);
  });

  it('an e-mail change waits for the new address to be proved; the old one stays in use, then is told by mail; audited without addresses', async () => {
    const { user, browser } = await resident();
    const oldEmail = user.email!;
    const newEmail = uniqueAddress('moi');
    const wrong = await post(browser, '/tai-khoan/email', { email: newEmail, currentPassword: 'khong-phai-mat-khau' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Mật khẩu hiện tại chưa đúng.');
    expect(wrong.body).toContain('href="#email-currentPassword"');
    expect(wrong.body).toContain(`value="${newEmail}"`);
    expect(wrong.body).not.toContain('khong-phai-mat-khau');
    expect((await row(user.id)).pending_email).toBeNull();
    // The wrong password counts as a failed sign-in: the next try waits a second.
    t.clock.advance(2_000);

    const asked = await post(browser, '/tai-khoan/email', { email: newEmail.toUpperCase(), currentPassword: user.password });
    expect(asked.statusCode, asked.body).toBe(303);
    expect(asked.headers.location).toBe('/tai-khoan?xong=email');
    expect(await row(user.id)).toMatchObject({ email: oldEmail, pending_email: newEmail });
    expect((await row(user.id)).email_verified_at).not.toBeNull();
    const page = await accountPage(browser);
    expect(page.body).toContain(`Đang chờ xác nhận địa chỉ mới: ${newEmail}`);
    // Until proved, the old address signs in and gets the password reset mail.
    await signIn(t.app, oldEmail, user.password);

    await t.runJobs();
    const mail = await smtp.waitFor((message) => message.to.includes(newEmail));
    expect(mail.subject).toBe('Xác nhận địa chỉ e-mail cho tài khoản Tiếng Dân');
    const [path] = linksTo(newEmail);
    const confirmed = await pressConfirm(path!);
    expect(confirmed.statusCode).toBe(303);
    const after = await row(user.id);
    expect(after).toMatchObject({ email: newEmail, pending_email: null });
    expect(after.email_verified_at).not.toBeNull();
    await signIn(t.app, newEmail, user.password);

    await t.runJobs();
    const notice = await smtp.waitFor((message) => message.to.includes(oldEmail) && message.subject.includes('đã được thay đổi'));
    expect(notice.subject).toBe('Địa chỉ e-mail của tài khoản Tiếng Dân đã được thay đổi');
    // The old address is told, not given the new one.
    expect(notice.text).not.toContain(newEmail);
    // A second press of the used link proves nothing more.
    expect((await pressConfirm(path!)).statusCode).toBe(200);

    const entries = [...(await auditOf(user.id, 'auth.account.updated')), ...(await auditOf(user.id, 'auth.email.changed'))];
    expect(entries.map((entry) => entry.action).sort()).toEqual(['auth.account.updated', 'auth.email.changed']);
    expect(JSON.stringify(entries)).not.toContain(newEmail);
    expect(JSON.stringify(entries)).not.toContain(oldEmail);
  });

  it("refuses another account's e-mail as sign-up does; a link for a superseded request proves nothing", async () => {
    const { user, browser } = await resident();
    const other = await resident();
    const taken = await post(browser, '/tai-khoan/email', { email: other.user.email!, currentPassword: user.password });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('Thư điện tử này đã có tài khoản.');
    const bad = await post(browser, '/tai-khoan/email', { email: 'khong-phai-email', currentPassword: user.password });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="khong-phai-email"');
    expect((await row(user.id)).pending_email).toBeNull();

    const first = uniqueAddress('thu.nhat');
    const second = uniqueAddress('thu.hai');
    expect((await post(browser, '/tai-khoan/email', { email: first, currentPassword: user.password })).statusCode).toBe(303);
    await t.runJobs();
    await smtp.waitFor((message) => message.to.includes(first));
    expect((await post(browser, '/tai-khoan/email', { email: second, currentPassword: user.password })).statusCode).toBe(303);
    const [stale] = linksTo(first);
    const refused = await pressConfirm(stale!);
    expect(refused.statusCode).toBe(404);
    expect(await row(user.id)).toMatchObject({ email: user.email, pending_email: second });
  });

  it('cancels a pending e-mail change with one button: the old address stays, the mailed link proves nothing, the change is audited without the address', async () => {
    const { user, browser } = await resident();
    // Nothing pending: no button, and a hand-made post changes nothing.
    expect((await accountPage(browser)).body).not.toContain('action="/tai-khoan/email/huy"');
    const idle = await post(browser, '/tai-khoan/email/huy', {});
    expect(idle.statusCode).toBe(303);
    expect(idle.headers.location).toBe('/tai-khoan');
    expect(await auditOf(user.id, 'auth.account.updated')).toEqual([]);

    const newEmail = uniqueAddress('doi.y');
    expect((await post(browser, '/tai-khoan/email', { email: newEmail, currentPassword: user.password })).statusCode).toBe(303);
    await t.runJobs();
    await smtp.waitFor((message) => message.to.includes(newEmail));
    const pending = await accountPage(browser);
    expect(pending.body).toContain('action="/tai-khoan/email/huy"');
    expect(pending.body).toContain('Hủy đổi địa chỉ e-mail');

    // The form carries the CSRF token like every other.
    expect((await post(browser, '/tai-khoan/email/huy', {}, { csrf: 'sai' })).statusCode).toBe(403);
    expect((await row(user.id)).pending_email).toBe(newEmail);

    const cancelled = await post(browser, '/tai-khoan/email/huy', {});
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toBe('/tai-khoan?xong=huy-email');
    expect(await row(user.id)).toMatchObject({ email: user.email, pending_email: null });
    const after = await t.app.inject({ method: 'GET', url: cancelled.headers.location, headers: html(browser.cookie) });
    expect(after.body).toContain('Đã hủy việc đổi địa chỉ e-mail.');
    expect(after.body).not.toContain(newEmail);
    expect(after.body).not.toContain('action="/tai-khoan/email/huy"');

    const [path] = linksTo(newEmail);
    expect((await pressConfirm(path!)).statusCode).toBe(404);
    expect(await row(user.id)).toMatchObject({ email: user.email, pending_email: null });

    const entries = await auditOf(user.id, 'auth.account.updated');
    expect(entries.map((entry) => entry.details.stage)).toEqual(['cancelled', 'requested']);
    expect(entries[0]!.actorUserId).toBe(user.id);
    expect(JSON.stringify(entries)).not.toContain(newEmail);
  });

  // Only PostgreSQL lets two transactions write at once; SQLite's single writer serialises them, so the
  // existence check before the update already refuses the address (the test above).
  it.runIf(testDialect === 'postgres')('a link confirmed while another account commits the same address is refused, not a 500; nothing changes', async () => {
    const { user, browser } = await resident();
    const other = await resident();
    const contested = uniqueAddress('tranh.chap');
    expect((await post(browser, '/tai-khoan/email', { email: contested, currentPassword: user.password })).statusCode).toBe(303);
    await t.runJobs();
    await smtp.waitFor((message) => message.to.includes(contested));
    const [path] = linksTo(contested);
    // The other account takes the address in a transaction still open while the link is confirmed.
    const rival = await t.ctx.db.startTransaction().execute();
    await rival.updateTable('auth_users').set({ email: contested }).where('id', '=', other.user.id).execute();
    const confirming = pressConfirm(path!);
    // Commit only once the confirmation waits on the unique index, so it is the index that refuses it.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const waiting = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND query ILIKE '%update%auth_users%'`.execute(t.ctx.db);
      if (waiting.rows[0]!.n > 0) break;
      if (Date.now() > deadline) throw new Error('the confirmation never waited on the rival transaction');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await rival.commit().execute();
    const refused = await confirming;
    expect(refused.statusCode).toBe(404);
    expect(await row(user.id)).toMatchObject({ email: user.email, pending_email: contested });
    expect(await row(other.user.id)).toMatchObject({ email: contested });
    expect(await auditOf(user.id, 'auth.email.changed')).toEqual([]);
  });

  it("phone and e-mail changes spend the hour's codes and links: past the limit they are refused on the field and change nothing", async () => {
    const { user, browser } = await resident();
    for (let change = 0; change < PHONE_VERIFICATION_RESEND_PER_HOUR; change += 1) {
      expect((await post(browser, '/tai-khoan/so-dien-thoai', { phone: uniquePhone() })).statusCode).toBe(303);
    }
    const phoneBefore = (await row(user.id)).phone;
    const tooMany = await post(browser, '/tai-khoan/so-dien-thoai', { phone: uniquePhone() });
    expect(tooMany.statusCode).toBe(429);
    expect(tooMany.body).toContain('Bạn đã yêu cầu nhiều mã trong một giờ qua.');
    expect(tooMany.body).toContain('href="#phone"');
    expect((await row(user.id)).phone).toBe(phoneBefore);

    for (let change = 0; change < EMAIL_VERIFICATION_RESEND_PER_HOUR; change += 1) {
      expect((await post(browser, '/tai-khoan/email', { email: uniqueAddress('nhieu'), currentPassword: user.password })).statusCode).toBe(303);
    }
    const pendingBefore = (await row(user.id)).pending_email;
    const tooManyMails = await post(browser, '/tai-khoan/email', { email: uniqueAddress('qua.nhieu'), currentPassword: user.password });
    expect(tooManyMails.statusCode).toBe(429);
    expect(tooManyMails.body).toContain('Bạn đã yêu cầu nhiều liên kết trong một giờ qua.');
    expect((await row(user.id)).pending_email).toBe(pendingBefore);
    // An hour later the resident may go on.
    t.clock.advance(61 * 60_000);
    expect((await post(browser, '/tai-khoan/so-dien-thoai', { phone: uniquePhone() })).statusCode).toBe(303);
  });

  it('changes the password: the current one checked under the sign-in throttle, the new one held to the sign-up rules, argon2id, other sessions signed out', async () => {
    const { user, browser } = await resident();
    const elsewhere = await signIn(t.app, user.identifier, user.password);
    const short = await post(browser, '/tai-khoan/mat-khau', { currentPassword: user.password, newPassword: 'ngan' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('href="#newPassword"');
    const common = await post(browser, '/tai-khoan/mat-khau', { currentPassword: user.password, newPassword: '1234567890' });
    expect(common.body).toContain('Mật khẩu này quá dễ đoán.');
    const missing = await post(browser, '/tai-khoan/mat-khau', { newPassword: NEW_PASSWORD });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Nhập mật khẩu hiện tại của bạn.');
    const before = (await row(user.id)).password_hash;

    const wrong = await post(browser, '/tai-khoan/mat-khau', { currentPassword: 'sai-mat-khau-roi', newPassword: NEW_PASSWORD });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Mật khẩu hiện tại chưa đúng.');
    // Counted as a failed sign-in of the account: the next try must wait, here as on the sign-in page.
    const throttle = await t.ctx.db.selectFrom('auth_login_throttle').selectAll().where('key', '=', `id:${user.email}`).executeTakeFirst();
    expect(throttle?.failures).toBe(1);
    const tooSoon = await post(browser, '/tai-khoan/mat-khau', { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.headers['retry-after']).toBeDefined();
    expect((await row(user.id)).password_hash).toBe(before);
    t.clock.advance(60_000);

    const changed = await post(browser, '/tai-khoan/mat-khau', { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(changed.statusCode, changed.body).toBe(303);
    expect(changed.headers.location).toBe('/tai-khoan?xong=mat-khau');
    const hash = (await row(user.id)).password_hash!;
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).not.toContain(NEW_PASSWORD);
    // This browser stays signed in; the other session is gone.
    expect((await t.app.inject({ method: 'GET', url: changed.headers.location, headers: html(browser.cookie) })).body).toContain('Đã đổi mật khẩu.');
    const other = await accountPage(elsewhere);
    expect(other.statusCode).toBe(302);
    expect(await t.ctx.db.selectFrom('auth_sessions').select('id').where('user_id', '=', user.id).execute()).toHaveLength(1);
    await signIn(t.app, user.identifier, NEW_PASSWORD);
    await expect(signIn(t.app, user.identifier, user.password)).rejects.toThrow(/401/);
    const [entry] = await auditOf(user.id, 'auth.password.changed');
    expect(entry).toMatchObject({ actorUserId: user.id, details: { otherSessionsEnded: true } });
  });

  it('five wrong current passwords lock the account like five wrong sign-ins', async () => {
    const { user, browser } = await resident();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await post(browser, '/tai-khoan/mat-khau', { currentPassword: `sai-mat-khau-${attempt}`, newPassword: NEW_PASSWORD });
      expect(wrong.statusCode).toBe(400);
      t.clock.advance(60_000);
    }
    const locked = await post(browser, '/tai-khoan/mat-khau', { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('Bạn đã nhập sai quá nhiều lần.');
    await expect(signIn(t.app, user.identifier, user.password)).rejects.toThrow(/429/);
  });
});
