import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { findOutboxEvents } from '../../core/jobs/outbox.js';
import { findRecordedMessages } from '../notifications/server/index.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * A resident hands in or posts a signed withdrawal (LAW-COMPLAINT-04, LAW-DENUNC-08): staff record it
 * on the case with the same legal limits as the portal's withdrawal, and the resident is told as then.
 * The test clock is 26/11/2026, after partial complaint withdrawal became possible (01/07/2026).
 */
describe('cases: staff record a withdrawal received in writing', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;
  let supervisor: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
    supervisor = await t.staff('supervisor');
  });
  afterAll(async () => t.close());

  const complaint = (email: string) => ({
    kind: 'complaint',
    categoryId: t.categoryIds.LAND,
    title: 'Khiếu nại quyết định thu hồi đất',
    description: 'Tôi không đồng ý với quyết định thu hồi đất vườn của gia đình vì chưa được bồi thường.',
    privacy: 'handler_only',
    submitter: { fullName: 'Trần Thị Bình', address: 'Thôn Như Quỳnh 2', phone: '0912000111', email, idNumber: '001203004111' },
  });
  const denunciation = () => ({
    kind: 'denunciation',
    categoryId: t.categoryIds.CONDUCT,
    title: 'Tố cáo cán bộ nhận tiền',
    description: 'Cán bộ địa chính yêu cầu nộp tiền ngoài quy định khi làm thủ tục đất.',
    privacy: 'handler_only',
    submitter: { fullName: 'Lê Văn Cường', address: 'Số 3 ngõ 5', phone: '0987000222', idNumber: '001203004222' },
  });
  const act = (session: StaffSession, id: string, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
  const onPaper = (extra: Record<string, unknown> = {}) => ({ type: 'recordWithdrawal', scope: 'whole', receivedOn: '2026-11-26', channel: 'post', isSigned: true, ...extra });
  const send = (id: string, lang: 'vi' | 'en', body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions?lang=${lang}`, headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken }, payload: body });

  it('LAW-COMPLAINT-04: a whole written withdrawal ends the complaint, on the timeline, in the audit log, and the complainant is told', async () => {
    const { id, code } = await t.submit(complaint('binh.rut@example.vn'));
    expect((await act(leader, id, { type: 'accept' })).statusCode).toBe(200);
    const response = await act(officer, id, onPaper({ reason: 'Gia đình đã được giải thích và đồng ý' }));
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.status).toBe('withdrawn');
    expect(detail.availableActions).toEqual([]);
    const entry = detail.timeline.find((line: { event: string }) => line.event === 'cases.case.withdrawn');
    expect(entry).toMatchObject({ isPublic: true, actorUserId: officer.userId, internalNote: 'Gia đình đã được giải thích và đồng ý', writtenWithdrawal: { scope: 'whole', receivedOn: '2026-11-26', channel: 'post' } });
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.recordWithdrawal', entityId: id, limit: 10, offset: 0 });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(officer.userId);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ fromStatus: 'accepted', toStatus: 'withdrawn', scope: 'whole', receivedOn: '2026-11-26', channel: 'post' });
    // The same event as a withdrawal on the portal, so the same message to the submitter.
    const events = await findOutboxEvents(t.ctx.db, { name: 'cases.case.withdrawn' });
    expect(events.find((event) => event.payload.caseId === id)?.payload).toMatchObject({ shouldNotifySubmitter: true });
    await t.runJobs();
    // LAW-COMPLAINT-04: the message says the withdrawal was recorded and handling stops (issue 3, workflow review).
    const messages = await findRecordedMessages(t.ctx.db, { recipient: 'binh.rut@example.vn', template: 'cases.withdrawn' });
    expect(messages.map((message) => message.body).join('\n')).toContain(`Việc rút hồ sơ ${code} của bạn đã được ghi nhận.`);
    expect((await t.inject('GET', `/api/v1/cases/${code}`, null)).json().status).toBe('withdrawn');
  });

  it('names each missing or wrong field in a localised 400 and writes nothing', async () => {
    const { id } = await t.submit(complaint('binh.loi@example.vn'));
    const empty = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions?lang=vi`, headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken }, payload: { type: 'recordWithdrawal', scope: '', receivedOn: '', channel: '', isSigned: false } });
    expect(empty.statusCode).toBe(400);
    const errors = empty.json().errors as { field: string; message: string }[];
    expect(errors.map((error) => error.field).sort()).toEqual(['channel', 'isSigned', 'receivedOn', 'scope']);
    expect(errors.find((error) => error.field === 'isSigned')?.message).toContain('chữ ký hoặc điểm chỉ');
    const fieldOf = async (body: Record<string, unknown>) => (await act(officer, id, body)).json().errors?.map((error: { field: string }) => error.field);
    expect(await fieldOf(onPaper({ scope: 'partial' }))).toEqual(['description']);
    expect(await fieldOf(onPaper({ receivedOn: '2026-11-27' }))).toEqual(['receivedOn']);
    expect(await fieldOf(onPaper({ receivedOn: '2026-11-25' }))).toEqual(['receivedOn']);
    expect(await fieldOf(onPaper({ channel: 'zalo' }))).toEqual(['channel']);
    const detail = (await t.inject('GET', `/api/v1/cases/${id}`, officer)).json();
    expect(detail).toMatchObject({ status: 'received', version: 0 });
    expect((await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.recordWithdrawal', entityId: id, limit: 10, offset: 0 }))).toHaveLength(0);
    // Read-only roles cannot record anything.
    expect((await act(supervisor, id, onPaper())).statusCode).toBe(403);
  });

  it('a partial withdrawal keeps the case open and names the withdrawn part (LAW-COMPLAINT-04 from 01/07/2026)', async () => {
    const { id } = await t.submit(complaint('binh.mot-phan@example.vn'));
    expect((await t.inject('GET', `/api/v1/cases/${id}`, officer)).json().canWithdrawPartially).toBe(true);
    const response = await act(officer, id, onPaper({ scope: 'partial', description: 'Rút nội dung yêu cầu bồi thường cây trồng', channel: 'in_person' }));
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('received');
    expect(response.json().timeline.at(-1)).toMatchObject({ event: 'cases.case.partially_withdrawn', internalNote: 'Rút nội dung yêu cầu bồi thường cây trồng', writtenWithdrawal: { scope: 'partial', channel: 'in_person' } });
    const state = (await sql<{ state: string }>`SELECT state FROM cases_items WHERE id = ${id}`.execute(t.ctx.db)).rows[0]!.state;
    expect(JSON.parse(state).partialWithdrawals).toEqual([expect.objectContaining({ description: 'Rút nội dung yêu cầu bồi thường cây trồng' })]);
  });

  it('keeps the portal\'s limits: no partial feedback, no anonymous information, nothing after the decision is approved', async () => {
    const feedback = await t.submit();
    // The staff form is told before sending: no "partial" for a feedback (the same rule, isPartialWithdrawalAllowed).
    expect((await t.inject('GET', `/api/v1/cases/${feedback.id}`, officer)).json().canWithdrawPartially).toBe(false);
    // A partial withdrawal the kind does not allow is a wrong choice on the whole/partial field, as on the portal.
    const partialFeedback = await act(officer, feedback.id, onPaper({ scope: 'partial', description: 'Một ý' }));
    expect(partialFeedback.statusCode).toBe(400);
    expect(partialFeedback.json().errors).toEqual([{ field: 'scope', message: 'Không thể rút một phần hồ sơ loại này. Hãy chọn rút toàn bộ.' }]);
    const report = await t.submit({ kind: 'corruption_report', categoryId: t.categoryIds.CONDUCT, privacy: 'anonymous', submitter: undefined, title: 'Cán bộ nhận tiền', description: 'Có cán bộ nhận tiền khi làm thủ tục đất tại xã.' });
    expect((await act(leader, report.id, onPaper())).statusCode).toBe(409);
  });

  it('LAW-DENUNC-08: "continue handling" exists for denunciations only; a feedback or question answers a localised field error and writes nothing', async () => {
    const feedback = await t.submit();
    const question = await t.submit({ kind: 'question', title: 'Hỏi về thủ tục đăng ký tạm trú', description: 'Tôi muốn hỏi thủ tục đăng ký tạm trú cần những giấy tờ gì.' });
    for (const { id } of [feedback, question]) {
      const vietnamese = await send(id, 'vi', onPaper({ continueHandling: true }));
      expect(vietnamese.statusCode, vietnamese.body).toBe(400);
      expect(vietnamese.json().errors).toEqual([{ field: 'continueHandling', message: 'Lựa chọn tiếp tục giải quyết chỉ áp dụng khi rút đơn tố cáo.' }]);
      const english = await send(id, 'en', onPaper({ continueHandling: false }));
      expect(english.statusCode).toBe(400);
      expect(english.json().errors).toEqual([{ field: 'continueHandling', message: 'Continuing the handling applies only when a denunciation is withdrawn.' }]);
      expect((await t.inject('GET', `/api/v1/cases/${id}`, officer)).json()).toMatchObject({ status: 'received', version: 0 });
      expect(await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.recordWithdrawal', entityId: id, limit: 10, offset: 0 })).toHaveLength(0);
      // Without the field the same withdrawal goes through.
      const whole = await send(id, 'vi', onPaper({ continueHandling: null }));
      expect(whole.statusCode, whole.body).toBe(200);
      expect(whole.json().status).toBe('withdrawn');
    }
  });

  it('LAW-DENUNC-08: a denouncer withdrawing on the portal sends a request; the case goes on until the handler records the decision', async () => {
    const { id, code, accessToken } = await t.submit(denunciation());
    expect((await act(leader, id, { type: 'accept' })).statusCode).toBe(200);
    const asked = await t.inject('POST', `/api/v1/cases/${code}/withdraw`, t.anonymous, { scope: 'partial', description: 'Rút phần về việc thu tiền đo đạc', accessToken });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().status).toBe('accepted');
    const publicView = (await t.inject('GET', `/api/v1/cases/${code}`, null)).json();
    expect(publicView.status).toBe('accepted');
    expect(publicView.timeline.at(-1)).toMatchObject({ event: 'cases.case.withdrawal_requested' });
    const before = (await t.inject('GET', `/api/v1/cases/${id}`, leader)).json();
    expect(before.withdrawalRequest).toMatchObject({ scope: 'partial', description: 'Rút phần về việc thu tiền đo đạc' });
    expect(before.availableActions).toContain('recordWithdrawal');
    const events = await findOutboxEvents(t.ctx.db, { name: 'cases.case.withdrawal-requested' });
    expect(events.find((event) => event.payload.caseId === id)?.payload).toMatchObject({ shouldNotifySubmitter: true });
    // The handler is told, with the code only: no words of the denunciation or the request (LAW-DENUNC-12).
    await t.runJobs();
    const told = (await findRecordedMessages(t.ctx.db, { template: 'cases.withdrawal-requested' })).filter((message) => message.body.includes(code));
    expect(told.length).toBeGreaterThanOrEqual(1);
    for (const words of ['thu tiền', 'nhận tiền']) expect(told.map((message) => `${message.subject} ${message.body}`).join('\n')).not.toContain(words);

    const decided = await act(leader, id, onPaper({ scope: 'partial', description: 'Rút phần về việc thu tiền đo đạc', channel: 'in_person', continueHandling: false }));
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().withdrawalRequest).toBeNull();
    expect(decided.json().status).toBe('accepted');
    expect(decided.json().timeline.at(-1)).toMatchObject({ event: 'cases.case.partially_withdrawn' });
  });

  it('LAW-DENUNC-08: a denunciation asks whether handling must continue; if so it goes on, internally noted, and the denouncer is told', async () => {
    const continued = await t.submit(denunciation());
    expect((await act(leader, continued.id, { type: 'accept' })).statusCode).toBe(200);
    const unanswered = await act(leader, continued.id, onPaper());
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.json().errors.map((error: { field: string }) => error.field)).toEqual(['continueHandling']);
    const response = await act(leader, continued.id, onPaper({ continueHandling: true, channel: 'signed_record', reason: 'Người tố cáo cho biết bị đe dọa' }));
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.status).toBe('accepted');
    expect(detail.deadline.isPaused).toBe(false);
    expect(detail.timeline.at(-1)).toMatchObject({ event: 'cases.case.handling_continued_after_withdrawal', isPublic: false, internalNote: 'Người tố cáo cho biết bị đe dọa' });
    const publicView = (await t.inject('GET', `/api/v1/cases/${continued.code}`, null)).json();
    expect(publicView.timeline.map((line: { event: string }) => line.event)).not.toContain('cases.case.handling_continued_after_withdrawal');
    const events = await findOutboxEvents(t.ctx.db, { name: 'cases.case.handling-continued-after-withdrawal' });
    expect(events.find((event) => event.payload.caseId === continued.id)?.payload).toMatchObject({ shouldNotifySubmitter: true });
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.recordWithdrawal', entityId: continued.id, limit: 10, offset: 0 });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ continueHandling: true, channel: 'signed_record' });

    const ended = await t.submit(denunciation());
    const stopped = await act(leader, ended.id, onPaper({ continueHandling: false }));
    expect(stopped.json().status).toBe('withdrawn');
  });
});

