import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { buildCasesTestAppWithStaff, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * LAW-PAKN-04, LAW-DENUNC-03: a case outside the commune's competence is transferred within 5 working
 * days of receipt; LAW-BASE-10: that clock stops while the resident's information is awaited, as the
 * acceptance and resolution clocks do. The test clock starts on Thursday 26/11/2026, 10:00 in Vietnam.
 */
describe('cases: the transfer limit stops while the resident is awaited (LAW-PAKN-04, LAW-DENUNC-03, LAW-BASE-10)', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    ({ t, officer, leader } = await buildCasesTestAppWithStaff());
  });
  afterAll(async () => t.close());

  const ok = async (session: StaffSession, id: string, payload: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${id}/actions?lang=vi`, session, payload);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const detailOf = async (id: string) => (await t.inject('GET', `/api/v1/cases/${id}?lang=vi`, leader)).json();

  it('a case paused for three working days gets a transfer limit three working days later, explained, and transferring before it is on time', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const { id } = await t.submit({ categoryId: t.categoryIds.POLLUTION });
    // 5 working days from Thursday 26/11/2026: Thursday 03/12.
    expect((await detailOf(id)).deadline.transferDueAt).toBe('2026-12-03T16:59:59.999Z');

    // Asked for information while still unclassified on Monday 30/11; the answer comes on Wednesday 02/12.
    t.clock.set('2026-11-30T03:00:00.000Z');
    await ok(officer, id, { type: 'requestInformation', note: 'Xin cho biết cơ sở nào gây ô nhiễm.' });
    t.clock.set('2026-12-02T03:00:00.000Z');
    const paused = await detailOf(id);
    // While paused the limit is shown as if the pause ended today (Mon–Wed paused): Tuesday 08/12.
    expect(paused.deadline).toMatchObject({ isPaused: true, transferDueAt: '2026-12-08T16:59:59.999Z' });
    await ok(officer, id, { type: 'receiveInformation', note: 'Cơ sở sản xuất gạch ở thôn Lạc Cầu.' });

    const detail = await detailOf(id);
    expect(detail.status).toBe('received');
    // Three working days paused (30/11, 01/12, 02/12): Thursday 03/12 + 3 working days = Tuesday 08/12.
    expect(detail.deadline.transferDueAt).toBe('2026-12-08T16:59:59.999Z');
    const explanation = detail.deadline.explanation as string[];
    expect(explanation).toContain('Hạn chuyển đến cơ quan có thẩm quyền: hết ngày Thứ Ba, 08/12/2026.');
    const transferStart = explanation.findIndex((line) => line.startsWith('Thời hạn chuyển đến cơ quan có thẩm quyền'));
    expect(transferStart).toBeGreaterThanOrEqual(0);
    expect(explanation.slice(transferStart)).toContain('Tạm dừng tính thời hạn từ Thứ Hai, 30/11/2026 đến Thứ Tư, 02/12/2026: cộng thêm 3 ngày làm việc.');
    const english = (await t.inject('GET', `/api/v1/cases/${id}?lang=en`, leader)).json();
    expect(english.deadline.explanation).toContain('Transfer due by the end of Tuesday, 08/12/2026.');

    // Transferred on Monday 07/12: after the unpaused limit, but within the limit as the law counts it.
    t.clock.set('2026-12-07T03:00:00.000Z');
    await ok(officer, id, { type: 'transferOut', bodyName: 'Phòng Tài nguyên và Môi trường huyện', letterRef: '21/CV-UBND' });
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.transferOut', entityId: id, limit: 10, offset: 0 });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ transferDueAt: '2026-12-08T16:59:59.999Z', isLate: false });
  });
});
