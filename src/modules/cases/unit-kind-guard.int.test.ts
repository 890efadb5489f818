import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * LAW-BASE-13: a supervising body (the Fatherland Front, the People's Inspection Board) never handles
 * a case, so an admin may not turn a unit into one while open cases are assigned to it or categories
 * send their cases to it by default. Tenancy asks the cases module through its unit-references port
 * (core/tenancy/unit-references.ts) and refuses on the `kind` field, saying how many cases and which
 * categories; once they are reassigned, closed or re-pointed the change goes through. SQLite and PostgreSQL.
 */
describe('tenancy: a unit becomes a supervising body only when no case or category points at it (LAW-BASE-13)', () => {
  let t: CasesTestApp;
  let admin: StaffSession;
  let leader: StaffSession;
  let unitId: string;
  let categoryId: string;
  let caseIds: string[];

  const patchUnit = (body: Record<string, unknown>, lang = 'vi') => t.inject('PATCH', `/api/v1/admin/units/${unitId}?lang=${lang}`, admin, body);
  const unitNow = async () => (await t.inject('GET', '/api/v1/admin/units', admin)).json().find((unit: { id: string }) => unit.id === unitId) as { kind: string; name: string };
  const unitAudits = async () => (await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'tenancy.unit.updated', entityId: unitId, limit: 50, offset: 0 })).length;
  const act = async (id: string, body: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${id}/actions`, leader, body);
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    t = await buildCasesTestApp();
    admin = await t.staff('admin');
    leader = await t.staff('leader');
    const unit = await t.inject('POST', '/api/v1/admin/units', admin, { code: 'TO-CONG-TAC', name: 'Tổ công tác dân vận', kind: 'specialised' });
    expect(unit.statusCode, unit.body).toBe(201);
    unitId = unit.json().id;
    const category = await t.inject('POST', '/api/v1/admin/cases/categories', admin, {
      code: 'DAN-VAN',
      nameVi: 'Dân vận, hòa giải',
      nameEn: 'Mass mobilisation and mediation',
      kinds: ['feedback', 'question'],
      papiDimension: 'D2',
      defaultUnitId: unitId,
      isPublicOpen311: false,
      sortOrder: 60,
    });
    expect(category.statusCode, category.body).toBe(201);
    categoryId = category.json().id;
    // Two open cases assigned to the unit.
    caseIds = [];
    for (const title of ['Tranh chấp lối đi chung', 'Hòa giải tiếng ồn ban đêm']) {
      const created = await t.submit({ title, categoryId });
      await act(created.id, { type: 'accept' });
      await act(created.id, { type: 'assign', unitId });
      caseIds.push(created.id);
    }
  });
  afterAll(async () => t.close());

  it('refuses with 409 on the kind field, naming the open cases and the category, in the reader\'s language, and writes nothing', async () => {
    const audits = await unitAudits();
    for (const kind of ['fatherland_front', 'peoples_inspection_board']) {
      const refused = await patchUnit({ kind, name: 'Tổ công tác dân vận (mới)' });
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().errors).toEqual([
        {
          field: 'kind',
          message: 'Còn 2 hồ sơ đang giải quyết được giao cho đơn vị này, và đơn vị này là đơn vị nhận mặc định của lĩnh vực: Dân vận, hòa giải. Hãy giao hoặc chuyển các hồ sơ đó và chọn đơn vị nhận khác cho các lĩnh vực đó trước khi đổi thành cơ quan giám sát.',
        },
      ]);
      expect(refused.json().detail).toContain('Tổ công tác dân vận');
    }
    const english = await patchUnit({ kind: 'fatherland_front' }, 'en');
    expect(english.json().errors[0].message).toBe('2 open case(s) are assigned to this unit, and it receives the cases of these categories by default: Mass mobilisation and mediation. Assign or forward those cases and choose another receiving unit for those categories before making it a supervising body.');
    // One transaction: neither the kind nor the name sent with it changed, and no audit row.
    expect(await unitNow()).toMatchObject({ kind: 'specialised', name: 'Tổ công tác dân vận' });
    expect(await unitAudits()).toBe(audits);
  });

  it('other edits of a unit cases point at still go through: its name, a kind of the committee', async () => {
    expect((await patchUnit({ name: 'Tổ công tác dân vận xã' })).statusCode).toBe(200);
    expect((await patchUnit({ kind: 'public_service' })).statusCode).toBe(200);
    expect((await patchUnit({ kind: 'specialised' })).statusCode).toBe(200);
  });

  it('names only what is left: the category once the cases are reassigned or ended, then nothing', async () => {
    await act(caseIds[0]!, { type: 'assign', unitId: t.unitIds['VH-XH'] });
    expect((await patchUnit({ kind: 'fatherland_front' })).json().errors[0].message).toMatch(/^Còn 1 hồ sơ đang giải quyết/);
    // The other one ends (transferred out of the commune's competence: no longer open).
    await act(caseIds[1]!, { type: 'transferOut', bodyName: 'Tòa án nhân dân khu vực', letterRef: '12/CV-UBND' });
    const onlyCategory = await patchUnit({ kind: 'fatherland_front' });
    expect(onlyCategory.statusCode).toBe(409);
    expect(onlyCategory.json().errors).toEqual([{ field: 'kind', message: expect.stringMatching(/^Đơn vị này là đơn vị nhận mặc định của lĩnh vực: Dân vận, hòa giải\./) }]);

    const category = (await t.inject('GET', '/api/v1/admin/cases/categories', admin)).json().find((entry: { id: string }) => entry.id === categoryId);
    const repointed = await t.inject('PUT', `/api/v1/admin/cases/categories/${categoryId}`, admin, { ...pick(category), defaultUnitId: t.unitIds['VH-XH'] });
    expect(repointed.statusCode, repointed.body).toBe(200);
    const audits = await unitAudits();
    const allowed = await patchUnit({ kind: 'fatherland_front' });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(allowed.json().kind).toBe('fatherland_front');
    expect(await unitAudits()).toBe(audits + 1);
  });
});

/** The writable fields of a category as the admin API lists it. */
function pick(category: Record<string, unknown>): Record<string, unknown> {
  const fields = ['code', 'nameVi', 'nameEn', 'descriptionVi', 'descriptionEn', 'kinds', 'papiDimension', 'papiSubdimension', 'defaultUnitId', 'deadlineOverrides', 'isPublicOpen311', 'sortOrder'];
  return Object.fromEntries(fields.filter((field) => category[field] !== undefined && category[field] !== null).map((field) => [field, category[field]]));
}
