/**
 * Issue 3 (workflow review): the submitter's messages say what happened, not only the status. An
 * extension names the new deadline (LAW-DENUNC-06; the acceptance period, LAW-DENUNC-02), a refusal its
 * legal ground (LAW-DENUNC-02, LAW-COMPLAINT-05), a request for information what is asked (LAW-BASE-10),
 * a withdrawal that it was recorded (LAW-COMPLAINT-04). Followers keep the neutral status message and
 * never get what is written to the submitter. One person is told once per event (point 4), and the
 * stop page names the address the messages really go to. Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatShortDate, toLocalDate } from '../../core/calendar/index.js';
import { newId } from '../../core/contract/ids.js';
import { findRecordedMessages, maskRecipient } from '../notifications/server/index.js';
import * as repository from './db/repository.js';
import { refusalGrounds } from './domain/index.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: each event tells the submitter what happened (issue 3, workflow review)', () => {
  let t: CasesTestApp;
  let leader: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    leader = await t.staff('leader');
  });
  afterAll(async () => t.close());

  const act = async (caseId: string, action: Record<string, unknown>) => {
    // Each step at its own minute, as in real life (messages are keyed by event and time).
    t.clock.advance(60_000);
    const response = await t.inject('POST', `/api/v1/cases/${caseId}/actions`, leader, action);
    expect(response.statusCode, response.body).toBe(200);
  };
  const unique = (name: string) => `${name}.${newId().slice(-8)}@example.vn`;
  /** The e-mails the log recorded about `code`, oldest first (the dev channel keeps the body). */
  const emailsAbout = async (code: string, recipient?: string) =>
    (await findRecordedMessages(t.ctx.db, { communeId: t.communeId, channel: 'email', ...(recipient ? { recipient } : {}) })).filter((message) => (message.subject ?? '').includes(code));
  const smsAbout = async (code: string) => (await findRecordedMessages(t.ctx.db, { communeId: t.communeId, channel: 'sms' })).filter((message) => message.body.includes(code));
  const rowOf = (id: string) => t.ctx.db.selectFrom('cases_items').select(['due_at', 'acceptance_due_at', 'submitter_email']).where('id', '=', id).executeTakeFirstOrThrow();
  const shortDate = (iso: string | null) => formatShortDate(toLocalDate(new Date(iso!)));
  /** A confirmed follower by e-mail (double opt-in done), as the follow form leaves it. */
  const addFollower = async (caseId: string, email: string) => {
    const at = t.clock.clock().toISOString();
    await repository.insertFollower(t.ctx.db, { commune_id: t.communeId, case_id: caseId, id: newId(), user_id: null, email, phone: null, created_at: at, stopped_at: null, confirmed_at: at, confirm_expires_at: null, locale: 'vi' });
  };

  it('LAW-DENUNC-02 / LAW-DENUNC-06: a sealed denouncer is told each extension with its new deadline, never a repeated status', async () => {
    const response = await t.inject('POST', '/api/v1/cases', t.anonymous, {
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Tố cáo cán bộ thu tiền ngoài quy định',
      description: 'Cán bộ một cửa yêu cầu nộp thêm tiền không có biên lai khi làm thủ tục chứng thực.',
      privacy: 'handler_only',
      submitter: { fullName: 'Người Tố Cáo', address: 'Số 7 ngõ Kín, tổ dân phố Như Quỳnh 1', email: unique('to.cao') },
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id, code } = response.json() as { id: string; code: string };
    await t.runJobs();

    // The initial processing period extended (7 → 10 working days) while still received.
    await act(id, { type: 'extendDeadline', amount: 3, unit: 'working_days', reason: 'Cần xác minh nhiều nơi' });
    await t.runJobs();
    const acceptanceDue = shortDate((await rowOf(id)).acceptance_due_at);
    await act(id, { type: 'accept' });
    await t.runJobs();
    await act(id, { type: 'extendDeadline', amount: 30, unit: 'calendar_days', reason: 'Vụ việc phức tạp', complexity: 'complex' });
    await t.runJobs();
    const resolutionDue = shortDate((await rowOf(id)).due_at);

    // To the sealed contact only, each with what happened.
    const mails = await emailsAbout(code);
    for (const mail of mails) expect(mail.recipient).toBe('[sealed]');
    expect(mails.map((mail) => [mail.template, mail.subject])).toEqual([
      ['cases.status-changed', `Hồ sơ ${code}: Đã tiếp nhận`],
      ['cases.acceptance-extended', `Hồ sơ ${code}: gia hạn thời hạn thụ lý đến ${acceptanceDue}`],
      ['cases.status-changed', `Hồ sơ ${code}: Đã thụ lý`],
      ['cases.deadline-extended', `Hồ sơ ${code}: gia hạn giải quyết đến ${resolutionDue}`],
    ]);
    expect(mails[3]!.body).toContain(`Hạn mới: ${resolutionDue}.`);
    expect(mails[3]!.body).toContain('Lý do: Vụ việc phức tạp');
    expect(mails[3]!.body).toContain('Ngừng nhận tin: ');
  });

  it('LAW-DENUNC-02, LAW-COMPLAINT-05: a refusal names its legal ground to the submitter, in their language; a follower gets the status only', async () => {
    const email = unique('tu.choi');
    const follower = unique('hang.xom.tu.choi');
    const { id, code } = await t.submit({ submitter: { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', email, phone: '0912345678' } }, { lang: 'en' });
    await addFollower(id, follower);
    await act(id, { type: 'refuse', ground: 'feedback_outside_competence', note: 'Ghi chú nội bộ của cán bộ' });
    await t.runJobs();
    const ground = refusalGrounds.find((candidate) => candidate.code === 'feedback_outside_competence')!;
    const [toSubmitter] = (await emailsAbout(code, email)).filter((mail) => mail.template === 'cases.refused');
    expect(toSubmitter?.subject).toBe(`Case ${code}: not accepted`);
    expect(toSubmitter?.body).toContain(`Ground: ${ground.labelEn}`);
    expect(toSubmitter?.body).not.toContain('Ghi chú nội bộ');
    const toFollower = await emailsAbout(code, follower);
    expect(toFollower.map((mail) => mail.template)).toEqual(['cases.status-changed-followed']);
    expect(toFollower[0]!.body).not.toContain(ground.labelVi);
    // The SMS says it too, without diacritics.
    expect((await smsAbout(code)).some((sms) => sms.body.includes('was not accepted. Ground: Outside competence'))).toBe(true);
  });

  it('LAW-BASE-10: a request for information says what is asked, to the submitter only', async () => {
    const email = unique('bo.sung');
    const follower = unique('hang.xom.bo.sung');
    const { id, code } = await t.submit({ submitter: { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', email } });
    await addFollower(id, follower);
    await act(id, { type: 'accept' });
    await act(id, { type: 'requestInformation', note: 'Xin gửi ảnh chụp cột đèn và số nhà gần nhất' });
    await t.runJobs();
    const [asked] = (await emailsAbout(code, email)).filter((mail) => mail.template === 'cases.information-requested');
    expect(asked?.subject).toBe(`Hồ sơ ${code}: cần bạn bổ sung thông tin`);
    expect(asked?.body).toContain('Xin gửi ảnh chụp cột đèn và số nhà gần nhất');
    const toFollower = await emailsAbout(code, follower);
    expect(toFollower.map((mail) => mail.template)).toEqual(['cases.status-changed-followed', 'cases.status-changed-followed']);
    for (const mail of toFollower) expect(mail.body).not.toContain('ảnh chụp cột đèn');
  });

  it('LAW-COMPLAINT-04 / LAW-COMPLAINT-07: a complaint\'s complexity decision names the new deadline and a partial withdrawal says it was recorded', async () => {
    const email = unique('khieu.nai');
    const { id, code } = await t.submit({
      kind: 'complaint',
      categoryId: t.categoryIds.LAND,
      title: 'Khiếu nại quyết định thu hồi đất',
      description: 'Tôi không đồng ý với quyết định thu hồi đất vườn của gia đình vì chưa được bồi thường.',
      submitter: { fullName: 'Trần Thị Bình', address: 'Thôn Như Quỳnh 2', phone: '0912000111', email, idNumber: '001203004111' },
    });
    await t.runJobs();
    await act(id, { type: 'accept' });
    await t.runJobs();
    await act(id, { type: 'decideComplexity', isComplex: true, isRemoteArea: false, reason: 'Xác minh tại hai nơi' });
    await t.runJobs();
    const due = shortDate((await rowOf(id)).due_at);
    await act(id, { type: 'recordWithdrawal', scope: 'partial', description: 'Phần yêu cầu bồi thường cây trồng', receivedOn: '2026-11-26', channel: 'post', isSigned: true });
    await t.runJobs();
    const mails = await emailsAbout(code, email);
    expect(mails.map((mail) => [mail.template, mail.subject])).toEqual([
      ['cases.status-changed', `Hồ sơ ${code}: Đã tiếp nhận`],
      ['cases.status-changed', `Hồ sơ ${code}: Đã thụ lý`],
      ['cases.complexity-decided', `Hồ sơ ${code}: thời hạn giải quyết mới ${due}`],
      ['cases.partially-withdrawn', `Hồ sơ ${code}: đã ghi nhận rút một phần nội dung`],
    ]);
  });

  it('issue 3 point 4: the submitter of a merged duplicate who also filed the surviving case is told once per event', async () => {
    const email = unique('hai.lan');
    const submitter = { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', email };
    const survivor = await t.submit({ title: 'Ổ gà trước cổng trường', submitter });
    const duplicate = await t.submit({ title: 'Ổ gà cổng trường tiểu học', submitter });
    await act(duplicate.id, { type: 'merge', intoCode: survivor.code });
    await t.runJobs();
    // The duplicate's submitter now follows the surviving case (copied by the merge).
    expect(await repository.findActiveFollowers(t.ctx.db, t.communeId, survivor.id)).toEqual([expect.objectContaining({ email })]);
    const before = (await emailsAbout(survivor.code, email)).length;
    await act(survivor.id, { type: 'accept' });
    await t.runJobs();
    const told = (await emailsAbout(survivor.code, email)).slice(before);
    expect(told.map((mail) => mail.template)).toEqual(['cases.status-changed']);
  });

  it('issue 3 (workflow review): the stop page names the address a signed-in submitter\'s messages really go to', async () => {
    const resident = await t.resident();
    const account = await t.ctx.db.selectFrom('auth_users').select(['email']).where('id', '=', resident.userId).executeTakeFirstOrThrow();
    const typed = unique('dien.form');
    const created = await t.inject('POST', '/api/v1/cases', resident, { kind: 'feedback', categoryId: t.categoryIds.ROADS, areaId: t.areaIds['TDP-NQ1'], title: 'Đèn đường hỏng', description: 'Đèn đường trước nhà văn hóa bị hỏng nhiều ngày.', privacy: 'handler_only', submitter: { fullName: 'Lê Thị Tài Khoản', address: 'Tổ dân phố Như Quỳnh 1', email: typed } });
    expect(created.statusCode, created.body).toBe(201);
    const { id, code } = created.json() as { id: string; code: string };
    expect((await rowOf(id)).submitter_email).toBe(typed);
    await act(id, { type: 'accept' });
    await t.runJobs();
    // The message went to the account's address…
    const mails = await emailsAbout(code, account.email!);
    expect(mails.length).toBeGreaterThan(0);
    expect(await emailsAbout(code, typed)).toEqual([]);
    // …and its stop link's page says so.
    const path = /https?:\/\/[^\s/]+(\/ngung-nhan-tin\?t=[A-Za-z0-9_.-]+)/.exec(mails.at(-1)!.body)![1]!;
    const page = await t.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(maskRecipient(account.email!));
    expect(page.body).not.toContain(maskRecipient(typed));
  });
});
