/**
 * Phone verification of resident accounts (LAW-PDP-06: a number typed at sign-up gets no SMS until
 * its owner proved it theirs). Sign-up through the portal form with JavaScript off, the code through
 * the real worker and the recording SMS channel (read back from the delivery log), wrong tries, the
 * void after 5, expiry, single use, the hourly limit, a changed number, SMS notifications withheld
 * until the phone is verified, the purge of expired codes, and bad input. Runs on SQLite and PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCookies, type BrowserCookies } from '../../../test/kit/auth.js';
import { testDialect } from '../../../test/kit/app.js';
import { buildCasesTestApp, type CasesTestApp } from '../../modules/cases/cases-test-kit.js';
import { findRecordedMessages } from '../../modules/notifications/server/index.js';
import { findAuditRows } from '../audit/audit-log.js';
import { PHONE_VERIFICATION_MAX_ATTEMPTS, PHONE_VERIFICATION_RESEND_PER_HOUR, PHONE_VERIFICATION_TTL_MINUTES } from './index.js';
import { purgeExpiredAuthTokens } from './use-cases/purge-expired-tokens.js';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
let phoneCounter = 0;
let addressCounter = 0;
/** A mobile number nobody else in this run uses. */
const uniquePhone = () => `097${String((Date.now() + (phoneCounter += 1)) % 10_000_000).padStart(7, '0')}`;

