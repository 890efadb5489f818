import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typed } from '../../core/db/database.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';
import type { CasesTables } from './db/tables.js';
import { updateCategory } from './db/repository.js';
import { invalidateCommuneReference } from './server/reference-data.js';
import { getPublicCaseJson, getPublicCaseView, livePublicCaseView } from './server/use-cases/read-cases.js';

/**
 * The public status read model (`cases_public_status`) must show exactly what computing the status
 * from the case's own rows shows, after every kind of write: intake, each workflow step, the clock
 * stopping and restarting, an extension, the overdue sweep and a working-calendar change.
 */
describe('cases: the public status read model matches the live status after every write', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;
  let admin: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
    admin = await t.staff('admin');
  });
  afterAll(async () => t.close());

  const stored = (code: string) => typed<CasesTables>(t.ctx.db).selectFrom('cases_public_status').selectAll().where('code', '=', code).executeTakeFirst();

  /**
   * The anonymous Vietnamese view (read model) equals the live view; English readers get the live
   * view in English (only the Vietnamese view is stored). Returns the stored row.
   */
  async function expectReadModelCurrent(code: string) {
    const row = await stored(code);
    expect(row, `no read-model row for ${code}`).toBeDefined();
    const vietnamese = await livePublicCaseView(t.ctx, code, 'vi');
    expect(await getPublicCaseView(t.ctx, code, 'vi')).toEqual(vietnamese);
    // The stored bytes are that view, rendered as not overdue (decided when read).
    expect(JSON.parse(row!.view_vi.toString())).toEqual({ ...vietnamese, deadline: { ...vietnamese.deadline, isOverdue: false } });
    const english = await getPublicCaseView(t.ctx, code, 'en');
    expect(english).toEqual(await livePublicCaseView(t.ctx, code, 'en'));
    expect(english.deadline.explanation.join(' ')).not.toEqual(vietnamese.deadline.explanation.join(' '));
    return row!;
  }

  /** File a case through the public API; the submission itself must succeed. */
  const submit = async (body: Record<string, unknown>) => {
    const response = await t.inject('POST', '/api/v1/cases', t.anonymous, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; code: string; accessToken: string };
  };

  const act = async (session: StaffSession, id: string, body: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { status: string };
  };

  it('stays current through intake, every workflow step, a pause and the rating', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const submitted = await submit({
      kind: 'feedback',
      categoryId: t.categoryIds.ROADS,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Ổ gà trên đường liên xã',
      description: 'Ổ gà lớn trước cổng chợ, trời mưa rất nguy hiểm cho xe máy.',
      privacy: 'handler_only',
      submitter: { fullName: 'Đỗ Thị Readmodel', address: 'Tổ dân phố 3', phone: '0912 000 111' },
    });
    const received = await expectReadModelCurrent(submitted.code);
    expect(received.status).toBe('received');
    expect(received.view_vi.toString()).not.toContain('Readmodel');
    expect(received.view_vi.toString()).not.toContain('0912000111');

    await act(officer, submitted.id, { type: 'accept' });
    expect((await expectReadModelCurrent(submitted.code)).status).toBe('accepted');
    await act(leader, submitted.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    await expectReadModelCurrent(submitted.code);

    // The clock stops: the due date moves every day, so the anonymous view is computed live.
    t.clock.set('2026-11-30T03:00:00.000Z');
    await act(officer, submitted.id, { type: 'requestInformation', note: 'Xin cho biết vị trí cụ thể.' });
    expect((await expectReadModelCurrent(submitted.code)).is_paused).toBe(1);
    t.clock.set('2026-12-03T03:00:00.000Z');
    expect((await getPublicCaseView(t.ctx, submitted.code, 'vi')).deadline.isPaused).toBe(true);
    await act(officer, submitted.id, { type: 'receiveInformation' });
    const resumed = await expectReadModelCurrent(submitted.code);
    expect(resumed.is_paused).toBe(0);
    expect((await getPublicCaseView(t.ctx, submitted.code, 'vi')).timeline.map((entry) => entry.note)).toContain('Xin cho biết vị trí cụ thể.');

    await act(officer, submitted.id, { type: 'startWork' });
    await expectReadModelCurrent(submitted.code);

    await act(officer, submitted.id, { type: 'draftAnswer', text: 'Xã đã giao đội thi công vá ổ gà trong tuần.' });
    await act(leader, submitted.id, { type: 'approveAnswer' });
    await act(leader, submitted.id, { type: 'publishAnswer' });
    const answered = await getPublicCaseView(t.ctx, submitted.code, 'vi');
    expect(answered.status).toBe('answered');
    expect(answered.answer?.text).toContain('vá ổ gà');
    await expectReadModelCurrent(submitted.code);

    const rated = await t.inject('POST', `/api/v1/cases/${submitted.code}/rating`, t.anonymous, { score: 5, accessToken: submitted.accessToken });
    expect(rated.statusCode, rated.body).toBe(200);
    const closed = await expectReadModelCurrent(submitted.code);
    expect(closed.status).toBe('closed');
    expect((await getPublicCaseView(t.ctx, submitted.code, 'vi')).rating).toBe(5);
    // The holder of the secret link gets the live view with the actions they may take.
    const withLink = await getPublicCaseView(t.ctx, submitted.code, 'vi', { accessToken: submitted.accessToken });
    expect(withLink.canReopen).toBe(true);
    expect((await getPublicCaseView(t.ctx, submitted.code, 'vi')).canReopen).toBe(false);
  });

  it('hides the submitter spoken of the village way, by a kinship word and the given name, in the stored and live views (point 3, LAW-PDP-06)', async () => {
    const submitted = await submit({ kind: 'feedback', categoryId: t.categoryIds.ROADS, areaId: t.areaIds['TDP-NQ1'], title: 'Đèn đường hỏng ở ngõ 4', description: 'Đèn đường ngõ 4 hỏng đã một tuần.', privacy: 'handler_only', submitter: { fullName: 'Nguyễn Văn Kiểm', address: 'Tổ dân phố 3', phone: '0912 000 222' } });
    await act(officer, submitted.id, { type: 'accept' });
    await act(officer, submitted.id, { type: 'requestInformation', note: 'Đề nghị gặp anh Kiểm hoặc Nguyễn Văn Kiểm để xác định cột đèn; cán bộ sẽ kiểm tra lại.' });
    const row = await expectReadModelCurrent(submitted.code);
    const note = (await getPublicCaseView(t.ctx, submitted.code, 'vi')).timeline.map((entry) => entry.note).find((text) => text?.startsWith('Đề nghị gặp'));
    expect(note).toBe('Đề nghị gặp anh [đã ẩn họ tên] hoặc [đã ẩn họ tên] để xác định cột đèn; cán bộ sẽ kiểm tra lại.');
    expect(row.view_vi.toString()).not.toContain('Kiểm ');
  });

  it('keeps a denunciation sealed and current through an extension (LAW-DENUNC-06, LAW-DENUNC-11)', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const canary = 'Canaryview Lương';
    const submitted = await submit({
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Tố cáo cán bộ nhận tiền khi chứng thực',
      description: 'Cán bộ yêu cầu nộp thêm tiền ngoài lệ phí khi chứng thực giấy tờ.',
      privacy: 'handler_only',
      submitter: { fullName: canary, address: 'Số 3 ngõ Canaryview', phone: '0987 111 222', idNumber: '001203009999' },
    });
    await act(leader, submitted.id, { type: 'accept' });
    await act(leader, submitted.id, { type: 'extendDeadline', amount: 30, unit: 'calendar_days', reason: 'Vụ việc phức tạp', decisionRef: '15/QĐ-UBND', complexity: 'complex' });
    const row = await expectReadModelCurrent(submitted.code);
    expect(row.view_vi.toString().toLowerCase()).not.toContain('canaryview');
    expect(row.view_vi.toString()).not.toContain('0987111222');
    const view = await getPublicCaseView(t.ctx, submitted.code, 'en');
    expect(view.title).toBeNull();
    expect(view.deadline.explanation.join(' ')).toMatch(/extend/i);
  });

  it('shows a renamed category at once although the stored view was rendered with the old name', async () => {
    const submitted = await submit({
      kind: 'feedback',
      categoryId: t.categoryIds.WASTE,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Rác tồn đọng ở điểm tập kết',
      description: 'Điểm tập kết rác đầu ngõ 7 ba ngày chưa được thu gom.',
      privacy: 'handler_only',
      submitter: { fullName: 'Vũ Văn Rename', address: 'Tổ dân phố 1', phone: '0912 000 333' },
    });
    expect((await getPublicCaseView(t.ctx, submitted.code, 'vi')).categoryName).toBe('Thu gom rác thải');
    await updateCategory(t.ctx.db, t.communeId, t.categoryIds.WASTE!, { name_vi: 'Thu gom, vận chuyển rác thải' });
    invalidateCommuneReference(t.ctx, t.communeId);
    const renamed = await getPublicCaseView(t.ctx, submitted.code, 'vi');
    expect(renamed.categoryName).toBe('Thu gom, vận chuyển rác thải');
    expect(renamed).toEqual(await livePublicCaseView(t.ctx, submitted.code, 'vi'));
    expect(JSON.parse((await getPublicCaseJson(t.ctx, submitted.code, 'vi')).toString()).categoryName).toBe('Thu gom, vận chuyển rác thải');
  });

  it('follows the overdue sweep and a change of the working calendar', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const submitted = await submit({
      kind: 'question',
      categoryId: t.categoryIds.ROADS,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Hỏi thủ tục cấp lại giấy khai sinh',
      description: 'Tôi làm mất giấy khai sinh, xin hỏi thủ tục cấp lại bản sao.',
      privacy: 'anonymous',
    });
    await act(officer, submitted.id, { type: 'accept' });
    const before = await getPublicCaseView(t.ctx, submitted.code, 'vi');
    expect(before.deadline.isOverdue).toBe(false);

    // A day off inside the period: the due date and the explanation change for open cases.
    const put = await t.inject('PUT', '/api/v1/admin/calendar/overrides/2026-12-04', admin, { kind: 'day_off', note: 'Nghỉ bù theo quyết định của tỉnh' });
    expect(put.statusCode, put.body).toBe(200);
    await t.runJobs();
    const after = await getPublicCaseView(t.ctx, submitted.code, 'vi');
    expect(after.deadline.explanation.join(' ')).toContain('04/12/2026');
    expect(after.deadline.dueAt).not.toBe(before.deadline.dueAt);
    await expectReadModelCurrent(submitted.code);

    // Past the due date the overdue sweep marks it; the anonymous view says so too.
    t.clock.set('2027-03-01T03:00:00.000Z');
    await t.runJobs();
    const overdue = await expectReadModelCurrent(submitted.code);
    expect(overdue.is_overdue).toBe(1);
    expect((await getPublicCaseView(t.ctx, submitted.code, 'en')).deadline.isOverdue).toBe(true);
    t.clock.set('2026-11-26T03:00:00.000Z');
  });
});
