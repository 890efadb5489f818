/**
 * E-mail verification of resident accounts (LAW-PDP-04/05: an address is matched to an account only
 * once its owner proved it is theirs). Sign-up through the portal form with JavaScript off, the mail
 * through the real worker and a real SMTP server, the link's page (a GET changes nothing, the button
 * verifies), single use, expiry and a new link. Runs on SQLite and PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCookies } from '../../../test/kit/auth.js';
import { testDialect } from '../../../test/kit/app.js';
import type { TestSmtpServer } from '../../../test/kit/smtp.js';
import { buildCasesMailTestApp, type CasesTestApp } from '../../modules/cases/cases-test-kit.js';
import { findAuditRows } from '../audit/audit-log.js';
import { newId } from '../contract/ids.js';
import { EMAIL_VERIFICATION_RESEND_PER_HOUR, EMAIL_VERIFICATION_TTL_HOURS } from './index.js';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const linkPattern = /https?:\/\/[^\s/]+(\/xac-nhan-email\?token=[A-Za-z0-9_-]+)/g;

describe(`e-mail verification of resident accounts on ${testDialect} (LAW-PDP-04/05)`, () => {
  let t: CasesTestApp;
  let smtp: TestSmtpServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await buildCasesMailTestApp());
  });
  afterAll(async () => close());

  const html = (cookie = '') => ({ accept: 'text/html', ...(cookie ? { cookie } : {}) });
  const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
  /** Sign up on /dang-ky as a browser without JavaScript; the browser's cookies after. */
  const signUpByForm = async (email: string) => {
    const page = await t.app.inject({ method: 'GET', url: '/dang-ky', headers: html() });
    const response = await t.app.inject({
      method: 'POST',
      url: '/dang-ky',
      headers: { ...form, cookie: mergeCookies('', page) },
      payload: new URLSearchParams({ _csrf: csrfOf(page.body), displayName: 'Trần Thị Xác', contact: email, password: 'mot-mat-khau-dai-du-2026', consent: 'yes' }).toString(),
    });
    expect(response.statusCode, response.body).toBe(303);
    return mergeCookies(mergeCookies('', page), response);
  };
  const linksTo = (address: string) => smtp.messages.filter((mail) => mail.to.includes(address)).flatMap((mail) => [...mail.text.matchAll(linkPattern)].map((match) => match[1]!));
  const tokenOf = (path: string) => new URL(path, 'http://x').searchParams.get('token')!;
  /** Press the page's button, as a browser without JavaScript does. */
  const pressConfirm = async (path: string) => {
    const linkPage = await t.app.inject({ method: 'GET', url: path, headers: html() });
    // A used or expired link's page has no confirm form: a browser that kept an older page still posts.
    const page = csrfOf(linkPage.body) ? linkPage : await t.app.inject({ method: 'GET', url: '/dang-ky', headers: html() });
    return t.app.inject({ method: 'POST', url: '/xac-nhan-email', headers: { ...form, cookie: mergeCookies('', page) }, payload: new URLSearchParams({ _csrf: csrfOf(page.body), token: tokenOf(path) }).toString() });
  };
  const accountOf = (email: string) => t.ctx.db.selectFrom('auth_users').select(['id', 'email_verified_at']).where('email', '=', email).executeTakeFirstOrThrow();
  const uniqueAddress = (name: string) => `${name}.${newId().slice(-8)}@gmail.com`;

  it('sign-up mails one link; only its hash is stored; a GET verifies nothing; the button verifies once, audited', async () => {
    const email = uniqueAddress('xac.nhan');
    const browser = await signUpByForm(email);
    const unverifiedNotice = 'E-mail của tài khoản bạn chưa được xác nhận.';
    const home = await t.app.inject({ method: 'GET', url: '/', headers: html(browser) });
    expect(home.body).toContain(unverifiedNotice);
    expect(home.body).toContain('action="/xac-nhan-email/gui-lai"');
    await t.runJobs();
    const mail = await smtp.waitFor((message) => message.to.includes(email));
    expect(mail.subject).toBe('Xác nhận địa chỉ e-mail cho tài khoản Tiếng Dân');
    const [path] = linksTo(email);
    expect(path).toBeDefined();
    const account = await accountOf(email);
    expect(account.email_verified_at).toBeNull();
    const tokens = await t.ctx.db.selectFrom('auth_email_verification_tokens').select(['token_hash', 'expires_at', 'created_at']).where('user_id', '=', account.id).execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.token_hash).toBe(createHash('sha256').update(tokenOf(path!)).digest('hex'));
    expect(JSON.stringify(tokens)).not.toContain(tokenOf(path!));
    expect(new Date(tokens[0]!.expires_at).getTime() - new Date(tokens[0]!.created_at).getTime()).toBe(EMAIL_VERIFICATION_TTL_HOURS * 3_600_000);

    // A mail scanner's prefetch (a GET) shows the page with the button and changes nothing.
    const page = await t.app.inject({ method: 'GET', url: path!, headers: html() });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Xác nhận e-mail');
    expect(page.body).toContain('action="/xac-nhan-email"');
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await accountOf(email)).email_verified_at).toBeNull();

    const confirmed = await pressConfirm(path!);
    expect(confirmed.statusCode, confirmed.body).toBe(303);
    const done = await t.app.inject({ method: 'GET', url: String(confirmed.headers.location), headers: html() });
    expect(done.body).toContain('Địa chỉ e-mail của tài khoản bạn đã được xác nhận.');
    expect((await accountOf(email)).email_verified_at).not.toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/', headers: html(browser) })).body).not.toContain(unverifiedNotice);
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'auth.email.verified', entityId: account.id, limit: 10, offset: 0 });
    expect(audit).toHaveLength(1);
    // The audit row names the account, never the address.
    expect(JSON.stringify(audit)).not.toContain(email);

    // Used: a clear page, nothing changes, no second audit row.
    const reused = await pressConfirm(path!);
    expect(reused.statusCode).toBe(200);
    expect(reused.body).toContain('Liên kết này đã được dùng');
    const english = await t.app.inject({ method: 'GET', url: path!, headers: html('lang=en') });
    expect(english.body).toContain('This link was already used');
    expect(await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'auth.email.verified', entityId: account.id, limit: 10, offset: 0 })).toHaveLength(1);
  });

  it('an expired link verifies nothing, says so in both languages, and offers a new link that works', async () => {
    const email = uniqueAddress('het.han');
    await signUpByForm(email);
    await t.runJobs();
    await smtp.waitFor((message) => message.to.includes(email));
    const [oldPath] = linksTo(email);
    t.clock.advance((EMAIL_VERIFICATION_TTL_HOURS + 1) * 3_600_000);

    const expired = await t.app.inject({ method: 'GET', url: oldPath!, headers: html() });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('Liên kết đã hết hạn');
    expect(expired.body).toContain('action="/xac-nhan-email/gui-lai"');
    expect((await t.app.inject({ method: 'GET', url: oldPath!, headers: html('lang=en') })).body).toContain('This link has expired');
    const pressed = await pressConfirm(oldPath!);
    expect(pressed.statusCode).toBe(410);
    expect((await accountOf(email)).email_verified_at).toBeNull();

    // "Gửi liên kết mới" on the expired page (no sign-in needed: the link names the account).
    const resend = await t.app.inject({ method: 'POST', url: '/xac-nhan-email/gui-lai', headers: { ...form, cookie: mergeCookies('', expired) }, payload: new URLSearchParams({ _csrf: csrfOf(expired.body), token: tokenOf(oldPath!) }).toString() });
    expect(resend.statusCode, resend.body).toBe(303);
    await t.runJobs();
    await smtp.waitFor((message) => message.to.includes(email) && linksTo(email).length === 2);
    const newPath = linksTo(email)[1]!;
    expect(newPath).not.toBe(oldPath);
    expect((await pressConfirm(newPath)).statusCode).toBe(303);
    expect((await accountOf(email)).email_verified_at).not.toBeNull();
  });

  it(`new links are limited to ${EMAIL_VERIFICATION_RESEND_PER_HOUR} an hour per account, with a localised 429; an unknown link is a 404 page`, async () => {
    const email = uniqueAddress('gioi.han');
    await signUpByForm(email);
    await t.runJobs();
    const [path] = linksTo(email);
    const page = await t.app.inject({ method: 'GET', url: path!, headers: html() });
    const resend = () => t.app.inject({ method: 'POST', url: '/xac-nhan-email/gui-lai', headers: { ...form, cookie: mergeCookies('', page) }, payload: new URLSearchParams({ _csrf: csrfOf(page.body), token: tokenOf(path!) }).toString() });
    for (let sent = 1; sent < EMAIL_VERIFICATION_RESEND_PER_HOUR; sent += 1) {
      expect((await resend()).statusCode).toBe(303);
      await t.runJobs();
    }
    const limited = await resend();
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Bạn đã yêu cầu nhiều liên kết trong một giờ qua.');
    const unknown = await t.app.inject({ method: 'GET', url: '/xac-nhan-email?token=khong-co-that', headers: html() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Liên kết không hợp lệ');
  });

  it('an admin changing the e-mail makes it unverified again, kills the old links and mails the new address', async () => {
    const email = uniqueAddress('doi.dia.chi');
    await signUpByForm(email);
    await t.runJobs();
    const staleLink = linksTo(email)[0]!;
    const { id } = await accountOf(email);
    // As if verified by another link: the one above stays unused.
    await t.ctx.db.updateTable('auth_users').set({ email_verified_at: t.clock.clock().toISOString() }).where('id', '=', id).execute();
    const admin = await t.staff('admin');

    const newEmail = uniqueAddress('dia.chi.moi');
    const changed = await t.inject('PATCH', `/api/v1/admin/users/${id}`, admin, { email: newEmail });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await accountOf(newEmail)).email_verified_at).toBeNull();
    // The link mailed to the old address no longer verifies anything.
    expect((await t.app.inject({ method: 'GET', url: staleLink, headers: html() })).statusCode).toBe(404);
    await t.runJobs();
    await smtp.waitFor((message) => message.to.includes(newEmail));
    expect((await pressConfirm(linksTo(newEmail)[0]!)).statusCode).toBe(303);
    expect((await accountOf(newEmail)).email_verified_at).not.toBeNull();
  });
});
