import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRecordedMessages } from '../notifications/server/index.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * Issue 3 point 4: each step of the workflow (a forward to another unit) has its own deadline.
 * Point 5: open cases are recomputed when the calendar changes, and staff see how a deadline was
 * reached (LAW-BASE-10: the clock also stops while the resident's information is awaited). Review s13:
 * a day off added inside a step moved the resolution date but not the step's; a reopened case kept
 * the step date of an old forward; the sweep never reminded anyone of a step deadline.
 */
describe('cases: the current step has its own deadline, recounted, explained, reminded (issue 3 points 4 and 5)', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let stepOfficer: StaffSession;
  let leader: StaffSession;
  let admin: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    stepOfficer = await t.staff('officer', 'VH-XH', { email: 'buoc.vhxh@example.vn' });
    leader = await t.staff('leader');
    admin = await t.staff('admin');
  });
  afterAll(async () => t.close());

  const act = (session: StaffSession, id: string, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
  const detailOf = async (id: string, lang = 'vi') => (await t.inject('GET', `/api/v1/cases/${id}?lang=${lang}`, leader)).json();
  const listItemOf = async (id: string) => ((await t.inject('GET', '/api/v1/cases?pageSize=100', leader)).json().items as Array<{ id: string; isStepOverdue: boolean; isOverdue: boolean }>).find((item) => item.id === id);

  /** Received, accepted and assigned on Mon 30/11/2026 10:00 (Vietnam), then forwarded to VH-XH with 3 working days: due Thu 03/12. */
  async function forwardedCase(title: string) {
    t.clock.set('2026-11-30T03:00:00.000Z');
    const created = await t.submit({ title });
    expect((await act(officer, created.id, { type: 'accept' })).statusCode).toBe(200);
    expect((await act(leader, created.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId })).statusCode).toBe(200);
    const forwarded = await act(officer, created.id, { type: 'forward', toUnitId: t.unitIds['VH-XH'], stepDays: 3 });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    return created;
  }

  it('recounts the step deadline when an admin adds a day off inside it, and explains it to staff', async () => {
    const created = await forwardedCase('Bước chuyển và ngày nghỉ');
    const before = await detailOf(created.id);
    expect(before.deadline.stepDueAt).toBe('2026-12-03T16:59:59.999Z');
    expect(before.deadline.dueAt).toBe('2026-12-21T16:59:59.999Z');
    // "Cách tính thời hạn" explains the current step too, after the resolution deadline.
    expect(before.deadline.explanation).toContain('Hạn bước hiện tại: hết ngày Thứ Năm, 03/12/2026.');
    expect(before.deadline.explanation.join('\n')).toMatch(/Hạn bước hiện tại: hồ sơ được chuyển đến đơn vị đang giữ ngày Thứ Hai, 30\/11\/2026, với 3 ngày làm việc do người chuyển ấn định/);

    const put = await t.inject('PUT', '/api/v1/admin/calendar/overrides/2026-12-01', admin, { kind: 'day_off', note: 'Nghỉ thử bước' });
    expect(put.statusCode, put.body).toBe(200);
    try {
      await t.runJobs();
      const after = await detailOf(created.id);
      expect(after.deadline.dueAt).toBe('2026-12-22T16:59:59.999Z');
      expect(after.deadline.stepDueAt).toBe('2026-12-04T16:59:59.999Z');
      expect(after.deadline.explanation).toContain('Không tính Thứ Ba, 01/12/2026: ngày nghỉ theo quyết định: Nghỉ thử bước.');
      expect(after.deadline.explanation).toContain('Hạn bước hiện tại: hết ngày Thứ Sáu, 04/12/2026.');
      const english = await detailOf(created.id, 'en');
      expect(english.deadline.explanation).toContain('Current step due by the end of Friday, 04/12/2026.');
      // The next action keeps the recounted date (it is computed, not copied from the forward).
      expect((await act(stepOfficer, created.id, { type: 'startWork' })).statusCode).toBe(200);
      expect((await detailOf(created.id)).deadline.stepDueAt).toBe('2026-12-04T16:59:59.999Z');
    } finally {
      expect((await t.inject('DELETE', '/api/v1/admin/calendar/overrides/2026-12-01', admin)).statusCode).toBe(204);
      await t.runJobs();
    }
    expect((await detailOf(created.id)).deadline.stepDueAt).toBe('2026-12-03T16:59:59.999Z');
  });

  it('a reopened case has no step deadline left from an earlier forward', async () => {
    const created = await forwardedCase('Mở lại sau bước chuyển');
    expect((await act(stepOfficer, created.id, { type: 'startWork' })).statusCode).toBe(200);
    expect((await act(stepOfficer, created.id, { type: 'draftAnswer', text: 'Phòng Văn hóa – Xã hội đã kiểm tra và xử lý xong.' })).statusCode).toBe(200);
    expect((await act(leader, created.id, { type: 'approveAnswer' })).statusCode).toBe(200);
    expect((await act(leader, created.id, { type: 'publishAnswer' })).statusCode).toBe(200);
    t.clock.set('2026-12-08T03:00:00.000Z');
    const reopened = await t.inject('POST', `/api/v1/cases/${created.code}/reopen`, t.anonymous, { reason: 'Vẫn chưa xử lý', accessToken: created.accessToken });
    expect(reopened.json().status, reopened.body).toBe('reopened');
    const detail = await detailOf(created.id);
    expect(detail.deadline.stepDueAt).toBeNull();
    expect(detail.deadline.isStepOverdue).toBe(false);
    expect(detail.deadline.explanation.join('\n')).not.toContain('Hạn bước hiện tại');
  });

  it('reminds the unit holding the step before its deadline, and shows a missed step in the list and on the page', async () => {
    const created = await forwardedCase('Nhắc hạn bước');
    // 1 working day before Thu 03/12 is Wed 02/12, 08:00 in Vietnam.
    t.clock.set('2026-12-02T02:00:00.000Z');
    await t.runJobs();
    const reminders = (await findRecordedMessages(t.ctx.db, { recipient: 'buoc.vhxh@example.vn', template: 'cases.step-reminder' })).filter((message) => message.body.includes(created.code));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toContain('03/12/2026');
    expect((await detailOf(created.id)).deadline.isStepOverdue).toBe(false);

    // Fri 04/12: the step is missed; the statutory deadline (21/12) is not.
    t.clock.set('2026-12-04T02:00:00.000Z');
    await t.runJobs();
    const detail = await detailOf(created.id);
    expect(detail.deadline.isStepOverdue).toBe(true);
    expect(detail.deadline.isOverdue).toBe(false);
    expect(await listItemOf(created.id)).toMatchObject({ isStepOverdue: true, isOverdue: false });
    // No escalation for a step: nobody gets the (statutory) overdue message about it.
    expect((await findRecordedMessages(t.ctx.db, { template: 'cases.overdue' })).filter((message) => message.body.includes(created.code))).toHaveLength(0);
    // Once the answer goes up for approval the step is over.
    expect((await act(stepOfficer, created.id, { type: 'startWork' })).statusCode).toBe(200);
    expect((await act(stepOfficer, created.id, { type: 'draftAnswer', text: 'Phòng Văn hóa – Xã hội đã kiểm tra và xử lý xong.' })).statusCode).toBe(200);
    expect((await detailOf(created.id)).deadline.isStepOverdue).toBe(false);
  });
});
