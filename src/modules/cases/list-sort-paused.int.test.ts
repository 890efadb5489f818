import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * The staff list is sorted by the due date it shows. A paused case (awaiting the resident's
 * information) shows its deadline recounted as if the pause ended today, so the date moves later by
 * each working day it stays paused (LAW-BASE-10); the date stored when the clock stopped is behind it
 * and must not decide the order. Feedback: 15 working days to answer (LAW-PAKN-08).
 */
describe('cases: the staff list sorts a paused case by the due date it shows (LAW-BASE-10)', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
    // Received Thursday 26/11/2026: due Thursday 17/12.
    t.clock.set('2026-11-26T03:00:00.000Z');
    ids.early = (await t.submit({ title: 'Ổ gà đường thôn 1' })).id;
    ids.paused = (await t.submit({ title: 'Đèn đường hỏng thôn 2' })).id;
    // Paused on Friday 27/11 (stored due date then: Friday 18/12).
    t.clock.set('2026-11-27T03:00:00.000Z');
    const asked = await t.inject('POST', `/api/v1/cases/${ids.paused}/actions`, officer, { type: 'requestInformation', note: 'Xin cho biết cột đèn số mấy.' });
    expect(asked.statusCode, asked.body).toBe(200);
    // Received Monday 30/11: due Monday 21/12; Thursday 03/12: due Thursday 24/12.
    t.clock.set('2026-11-30T03:00:00.000Z');
    ids.middle = (await t.submit({ title: 'Cống thoát nước tắc thôn 3' })).id;
    t.clock.set('2026-12-03T03:00:00.000Z');
    ids.late = (await t.submit({ title: 'Biển báo đổ thôn 4' })).id;
    // Friday 04/12, still paused: six working days (27/11 to 04/12) stopped, so 17/12 + 6 = Friday 25/12.
    t.clock.set('2026-12-04T03:00:00.000Z');
  });
  afterAll(async () => t.close());

  const listOf = async (query: string) => (await t.inject('GET', `/api/v1/cases?${query}`, leader)).json() as { items: { id: string; dueAt: string; status: string }[]; total: number };

  it('orders the paused case after the running cases whose due dates come before the one it shows', async () => {
    const { items } = await listOf('pageSize=50');
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(ids.paused!)).toMatchObject({ status: 'awaiting_information', dueAt: '2026-12-25T16:59:59.999Z' });
    expect(items.map((item) => item.dueAt)).toEqual(['2026-12-17T16:59:59.999Z', '2026-12-21T16:59:59.999Z', '2026-12-24T16:59:59.999Z', '2026-12-25T16:59:59.999Z']);
    expect(items.map((item) => item.id)).toEqual([ids.early, ids.middle, ids.late, ids.paused]);
  });

  it('pages by the same order (the paused case is on the second page of two)', async () => {
    const first = await listOf('pageSize=2&page=1');
    const second = await listOf('pageSize=2&page=2');
    expect(first.items.map((item) => item.id)).toEqual([ids.early, ids.middle]);
    expect(second.items.map((item) => item.id)).toEqual([ids.late, ids.paused]);
    expect(second.total).toBe(4);
  });

  it('once the information arrives the case runs again and sorts by its stored, now final, due date', async () => {
    const received = await t.inject('POST', `/api/v1/cases/${ids.paused}/actions`, officer, { type: 'receiveInformation', note: 'Cột số 12.' });
    expect(received.statusCode, received.body).toBe(200);
    const { items } = await listOf('pageSize=50');
    expect(items.map((item) => item.id)).toEqual([ids.early, ids.middle, ids.late, ids.paused]);
    expect(items.at(-1)).toMatchObject({ dueAt: '2026-12-25T16:59:59.999Z' });
  });
});
