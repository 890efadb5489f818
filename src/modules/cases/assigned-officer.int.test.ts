import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn } from '../../../test/kit/auth.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/* The staff case view names the officer a case is assigned to (GET and the action's response). */
describe('cases: the assigned officer by name on the staff view', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    const user = await createTestUser(t.ctx, { kind: 'staff', communeId: t.communeId, displayName: 'Lê Văn Địa', roles: [{ role: 'officer', unitId: t.unitIds['KINH-TE'] }] });
    officer = { userId: user.id, identifier: user.identifier, password: user.password, ...(await signIn(t.app, user.identifier, user.password)) };
    leader = await t.staff('leader');
  });
  afterAll(async () => t.close());

  const submit = async () =>
    (
      await t.inject('POST', '/api/v1/cases', t.anonymous, {
        kind: 'feedback',
        categoryId: t.categoryIds.ROADS,
        areaId: t.areaIds['TDP-NQ1'],
        title: 'Đèn đường hỏng',
        description: 'Đèn đường trước nhà văn hóa hỏng đã hai tuần, buổi tối rất tối.',
        privacy: 'handler_only',
        submitter: { fullName: 'Phạm Văn Sáng', address: 'Tổ dân phố 1', phone: '0912 345 679' },
      })
    ).json() as { id: string };

  it('is null until an officer is named, then carries the officer\'s display name', async () => {
    const { id } = await submit();
    const act = (session: StaffSession, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
    const accepted = await act(officer, { type: 'accept' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ assignedOfficerId: null, assignedOfficerName: null });

    const assigned = await act(leader, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ assignedUnitId: t.unitIds['KINH-TE'], assignedOfficerId: officer.userId, assignedOfficerName: 'Lê Văn Địa' });
    const detail = (await t.inject('GET', `/api/v1/cases/${id}`, leader)).json();
    expect(detail.assignedOfficerName).toBe('Lê Văn Địa');
    // Only the name: the officer's contact details never ride along.
    expect(JSON.stringify(detail)).not.toContain(officer.identifier);
  });

  it('names the officer who started work on a case assigned to the unit only', async () => {
    const { id } = await submit();
    const act = (session: StaffSession, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
    await act(officer, { type: 'accept' });
    expect((await act(leader, { type: 'assign', unitId: t.unitIds['KINH-TE'] })).json().assignedOfficerName).toBeNull();
    const started = await act(officer, { type: 'startWork' });
    expect(started.json()).toMatchObject({ status: 'in_progress', assignedOfficerName: 'Lê Văn Địa' });
  });
});
