import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * The staff list pages through paused and running cases merged by the due date it shows (a paused
 * case's moves later each working day it stays paused, LAW-BASE-10): every page size must give the
 * same order, each case once, whatever the ties. The order: due date (none last), then newest
 * received first, then id descending, so that cases received together still page without a case
 * shown twice or missing. Feedback: 15 working days to answer (LAW-PAKN-08).
 */
interface ListItem {
  id: string;
  status: string;
  dueAt: string | null;
  receivedAt: string;
}

/** The order, computed here from the dates the list shows, independently of the server's merge. */
function expectedOrder(items: readonly ListItem[]): string[] {
  const instant = (text: string) => Date.parse(text);
  return [...items]
    .sort((a, b) => {
      if (a.dueAt !== b.dueAt) {
        if (a.dueAt === null) return 1;
        if (b.dueAt === null) return -1;
        return instant(a.dueAt) - instant(b.dueAt);
      }
      if (a.receivedAt !== b.receivedAt) return instant(b.receivedAt) - instant(a.receivedAt);
      return a.id < b.id ? 1 : -1;
    })
    .map((item) => item.id);
}

describe('cases: the staff list pages paused and running cases in one order, with no case twice or missing (LAW-BASE-10)', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;
  const paused: string[] = [];
  const withoutDeadline: string[] = [];

  const submitAt = async (instant: string, count: number) => {
    t.clock.set(instant);
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) ids.push((await t.submit({ title: `Phản ánh ${instant} số ${index + 1}` })).id);
    return ids;
  };
  const pause = async (id: string) => {
    const asked = await t.inject('POST', `/api/v1/cases/${id}/actions`, officer, { type: 'requestInformation', note: 'Xin bổ sung thông tin.' });
    expect(asked.statusCode, asked.body).toBe(200);
    paused.push(id);
  };

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
    // Thursday 26/11: three received at the same instant (due 17/12, same receipt), two later that day.
    const sameInstant = await submitAt('2026-11-26T03:00:00.000Z', 3);
    const later = await submitAt('2026-11-26T05:00:00.000Z', 2);
    // Friday 27/11: two received (due 18/12); one of them and one received together on 26/11 are paused.
    const friday = await submitAt('2026-11-27T03:00:00.000Z', 2);
    await pause(sameInstant[0]!);
    await pause(friday[0]!);
    // Monday 30/11: three received (due 21/12), one paused (its date then moves to 25/12 as well).
    const monday = await submitAt('2026-11-30T03:00:00.000Z', 3);
    await pause(monday[0]!);
    // Thursday 03/12: two received (due 24/12).
    await submitAt('2026-12-03T03:00:00.000Z', 2);
    // Cases without a deadline (no resolution rule): two running, one paused.
    withoutDeadline.push(later[0]!, monday[1]!, friday[0]!);
    await t.ctx.db.updateTable('cases_items').set({ due_at: null }).where('id', 'in', [later[0]!, monday[1]!]).execute();
    await t.ctx.db.updateTable('cases_items').set({ due_at: null, rule_ref: null }).where('id', '=', friday[0]!).execute();
    // Friday 04/12: three received (due Friday 25/12), the very date the case paused on 27/11 shows
    // (17/12 + six paused working days), so paused and running cases tie on the date shown.
    await submitAt('2026-12-04T03:00:00.000Z', 3);
  });
  afterAll(async () => t.close());

  const pageOf = async (page: number, pageSize: number) => {
    const response = await t.inject('GET', `/api/v1/cases?page=${page}&pageSize=${pageSize}`, leader);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: ListItem[]; total: number };
  };

  it('lists every case once, in the order computed from the dates it shows (ties and no deadline included)', async () => {
    const { items, total } = await pageOf(1, 100);
    expect(total).toBe(15);
    expect(items).toHaveLength(15);
    expect(new Set(items.map((item) => item.id)).size).toBe(15);
    // The setup holds what the order must get right: a paused case's moved date, tied with running ones.
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(paused[0]!)).toMatchObject({ status: 'awaiting_information', dueAt: '2026-12-25T16:59:59.999Z' });
    expect(byId.get(paused[2]!)).toMatchObject({ status: 'awaiting_information', dueAt: '2026-12-25T16:59:59.999Z' });
    expect(items.filter((item) => item.dueAt === '2026-12-25T16:59:59.999Z')).toHaveLength(5);
    expect(items.filter((item) => item.dueAt === null).map((item) => item.id).sort()).toEqual([...withoutDeadline].sort());
    expect(items.map((item) => item.id)).toEqual(expectedOrder(items));
    // On 25/12 the running cases, received last, come before the paused ones, newest first; no deadline last.
    expect(items.slice(-8).map((item) => item.id)).toEqual([...items.slice(-8, -5).map((item) => item.id), paused[2], paused[0], ...items.slice(-3).map((item) => item.id)]);
    expect(items.slice(-8, -5).map((item) => item.status)).toEqual(['received', 'received', 'received']);
  });

  it('gives the same order page by page, for every page size, with no case twice or missing', async () => {
    const { items } = await pageOf(1, 100);
    const order = expectedOrder(items);
    for (const pageSize of [1, 2, 3, 4, 5, 7, 15, 20]) {
      const seen: string[] = [];
      const pages = Math.ceil(order.length / pageSize) + 1;
      for (let page = 1; page <= pages; page += 1) {
        const answer = await pageOf(page, pageSize);
        expect(answer.total).toBe(order.length);
        expect(answer.items.length, `page ${page} of size ${pageSize}`).toBe(Math.max(0, Math.min(pageSize, order.length - (page - 1) * pageSize)));
        seen.push(...answer.items.map((item) => item.id));
      }
      expect(seen, `pages of ${pageSize}`).toEqual(order);
    }
  });
});
