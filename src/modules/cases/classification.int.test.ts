import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { findOutboxEvents } from '../../core/jobs/outbox.js';
import { findRecordedMessages } from '../notifications/server/index.js';
import * as repository from './db/repository.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * Classifying a case after intake (issue 3, workflow and deadlines): staff reclassify its kind or
 * category (LAW-PAKN-04), send it to an outside competent body (LAW-PAKN-04, LAW-DENUNC-03), and a
 * leader marks a complaint complex or from a remote area (LAW-COMPLAINT-07/08). The test clock is
 * Thursday 26/11/2026, 10:00 in Vietnam.
 */
describe('cases: reclassify, transfer out, complaint complexity', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let otherOfficer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    otherOfficer = await t.staff('officer', 'VH-XH');
    leader = await t.staff('leader');
  });
  afterAll(async () => t.close());

  const act = (session: StaffSession, id: string, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${id}/actions?lang=vi`, session, body);
  const detailOf = async (id: string) => (await t.inject('GET', `/api/v1/cases/${id}?lang=vi`, leader)).json();
  const rowOf = async (id: string) => (await repository.findCaseById(t.ctx.db, t.communeId, id))!;
  const complaint = (email: string) => ({
    kind: 'complaint',
    categoryId: t.categoryIds.LAND,
    title: 'Khiếu nại quyết định thu hồi đất',
    description: 'Tôi không đồng ý với quyết định thu hồi đất vườn của gia đình vì chưa được bồi thường.',
    submitter: { fullName: 'Trần Thị Bình', address: 'Thôn Như Quỳnh 2', phone: '0912000111', email },
  });

  describe('reclassify', () => {
    it('LAW-PAKN-04: feedback filed by mistake becomes a complaint in another category: new rules from the receipt date, the default unit follows, everyone is told', async () => {
      const { id, code } = await t.submit({ submitter: { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678', email: 'an.phanloai@example.vn' } });
      const before = await rowOf(id);
      expect(before.assigned_unit_id).toBe(t.unitIds['KINH-TE']);
      const response = await act(officer, id, { type: 'reclassify', kind: 'complaint', categoryId: t.categoryIds.CONDUCT, reason: 'Người dân không đồng ý với thái độ xử lý của cán bộ' });
      expect(response.statusCode).toBe(200);
      // The new category's default unit (VAN-PHONG) is not the officer's: the case left their sight.
      expect(response.json()).toMatchObject({ handedOver: true, code });
      const row = await rowOf(id);
      expect(row).toMatchObject({ kind: 'complaint', category_id: t.categoryIds.CONDUCT, assigned_unit_id: t.unitIds['VAN-PHONG'], status: 'received', version: before.version + 1 });
      const detail = await detailOf(id);
      // LAW-BASE-07: the complaint rules in force on the receipt date (7 working days to accept from 01/07/2026).
      expect(detail.deadline.ruleRef).toBe('complaint.resolution v1 (LAW-COMPLAINT-07)');
      expect(JSON.parse(row.rule_ref!)).toMatchObject({ variant: 'standard', acceptance: { id: 'complaint.acceptance', version: 2 }, resolution: { id: 'complaint.resolution' } });
      // 7 working days from Thursday 26/11/2026: Friday 27, Mon 30, Tue 1, Wed 2, Thu 3, Fri 4, Mon 7/12.
      expect(detail.deadline.acceptanceDueAt).toBe('2026-12-07T16:59:59.999Z');
      expect(detail.deadline.explanation.join('\n')).toContain('Hồ sơ được phân loại lại ngày Thứ Năm, 26/11/2026');
      const entry = detail.timeline.find((line: { event: string }) => line.event === 'cases.case.reclassified');
      expect(entry).toMatchObject({ isPublic: true, publicNote: null, internalNote: 'Người dân không đồng ý với thái độ xử lý của cán bộ', actorUserId: officer.userId });
      const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.reclassify', entityId: id, limit: 10, offset: 0 });
      expect(JSON.parse(audit[0]!.details)).toMatchObject({ fromKind: 'feedback', toKind: 'complaint', fromCategoryId: t.categoryIds.ROADS, toCategoryId: t.categoryIds.CONDUCT });
      const publicView = (await t.inject('GET', `/api/v1/cases/${code}`, null)).json();
      expect(publicView).toMatchObject({ kind: 'complaint', categoryName: 'Thái độ, tác phong cán bộ' });
      expect(publicView.timeline.map((line: { event: string }) => line.event)).toContain('cases.case.reclassified');
      const events = await findOutboxEvents(t.ctx.db, { name: 'cases.case.reclassified' });
      expect(events.find((event) => event.payload.caseId === id)?.payload).toMatchObject({ shouldNotifySubmitter: true });
      await t.runJobs();
      expect(await findRecordedMessages(t.ctx.db, { recipient: 'an.phanloai@example.vn', template: 'cases.status-changed' })).not.toHaveLength(0);
    });

    it('a category-only change recomputes the deadline from receipt; an assigned case keeps its unit', async () => {
      const { id } = await t.submit();
      expect((await act(leader, id, { type: 'accept' })).statusCode).toBe(200);
      expect((await act(leader, id, { type: 'assign', unitId: t.unitIds['KINH-TE'] })).statusCode).toBe(200);
      // 15 working days for feedback (LAW-PAKN-08) …
      expect((await detailOf(id)).deadline.dueAt).toBe('2026-12-17T16:59:59.999Z');
      // … the water-supply category's own 5 working days, still counted from 26/11: Thursday 03/12.
      expect((await act(officer, id, { type: 'reclassify', kind: 'feedback', categoryId: t.categoryIds.WATER, reason: 'Là việc nước sạch, không phải đường' })).statusCode).toBe(200);
      expect((await detailOf(id)).deadline.dueAt).toBe('2026-12-03T16:59:59.999Z');
      // Health belongs by default to VH-XH, but the case was already assigned to KINH-TE.
      expect((await act(officer, id, { type: 'reclassify', kind: 'question', categoryId: t.categoryIds.HEALTH, reason: 'Thực ra là câu hỏi về trạm y tế' })).statusCode).toBe(200);
      expect(await rowOf(id)).toMatchObject({ kind: 'question', category_id: t.categoryIds.HEALTH, assigned_unit_id: t.unitIds['KINH-TE'] });
    });

    it('LAW-DENUNC-11/12, LAW-DENUNC-04, LAW-COMPLAINT-01: unsafe kind changes are refused on the kind field, in words, and nothing is written', async () => {
      const denunciation = await t.submit({ kind: 'denunciation', categoryId: t.categoryIds.LAND, title: 'Tố cáo thu tiền', description: 'Cán bộ địa chính thu tiền ngoài quy định khi làm sổ.', submitter: { fullName: 'Lê Văn Cường', address: 'Số 3 ngõ 5', phone: '0987000222' } });
      const feedback = await t.submit({ categoryId: t.categoryIds.LAND });
      const question = await t.submit({ kind: 'question', categoryId: t.categoryIds.LAND, privacy: 'anonymous', submitter: undefined, title: 'Hỏi về thủ tục', description: 'Xin hỏi thủ tục tách thửa đất cần giấy tờ gì?' });
      const refusal = async (id: string, body: Record<string, unknown>) => {
        const before = await rowOf(id);
        const response = await act(leader, id, { type: 'reclassify', reason: 'Phân loại lại', ...body });
        expect(response.statusCode).toBe(400);
        expect(await rowOf(id)).toMatchObject({ version: before.version, kind: before.kind, category_id: before.category_id });
        return response.json().errors as { field: string; message: string }[];
      };
      expect(await refusal(denunciation.id, { kind: 'feedback', categoryId: t.categoryIds.LAND })).toEqual([{ field: 'kind', message: expect.stringContaining('niêm phong') }]);
      expect(await refusal(feedback.id, { kind: 'denunciation', categoryId: t.categoryIds.LAND })).toEqual([{ field: 'kind', message: expect.stringContaining('gửi đơn tố cáo mới') }]);
      expect(await refusal(question.id, { kind: 'complaint', categoryId: t.categoryIds.LAND })).toEqual([{ field: 'kind', message: expect.stringContaining('không được ẩn danh') }]);
      expect(await refusal(feedback.id, { kind: 'complaint', categoryId: t.categoryIds.ROADS })).toEqual([{ field: 'categoryId', message: expect.any(String) }]);
      expect(await refusal(feedback.id, { kind: 'feedback', categoryId: t.categoryIds.LAND })).toEqual([{ field: 'categoryId', message: 'Hãy chọn loại hoặc lĩnh vực khác với hiện tại.' }]);
      expect((await refusal(feedback.id, { kind: 'question', categoryId: t.categoryIds.LAND, reason: '' })).map((error) => error.field)).toEqual(['reason']);
      // A denunciation may still move to another category (its identity stays sealed).
      expect((await act(leader, denunciation.id, { type: 'reclassify', kind: 'denunciation', categoryId: t.categoryIds.CONDUCT, reason: 'Nội dung về tác phong cán bộ' })).statusCode).toBe(200);
    });

    it('not once the answer is drafted, and only by the handling unit or a leader', async () => {
      const { id } = await t.submit();
      expect((await act(otherOfficer, id, { type: 'reclassify', kind: 'question', categoryId: t.categoryIds.ROADS, reason: 'Thử' })).statusCode).toBe(404);
      await act(leader, id, { type: 'accept' });
      await act(leader, id, { type: 'assign', unitId: t.unitIds['KINH-TE'] });
      expect((await act(officer, id, { type: 'draftAnswer', text: 'Xã đã giao đơn vị sửa đèn đường trong tuần này.' })).statusCode).toBe(200);
      expect((await act(leader, id, { type: 'reclassify', kind: 'question', categoryId: t.categoryIds.ROADS, reason: 'Thử' })).statusCode).toBe(409);
    });
  });

  describe('transfer out', () => {
    it('LAW-PAKN-04: the 5-working-day limit is shown while the case waits; the case ends transferred, the resident sees the body, indicators do not count it unanswered', async () => {
      const { id, code } = await t.submit({ categoryId: t.categoryIds.POLLUTION, submitter: { fullName: 'Phạm Thị Dung', address: 'Thôn Lạc Cầu', phone: '0912000333', email: 'dung.chuyen@example.vn' } });
      // 5 working days from Thursday 26/11/2026: Thursday 03/12.
      expect((await detailOf(id)).deadline.transferDueAt).toBe('2026-12-03T16:59:59.999Z');
      expect((await detailOf(id)).availableActions).toContain('transferOut');
      const response = await act(officer, id, { type: 'transferOut', bodyName: 'Phòng Tài nguyên và Môi trường huyện', letterRef: '15/CV-UBND', note: 'Cơ sở gây ô nhiễm do huyện cấp phép' });
      expect(response.statusCode).toBe(200);
      const detail = response.json();
      expect(detail).toMatchObject({ status: 'transferred', availableActions: [] });
      expect(detail.deadline.transferDueAt).toBeNull();
      expect(detail.timeline.find((line: { event: string }) => line.event === 'cases.case.transferred_out')).toMatchObject({ isPublic: true, publicNote: 'Phòng Tài nguyên và Môi trường huyện', internalNote: 'Cơ sở gây ô nhiễm do huyện cấp phép' });
      const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.transferOut', entityId: id, limit: 10, offset: 0 });
      expect(JSON.parse(audit[0]!.details)).toMatchObject({ toStatus: 'transferred', bodyName: 'Phòng Tài nguyên và Môi trường huyện', letterRef: '15/CV-UBND', transferDueAt: '2026-12-03T16:59:59.999Z', isLate: false });
      const publicView = (await t.inject('GET', `/api/v1/cases/${code}`, null)).json();
      expect(publicView).toMatchObject({ status: 'transferred', transferredTo: 'Phòng Tài nguyên và Môi trường huyện', canWithdraw: false });
      const page = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}`, headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('đã được chuyển đến Phòng Tài nguyên và Môi trường huyện');
      await t.runJobs();
      expect(await findRecordedMessages(t.ctx.db, { recipient: 'dung.chuyen@example.vn', template: 'cases.status-changed' })).not.toHaveLength(0);
      const indicators = (await t.inject('GET', '/api/v1/cases/indicators?from=2026-11-01&to=2026-11-30&groupBy=category', leader)).json();
      const pollution = indicators.groups[t.categoryIds.POLLUTION!];
      expect(pollution).toMatchObject({ total: 1, byStatus: { transferred: 1 }, openOnTime: 0, openOverdue: 0, answeredOnTime: 0, answeredLate: 0 });
    });

    it('LAW-DENUNC-03: a late transfer is recorded as late; a complaint is not transferred; a blank body is named', async () => {
      const denunciation = await t.submit({ kind: 'denunciation', categoryId: t.categoryIds.CONDUCT, title: 'Tố cáo cán bộ huyện', description: 'Cán bộ phòng tài chính huyện nhận tiền của doanh nghiệp.', submitter: { fullName: 'Lê Văn Cường', address: 'Số 3 ngõ 5', phone: '0987000222' } });
      const complaintCase = await t.submit(complaint('binh.chuyen@example.vn'));
      const blank = await act(leader, denunciation.id, { type: 'transferOut', bodyName: ' ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors).toEqual([{ field: 'bodyName', message: expect.any(String) }]);
      expect((await act(leader, complaintCase.id, { type: 'transferOut', bodyName: 'Thanh tra huyện' })).statusCode).toBe(409);
      t.clock.advance(10 * 86_400_000);
      expect((await act(leader, denunciation.id, { type: 'transferOut', bodyName: 'Thanh tra huyện' })).statusCode).toBe(200);
      const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.transferOut', entityId: denunciation.id, limit: 10, offset: 0 });
      expect(JSON.parse(audit[0]!.details)).toMatchObject({ isLate: true });
      t.clock.set('2026-11-26T03:00:00.000Z');
    });
  });

  describe('complaint complexity and remote area', () => {
    it('LAW-COMPLAINT-07/08: a leader\'s written determination switches the rule (30 → 60 days) and says so in the explanation', async () => {
      const { id, code } = await t.submit(complaint('binh.phuctap@example.vn'));
      expect((await act(leader, id, { type: 'accept' })).statusCode).toBe(200);
      // 30 days from 26/11/2026 end on Saturday 26/12, moved to Monday 28/12 (Civil Code Art. 148(5)).
      expect((await detailOf(id)).deadline.dueAt).toBe('2026-12-28T16:59:59.999Z');
      expect((await act(officer, id, { type: 'decideComplexity', isComplex: true, isRemoteArea: true, reason: 'Thử' })).statusCode).toBe(403);
      const response = await act(leader, id, { type: 'decideComplexity', isComplex: true, isRemoteArea: true, reason: 'Phải xác minh tại hai thôn; thôn Lạc Cầu đi lại khó khăn', decisionRef: '7/QĐ-UBND' });
      expect(response.statusCode).toBe(200);
      const detail = response.json();
      // 60 days: Monday 25/01/2027.
      expect(detail.deadline.dueAt).toBe('2027-01-25T16:59:59.999Z');
      expect(detail.deadline.ruleRef).toBe('complaint.resolution v1 [remote_complex] (LAW-COMPLAINT-07)');
      expect(detail.deadline.explanation.join('\n')).toContain('lãnh đạo xác định bằng văn bản: vùng sâu, vùng xa, vụ việc phức tạp');
      const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.decideComplexity', entityId: id, limit: 10, offset: 0 });
      expect(JSON.parse(audit[0]!.details)).toMatchObject({ isComplex: true, isRemoteArea: true, variant: 'remote_complex', decisionRef: '7/QĐ-UBND' });
      expect((await t.inject('GET', `/api/v1/cases/${code}`, null)).json().deadline.dueAt).toBe('2027-01-25T16:59:59.999Z');
      // Complex only: 45 days end on Sunday 10/01/2027, moved to Monday 11/01.
      expect((await act(leader, id, { type: 'decideComplexity', isComplex: true, isRemoteArea: false, reason: 'Không còn coi là vùng khó khăn' })).json().deadline.dueAt).toBe('2027-01-11T16:59:59.999Z');
    });

    it('only for complaints, and the extension still refuses a complaint', async () => {
      const feedback = await t.submit();
      expect((await act(leader, feedback.id, { type: 'decideComplexity', isComplex: true, isRemoteArea: false, reason: 'Thử' })).statusCode).toBe(409);
      const { id } = await t.submit(complaint('binh.giahan@example.vn'));
      await act(leader, id, { type: 'accept' });
      expect((await act(leader, id, { type: 'extendDeadline', amount: 15, unit: 'calendar_days', reason: 'Phức tạp', complexity: 'complex' })).statusCode).toBe(409);
      const missing = await act(leader, id, { type: 'decideComplexity', isComplex: false, isRemoteArea: true, reason: '' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors.map((error: { field: string }) => error.field)).toEqual(['reason']);
    });
  });
});
