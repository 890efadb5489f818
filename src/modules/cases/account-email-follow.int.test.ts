/**
 * Follows and the account's e-mail verification (LAW-PDP-05: consent from the data subject; LAW-PDP-04:
 * only they see or withdraw it). A signed-in resident whose e-mail is not verified gets a pending follow
 * confirmed from the mail, like a typed address; a verified one follows at once. A follow typed with
 * the account's address shows as the account's own (with the stop button) only once the address is
 * verified, never before. Real SMTP, real worker, forms as a browser without JavaScript sends them.
 * Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, mergeCookies, signIn, type BrowserCookies } from '../../../test/kit/auth.js';
import { testDialect } from '../../../test/kit/app.js';
import type { TestSmtpServer } from '../../../test/kit/smtp.js';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { newId } from '../../core/contract/ids.js';
import { buildCasesMailTestApp, confirmFollowAt, confirmPathIn, type CasesTestApp } from './cases-test-kit.js';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const verifyLinkPattern = /https?:\/\/[^\s/]+(\/xac-nhan-email\?token=[A-Za-z0-9_-]+)/;

describe(`cases: follows of a signed-in resident and their e-mail verification on ${testDialect} (LAW-PDP-04/05)`, () => {
  let t: CasesTestApp;
  let smtp: TestSmtpServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await buildCasesMailTestApp());
  });
  afterAll(async () => close());

  const uniqueAddress = (name: string) => `${name}.${newId().slice(-8)}@gmail.com`;
  const residentWith = async (email: string, isEmailVerified: boolean) => {
    const user = await createTestUser(t.ctx, { kind: 'resident', communeId: t.communeId, email, isEmailVerified });
    return { userId: user.id, ...(await signIn(t.app, user.identifier, user.password)) };
  };
  const pageOf = (code: string, session: BrowserCookies | null, language = 'vi') =>
    t.app.inject({ method: 'GET', url: `/tra-cuu/${encodeURIComponent(code)}`, headers: { accept: 'text/html', cookie: [session?.cookie, `lang=${language}`].filter(Boolean).join('; ') } });
  /** Press a button of the status page as a browser without JavaScript does. */
  const press = async (code: string, suffix: string, session: BrowserCookies | null, fields: Record<string, string> = {}) => {
    const page = await pageOf(code, session);
    return t.app.inject({
      method: 'POST',
      url: `/tra-cuu/${encodeURIComponent(code)}/${suffix}`,
      headers: { accept: 'text/html', cookie: mergeCookies(session?.cookie ?? '', page), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(page.body), ...fields }).toString(),
    });
  };
  const mailsTo = (address: string) => smtp.messages.filter((mail) => mail.to.includes(address));
  /** The signed-in resident asks for a verification link and presses the button on its page. */
  const verifyEmailOf = async (session: BrowserCookies, address: string) => {
    const before = mailsTo(address).length;
    const resend = await t.app.inject({ method: 'POST', url: '/xac-nhan-email/gui-lai', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: new URLSearchParams({ _csrf: session.csrfToken }).toString() });
    expect(resend.statusCode, resend.body).toBe(303);
    await t.runJobs();
    const mail = await smtp.waitFor((message) => message.to.includes(address) && verifyLinkPattern.test(message.text) && mailsTo(address).length > before);
    const path = verifyLinkPattern.exec(mail.text)![1]!;
    const page = await t.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
    const pressed = await t.app.inject({ method: 'POST', url: '/xac-nhan-email', headers: { cookie: mergeCookies('', page), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: new URLSearchParams({ _csrf: csrfOf(page.body), token: new URL(path, 'http://x').searchParams.get('token')! }).toString() });
    expect(pressed.statusCode, pressed.body).toBe(303);
  };
  const followingText = 'Bạn đang theo dõi việc này. Tin báo được gửi theo tài khoản của bạn.';
  const stopAction = (code: string) => `action="/tra-cuu/${code}/ngung-theo-doi"`;
  const followersOf = (caseId: string) => t.ctx.db.selectFrom('cases_followers').select(['id', 'user_id', 'email', 'confirmed_at', 'stopped_at']).where('case_id', '=', caseId).execute();

  it('LAW-PDP-05: an unverified account\'s follow is pending and confirmed from the mail; it shows as theirs only after verification', async () => {
    const created = await t.submit();
    const email = uniqueAddress('chua.xac.nhan');
    const resident = await residentWith(email, false);

    const followed = await press(created.code, 'theo-doi', resident);
    expect(followed.statusCode, followed.body).toBe(303);
    expect(String(followed.headers.location)).toContain('xong=follow-pending-account');
    const flash = await t.app.inject({ method: 'GET', url: String(followed.headers.location), headers: { accept: 'text/html', cookie: resident.cookie } });
    expect(flash.body).toContain('E-mail của tài khoản bạn chưa được xác nhận, nên chúng tôi đã gửi thư xác nhận tới địa chỉ đó.');
    // Pending: a row of the address, naming no account, not confirmed.
    expect(await followersOf(created.id)).toEqual([expect.objectContaining({ user_id: null, email, confirmed_at: null })]);
    expect((await pageOf(created.code, resident)).body).not.toContain(followingText);

    await t.runJobs();
    const confirmation = await smtp.waitFor((mail) => mail.to.includes(email) && mail.text.includes('/xac-nhan-theo-doi?t='));
    expect((await confirmFollowAt(t.app, confirmPathIn(confirmation.text))).statusCode).toBe(303);
    expect((await followersOf(created.id))[0]!.confirmed_at).not.toBeNull();
    // Confirmed by the mailbox's owner, but the account's address is still unproved: not shown as theirs.
    expect((await pageOf(created.code, resident)).body).not.toContain(followingText);

    await verifyEmailOf(resident, email);
    const after = await pageOf(created.code, resident);
    expect(after.body).toContain(followingText);
    expect(after.body).toContain(stopAction(created.code));
    expect((await pageOf(created.code, resident, 'en')).body).toContain('You follow this case.');
  });

  it('a verified account follows at once, with no confirmation mail', async () => {
    const created = await t.submit();
    const email = uniqueAddress('da.xac.nhan');
    const resident = await residentWith(email, true);
    const followed = await press(created.code, 'theo-doi', resident);
    expect(String(followed.headers.location)).toContain('xong=followed');
    expect(await followersOf(created.id)).toEqual([expect.objectContaining({ user_id: resident.userId, email: null })]);
    expect((await followersOf(created.id))[0]!.confirmed_at).not.toBeNull();
    await t.runJobs();
    expect(mailsTo(email).filter((mail) => mail.text.includes('/xac-nhan-theo-doi?t='))).toHaveLength(0);
    expect((await pageOf(created.code, resident)).body).toContain(followingText);
  });

  it('LAW-PDP-04: a follow typed earlier with the address is matched (shown, stoppable) only once the account verified it', async () => {
    const created = await t.submit();
    const email = uniqueAddress('go.tay');
    // Typed on the portal while signed out, confirmed from the mail.
    expect((await press(created.code, 'theo-doi', null, { email })).statusCode).toBe(303);
    await t.runJobs();
    const confirmation = await smtp.waitFor((mail) => mail.to.includes(email) && mail.text.includes('/xac-nhan-theo-doi?t='));
    expect((await confirmFollowAt(t.app, confirmPathIn(confirmation.text))).statusCode).toBe(303);

    // Someone opens an account with that address without proving it: they neither see nor stop the follow.
    const resident = await residentWith(email, false);
    const before = await pageOf(created.code, resident);
    expect(before.body).not.toContain(followingText);
    expect(before.body).not.toContain(stopAction(created.code));
    expect((await press(created.code, 'ngung-theo-doi', resident)).statusCode).toBe(303);
    expect((await followersOf(created.id))[0]!.stopped_at).toBeNull();
    expect(await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.notifications.stopped', entityId: created.id, limit: 10, offset: 0 })).toHaveLength(0);

    // Verified: the follow is theirs, with the stop button, and stopping it works (audited, no address).
    await verifyEmailOf(resident, email);
    const after = await pageOf(created.code, resident);
    expect(after.body).toContain(followingText);
    expect(after.body).toContain(stopAction(created.code));
    expect((await press(created.code, 'ngung-theo-doi', resident)).statusCode).toBe(303);
    const [row] = await followersOf(created.id);
    expect(row!.stopped_at).not.toBeNull();
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.notifications.stopped', entityId: created.id, limit: 10, offset: 0 });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(email);
    // Following again resumes that same follow: no second row.
    expect((await press(created.code, 'theo-doi', resident)).statusCode).toBe(303);
    expect(await followersOf(created.id)).toEqual([expect.objectContaining({ id: row!.id, stopped_at: null })]);
  });
});
