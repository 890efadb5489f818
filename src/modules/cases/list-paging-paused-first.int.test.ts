import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * A paused case (LAW-BASE-10) whose shown due date comes before every running case's is the first
 * case of the staff list, on its first page whatever the page size: the list merges paused and
 * running cases from the very first rank.
 */
describe('cases: a paused case due before every running case opens the staff list (LAW-BASE-10)', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;
  let pausedId: string;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
    // Received Monday 02/11 (15 working days: due 23/11), paused on 26/11 once already overdue.
    t.clock.set('2026-11-02T03:00:00.000Z');
    pausedId = (await t.submit({ title: 'Phản ánh cũ chờ bổ sung' })).id;
    t.clock.set('2026-11-26T03:00:00.000Z');
    for (let index = 0; index < 3; index += 1) await t.submit({ title: `Phản ánh mới số ${index + 1}` });
    const asked = await t.inject('POST', `/api/v1/cases/${pausedId}/actions`, officer, { type: 'requestInformation', note: 'Xin bổ sung thông tin.' });
    expect(asked.statusCode, asked.body).toBe(200);
  });
  afterAll(async () => t.close());

  const idsOf = async (page: number, pageSize: number) => {
    const response = await t.inject('GET', `/api/v1/cases?page=${page}&pageSize=${pageSize}`, leader);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: Array<{ id: string; dueAt: string | null }> }).items;
  };

  it('shows it first on page 1, for every page size, and each case once', async () => {
    const all = await idsOf(1, 100);
    expect(all).toHaveLength(4);
    expect(all[0]!.id).toBe(pausedId);
    expect(Date.parse(all[0]!.dueAt!)).toBeLessThan(Date.parse(all[1]!.dueAt!));
    for (const pageSize of [1, 2, 3]) {
      const seen: string[] = [];
      for (let page = 1; page <= Math.ceil(4 / pageSize); page += 1) seen.push(...(await idsOf(page, pageSize)).map((item) => item.id));
      expect(seen, `pages of ${pageSize}`).toEqual(all.map((item) => item.id));
    }
  });
});
