import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { testDialect } from '../../../test/kit/app.js';
import { findRecordedMessages } from '../notifications/server/index.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/**
 * Supervision flags (LAW-BASE-13: recommendation tracker with a 15-day answer clock): the commune
 * People's Committee answers through a leader (LAW-DEMO-50/54), the supervising body closes the flag
 * or keeps it open, overdue flags show in the supervisors' and leaders' list.
 */
describe(`supervision flags on ${testDialect}`, () => {
  let t: CasesTestApp;
  let front: StaffSession;
  let inspectionBoard: StaffSession;
  let leader: StaffSession;
  let officer: StaffSession;
  let admin: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    front = await t.staff('supervisor', 'MTTQ');
    inspectionBoard = await t.staff('supervisor', 'TTND');
    leader = await t.staff('leader');
    officer = await t.staff('officer', 'KINH-TE');
    admin = await t.staff('admin');
  });
  afterAll(async () => t.close());

  const audit = (action: string, entityId: string) => findAuditRows(t.ctx.db, { communeId: t.communeId, action, entityId, limit: 10, offset: 0 });
  const raise = async (caseId: string, session = front, kind: 'flag' | 'note' = 'flag') => {
    const response = await t.inject('POST', `/api/v1/cases/${caseId}/supervision-notes`, session, { kind, body: 'Đề nghị UBND xã sửa đèn đường trước nhà văn hóa trước Tết.' });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; status: string | null; answerDueAt: string | null; isOverdue: boolean };
  };
  const flagsOf = async (session: StaffSession, filter: string) => {
    const response = await t.inject('GET', `/api/v1/cases/supervision-flags?filter=${filter}`, session);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Array<{ id: string; caseCode: string; status: string; isOverdue: boolean; answerBody: string | null; answeredByName: string | null }>;
  };
  const url = (caseId: string, noteId: string, step: 'answer' | 'review') => `/api/v1/cases/${caseId}/supervision-notes/${noteId}/${step}`;

  it('LAW-DEMO-54: a flag is answered by a leader, kept open with a reason, answered again and closed by the body that raised it; each step audited and on the internal timeline', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const created = await t.submit();
    const flag = await raise(created.id);
    // Thursday 26/11 + 15 calendar days = Friday 11/12, end of the day in Vietnam.
    expect(flag).toMatchObject({ status: 'awaiting_answer', answerDueAt: '2026-12-11T16:59:59.999Z', isOverdue: false });

    // Least privilege: the officer handling the case (the one supervised), the supervisor and the admin do not answer.
    for (const session of [officer, front, admin]) expect((await t.inject('POST', url(created.id, flag.id, 'answer'), session, { body: 'Đã sửa.' })).statusCode).toBe(403);
    const empty = await t.inject('POST', url(created.id, flag.id, 'answer'), leader, { body: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors.map((error: { field: string }) => error.field)).toEqual(['body']);
    // Keeping open needs an answer first.
    expect((await t.inject('POST', url(created.id, flag.id, 'review'), front, { outcome: 'keep_open', comment: 'Chưa có trả lời.' })).statusCode).toBe(409);

    const answered = await t.inject('POST', url(created.id, flag.id, 'answer'), leader, { body: 'UBND xã đã giao Phòng Kinh tế thay bóng đèn trong tuần này.' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answerBody: 'UBND xã đã giao Phòng Kinh tế thay bóng đèn trong tuần này.', answeredByName: expect.any(String) });

    // The supervisor sees the answer on the case and in their list.
    const onCase = (await t.inject('GET', `/api/v1/cases/${created.id}`, front)).json();
    expect(onCase.supervisionNotes).toEqual([expect.objectContaining({ id: flag.id, status: 'answered', answerBody: expect.stringContaining('thay bóng đèn'), answeredAt: '2026-11-26T03:00:00.000Z' })]);
    expect((await flagsOf(front, 'open')).find((item) => item.id === flag.id)).toMatchObject({ caseCode: created.code, status: 'answered', answerBody: expect.stringContaining('thay bóng đèn') });

    // Another supervising body does not decide on the Front's recommendation.
    expect((await t.inject('POST', url(created.id, flag.id, 'review'), inspectionBoard, { outcome: 'close' })).statusCode).toBe(403);
    const noReason = await t.inject('POST', url(created.id, flag.id, 'review'), front, { outcome: 'keep_open' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ field: 'comment', message: expect.stringContaining('lý do chưa đồng ý') }]);

    // Not satisfied on Monday 30/11: a new 15-day clock, to Tuesday 15/12.
    t.clock.set('2026-11-30T03:00:00.000Z');
    const keptOpen = await t.inject('POST', url(created.id, flag.id, 'review'), front, { outcome: 'keep_open', comment: 'Đèn vẫn chưa sáng, đề nghị kiểm tra lại.' });
    expect(keptOpen.statusCode, keptOpen.body).toBe(200);
    expect(keptOpen.json()).toMatchObject({ status: 'awaiting_answer', answerDueAt: '2026-12-15T16:59:59.999Z', reviewComment: 'Đèn vẫn chưa sáng, đề nghị kiểm tra lại.', answerBody: expect.stringContaining('thay bóng đèn') });

    expect((await t.inject('POST', url(created.id, flag.id, 'answer'), leader, { body: 'Đã thay cả dây dẫn, đèn sáng từ tối 1/12.' })).statusCode).toBe(200);
    const closed = await t.inject('POST', url(created.id, flag.id, 'review'), front, { outcome: 'close', comment: 'Đã kiểm tra, đèn sáng.' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', resolvedAt: '2026-11-30T03:00:00.000Z' });
    // Closed is final.
    expect((await t.inject('POST', url(created.id, flag.id, 'answer'), leader, { body: 'Bổ sung.' })).statusCode).toBe(409);
    expect((await t.inject('POST', url(created.id, flag.id, 'review'), front, { outcome: 'close' })).statusCode).toBe(409);
    expect((await flagsOf(front, 'open')).map((item) => item.id)).not.toContain(flag.id);
    expect((await flagsOf(leader, 'closed')).map((item) => item.id)).toContain(flag.id);

    for (const action of ['cases.supervision-note.added', 'cases.supervision-flag.kept-open', 'cases.supervision-flag.closed']) expect((await audit(action, created.id)).length, action).toBe(1);
    expect((await audit('cases.supervision-flag.answered', created.id)).length).toBe(2);
    const timeline = (await t.inject('GET', `/api/v1/cases/${created.id}`, leader)).json().timeline as Array<{ event: string; isPublic: boolean }>;
    const steps = timeline.filter((entry) => entry.event.startsWith('cases.case.supervision_flag_'));
    expect(steps.map((entry) => entry.event)).toEqual([
      'cases.case.supervision_flag_raised',
      'cases.case.supervision_flag_answered',
      'cases.case.supervision_flag_kept_open',
      'cases.case.supervision_flag_answered',
      'cases.case.supervision_flag_closed',
    ]);
    expect(steps.every((entry) => !entry.isPublic)).toBe(true);
    // Nothing of it reaches the public status page.
    const publicView = await t.inject('GET', `/api/v1/cases/${created.code}`, null);
    expect(publicView.statusCode, publicView.body).toBe(200);
    expect(publicView.body).not.toContain('supervision');
    expect(publicView.body).not.toContain('bóng đèn');
  });

  it('the leaders are e-mailed a recommendation to answer (with its deadline), and the body that raised it the answer', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const created = await t.submit();
    const flag = await raise(created.id);
    await t.runJobs();
    const mailsOf = async (template: string) => (await findRecordedMessages(t.ctx.db, { template })).filter((message) => message.body.includes(created.code));
    const toAnswer = await mailsOf('cases.supervision-flag-to-answer');
    expect(toAnswer.map((message) => message.recipient)).toContain(leader.identifier);
    expect(toAnswer[0]!.subject).toContain('11/12/2026');
    expect(await mailsOf('cases.supervision-flag-answered')).toEqual([]);

    expect((await t.inject('POST', url(created.id, flag.id, 'answer'), leader, { body: 'UBND xã đã giao Phòng Kinh tế thay bóng đèn.' })).statusCode).toBe(200);
    await t.runJobs();
    expect((await mailsOf('cases.supervision-flag-answered')).map((message) => message.recipient)).toEqual([front.identifier]);
  });

  it('overdue flags awaiting an answer are listed for the supervisor and the leader; officers have no list', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const late = await raise((await t.submit()).id);
    const answeredInTime = await t.submit();
    const inTime = await raise(answeredInTime.id);
    expect((await t.inject('POST', url(answeredInTime.id, inTime.id, 'answer'), leader, { body: 'Đã xử lý xong.' })).statusCode).toBe(200);

    t.clock.set('2026-12-11T16:59:59.000Z');
    expect((await flagsOf(front, 'overdue')).map((item) => item.id)).not.toContain(late.id);
    t.clock.set('2026-12-12T01:00:00.000Z');
    for (const session of [front, leader, inspectionBoard]) {
      const overdue = await flagsOf(session, 'overdue');
      expect(overdue.map((item) => item.id)).toContain(late.id);
      expect(overdue.map((item) => item.id)).not.toContain(inTime.id);
      expect(overdue.find((item) => item.id === late.id)).toMatchObject({ isOverdue: true, status: 'awaiting_answer' });
    }
    expect((await flagsOf(leader, 'open')).find((item) => item.id === inTime.id)).toMatchObject({ isOverdue: false });
    expect((await t.inject('GET', '/api/v1/cases/supervision-flags', officer)).statusCode).toBe(403);
    expect((await t.inject('GET', '/api/v1/cases/supervision-flags?filter=soon', leader)).statusCode).toBe(400);
  });

  it('a plain note has no answer clock and cannot be answered or closed', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const created = await t.submit();
    const note = await raise(created.id, front, 'note');
    expect(note).toMatchObject({ status: null, answerDueAt: null, isOverdue: false });
    expect((await t.inject('POST', url(created.id, note.id, 'answer'), leader, { body: 'x' })).statusCode).toBe(409);
    expect((await t.inject('POST', url(created.id, note.id, 'review'), front, { outcome: 'close' })).statusCode).toBe(409);
    expect((await t.inject('POST', url(created.id, '00000000-0000-4000-8000-000000000000', 'answer'), leader, { body: 'x' })).statusCode).toBe(404);
  });

  it('the answer period is a commune setting: 5 working days puts the deadline after the weekend', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const current = (await t.inject('GET', '/api/v1/admin/cases/settings', admin)).json();
    expect(current).toMatchObject({ supervisionAnswerDays: 15, supervisionAnswerUnit: 'calendar_days' });
    const { updatedAt: _updatedAt, ...values } = current;
    const saved = await t.inject('PUT', '/api/v1/admin/cases/settings', admin, { ...values, supervisionAnswerDays: 5, supervisionAnswerUnit: 'working_days' });
    expect(saved.statusCode, saved.body).toBe(200);
    const flag = await raise((await t.submit()).id);
    // Thursday 26/11 + 5 working days = Thursday 3/12.
    expect(flag.answerDueAt).toBe('2026-12-03T16:59:59.999Z');
    await t.inject('PUT', '/api/v1/admin/cases/settings', admin, values);
  });
});
