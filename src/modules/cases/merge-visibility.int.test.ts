/**
 * Merging duplicates (issue 3 point 4) names the case to merge into by its code. An officer may not
 * see every case of the commune (their unit's cases and their own): a code they cannot see is
 * answered exactly like a code that does not exist, so the merge form does not tell them that the
 * case exists, its kind or that it is closed. A leader, who sees every case, is told why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestAppWithStaff, fieldMessages, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: merging into a case the actor cannot see', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  let officer: StaffSession;

  beforeAll(async () => {
    ({ t, officer, leader } = await buildCasesTestAppWithStaff());
  });
  afterAll(async () => t.close());

  const act = (session: StaffSession, caseId: string, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${caseId}/actions`, session, body);

  it("answers a hidden case's code as unknown to the officer, while the leader is told the real reason", async () => {
    const own = await t.submit();
    expect((await act(leader, own.id, { type: 'accept' })).statusCode).toBe(200);
    expect((await act(leader, own.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId })).statusCode).toBe(200);
    // Two cases routed to the police, which the Kinh tế officer does not see: a question, and feedback.
    const question = await t.submit({ kind: 'question', categoryId: t.categoryIds.SECURITY });
    const feedback = await t.submit({ categoryId: t.categoryIds.SECURITY });
    expect((await t.inject('GET', `/api/v1/cases/${question.id}`, officer)).statusCode).toBe(404);

    const unknown = 'Không có hồ sơ đang xử lý nào khác của xã mang mã này.';
    for (const target of [question, feedback, { code: 'NQ-2611-ZZZZZ' }]) {
      const refused = await act(officer, own.id, { type: 'merge', intoCode: target.code });
      expect(refused.statusCode).toBe(400);
      expect(fieldMessages(refused.json())).toEqual({ intoCode: unknown });
    }
    // The leader sees both: the question is refused for its kind, the feedback is merged.
    const byLeader = await act(leader, own.id, { type: 'merge', intoCode: question.code });
    expect(fieldMessages(byLeader.json())).toEqual({ intoCode: 'Chỉ gộp được với hồ sơ cùng loại (ví dụ phản ánh với phản ánh).' });
    const merged = await act(leader, own.id, { type: 'merge', intoCode: feedback.code });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().status).toBe('merged');
  });

  it('lets the officer merge into a case of their own unit', async () => {
    const own = await t.submit();
    const twin = await t.submit();
    expect((await act(leader, own.id, { type: 'accept' })).statusCode).toBe(200);
    expect((await act(leader, own.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId })).statusCode).toBe(200);
    const merged = await act(officer, own.id, { type: 'merge', intoCode: twin.code });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().status).toBe('merged');
  });
});
