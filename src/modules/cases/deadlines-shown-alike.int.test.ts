import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/auth/roles.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';
import { toOpen311DateTime } from './server/open311/mapping.js';
import { listMyCases } from './server/service.js';

/**
 * A deadline reads the same wherever staff and residents see it:
 * - a case still `received` is overdue the moment its acceptance deadline (thụ lý) passes
 *   (LAW-DENUNC-02, LAW-PAKN-08), in the back-office list, its overdue filter, the case page, the
 *   public status (stored and live views) and "my cases", before the hourly sweep marks it;
 * - a paused case (waiting for the resident, LAW-BASE-10) shows the due date of its case page in the
 *   back-office list, "my cases" and Open311 (`expected_datetime`), not the one stored when the
 *   clock stopped.
 */
describe('cases: deadlines read the same everywhere (LAW-DENUNC-02, LAW-PAKN-08, LAW-BASE-10)', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;
  let resident: StaffSession;
  let residentActor: Actor;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
    resident = await t.resident();
    residentActor = { userId: resident.userId, kind: 'resident', displayName: 'Người dân thử nghiệm', communeId: t.communeId, grants: [{ role: 'resident', communeId: t.communeId, unitId: null, areaId: null }], sessionId: 'test' };
  });
  afterAll(async () => t.close());

  /** A feedback on roads filed by the signed-in resident (so it is in "my cases"); public in Open311. */
  const submitAsResident = async (title: string) => {
    const response = await t.inject('POST', '/api/v1/cases', resident, {
      kind: 'feedback',
      categoryId: t.categoryIds.ROADS,
      areaId: t.areaIds['TDP-NQ1'],
      title,
      description: 'Mặt đường hư hỏng, xe máy đi lại khó khăn, nhất là khi trời mưa.',
      privacy: 'handler_only',
      submitter: { fullName: 'Lê Thị Hoa', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string; code: string; acceptanceDueAt: string }>();
  };
  const act = async (id: string, session: StaffSession, body: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
    expect(response.statusCode, response.body).toBe(200);
  };
  type ListItem = { id: string; code: string; dueAt: string | null; isOverdue: boolean };
  const listed = async (query: string) => (await t.inject('GET', `/api/v1/cases?${query}`, leader)).json<{ items: ListItem[] }>().items;
  const detailOf = async (id: string) => (await t.inject('GET', `/api/v1/cases/${id}?lang=vi`, leader)).json<{ dueAt: string | null; isOverdue: boolean; deadline: { dueAt: string | null; isPaused: boolean; isOverdue: boolean } }>();
  const publicDeadline = async (code: string, session = t.anonymous, lang = 'vi') => (await t.inject('GET', `/api/v1/cases/${code}?lang=${lang}`, session)).json<{ deadline: { dueAt: string | null; isOverdue: boolean } }>().deadline;
  const myCase = async (code: string) => (await listMyCases(t.ctx, residentActor, { page: 1, pageSize: 50 })).items.find((item) => item.code === code)!;
  const open311Request = async (code: string) => (await t.app.inject({ url: `/open311/v2/requests.json?service_request_id=${code}` })).json<Array<{ service_request_id: string; expected_datetime: string | null }>>()[0]!;
  const storedRow = (id: string) => t.ctx.db.selectFrom('cases_items').select(['is_overdue', 'status', 'due_at']).where('id', '=', id).executeTakeFirstOrThrow();

  it('shows a received case overdue as soon as its acceptance deadline passes, before any sweep', async () => {
    // Thu 26/11: 2 working days to accept a feedback (LAW-PAKN-08): due end of Mon 30/11.
    t.clock.set('2026-11-26T03:00:00.000Z');
    const created = await submitAsResident('Chưa thụ lý, đã quá hạn');
    expect(created.acceptanceDueAt).toBe('2026-11-30T16:59:59.999Z');

    // Mon 30/11 during the day: not yet overdue anywhere.
    t.clock.set('2026-11-30T08:00:00.000Z');
    expect((await listed(`code=${created.code}`))[0]!.isOverdue).toBe(false);
    expect((await publicDeadline(created.code)).isOverdue).toBe(false);

    // Tue 01/12 00:30 local: the acceptance deadline passed half an hour ago and no sweep has run.
    t.clock.set('2026-11-30T17:30:00.000Z');
    expect(await storedRow(created.id)).toMatchObject({ is_overdue: 0, status: 'received' });
    expect((await listed(`code=${created.code}`))[0]!.isOverdue).toBe(true);
    expect((await listed('isOverdue=true')).map((item) => item.id)).toContain(created.id);
    expect((await listed('isOverdue=false')).map((item) => item.id)).not.toContain(created.id);
    const detail = await detailOf(created.id);
    expect(detail.isOverdue).toBe(true);
    expect(detail.deadline.isOverdue).toBe(true);
    // The stored view (anonymous, Vietnamese), the live one (English) and the submitter's own view.
    expect(await publicDeadline(created.code)).toMatchObject({ dueAt: '2026-11-30T16:59:59.999Z', isOverdue: true });
    expect((await publicDeadline(created.code, t.anonymous, 'en')).isOverdue).toBe(true);
    expect((await publicDeadline(created.code, resident)).isOverdue).toBe(true);
    expect((await myCase(created.code)).isOverdue).toBe(true);

    // Accepted: the acceptance deadline no longer runs, and the resolution one is ahead.
    await act(created.id, officer, { type: 'accept' });
    expect((await listed(`code=${created.code}`))[0]!.isOverdue).toBe(false);
    expect((await listed('isOverdue=true')).map((item) => item.id)).not.toContain(created.id);
    expect((await publicDeadline(created.code)).isOverdue).toBe(false);
    expect((await myCase(created.code)).isOverdue).toBe(false);
  });

  it('shows a paused case with the due date of its case page in the list, my cases and Open311', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const created = await submitAsResident('Đèn đường ngõ 3 không sáng');
    await act(created.id, officer, { type: 'accept' });
    await act(created.id, leader, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });

    // Asked for information on Mon 30/11; on Thu 03/12 the clock is still stopped.
    t.clock.set('2026-11-30T03:00:00.000Z');
    await act(created.id, officer, { type: 'requestInformation', note: 'Xin cho biết cột đèn số mấy.' });
    t.clock.set('2026-12-03T03:00:00.000Z');

    const detail = await detailOf(created.id);
    expect(detail.deadline.isPaused).toBe(true);
    const shown = detail.deadline.dueAt!;
    // The date moved by the paused days: it is not the one stored when the clock stopped.
    expect(shown).not.toBe((await storedRow(created.id)).due_at);
    expect(detail.dueAt).toBe(shown);
    expect((await publicDeadline(created.code)).dueAt).toBe(shown);

    expect((await listed(`code=${created.code}`))[0]!.dueAt).toBe(shown);
    expect((await listed('status=awaiting_information')).find((item) => item.id === created.id)!.dueAt).toBe(shown);
    expect((await myCase(created.code)).dueAt).toBe(shown);
    const request = await open311Request(created.code);
    expect(request.service_request_id).toBe(created.code);
    expect(request.expected_datetime).toBe(toOpen311DateTime(shown));

    // A day later the shown date has moved again, the same everywhere.
    t.clock.set('2026-12-04T03:00:00.000Z');
    const later = (await detailOf(created.id)).deadline.dueAt!;
    expect(later).not.toBe(shown);
    expect((await listed(`code=${created.code}`))[0]!.dueAt).toBe(later);
    expect((await myCase(created.code)).dueAt).toBe(later);
    expect((await open311Request(created.code)).expected_datetime).toBe(toOpen311DateTime(later));
  });
});
