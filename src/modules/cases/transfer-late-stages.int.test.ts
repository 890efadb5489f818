import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { findRecordedMessages } from '../notifications/server/index.js';
import * as repository from './db/repository.js';
import { buildCasesTestAppWithStaff, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * LAW-PAKN-04, LAW-DENUNC-03: a case found outside the commune's competence is sent to the competent
 * body at any point before the answer is sent: while the resident's information is awaited (the
 * clock's pause ends with the transfer, LAW-BASE-10) or once an answer is drafted (a leader reviewing
 * it sees the matter is not the commune's: the draft is discarded and can never be approved or
 * published). The test clock starts on Thursday 26/11/2026, 10:00 in Vietnam.
 */
describe('cases: transfer out while awaiting information and after an answer is drafted', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    ({ t, officer, leader } = await buildCasesTestAppWithStaff());
  });
  afterAll(async () => t.close());

  const body = 'Phòng Tài nguyên và Môi trường huyện';
  const act = (session: StaffSession, id: string, payload: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${id}/actions?lang=vi`, session, payload);
  const ok = async (session: StaffSession, id: string, payload: Record<string, unknown>) => {
    const response = await act(session, id, payload);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const detailOf = async (id: string) => (await t.inject('GET', `/api/v1/cases/${id}?lang=vi`, leader)).json();
  const rowOf = async (id: string) => (await repository.findCaseById(t.ctx.db, t.communeId, id))!;
  const eventsOf = (detail: { timeline: { event: string }[] }) => detail.timeline.map((line) => line.event);
  /** A feedback case accepted, assigned to KINH-TE's officer and being worked on. */
  const caseInProgress = async (email: string) => {
    const submitted = await t.submit({ submitter: { fullName: 'Phạm Thị Dung', address: 'Thôn Lạc Cầu', phone: '0912000333', email } });
    await ok(officer, submitted.id, { type: 'accept' });
    await ok(leader, submitted.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    await ok(officer, submitted.id, { type: 'startWork' });
    return submitted;
  };

  it('LAW-PAKN-04, LAW-BASE-10: from awaiting_information the pause ends with the transfer; the resident sees the body and is told', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const { id, code, accessToken } = await caseInProgress('dung.chocho@example.vn');
    // Asked for information on Monday 30/11; on Thursday 03/12 the officer finds it is the district's matter.
    t.clock.set('2026-11-30T03:00:00.000Z');
    await ok(officer, id, { type: 'requestInformation', note: 'Xin cho biết cơ sở nào gây ô nhiễm.' });
    t.clock.set('2026-12-03T03:00:00.000Z');
    const waiting = await detailOf(id);
    expect(waiting).toMatchObject({ status: 'awaiting_information', deadline: { isPaused: true } });
    // The back office offers the transfer (from the state machine's available actions).
    expect(waiting.availableActions).toContain('transferOut');

    const detail = await ok(officer, id, { type: 'transferOut', bodyName: body, letterRef: '21/CV-UBND', note: 'Cơ sở do huyện cấp phép' });
    expect(detail).toMatchObject({ status: 'transferred', availableActions: [] });
    // No dangling pause: the clock is not shown as stopped, and the due date is the one the explanation ends with.
    expect(detail.deadline.isPaused).toBe(false);
    const row = await rowOf(id);
    const state = JSON.parse(row.state);
    expect(state).toMatchObject({ status: 'transferred', resumeStatus: null });
    expect(state.pauses).toEqual([{ from: '2026-11-30T03:00:00.000Z', to: '2026-12-03T03:00:00.000Z' }]);
    // 15 working days from 26/11 end on 17/12; the four paused working days (30/11–03/12) move it to 23/12.
    expect(row).toMatchObject({ due_at: '2026-12-23T16:59:59.999Z', is_overdue: 0, closed_at: '2026-12-03T03:00:00.000Z', step_due_at: null });
    expect(detail.deadline.dueAt).toBe('2026-12-23T16:59:59.999Z');
    expect(detail.deadline.explanation.at(-1)).toContain('23/12/2026');

    expect(eventsOf(detail)).toEqual(['cases.case.received', 'cases.case.accepted', 'cases.case.assigned', 'cases.case.work_started', 'cases.case.information_requested', 'cases.case.transferred_out']);
    expect(detail.timeline.at(-1)).toMatchObject({ isPublic: true, publicNote: body, internalNote: 'Cơ sở do huyện cấp phép' });
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.transferOut', entityId: id, limit: 10, offset: 0 });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ fromStatus: 'awaiting_information', toStatus: 'transferred', bodyName: body, letterRef: '21/CV-UBND' });
    expect(JSON.parse(audit[0]!.details).discardedDraft).toBeUndefined();

    // The resident's public page and API show the transfer with the receiving body, and the clock not stopped.
    const publicView = (await t.inject('GET', `/api/v1/cases/${code}?lang=vi`, null)).json();
    expect(publicView).toMatchObject({ status: 'transferred', transferredTo: body, deadline: { isPaused: false } });
    const page = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`đã được chuyển đến ${body}`);
    // The information is no longer awaited by the commune: the resident's late answer is refused, nothing reopens.
    const late = await t.inject('POST', `/api/v1/cases/${code}/information`, t.anonymous, { text: 'Cơ sở gây ô nhiễm ở cuối thôn Lạc Cầu.', accessToken });
    expect(late.statusCode, late.body).toBe(409);
    expect((await rowOf(id)).status).toBe('transferred');

    // Told as for any transfer (after the messages for receipt, acceptance and the request for information).
    await t.runJobs();
    const messages = await findRecordedMessages(t.ctx.db, { recipient: 'dung.chocho@example.vn', template: 'cases.status-changed' });
    expect(messages.map((message) => message.subject).sort()).toEqual([`Hồ sơ ${code}: Đã chuyển cơ quan có thẩm quyền`, `Hồ sơ ${code}: Đã thụ lý`, `Hồ sơ ${code}: Đã tiếp nhận`].sort());
    // The request for information had its own message, saying what was asked (issue 3, workflow review).
    expect((await findRecordedMessages(t.ctx.db, { recipient: 'dung.chocho@example.vn', template: 'cases.information-requested' })).map((message) => message.subject)).toEqual([`Hồ sơ ${code}: cần bạn bổ sung thông tin`]);
  });

  it('LAW-PAKN-04: a leader reviewing the draft transfers the case: the draft is discarded (internal timeline line), nothing left to approve or publish', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const { id, code } = await caseInProgress('dung.duthao@example.vn');
    t.clock.set('2026-11-27T03:00:00.000Z');
    const drafted = await ok(officer, id, { type: 'draftAnswer', text: 'Xã sẽ kiểm tra và xử lý cơ sở gây ô nhiễm trong tuần tới.' });
    expect(drafted.status).toBe('answer_drafted');
    const queueBefore = (await t.inject('GET', '/api/v1/cases?status=answer_drafted&pageSize=100', leader)).json();
    expect(queueBefore.items.map((item: { id: string }) => item.id)).toContain(id);
    const review = await detailOf(id);
    expect(review.availableActions).toEqual(expect.arrayContaining(['approveAnswer', 'transferOut']));

    t.clock.set('2026-11-30T03:00:00.000Z');
    const detail = await ok(leader, id, { type: 'transferOut', bodyName: body });
    expect(detail).toMatchObject({ status: 'transferred', answerDraft: null, answerText: null, availableActions: [] });
    // The deadline fields: nothing paused, the resolution date unchanged by the discard, not overdue.
    expect(detail.deadline).toMatchObject({ isPaused: false, dueAt: drafted.deadline.dueAt });
    const row = await rowOf(id);
    expect(row).toMatchObject({ answer_draft: null, answer_approved_by: null, answer_text: null, is_overdue: 0, closed_at: '2026-11-30T03:00:00.000Z' });
    expect(JSON.parse(row.state)).toMatchObject({ draftedByUserId: null, resumeStatus: null, pauses: [] });

    // The timeline says so, for staff only.
    expect(eventsOf(detail)).toEqual(expect.arrayContaining(['cases.case.answer_drafted', 'cases.case.transferred_out', 'cases.case.draft_discarded']));
    // The discarded text stays on the record for staff (LAW-PAKN-04), as that line's internal note.
    expect(detail.timeline.find((line: { event: string }) => line.event === 'cases.case.draft_discarded')).toMatchObject({ isPublic: false, publicNote: null, internalNote: 'Xã sẽ kiểm tra và xử lý cơ sở gây ô nhiễm trong tuần tới.', actorUserId: leader.userId });
    expect(detail.timeline.find((line: { event: string }) => line.event === 'cases.case.transferred_out')).toMatchObject({ isPublic: true, publicNote: body });
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.transferOut', entityId: id, limit: 10, offset: 0 });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ fromStatus: 'answer_drafted', toStatus: 'transferred', discardedDraft: true });

    // Gone from what can be approved: not in the approval queue; approving, publishing, returning or recalling it is refused.
    const queueAfter = (await t.inject('GET', '/api/v1/cases?status=answer_drafted&pageSize=100', leader)).json();
    expect(queueAfter.items.map((item: { id: string }) => item.id)).not.toContain(id);
    for (const type of ['approveAnswer', 'publishAnswer']) expect((await act(leader, id, { type })).statusCode).toBe(409);
    expect((await act(leader, id, { type: 'rejectDraft', reason: 'Thử' })).statusCode).toBe(409);
    expect((await act(officer, id, { type: 'recallDraft' })).statusCode).toBe(409);
    expect((await rowOf(id)).answer_text).toBeNull();

    // The resident sees the transfer and the body, never the draft or its discarding.
    const publicView = (await t.inject('GET', `/api/v1/cases/${code}?lang=vi`, null)).json();
    expect(publicView).toMatchObject({ status: 'transferred', transferredTo: body });
    expect(publicView.timeline.map((line: { event: string }) => line.event)).not.toContain('cases.case.draft_discarded');
    expect(JSON.stringify(publicView)).not.toContain('kiểm tra và xử lý cơ sở');
    const page = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain(`đã được chuyển đến ${body}`);
    expect(page.body).not.toContain('kiểm tra và xử lý cơ sở');
    await t.runJobs();
    const messages = await findRecordedMessages(t.ctx.db, { recipient: 'dung.duthao@example.vn', template: 'cases.status-changed' });
    expect(messages.filter((message) => message.subject === `Hồ sơ ${code}: Đã chuyển cơ quan có thẩm quyền`)).toHaveLength(1);
  });

  it('an approved answer not yet sent is discarded too; a denunciation\'s signed conclusion is not transferred (LAW-DENUNC-03/09)', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const { id } = await caseInProgress('dung.daduyet@example.vn');
    await ok(officer, id, { type: 'draftAnswer', text: 'Xã đã kiểm tra cơ sở và yêu cầu khắc phục ngay.' });
    await ok(leader, id, { type: 'approveAnswer' });
    expect((await rowOf(id)).answer_approved_by).toBe(leader.userId);
    expect((await detailOf(id)).availableActions).toContain('transferOut');
    const detail = await ok(leader, id, { type: 'transferOut', bodyName: body });
    expect(detail).toMatchObject({ status: 'transferred', answerDraft: null });
    expect(eventsOf(detail)).toContain('cases.case.draft_discarded');
    expect(await rowOf(id)).toMatchObject({ answer_draft: null, answer_approved_by: null, answer_text: null });
    expect((await act(leader, id, { type: 'publishAnswer' })).statusCode).toBe(409);

    const denunciation = await t.submit({ kind: 'denunciation', categoryId: t.categoryIds.CONDUCT, title: 'Tố cáo cán bộ', description: 'Cán bộ địa chính nhận tiền để làm nhanh hồ sơ.', submitter: { fullName: 'Lê Văn Cường', address: 'Số 3 ngõ 5', phone: '0987000222' } });
    await ok(leader, denunciation.id, { type: 'accept' });
    const unitId = (await rowOf(denunciation.id)).assigned_unit_id!;
    const handler = await t.staff('officer', Object.entries(t.unitIds).find(([, value]) => value === unitId)![0]);
    await ok(leader, denunciation.id, { type: 'assign', unitId, officerId: handler.userId });
    await ok(handler, denunciation.id, { type: 'startWork' });
    await ok(handler, denunciation.id, { type: 'draftAnswer', text: 'Kết luận: tố cáo đúng một phần.' });
    await ok(leader, denunciation.id, { type: 'approveAnswer' });
    expect((await detailOf(denunciation.id)).availableActions).not.toContain('transferOut');
    expect((await act(leader, denunciation.id, { type: 'transferOut', bodyName: 'Thanh tra huyện' })).statusCode).toBe(409);
    expect((await rowOf(denunciation.id)).answer_draft).toBe('Kết luận: tố cáo đúng một phần.');
  });
});
