import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_COLUMNS } from './domain/index.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * LAW-DENUNC-02, LAW-PAKN-08: a case still `received` after its acceptance deadline is overdue, and
 * the list, the case page and the public status show it so. The indicators' "open, overdue" count
 * must find the same cases as the staff list's overdue filter. Cases are received on Thursday
 * 26/11/2026; the indicators are read on Tuesday 08/12/2026.
 */
describe('case indicators: a missed acceptance deadline counts as open overdue, as in the list', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  let unaccepted: { id: string; code: string };
  let denunciation: { id: string; code: string };
  let accepted: { id: string; code: string };

  beforeAll(async () => {
    t = await buildCasesTestApp();
    leader = await t.staff('leader');
    // Feedback never accepted: 2 working days to accept (LAW-PAKN-08) → Monday 30/11; answer due 17/12.
    unaccepted = await t.submit();
    // A denunciation never accepted: 7 working days (LAW-DENUNC-02) → Monday 07/12; its resolution date is provisional and later.
    denunciation = await t.submit({ kind: 'denunciation', categoryId: t.categoryIds.LAND, title: 'Tố cáo thu tiền làm sổ đỏ', description: 'Cán bộ địa chính thu tiền ngoài quy định.', submitter: { fullName: 'Lê Văn Cường', address: 'Số 3 ngõ 5', phone: '0987000222' } });
    // Feedback accepted on time: open, answer due Thursday 17/12.
    accepted = await t.submit();
    expect((await t.inject('POST', `/api/v1/cases/${accepted.id}/actions`, leader, { type: 'accept' })).statusCode).toBe(200);
    t.clock.set('2026-12-08T03:00:00.000Z');
  });
  afterAll(async () => t.close());

  it('counts the two unaccepted cases open overdue and the accepted one open on time, the very cases the list filter finds', async () => {
    const listed = (await t.inject('GET', '/api/v1/cases?isOverdue=true&pageSize=50', leader)).json();
    expect(listed.items.map((item: { id: string }) => item.id).sort()).toEqual([unaccepted.id, denunciation.id].sort());
    // The case page and the public status say so too.
    expect((await t.inject('GET', `/api/v1/cases/${unaccepted.id}`, leader)).json().deadline).toMatchObject({ isOverdue: true });
    expect((await t.inject('GET', `/api/v1/cases/${denunciation.code}`, null)).json().deadline).toMatchObject({ isOverdue: true });
    // Their resolution dates have not passed: only the acceptance deadline makes them overdue.
    for (const item of listed.items as { dueAt: string }[]) expect(new Date(item.dueAt).getTime()).toBeGreaterThan(t.clock.clock().getTime());

    const indicators = (await t.inject('GET', '/api/v1/cases/indicators?from=2026-11-01&to=2026-11-30&groupBy=kind', leader)).json();
    expect(indicators.overall).toMatchObject({ total: 3, openOverdue: listed.total, openOnTime: 1, answeredOnTime: 0, onTimeRate: 0 });
    expect(indicators.groups.feedback).toMatchObject({ openOverdue: 1, openOnTime: 1 });
    expect(indicators.groups.denunciation).toMatchObject({ openOverdue: 1, openOnTime: 0 });

    // The CSV export is the same table.
    const csv = (await t.inject('GET', '/api/v1/cases/indicators.csv?from=2026-11-01&to=2026-11-30&groupBy=none&lang=en', leader)).body;
    const [header, overall] = csv.replace(/^\uFEFF/, '').split('\r\n');
    // The first column names the group; the figures follow in INDICATOR_COLUMNS order.
    const column = INDICATOR_COLUMNS.indexOf('openOverdue') + 1;
    expect(header).toContain('"Open, overdue"');
    expect(overall!.split(',')[column]).toBe('2');
  });
});
