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

/** Issue 3, point 9: staff search by the day a case was received; a period that ends before it starts is named, not an empty list. */
describe('cases: the staff list filters by received dates', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  let code: string;

  beforeAll(async () => {
    // Received on 26/11/2026 at 10:00 in Vietnam.
    t = await buildCasesTestApp('2026-11-26T03:00:00.000Z');
    leader = await t.staff('leader');
    code = (await t.submit({ title: 'Phản ánh nhận ngày 26/11' })).code;
  });
  afterAll(async () => t.close());

  const list = (query: string, lang = 'vi') => t.inject('GET', `/api/v1/cases?pageSize=50&status=received&${query}&lang=${lang}`, leader);
  const codesOf = async (query: string) => {
    const response = await list(query);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: Array<{ code: string }> }).items.map((item) => item.code);
  };

  it('includes both ends, as Vietnamese calendar days', async () => {
    expect(await codesOf('receivedFrom=2026-11-26&receivedTo=2026-11-26')).toEqual([code]);
    expect(await codesOf('receivedFrom=2026-11-27')).toEqual([]);
    expect(await codesOf('receivedTo=2026-11-25')).toEqual([]);
  });

  it('answers a localised field error on receivedTo when it is before receivedFrom, in Vietnamese and English', async () => {
    const vi = await list('receivedFrom=2026-11-27&receivedTo=2026-11-26');
    expect(vi.statusCode).toBe(400);
    expect(vi.headers['content-type']).toContain('application/problem+json');
    expect(vi.json().errors).toEqual([{ field: 'querystring.receivedTo', message: 'Ngày «Nhận đến ngày» phải cùng hoặc sau ngày «Nhận từ ngày».' }]);
    const en = await list('receivedFrom=2026-11-27&receivedTo=2026-11-26', 'en');
    expect(en.statusCode).toBe(400);
    expect(en.json().errors).toEqual([{ field: 'querystring.receivedTo', message: '“Received to” must be on or after “Received from”.' }]);
  });
});
