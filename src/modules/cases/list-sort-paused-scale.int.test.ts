import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as repository from './db/repository.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * The staff list sorts paused cases by the due date they show (LAW-BASE-10) however many there are:
 * a province-wide filter can find tens of thousands waiting for residents. More paused cases than a
 * statement may carry parameters for, two each (SQLite: 32,766; PostgreSQL: 65,535), so a sort that
 * passes each paused case's date into the query cannot answer; the list must still page them.
 */
describe('cases: the staff list pages more paused cases than a query has parameters for (LAW-BASE-10)', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  let copies = 0;
  let runningId = '';
  let template = '';

  beforeAll(async () => {
    t = await buildCasesTestApp();
    const officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
    template = (await t.submit({ title: 'Đèn đường hỏng' })).id;
    // Received the next day, so due a day later than the template (18/12): it runs, and is never paused.
    t.clock.set('2026-11-27T03:00:00.000Z');
    runningId = (await t.submit({ title: 'Ổ gà đường thôn 1' })).id;
    const asked = await t.inject('POST', `/api/v1/cases/${template}/actions`, officer, { type: 'requestInformation', note: 'Xin bổ sung thông tin.' });
    expect(asked.statusCode, asked.body).toBe(200);
    const isPostgres = t.ctx.db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres');
    copies = isPostgres ? 33_000 : 16_500;
    // Copies of the paused case (same state, new id and code), written in one statement.
    const row = (await repository.findCaseById(t.ctx.db, t.communeId, template))!;
    const columns = Object.keys(row);
    const values = columns.map((column) =>
      column === 'id' ? sql`'paused-' || cast(n as text)` : column === 'code' ? sql`'TD' || cast(n as text)` : sql.ref(`template.${column}`),
    );
    await sql`insert into cases_items (${sql.join(columns.map((column) => sql.ref(column)))})
      with recursive copies(n) as (select 1 union all select n + 1 from copies where n < ${copies})
      select ${sql.join(values)} from copies cross join (select * from cases_items where id = ${template}) as template`.execute(t.ctx.db);
    t.clock.set('2026-12-04T03:00:00.000Z');
  }, 300_000);
  afterAll(async () => t.close());

  it('answers its first and last pages: the running case first, then the paused ones by the date they show', async () => {
    const first = await t.inject('GET', '/api/v1/cases?page=1&pageSize=3', leader);
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json() as { items: { id: string; status: string; dueAt: string }[]; total: number };
    expect(page.total).toBe(copies + 2);
    // The paused cases show 25/12 (17/12 + six paused working days), after the running case's 18/12.
    expect(page.items.map((item) => item.id)[0]).toBe(runningId);
    expect(page.items.slice(1).map((item) => item.dueAt)).toEqual(['2026-12-25T16:59:59.999Z', '2026-12-25T16:59:59.999Z']);
    const last = await t.inject('GET', `/api/v1/cases?page=${Math.ceil((copies + 2) / 3)}&pageSize=3`, leader);
    expect(last.statusCode, last.body).toBe(200);
    const lastItems = (last.json() as { items: { id: string; status: string }[] }).items;
    expect(lastItems.length).toBeGreaterThan(0);
    expect(lastItems.every((item) => item.status === 'awaiting_information')).toBe(true);
    // Paused alike and received together, they are ordered by id, descending: the copies ('paused-…') before the original.
    expect(lastItems.at(-1)?.id).toBe(template);
  }, 300_000);
});