/*
 * LAW-COMPLAINT-04: before 01/07/2026 a complaint could only be withdrawn whole. A partial written
 * withdrawal recorded then is a localised 400 on the whole/partial field (the staff form shows it
 * there and keeps what was typed), as the portal answers it; nothing is written.
 */
describe('cases: a partial written withdrawal of a complaint before 01/07/2026', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp('2026-06-15T03:00:00.000Z');
    officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
  });
  afterAll(async () => t.close());

  const onPaper = (extra: Record<string, unknown> = {}) => ({ type: 'recordWithdrawal', scope: 'partial', description: 'Rút nội dung yêu cầu bồi thường cây trồng', receivedOn: '2026-06-15', channel: 'post', isSigned: true, ...extra });
  const send = (id: string, lang: 'vi' | 'en', body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions?lang=${lang}`, headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken }, payload: body });

  it('LAW-COMPLAINT-04: answers a field error on "scope" in the officer\'s language, writes nothing, and the whole withdrawal still goes through', async () => {
    const { id } = await t.submit({
      kind: 'complaint',
      categoryId: t.categoryIds.LAND,
      title: 'Khiếu nại quyết định thu hồi đất',
      description: 'Tôi không đồng ý với quyết định thu hồi đất vườn của gia đình vì chưa được bồi thường.',
      privacy: 'handler_only',
      submitter: { fullName: 'Trần Thị Bình', address: 'Thôn Như Quỳnh 2', phone: '0912000111', idNumber: '001203004111' },
    });
    expect((await t.inject('POST', `/api/v1/cases/${id}/actions`, leader, { type: 'accept' })).statusCode).toBe(200);
    // Before 01/07/2026 the staff form is told "partial" is not allowed yet.
    expect((await t.inject('GET', `/api/v1/cases/${id}`, officer)).json().canWithdrawPartially).toBe(false);

    const vietnamese = await send(id, 'vi', onPaper());
    expect(vietnamese.statusCode).toBe(400);
    expect(vietnamese.json().errors).toEqual([{ field: 'scope', message: 'Chỉ từ ngày 01/07/2026 mới có thể rút một phần khiếu nại. Hãy chọn rút toàn bộ.' }]);
    const english = await send(id, 'en', onPaper());
    expect(english.statusCode).toBe(400);
    expect(english.json().errors).toEqual([{ field: 'scope', message: 'Part of a complaint can be withdrawn only from 01/07/2026. Choose to withdraw all of it.' }]);
    // Every other field is still checked in the same answer.
    const alsoWrong = await send(id, 'vi', onPaper({ receivedOn: '2026-06-16' }));
    expect(alsoWrong.json().errors.map((error: { field: string }) => error.field)).toEqual(['scope', 'receivedOn']);

    const detail = (await t.inject('GET', `/api/v1/cases/${id}`, officer)).json();
    expect(detail).toMatchObject({ status: 'accepted', version: 1 });
    expect(await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.recordWithdrawal', entityId: id, limit: 10, offset: 0 })).toHaveLength(0);

    const whole = await send(id, 'vi', onPaper({ scope: 'whole', description: null }));
    expect(whole.statusCode, whole.body).toBe(200);
    expect(whole.json().status).toBe('withdrawn');
  });
});
