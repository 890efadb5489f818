/**
 * Two staff members acting on the same case at the same instant (issue 3 point 4): the back office
 * sends the version it showed (`expectedVersion`), so exactly one action wins and the other is told,
 * in the reader's language, that someone else changed the case. Nothing of the loser is written:
 * no timeline line, no audit entry, no second assignment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: concurrent staff actions', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  let otherLeader: StaffSession;
  let officer: StaffSession;
  let otherOfficer: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    leader = await t.staff('leader');
    otherLeader = await t.staff('leader');
    officer = await t.staff('officer', 'KINH-TE');
    otherOfficer = await t.staff('officer', 'KINH-TE');
  });
  afterAll(async () => t.close());

  const act = (session: StaffSession, caseId: string, body: Record<string, unknown>, lang = 'vi') =>
    t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/actions?lang=${lang}`, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, payload: body });

  it('lets exactly one of two simultaneous assignments win; the other gets a localised 409 and writes nothing', async () => {
    const { id } = await t.submit();
    const accepted = await act(leader, id, { type: 'accept', expectedVersion: 0 });
    expect(accepted.statusCode).toBe(200);
    const version = accepted.json().version as number;

    const [first, second] = await Promise.all([
      act(leader, id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId, expectedVersion: version }),
      act(otherLeader, id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: otherOfficer.userId, expectedVersion: version }, 'en'),
    ]);
    const codes = [first.statusCode, second.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = first.statusCode === 409 ? first : second;
    const winnerOfficer = first.statusCode === 200 ? officer.userId : otherOfficer.userId;
    expect(loser.json().detail).toBe(first.statusCode === 409 ? 'Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại.' : 'Someone else changed this case in the meantime. Reload it and try again.');

    const detail = (await t.inject('GET', `/api/v1/cases/${id}`, leader)).json();
    expect(detail.assignedOfficerId).toBe(winnerOfficer);
    expect(detail.version).toBe(version + 1);
    const assignments = detail.timeline.filter((entry: { event: string }) => entry.event === 'cases.case.assigned');
    expect(assignments).toHaveLength(1);
  });

  it('refuses an action taken on a page that was shown before another change', async () => {
    const { id } = await t.submit();
    const shown = (await t.inject('GET', `/api/v1/cases/${id}`, leader)).json().version as number;
    expect((await act(otherLeader, id, { type: 'accept', expectedVersion: shown })).statusCode).toBe(200);
    // The first leader still sees the page as it was and refuses the case on it.
    const stale = await act(leader, id, { type: 'refuse', ground: 'feedback_requirements_unmet', expectedVersion: shown });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toBe('Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại.');
    const detail = (await t.inject('GET', `/api/v1/cases/${id}`, leader)).json();
    expect(detail.status).toBe('accepted');
  });
});