describe(`phone verification of resident accounts on ${testDialect} (LAW-PDP-06)`, () => {
  let t: CasesTestApp;
  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => t.close());

  const html = (cookie = '') => ({ accept: 'text/html', ...(cookie ? { cookie } : {}) });
  const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
  /** Sign up on /dang-ky with a phone, as a browser without JavaScript; the browser's cookies and CSRF token. */
  const signUpByForm = async (phone: string): Promise<BrowserCookies & { remoteAddress: string }> => {
    // One address per resident: the per-address route limits are not what these tests are about.
    const remoteAddress = `10.77.0.${(addressCounter += 1)}`;
    const page = await t.app.inject({ method: 'GET', url: '/dang-ky', headers: html() });
    const response = await t.app.inject({
      method: 'POST',
      url: '/dang-ky',
      remoteAddress,
      headers: { ...form, cookie: mergeCookies('', page) },
      payload: new URLSearchParams({ _csrf: csrfOf(page.body), displayName: 'Lê Thị Số', contact: phone, password: 'mot-mat-khau-dai-du-2026', consent: 'yes' }).toString(),
    });
    expect(response.statusCode, response.body).toBe(303);
    // Sign-up with a phone leads to the page where the code is typed.
    expect(response.headers.location).toBe('/xac-minh-so-dien-thoai');
    return { cookie: mergeCookies(mergeCookies('', page), response), csrfToken: csrfOf(page.body), remoteAddress };
  };
  const smsTo = async (phone: string) => (await findRecordedMessages(t.ctx.db, { channel: 'sms', recipient: phone, template: 'auth.phone-verification' })).map((message) => /\b(\d{6})\b/.exec(message.body)![1]!);
  const latestCode = async (phone: string) => (await smsTo(phone)).at(-1)!;
  type Browser = BrowserCookies & { remoteAddress: string };
  const post = (browser: Browser, url: string, fields: Record<string, string> = {}, lang = '') =>
    t.app.inject({ method: 'POST', url, remoteAddress: browser.remoteAddress, headers: { ...form, cookie: lang ? `${browser.cookie}; lang=${lang}` : browser.cookie }, payload: new URLSearchParams({ _csrf: browser.csrfToken, ...fields }).toString() });
  const enterCode = (browser: Browser, code: string, lang = '') => post(browser, '/xac-minh-so-dien-thoai', { code }, lang);
  /** "Gửi mã mới", a second later (the delivery log lists messages by time). */
  const resend = (browser: Browser) => {
    t.clock.advance(1_000);
    return post(browser, '/xac-minh-so-dien-thoai/gui-lai');
  };
  const accountOf = (phone: string) => t.ctx.db.selectFrom('auth_users').select(['id', 'phone_verified_at']).where('phone', '=', phone).executeTakeFirstOrThrow();
  const codesOf = (userId: string) => t.ctx.db.selectFrom('auth_phone_verification_codes').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  const wrongCodeFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('sign-up SMSes one code; only a keyed digest is stored; a wrong code is counted and named on the field; the right one verifies, audited', async () => {
    const phone = uniquePhone();
    const browser = await signUpByForm(phone);
    const page = await t.app.inject({ method: 'GET', url: '/xac-minh-so-dien-thoai', headers: html(browser.cookie) });
    expect(page.statusCode).toBe(200);
    // HTML attribute names are case-insensitive (React writes autoComplete, inputMode).
    expect(page.body.toLowerCase()).toContain('autocomplete="one-time-code"');
    expect(page.body.toLowerCase()).toContain('inputmode="numeric"');
    expect(page.body).toMatch(/<label[^>]+for="code"/);
    expect(page.body).toContain('action="/xac-minh-so-dien-thoai/gui-lai"');
    const home = await t.app.inject({ method: 'GET', url: '/', headers: html(browser.cookie) });
    expect(home.body).toContain('chưa xác minh');
    expect(home.body).toContain('href="/xac-minh-so-dien-thoai"');

    await t.runJobs();
    const sent = await smsTo(phone);
    expect(sent).toHaveLength(1);
    const code = sent[0]!;
    const account = await accountOf(phone);
    expect(account.phone_verified_at).toBeNull();
    const [row] = await codesOf(account.id);
    expect(row!.code_hash).not.toContain(code);
    expect(row!.code_hash).not.toBe(createHash('sha256').update(code).digest('hex'));
    expect(new Date(row!.expires_at).getTime() - new Date(row!.created_at).getTime()).toBe(PHONE_VERIFICATION_TTL_MINUTES * 60_000);

    const wrong = await enterCode(browser, wrongCodeFor(code));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain(`Bạn còn ${PHONE_VERIFICATION_MAX_ATTEMPTS - 1} lần thử với mã này.`);
    expect(wrong.body).toContain('href="#code"');
    expect(wrong.body).toContain('aria-invalid="true"');
    expect(wrong.body).toContain(`value="${wrongCodeFor(code)}"`);
    expect((await codesOf(account.id))[0]!.attempts).toBe(1);

    const right = await enterCode(browser, code);
    expect(right.statusCode, right.body).toBe(303);
    const done = await t.app.inject({ method: 'GET', url: String(right.headers.location), headers: html(browser.cookie) });
    expect(done.body).toContain('Đã xác minh số điện thoại');
    expect((await accountOf(phone)).phone_verified_at).not.toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/', headers: html(browser.cookie) })).body).toContain('đã xác minh');
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'auth.phone.verified', entityId: account.id, limit: 10, offset: 0 });
    expect(audit).toHaveLength(1);
    // The audit row names the account, never the number.
    expect(JSON.stringify(audit)).not.toContain(phone);
    expect(JSON.stringify(audit)).not.toContain(phone.slice(1));

    // Used once: were the phone unverified again, the same code proves nothing.
    await t.ctx.db.updateTable('auth_users').set({ phone_verified_at: null }).where('id', '=', account.id).execute();
    const reused = await enterCode(browser, code);
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain('Chưa có mã nào còn dùng được.');
    expect((await accountOf(phone)).phone_verified_at).toBeNull();
  });

  it(`${PHONE_VERIFICATION_MAX_ATTEMPTS} wrong tries void the code (even the right one then fails); a new code works`, async () => {
    const phone = uniquePhone();
    const browser = await signUpByForm(phone);
    await t.runJobs();
    const code = await latestCode(phone);
    for (let tries = 1; tries < PHONE_VERIFICATION_MAX_ATTEMPTS; tries += 1) {
      const wrong = await enterCode(browser, wrongCodeFor(code));
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain(`Bạn còn ${PHONE_VERIFICATION_MAX_ATTEMPTS - tries} lần thử`);
    }
    const last = await enterCode(browser, wrongCodeFor(code));
    expect(last.statusCode).toBe(400);
    expect(last.body).toContain(`Mã này đã bị hủy vì nhập sai ${PHONE_VERIFICATION_MAX_ATTEMPTS} lần.`);
    const rightButVoid = await enterCode(browser, code, 'en');
    expect(rightButVoid.statusCode).toBe(400);
    expect(rightButVoid.body).toContain(`This code was cancelled after ${PHONE_VERIFICATION_MAX_ATTEMPTS} wrong tries.`);
    expect((await accountOf(phone)).phone_verified_at).toBeNull();

    expect((await resend(browser)).statusCode).toBe(303);
    await t.runJobs();
    const fresh = await latestCode(phone);
    expect(await smsTo(phone)).toHaveLength(2);
    expect((await enterCode(browser, fresh)).statusCode).toBe(303);
    expect((await accountOf(phone)).phone_verified_at).not.toBeNull();
  });

  it('requests queued before their jobs ran count against the limit: no page says "sent" for a code that never comes', async () => {
    const phone = uniquePhone();
    const browser = await signUpByForm(phone);
    // Quick taps, no job run between them: the sign-up's request and two more fill the hour.
    for (let sent = 1; sent < PHONE_VERIFICATION_RESEND_PER_HOUR; sent += 1) expect((await resend(browser)).headers.location).toBe('/xac-minh-so-dien-thoai?da-gui=1');
    expect((await resend(browser)).statusCode).toBe(429);
    await t.runJobs();
    // Every "sent" page got its SMS.
    expect(await smsTo(phone)).toHaveLength(PHONE_VERIFICATION_RESEND_PER_HOUR);
  });

  it('an expired code verifies nothing and says so in both languages', async () => {
    const phone = uniquePhone();
    const browser = await signUpByForm(phone);
    await t.runJobs();
    const code = await latestCode(phone);
    t.clock.advance((PHONE_VERIFICATION_TTL_MINUTES + 1) * 60_000);
    const expired = await enterCode(browser, code);
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toContain('Mã xác minh đã hết hạn.');
    expect((await enterCode(browser, code, 'en')).body).toContain('The verification code has expired.');
    expect((await accountOf(phone)).phone_verified_at).toBeNull();
  });

  it(`new codes are limited to ${PHONE_VERIFICATION_RESEND_PER_HOUR} an hour per account, with a localised 429`, async () => {
    const phone = uniquePhone();
    const browser = await signUpByForm(phone);
    await t.runJobs();
    for (let sent = 1; sent < PHONE_VERIFICATION_RESEND_PER_HOUR; sent += 1) {
      const again = await resend(browser);
      expect(again.statusCode).toBe(303);
      expect(again.headers.location).toBe('/xac-minh-so-dien-thoai?da-gui=1');
      await t.runJobs();
    }
    const limited = await resend(browser);
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Bạn đã yêu cầu nhiều mã trong một giờ qua.');
    await t.runJobs();
    expect(await smsTo(phone)).toHaveLength(PHONE_VERIFICATION_RESEND_PER_HOUR);
    // Each new code ends the older ones: only the newest verifies.
    const codes = await smsTo(phone);
    if (codes[0] !== codes.at(-1)) expect((await enterCode(browser, codes[0]!)).statusCode).toBe(400);
    expect((await enterCode(browser, codes.at(-1)!)).statusCode).toBe(303);
  });

  it('bad input is a localised 400 naming the field, the text kept, no try spent; never a 500', async () => {
    const phone = uniquePhone();
    const browser = await signUpByForm(phone);
    await t.runJobs();
    const { id } = await accountOf(phone);
    const cases: Array<[string, string, string]> = [
      ['', 'Mã xác minh: Nhập mã xác minh gồm 6 chữ số trong tin nhắn.', 'Verification code: Enter the 6-digit verification code from the text message.'],
      ['abcdef', 'Mã xác minh: Mã xác minh gồm đúng 6 chữ số', 'Verification code: The verification code is exactly 6 digits'],
      ['1234567', 'Mã xác minh: Mã xác minh gồm đúng 6 chữ số', 'Verification code: The verification code is exactly 6 digits'],
    ];
    for (const [input, vi, en] of cases) {
      const response = await enterCode(browser, input);
      expect(response.statusCode, input).toBe(400);
      expect(response.body).toContain(vi);
      expect(response.body).toContain('href="#code"');
      if (input) expect(response.body).toContain(`value="${input}"`);
      const english = await enterCode(browser, input, 'en');
      expect(english.statusCode).toBe(400);
      expect(english.body).toContain(en);
    }
    expect((await codesOf(id))[0]!.attempts).toBe(0);
    // Both forms need the page's CSRF token.
    for (const url of ['/xac-minh-so-dien-thoai', '/xac-minh-so-dien-thoai/gui-lai']) {
      const forged = await t.app.inject({ method: 'POST', url, remoteAddress: browser.remoteAddress, headers: { ...form, cookie: browser.cookie }, payload: 'code=123456' });
      expect(forged.statusCode, url).toBe(403);
    }
    // Without a session the page asks to sign in; a staff account may not use it (least privilege).
    expect((await t.app.inject({ method: 'GET', url: '/xac-minh-so-dien-thoai', headers: html() })).statusCode).toBe(302);
    const staff = await t.staff('admin');
    expect((await t.app.inject({ method: 'GET', url: '/xac-minh-so-dien-thoai', headers: html(staff.cookie) })).statusCode).toBe(403);
  });

  it('an admin changing the phone makes it unverified again, kills the old codes and SMSes the new number', async () => {
    const phone = uniquePhone();
    const browser = await signUpByForm(phone);
    await t.runJobs();
    const stale = await latestCode(phone);
    const { id } = await accountOf(phone);
    await t.ctx.db.updateTable('auth_users').set({ phone_verified_at: t.clock.clock().toISOString() }).where('id', '=', id).execute();
    const admin = await t.staff('admin');
    const newPhone = uniquePhone();
    const changed = await t.inject('PATCH', `/api/v1/admin/users/${id}`, admin, { phone: newPhone });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await accountOf(newPhone)).phone_verified_at).toBeNull();
    expect(await codesOf(id)).toHaveLength(0);
    // The code sent to the old number verifies nothing.
    expect((await enterCode(browser, stale)).statusCode).toBe(400);
    await t.runJobs();
    expect((await enterCode(browser, await latestCode(newPhone))).statusCode).toBe(303);
    expect((await accountOf(newPhone)).phone_verified_at).not.toBeNull();
  });

  it('SMS notifications to the account wait until its phone is verified, then go', async () => {
    const phone = uniquePhone();
    const browser = await signUpByForm(phone);
    const statusSms = async (code: string) => (await findRecordedMessages(t.ctx.db, { channel: 'sms', template: 'cases.status-changed' })).filter((message) => message.body.includes(code));
    const submitSignedIn = async () => {
      const response = await t.inject('POST', '/api/v1/cases', browser, {
        kind: 'feedback',
        categoryId: t.categoryIds.ROADS,
        areaId: t.areaIds['TDP-NQ1'],
        title: 'Ổ gà trên đường làng',
        description: 'Đường trước nhà văn hóa có ổ gà lớn.',
        privacy: 'handler_only',
        submitter: { fullName: 'Lê Thị Số', address: 'Tổ dân phố Như Quỳnh 1' },
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ code: string }>().code;
    };
    const before = await submitSignedIn();
    await t.runJobs();
    expect(await statusSms(before)).toHaveLength(0);

    expect((await enterCode(browser, await latestCode(phone))).statusCode).toBe(303);
    const after = await submitSignedIn();
    await t.runJobs();
    const sent = await statusSms(after);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.recipient).toBe(phone);
  });

  it('expired codes are purged by the hourly auth.purge-expired-tokens after the grace period; fresh and recently expired ones stay', async () => {
    const oldPhone = uniquePhone();
    await signUpByForm(oldPhone);
    await t.runJobs();
    const old = await accountOf(oldPhone);
    t.clock.advance((t.ctx.config.expiredTokenGraceDays - 1) * 86_400_000);
    const recentPhone = uniquePhone();
    await signUpByForm(recentPhone);
    await t.runJobs();
    const recent = await accountOf(recentPhone);
    // The old code expired less than the grace period ago: the job keeps it.
    expect(await codesOf(old.id)).toHaveLength(1);

    t.clock.advance(2 * 86_400_000);
    const freshPhone = uniquePhone();
    await signUpByForm(freshPhone);
    // The job's hourly schedule comes round in this run of the worker.
    await t.runJobs();
    expect(await codesOf(old.id)).toHaveLength(0);
    expect(await codesOf(recent.id)).toHaveLength(1);
    expect(await codesOf((await accountOf(freshPhone)).id)).toHaveLength(1);
    // Nothing left for a direct run either.
    await purgeExpiredAuthTokens(t.ctx);
    expect(await codesOf(recent.id)).toHaveLength(1);
  });
});
