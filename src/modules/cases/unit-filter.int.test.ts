import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/** The queue's "my units" scope: the list filters by one unit or by several (an officer of two units). */
describe('cases: the staff list filters by one unit or several', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildCasesTestApp();
    leader = await t.staff('leader');
    // Each category's default unit receives the case: roads → economy, procedures → one-stop desk, health → culture and society section.
    for (const category of ['ROADS', 'ADMIN-PROC', 'HEALTH']) {
      codes[category] = (await t.submit({ categoryId: t.categoryIds[category], title: `Phản ánh về ${category}` })).code;
    }
  });
  afterAll(async () => t.close());

  const listed = async (unitIds: string[]) => {
    const response = await t.inject('GET', `/api/v1/cases?pageSize=50&unitId=${unitIds.join(',')}`, leader);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: Array<{ code: string }> }).items.map((item) => item.code).sort();
  };

  it('returns the cases of every unit named, and only those', async () => {
    expect(await listed([t.unitIds['KINH-TE']!])).toEqual([codes.ROADS]);
    expect(await listed([t.unitIds['KINH-TE']!, t.unitIds.HCC!])).toEqual([codes.ROADS, codes['ADMIN-PROC']].sort());
  });

  it('refuses a unit that is not an id, naming the field', async () => {
    const response = await t.inject('GET', `/api/v1/cases?unitId=${t.unitIds.HCC},not-a-unit`, leader);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('unitId');
  });
});
