import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidateCommuneReference } from './server/reference-data.js';
import { buildCasesTestAppWithStaff, fieldMessages, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * LAW-BASE-13: the Fatherland Front (MTTQ) and the People's Inspection Board (TTND) supervise the
 * committee's handling, independently: they read, note and flag. A case is never assigned,
 * forwarded or routed to them, where nobody could act on it (review s13: a forward to TTND answered
 * 200 and the resident read "Handled by Ban Thanh tra nhân dân xã").
 */
describe('cases: supervising bodies never receive a case to handle (LAW-BASE-13)', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  let officer: StaffSession;

  beforeAll(async () => {
    ({ t, officer, leader } = await buildCasesTestAppWithStaff());
  });
  afterAll(async () => t.close());

  const act = (session: StaffSession, id: string, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
  const detail = async (id: string) => (await t.inject('GET', `/api/v1/cases/${id}`, leader)).json();

  it('refuses assigning to MTTQ or TTND with a localised 400 naming unitId, and changes nothing', async () => {
    const created = await t.submit();
    expect((await act(leader, created.id, { type: 'accept' })).statusCode).toBe(200);
    const before = await detail(created.id);
    for (const code of ['MTTQ', 'TTND']) {
      const refused = await act(leader, created.id, { type: 'assign', unitId: t.unitIds[code] });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(fieldMessages(refused.json())).toEqual({ unitId: expect.stringContaining('giám sát việc giải quyết') });
    }
    const english = await t.inject('POST', `/api/v1/cases/${created.id}/actions?lang=en`, leader, { type: 'assign', unitId: t.unitIds.TTND });
    expect(english.statusCode).toBe(400);
    expect(fieldMessages(english.json())).toEqual({ unitId: expect.stringContaining('they do not handle cases') });
    const after = await detail(created.id);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe('accepted');
    // The assign form's officer list is not offered for them either.
    const assignees = await t.inject('GET', `/api/v1/cases/assignees?unitId=${t.unitIds.TTND}`, leader);
    expect(assignees.statusCode).toBe(400);
    expect(fieldMessages(assignees.json())).toEqual({ unitId: expect.stringContaining('giám sát việc giải quyết') });
  });

  it('refuses forwarding to MTTQ or TTND with a 400 naming toUnitId; the case stays with its unit', async () => {
    const created = await t.submit();
    expect((await act(leader, created.id, { type: 'accept' })).statusCode).toBe(200);
    expect((await act(leader, created.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId })).statusCode).toBe(200);
    for (const code of ['MTTQ', 'TTND']) {
      const refused = await act(officer, created.id, { type: 'forward', toUnitId: t.unitIds[code], stepDays: 2 });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(fieldMessages(refused.json())).toEqual({ toUnitId: expect.stringContaining('giám sát việc giải quyết') });
    }
    const after = await detail(created.id);
    expect(after.status).toBe('assigned');
    expect(after.assignedUnitId).toBe(t.unitIds['KINH-TE']);
    // A unit of the committee is still fine.
    expect((await act(officer, created.id, { type: 'forward', toUnitId: t.unitIds['VH-XH'], stepDays: 2 })).statusCode).toBe(200);
  });

  it('does not route an intake to a supervising body a category was saved with earlier; the leader assigns it', async () => {
    // A category written before the default unit was checked (the admin form refuses it now).
    await t.ctx.db.updateTable('cases_categories').set({ default_unit_id: t.unitIds.TTND }).where('id', '=', t.categoryIds.ROADS).execute();
    invalidateCommuneReference(t.ctx, t.communeId);
    try {
      const created = await t.submit();
      const shown = await detail(created.id);
      expect(shown.assignedUnitId).toBeNull();
      const publicView = (await t.inject('GET', `/api/v1/cases/${created.code}`, t.anonymous)).body;
      expect(publicView).not.toContain('Thanh tra nhân dân');
    } finally {
      await t.ctx.db.updateTable('cases_categories').set({ default_unit_id: t.unitIds['KINH-TE'] }).where('id', '=', t.categoryIds.ROADS).execute();
      invalidateCommuneReference(t.ctx, t.communeId);
    }
  });
});
