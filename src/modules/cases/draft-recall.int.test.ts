import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * An officer who spots a mistake after sending a draft for approval takes it back ("rút lại dự thảo
 * để sửa"), corrects it and sends it again. A leader's return with a reason (rejectDraft) exists already.
 */
describe('cases: the drafting officer recalls a draft awaiting approval', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let colleague: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    colleague = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
  });
  afterAll(async () => t.close());

  it('returns the case to in progress with the draft kept, on the timeline and in the audit log; the deadline is unchanged', async () => {
    const { id } = await t.submit();
    const act = (session: StaffSession, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
    expect((await act(officer, { type: 'accept' })).statusCode).toBe(200);
    expect((await act(leader, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId })).statusCode).toBe(200);
    expect((await act(officer, { type: 'startWork' })).statusCode).toBe(200);
    const draft = 'Xã đã bố trí thay bóng đèn đường tại thôn Như Quỳhn trong tuần này.';
    const drafted = (await act(officer, { type: 'draftAnswer', text: draft })).json();
    expect(drafted.status).toBe('answer_drafted');
    expect(drafted.availableActions).toContain('recallDraft');

    // A colleague of the same unit and the leader may not recall it (the leader returns it with a reason instead).
    expect((await act(colleague, { type: 'recallDraft' })).statusCode).toBe(403);
    expect((await act(leader, { type: 'recallDraft' })).statusCode).toBe(403);
    const leaderView = (await t.inject('GET', `/api/v1/cases/${id}`, leader)).json();
    expect(leaderView.availableActions).not.toContain('recallDraft');
    expect(leaderView.availableActions).toContain('rejectDraft');

    t.clock.advance(2 * 86_400_000);
    const recalled = await act(officer, { type: 'recallDraft', reason: 'Sai chính tả tên thôn', expectedVersion: drafted.version });
    expect(recalled.statusCode).toBe(200);
    const after = recalled.json();
    expect(after.status).toBe('in_progress');
    expect(after.answerDraft).toBe(draft);
    expect(after.availableActions).toContain('draftAnswer');
    // Recall does not stop the clock.
    expect(after.deadline.dueAt).toBe(drafted.deadline.dueAt);
    expect(after.deadline.isPaused).toBe(false);
    const entry = after.timeline.find((candidate: { event: string }) => candidate.event === 'cases.case.draft_recalled');
    expect(entry).toMatchObject({ isPublic: false, internalNote: 'Sai chính tả tên thôn', actorUserId: officer.userId });
    const audit = await sql<{ actor_user_id: string; details: string }>`SELECT actor_user_id, details FROM audit_log WHERE entity_id = ${id} AND action = 'cases.case.recallDraft'`.execute(t.ctx.db);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.actor_user_id).toBe(officer.userId);
    expect(JSON.parse(audit.rows[0]!.details)).toMatchObject({ fromStatus: 'answer_drafted', toStatus: 'in_progress' });
    // Internal: the public status page shows nothing of it.
    const publicView = (await t.inject('GET', `/api/v1/cases/${after.code}`, null)).json();
    expect(publicView.timeline.map((line: { event: string }) => line.event)).not.toContain('cases.case.draft_recalled');

    // A second recall of the same draft is stale; the corrected draft goes to approval again.
    expect((await act(officer, { type: 'recallDraft' })).statusCode).toBe(409);
    const corrected = await act(officer, { type: 'draftAnswer', text: draft.replace('Quỳhn', 'Quỳnh') });
    expect(corrected.json()).toMatchObject({ status: 'answer_drafted', answerDraft: expect.stringContaining('Như Quỳnh') });
    expect((await act(leader, { type: 'approveAnswer' })).json().status).toBe('answer_approved');
  });

  it('refuses a reason longer than the limit with a 400 naming the field', async () => {
    const { id } = await t.submit();
    const response = await t.inject('POST', `/api/v1/cases/${id}/actions`, officer, { type: 'recallDraft', reason: 'x'.repeat(1001) });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('reason');
  });
});
