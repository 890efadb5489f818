/**
 * LAW-PDP-04 / LAW-PDP-05: a resident who gave an e-mail (a submitter without an account, or anyone
 * following a case) can stop the case's messages from a personal link in every one of them, with
 * JavaScript off, and then really gets nothing more. Real SMTP server, real worker, real forms.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCookies } from '../../../test/kit/auth.js';
import { type ReceivedMail, type TestSmtpServer } from '../../../test/kit/smtp.js';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { newId } from '../../core/contract/ids.js';
import { maskRecipient } from '../notifications/server/index.js';
import { buildCasesMailTestApp, confirmFollowAt, confirmPathIn, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

const linkPattern = /https?:\/\/[^\s/]+(\/ngung-nhan-tin\?t=[A-Za-z0-9_.-]+)/;
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('cases: stopping a case\'s messages from the link in them (LAW-PDP-04, LAW-PDP-05)', () => {
  let smtp: TestSmtpServer;
  let t: CasesTestApp;
  let handler: StaffSession;
  let close: () => Promise<void>;

  beforeAll(async () => {
    // One person who may both lead and handle, so a test walks a case through its statuses.
    ({ t, smtp, handler, close } = await buildCasesMailTestApp());
  });
  afterAll(async () => close());

  const act = async (caseId: string, action: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${caseId}/actions`, handler, action);
    expect(response.statusCode, response.body).toBe(200);
  };
  /** Status messages about the case (not the follow's confirmation mail). */
  const mailsTo = (address: string, code: string): ReceivedMail[] => smtp.messages.filter((mail) => mail.to.includes(address) && mail.subject.startsWith(`Hồ sơ ${code}:`));
  const stopPathIn = (mail: ReceivedMail): string => {
    const match = linkPattern.exec(mail.text);
    expect(match, mail.text).not.toBeNull();
    return match![1]!;
  };
  /** A browser with JavaScript off: GET the page, then post its form with the cookies it set. */
  const openPage = async (path: string, headers: Record<string, string> = {}) => {
    const page = await t.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html', ...headers } });
    return { page, cookie: mergeCookies('', page), csrf: csrfOf(page.body) };
  };
  const postStop = (browser: { cookie: string; csrf: string }, token: string): Promise<LightMyRequestResponse> =>
    t.app.inject({ method: 'POST', url: '/ngung-nhan-tin', headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: new URLSearchParams({ _csrf: browser.csrf, t: token }).toString() });
  const tokenOf = (path: string) => new URL(path, 'http://x').searchParams.get('t')!;

  const fileAndFollow = async () => {
    const unique = newId().slice(-8);
    const submitterEmail = `nguoi.gui.${unique}@example.vn`;
    const followerEmail = `hang.xom.${unique}@gmail.com`;
    const created = await t.submit({ submitter: { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', email: submitterEmail } });
    // "Theo dõi việc này" on the public status page, as a browser without JavaScript sends it.
    const status = await openPage(`/tra-cuu/${encodeURIComponent(created.code)}`);
    const follow = await t.app.inject({
      method: 'POST',
      url: `/tra-cuu/${encodeURIComponent(created.code)}/theo-doi`,
      headers: { cookie: status.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: status.csrf, email: followerEmail }).toString(),
    });
    expect(follow.statusCode, follow.body).toBe(303);
    await t.runJobs();
    // Double opt-in (LAW-PDP-05): the follower confirms from the one mail before any status message.
    const confirmation = await smtp.waitFor((mail) => mail.to.includes(followerEmail) && mail.subject.includes(created.code));
    expect((await confirmFollowAt(t.app, confirmPathIn(confirmation.text))).statusCode).toBe(303);
    return { ...created, submitterEmail, followerEmail };
  };

  it('words the message for a follower ("bạn theo dõi") and the submitter ("của bạn"), each with their own link', async () => {
    const created = await fileAndFollow();
    await act(created.id, { type: 'accept' });
    await t.runJobs();
    const toFollower = await smtp.waitFor((mail) => mail.to.includes(created.followerEmail) && mail.subject.startsWith(`Hồ sơ ${created.code}:`));
    const toSubmitter = await smtp.waitFor((mail) => mail.to.includes(created.submitterEmail) && mail.text.includes('đã chuyển sang trạng thái: Đã tiếp nhận'));
    expect(toFollower.text).toContain(`Hồ sơ ${created.code} bạn theo dõi đã chuyển sang trạng thái:`);
    expect(toFollower.text).not.toContain('của bạn');
    expect(toSubmitter.text).toContain(`Hồ sơ ${created.code} của bạn đã chuyển sang trạng thái:`);
    for (const mail of [toFollower, toSubmitter]) expect(mail.text).toContain('Ngừng nhận tin: ');
    // Personal: the two recipients' links differ, and neither carries the address.
    expect(stopPathIn(toFollower)).not.toBe(stopPathIn(toSubmitter));
    expect(stopPathIn(toFollower)).not.toContain('hang.xom');
  });

  it('LAW-PDP-04: a follower stops the messages (GET shows what, POST stops, idempotently) and gets no more, while the submitter still does', async () => {
    const created = await fileAndFollow();
    await act(created.id, { type: 'accept' });
    await t.runJobs();
    const first = await smtp.waitFor((mail) => mail.to.includes(created.followerEmail) && mail.subject.startsWith(`Hồ sơ ${created.code}:`));
    const path = stopPathIn(first);

    const browser = await openPage(path);
    expect(browser.page.statusCode).toBe(200);
    expect(browser.page.headers['referrer-policy']).toBe('no-referrer');
    expect(browser.page.body).toContain(created.code);
    expect(browser.page.body).toContain(maskRecipient(created.followerEmail));
    expect(browser.page.body).not.toContain(created.followerEmail);
    expect(browser.page.body).toContain('Ngừng nhận tin');
    expect(browser.csrf).not.toBe('');

    // Without the CSRF token nothing stops.
    expect((await postStop({ cookie: browser.cookie, csrf: 'forged' }, tokenOf(path))).statusCode).toBe(403);

    const stopped = await postStop(browser, tokenOf(path));
    expect(stopped.statusCode, stopped.body).toBe(303);
    const done = await t.app.inject({ method: 'GET', url: String(stopped.headers.location), headers: { accept: 'text/html', cookie: browser.cookie } });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(`Đã ngừng gửi tin về hồ sơ ${created.code}.`);
    // A second press (or a reload) changes nothing and says the same.
    const again = await postStop(browser, tokenOf(path));
    expect(again.statusCode).toBe(303);
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.notifications.stopped', entityId: created.id, limit: 10, offset: 0 });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(created.followerEmail);

    // The next status change reaches the submitter, and nothing more reaches the follower.
    await act(created.id, { type: 'assign', unitId: Object.values(t.unitIds)[0]! });
    await act(created.id, { type: 'startWork' });
    await act(created.id, { type: 'requestInformation', note: 'Xin ảnh chụp vị trí đèn hỏng.' });
    await t.runJobs();
    await smtp.waitFor((mail) => mail.to.includes(created.submitterEmail) && mail.subject.includes(created.code) && mail.text.includes('Xin ảnh chụp vị trí đèn hỏng.'));
    expect(mailsTo(created.followerEmail, created.code)).toHaveLength(1);
  });

  it('LAW-PDP-04: a submitter without an account stops their own case\'s messages the same way', async () => {
    const created = await fileAndFollow();
    const receipt = await smtp.waitFor((mail) => mail.to.includes(created.submitterEmail) && mail.subject.includes(created.code));
    const path = stopPathIn(receipt);
    const browser = await openPage(path);
    expect(browser.page.body).toContain(maskRecipient(created.submitterEmail));
    expect((await postStop(browser, tokenOf(path))).statusCode).toBe(303);
    const before = mailsTo(created.submitterEmail, created.code).length;

    await act(created.id, { type: 'accept' });
    await t.runJobs();
    // The follower still hears of it (the job ran); the submitter does not.
    await smtp.waitFor((mail) => mail.to.includes(created.followerEmail) && mail.subject.startsWith(`Hồ sơ ${created.code}:`));
    expect(mailsTo(created.submitterEmail, created.code)).toHaveLength(before);
  });

  it('answers a tampered or unknown link with a localised 404 page, never a 500, and stops nothing', async () => {
    const created = await fileAndFollow();
    await act(created.id, { type: 'accept' });
    await t.runJobs();
    const path = stopPathIn(await smtp.waitFor((mail) => mail.to.includes(created.followerEmail) && mail.subject.startsWith(`Hồ sơ ${created.code}:`)));
    const token = tokenOf(path);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    // The same mac on the submitter's slot of the case: the recipient is part of what is signed.
    const otherRecipient = token.replace(/\.[^.]+\./, '.s.');

    for (const bad of [tampered, otherRecipient, 'abc', '', 'a.b.c', `${'x'.repeat(300)}`]) {
      const vi = await t.app.inject({ method: 'GET', url: `/ngung-nhan-tin?t=${encodeURIComponent(bad)}`, headers: { accept: 'text/html' } });
      expect(vi.statusCode, bad).toBe(404);
      expect(vi.body).toContain('Liên kết không hợp lệ');
    }
    const en = await openPage(`/ngung-nhan-tin?t=${encodeURIComponent(tampered)}`, { cookie: 'lang=en' });
    expect(en.page.statusCode).toBe(404);
    expect(en.page.body).toContain('This link is not valid');

    const browser = await openPage(`/tra-cuu/${encodeURIComponent(created.code)}`);
    const posted = await postStop(browser, tampered);
    expect(posted.statusCode).toBe(404);
    expect(posted.body).toContain('Liên kết không hợp lệ');
    const follower = await t.ctx.db.selectFrom('cases_followers').select(['stopped_at']).where('case_id', '=', created.id).executeTakeFirstOrThrow();
    expect(follower.stopped_at).toBeNull();
    const row = await t.ctx.db.selectFrom('cases_items').select(['wants_notifications']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.wants_notifications).toBe(1);
  });

  it('LAW-PDP-05: following again with the same address does not turn stopped messages back on', async () => {
    const created = await fileAndFollow();
    await act(created.id, { type: 'accept' });
    await t.runJobs();
    const path = stopPathIn(await smtp.waitFor((mail) => mail.to.includes(created.followerEmail) && mail.subject.startsWith(`Hồ sơ ${created.code}:`)));
    const browser = await openPage(path);
    expect((await postStop(browser, tokenOf(path))).statusCode).toBe(303);
    expect((await t.inject('POST', `/api/v1/cases/${created.code}/follow`, t.anonymous, { email: created.followerEmail })).statusCode).toBe(200);
    const followers = await t.ctx.db.selectFrom('cases_followers').select(['stopped_at']).where('case_id', '=', created.id).execute();
    expect(followers).toHaveLength(1);
    expect(followers[0]!.stopped_at).not.toBeNull();
  });
});
