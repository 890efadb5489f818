import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * Issue 3 point 4: a missed step (a forward's own deadline) is findable in the staff list: the filter
 * "Quá hạn bước" (`isStepOverdue=true`) finds exactly the cases the list and the page mark with the
 * tag (`isStepOverdue` in server/case-record.ts): the step's clock runs (forwarded, assigned, in
 * progress; never while waiting for the resident, LAW-BASE-10) and its date passed. The statutory
 * overdue filter (`isOverdue`) keeps its meaning. Runs on SQLite and PostgreSQL.
 */
describe('cases: the staff list finds missed steps exactly as the tag marks them', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let stepOfficer: StaffSession;
  let leader: StaffSession;
  const ids: Record<string, string> = {};

  const act = async (session: StaffSession, id: string, body: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
    expect(response.statusCode, response.body).toBe(200);
  };
  type Item = { id: string; isStepOverdue: boolean; isOverdue: boolean; status: string };
  const list = async (query = '') => {
    const response = await t.inject('GET', `/api/v1/cases?pageSize=100${query}`, leader);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as Item[];
  };
  const ours = (items: readonly Item[]) => items.filter((item) => Object.values(ids).includes(item.id));
  const nameOf = (id: string) => Object.entries(ids).find(([, value]) => value === id)![0];

  /** Received, accepted, assigned on Mon 30/11/2026 10:00 (Vietnam); forwarded to VH-XH with `stepDays` working days (3: due by the end of Thu 03/12). */
  async function forwardedCase(name: string, stepDays: number) {
    const created = await t.submit({ title: `Bước ${name}` });
    await act(officer, created.id, { type: 'accept' });
    await act(leader, created.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    await act(officer, created.id, { type: 'forward', toUnitId: t.unitIds['VH-XH'], stepDays });
    ids[name] = created.id;
    return created.id;
  }

  beforeAll(async () => {
    t = await buildCasesTestApp('2026-11-30T03:00:00.000Z');
    officer = await t.staff('officer', 'KINH-TE');
    stepOfficer = await t.staff('officer', 'VH-XH');
    leader = await t.staff('leader');
    await forwardedCase('forwarded', 3);
    await forwardedCase('later', 10);
    await act(stepOfficer, await forwardedCase('inProgress', 3), { type: 'startWork' });
    // Taken up, then assigned again inside the unit holding the step (status `assigned`): still the same step.
    const reassigned = await forwardedCase('reassigned', 3);
    await act(stepOfficer, reassigned, { type: 'startWork' });
    await act(leader, reassigned, { type: 'assign', unitId: t.unitIds['VH-XH'], officerId: stepOfficer.userId });
    const paused = await forwardedCase('paused', 3);
    await act(stepOfficer, paused, { type: 'startWork' });
    await act(stepOfficer, paused, { type: 'requestInformation', note: 'Xin cho biết số nhà cụ thể.' });
    const drafted = await forwardedCase('drafted', 3);
    await act(stepOfficer, drafted, { type: 'startWork' });
    await act(stepOfficer, drafted, { type: 'draftAnswer', text: 'Phòng Văn hóa – Xã hội đã kiểm tra và xử lý xong việc này.' });
    // Never forwarded: no step at all.
    const plain = await t.submit({ title: 'Không có bước chuyển' });
    await act(officer, plain.id, { type: 'accept' });
    ids.noStep = plain.id;
  });
  afterAll(async () => t.close());

  /** The filter's cases, the tag's cases in the unfiltered list and on each page, compared at the clock's instant. */
  async function expectFilterAgreesWithTag(expected: readonly string[]) {
    const tagged = ours(await list()).filter((item) => item.isStepOverdue).map((item) => nameOf(item.id));
    const filtered = ours(await list('&isStepOverdue=true')).map((item) => nameOf(item.id));
    expect(filtered.sort()).toEqual([...expected].sort());
    expect(tagged.sort()).toEqual([...expected].sort());
    for (const [name, id] of Object.entries(ids)) {
      const detail = (await t.inject('GET', `/api/v1/cases/${id}`, leader)).json();
      expect(detail.deadline.isStepOverdue, name).toBe(expected.includes(name));
    }
    // The complement: everything else, the paused case included.
    const rest = ours(await list('&isStepOverdue=false')).map((item) => nameOf(item.id));
    expect(rest.sort()).toEqual(Object.keys(ids).filter((name) => !expected.includes(name)).sort());
  }

  it('at the very end of the step day nothing is missed yet', async () => {
    t.clock.set('2026-12-03T16:59:59.999Z');
    await expectFilterAgreesWithTag([]);
  });

  it('a millisecond later the running steps are missed; not a paused one, a drafted answer, a longer step or a case without a step', async () => {
    t.clock.set('2026-12-03T17:00:00.000Z');
    await expectFilterAgreesWithTag(['forwarded', 'inProgress', 'reassigned']);
    // The statutory overdue filter keeps its meaning: none of these is past its resolution deadline.
    expect(ours(await list('&isOverdue=true'))).toEqual([]);
    expect(ours(await list('&isOverdue=true&isStepOverdue=true'))).toEqual([]);
  });

  it('a paused step missed while waiting for the resident shows once the clock runs again', async () => {
    t.clock.set('2026-12-04T03:00:00.000Z');
    await act(stepOfficer, ids.paused!, { type: 'receiveInformation', note: 'Người dân đã bổ sung số nhà.' });
    // Its paused days moved the step (LAW-BASE-10): not missed yet, up to the last millisecond of its new date.
    const stepDueAt = (await t.inject('GET', `/api/v1/cases/${ids.paused}`, leader)).json().deadline.stepDueAt as string;
    expect(stepDueAt > '2026-12-04T03:00:00.000Z').toBe(true);
    t.clock.set(stepDueAt);
    await expectFilterAgreesWithTag(['forwarded', 'inProgress', 'reassigned']);
    t.clock.set(new Date(Date.parse(stepDueAt) + 1).toISOString());
    await expectFilterAgreesWithTag(['forwarded', 'inProgress', 'reassigned', 'paused']);
  });

  it('pages through the filter in the list order, paused cases merged (findCasesPage)', async () => {
    t.clock.set('2026-12-03T17:00:00.000Z');
    // A second paused case, so the not-missed side has paused rows to merge at every page size.
    const paused = await forwardedCase('pausedToo', 3);
    await act(stepOfficer, paused, { type: 'startWork' });
    await act(stepOfficer, paused, { type: 'requestInformation', note: 'Xin cho biết cột đèn số mấy.' });
    for (const value of ['true', 'false']) {
      const whole = (await list(`&isStepOverdue=${value}`)).map((item) => item.id);
      for (const pageSize of [1, 2, 3]) {
        const paged: string[] = [];
        for (let page = 1; page <= Math.ceil(whole.length / pageSize); page += 1) {
          const response = await t.inject('GET', `/api/v1/cases?isStepOverdue=${value}&pageSize=${pageSize}&page=${page}`, leader);
          expect(response.json().total).toBe(whole.length);
          paged.push(...(response.json().items as Item[]).map((item) => item.id));
        }
        expect(paged, `isStepOverdue=${value}, ${pageSize} a page`).toEqual(whole);
      }
    }
    expect(ours(await list('&isStepOverdue=false')).filter((item) => item.status === 'awaiting_information').map((item) => nameOf(item.id))).toEqual(['pausedToo']);
  });

  it('refuses a malformed value on the field', async () => {
    const response = await t.inject('GET', '/api/v1/cases?isStepOverdue=maybe', leader);
    expect(response.statusCode).toBe(400);
    expect((response.json().errors as Array<{ field: string }>).map((error) => error.field)).toEqual(['querystring.isStepOverdue']);
  });
});
