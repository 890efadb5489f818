/**
 * LAW-PDP-05 (double opt-in) across a merge: a follow still waiting for its confirmation when its
 * case is merged into another moves with the merge, like the confirmed ones, so confirming it after
 * the merge subscribes the address to the surviving case, and the confirmation page says so (the
 * surviving code, and that the other case was merged into it). An address that already follows the
 * surviving case gets no second subscription. Real SMTP server, real worker, JavaScript off.
 * Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCookies } from '../../../test/kit/auth.js';
import { type ReceivedMail, type TestSmtpServer } from '../../../test/kit/smtp.js';
import { newId } from '../../core/contract/ids.js';
import { buildCasesMailTestApp, confirmFollowAt, confirmPathIn, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: a pending follow moves with a merge (LAW-PDP-05)', () => {
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
  const follow = async (code: string, email: string) => expect((await t.inject('POST', `/api/v1/cases/${code}/follow`, t.anonymous, { email })).statusCode).toBe(200);
  const mailsTo = (address: string): ReceivedMail[] => smtp.messages.filter((mail) => mail.to.includes(address));
  const confirmationTo = async (address: string) => {
    await t.runJobs();
    return confirmPathIn((await smtp.waitFor((mail) => mail.to.includes(address) && mail.text.includes('/xac-nhan-theo-doi?t='))).text);
  };
  const rowsOf = (caseId: string, email: string) => t.ctx.db.selectFrom('cases_followers').select(['id', 'confirmed_at', 'stopped_at']).where('case_id', '=', caseId).where('email', '=', email).execute();
  const uniqueAddress = (name: string) => `${name}.${newId().slice(-8)}@gmail.com`;
  /** Move the surviving case on one status and wait until `witness` (a confirmed follower) has heard of it. */
  const moveOn = async (caseId: string, code: string, witness: string, action: Record<string, unknown>, statusText: string) => {
    await act(caseId, action);
    await t.runJobs();
    await smtp.waitFor((mail) => mail.to.includes(witness) && mail.text.includes(`Hồ sơ ${code} bạn theo dõi đã chuyển sang trạng thái: ${statusText}`));
  };

  it('LAW-PDP-05: confirming after the merge follows the surviving case, and the page names it', async () => {
    const survivor = await t.submit({ title: 'Ổ gà trước cổng trường' });
    const duplicate = await t.submit({ title: 'Ổ gà cổng trường tiểu học' });
    const email = uniqueAddress('cho.xac.nhan');
    await follow(duplicate.code, email);
    const path = await confirmationTo(email);
    await act(duplicate.id, { type: 'merge', intoCode: survivor.code });
    // Moved with the merge, still unconfirmed: nothing reaches it yet.
    expect(await rowsOf(duplicate.id, email)).toEqual([]);
    expect(await rowsOf(survivor.id, email)).toEqual([expect.objectContaining({ confirmed_at: null })]);

    const page = await t.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Hồ sơ ${duplicate.code} đã được gộp vào hồ sơ ${survivor.code} vì là cùng một việc.`);
    const confirmed = await confirmFollowAt(t.app, path);
    expect(confirmed.statusCode, confirmed.body).toBe(303);
    const done = await t.app.inject({ method: 'GET', url: String(confirmed.headers.location), headers: { accept: 'text/html' } });
    expect(done.body).toContain(`Bạn đang theo dõi hồ sơ ${survivor.code}.`);
    expect(done.body).toContain(`Hồ sơ ${duplicate.code} đã được gộp vào hồ sơ ${survivor.code}`);
    expect(await rowsOf(survivor.id, email)).toEqual([expect.objectContaining({ confirmed_at: expect.anything() })]);

    // The surviving case's news now reaches the address.
    await act(survivor.id, { type: 'accept' });
    await t.runJobs();
    await smtp.waitFor((mail) => mail.to.includes(email) && mail.text.includes(`Hồ sơ ${survivor.code} bạn theo dõi đã chuyển sang trạng thái: Đã thụ lý`));
  });

  it('a follow asked of a merged case after the merge follows the surviving case (issue 3 point 4)', async () => {
    const survivor = await t.submit({ title: 'Đèn chiếu sáng ngõ 7 không sáng' });
    const duplicate = await t.submit({ title: 'Ngõ 7 mất đèn chiếu sáng' });
    await act(duplicate.id, { type: 'merge', intoCode: survivor.code });
    const email = uniqueAddress('theo.doi.sau.gop');
    await follow(duplicate.code, email);
    expect(await rowsOf(duplicate.id, email)).toEqual([]);
    expect(await rowsOf(survivor.id, email)).toEqual([expect.objectContaining({ stopped_at: null })]);
  });

  it('LAW-PDP-05: a merge before the mail went out: the mail and its link name the surviving case', async () => {
    const survivor = await t.submit();
    const duplicate = await t.submit();
    const email = uniqueAddress('chua.gui');
    await follow(duplicate.code, email);
    await act(duplicate.id, { type: 'merge', intoCode: survivor.code });
    const path = await confirmationTo(email);
    expect(mailsTo(email)[0]!.subject).toContain(survivor.code);
    expect((await confirmFollowAt(t.app, path)).statusCode).toBe(303);
    expect(await rowsOf(survivor.id, email)).toEqual([expect.objectContaining({ confirmed_at: expect.anything() })]);
  });

  it('LAW-PDP-05: an address that already follows the surviving case gets one subscription, not two', async () => {
    const survivor = await t.submit();
    const duplicate = await t.submit();
    const witness = uniqueAddress('nhan.chung');
    await follow(survivor.code, witness);
    expect((await confirmFollowAt(t.app, await confirmationTo(witness))).statusCode).toBe(303);

    // Confirmed on the survivor, pending on the duplicate.
    const confirmedThere = uniqueAddress('da.theo.doi');
    await follow(survivor.code, confirmedThere);
    expect((await confirmFollowAt(t.app, await confirmationTo(confirmedThere))).statusCode).toBe(303);
    await follow(duplicate.code, confirmedThere);
    await t.runJobs();
    await smtp.waitFor(() => mailsTo(confirmedThere).filter((mail) => mail.text.includes('/xac-nhan-theo-doi?t=')).length === 2);
    const secondPath = confirmPathIn(mailsTo(confirmedThere).filter((mail) => mail.text.includes('/xac-nhan-theo-doi?t='))[1]!.text);

    // Pending on both.
    const pendingBoth = uniqueAddress('cho.ca.hai');
    await follow(survivor.code, pendingBoth);
    await follow(duplicate.code, pendingBoth);
    await t.runJobs();
    await smtp.waitFor(() => mailsTo(pendingBoth).length === 2);
    const duplicatePath = confirmPathIn(mailsTo(pendingBoth).find((mail) => mail.subject.includes(duplicate.code))!.text);

    // Confirmed on the survivor, then stopped from a message's link; pending on the duplicate.
    const stoppedThere = uniqueAddress('da.ngung');
    await follow(survivor.code, stoppedThere);
    expect((await confirmFollowAt(t.app, await confirmationTo(stoppedThere))).statusCode).toBe(303);
    await follow(duplicate.code, stoppedThere);
    await t.runJobs();
    await smtp.waitFor(() => mailsTo(stoppedThere).length === 2);
    const stoppedPath = confirmPathIn(mailsTo(stoppedThere).find((mail) => mail.subject.includes(duplicate.code))!.text);

    await act(duplicate.id, { type: 'merge', intoCode: survivor.code });
    // The merge's own message goes out now, so that the count below is of the next status change only.
    await t.runJobs();
    const mergeNews = await smtp.waitFor((mail) => mail.to.includes(stoppedThere) && mail.text.includes(`Hồ sơ ${survivor.code} bạn theo dõi`));
    const stopPath = /https?:\/\/[^\s/]+(\/ngung-nhan-tin\?t=[A-Za-z0-9_.-]+)/.exec(mergeNews.text)![1]!;
    const stopPage = await t.app.inject({ method: 'GET', url: stopPath, headers: { accept: 'text/html' } });
    const stop = await t.app.inject({
      method: 'POST',
      url: '/ngung-nhan-tin',
      headers: { cookie: mergeCookies('', stopPage), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(stopPage.body)![1]!, t: new URL(stopPath, 'http://x').searchParams.get('t')! }).toString(),
    });
    expect(stop.statusCode, stop.body).toBe(303);
    expect(await rowsOf(survivor.id, confirmedThere)).toHaveLength(1);
    expect(await rowsOf(survivor.id, pendingBoth)).toHaveLength(1);

    for (const path of [secondPath, duplicatePath]) {
      const confirmed = await confirmFollowAt(t.app, path);
      expect(confirmed.statusCode, confirmed.body).toBe(303);
      const done = await t.app.inject({ method: 'GET', url: String(confirmed.headers.location), headers: { accept: 'text/html' } });
      expect(done.body).toContain(`Bạn đang theo dõi hồ sơ ${survivor.code}.`);
    }
    for (const address of [confirmedThere, pendingBoth]) expect(await rowsOf(survivor.id, address)).toEqual([expect.objectContaining({ confirmed_at: expect.anything(), stopped_at: null })]);
    // A withdrawal stands (LAW-PDP-04/05): the duplicate's link does not turn the survivor's messages back on; its page says they are stopped and offers no button.
    const stoppedPage = await t.app.inject({ method: 'GET', url: stoppedPath, headers: { accept: 'text/html' } });
    expect(stoppedPage.statusCode).toBe(200);
    expect(stoppedPage.body).toContain(`Đã ngừng gửi tin về hồ sơ ${survivor.code}.`);
    expect(stoppedPage.body).not.toContain('name="_csrf"');
    expect(await rowsOf(survivor.id, stoppedThere)).toEqual([expect.objectContaining({ stopped_at: expect.anything() })]);

    // One message per status change, not two.
    await moveOn(survivor.id, survivor.code, witness, { type: 'accept' }, 'Đã thụ lý');
    expect(mailsTo(stoppedThere).filter((mail) => mail.text.includes('Đã thụ lý'))).toHaveLength(0);
    for (const address of [confirmedThere, pendingBoth]) {
      expect(mailsTo(address).filter((mail) => mail.text.includes(`Hồ sơ ${survivor.code} bạn theo dõi đã chuyển sang trạng thái: Đã thụ lý`))).toHaveLength(1);
    }
  });
});
