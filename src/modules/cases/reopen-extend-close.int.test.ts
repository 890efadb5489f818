/**
 * Workflow review fixes (issue 3, points 4, 5 and 14): a reopened case keeps its ratings and gets a
 * new deadline counted from the reopening; a denunciation's acceptance period can be extended
 * (LAW-DENUNC-02); answered cases close automatically after the commune's period, and staff are not
 * offered a close that would be refused; a partial withdrawal without its part names the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { findRecordedMessages } from '../notifications/server/index.js';
import { buildCasesTestAppWithStaff, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: reopening, acceptance extension, auto-close, withdrawal errors', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    ({ t, officer, leader } = await buildCasesTestAppWithStaff());
  });
  afterAll(async () => t.close());

  const act = (session: StaffSession, id: string, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
  const detailOf = async (id: string, lang = 'vi') => (await t.inject('GET', `/api/v1/cases/${id}?lang=${lang}`, leader)).json();
  /** Officer drafts, leader approves and publishes: the case is answered. */
  const answer = async (id: string, text: string) => {
    const drafted = await act(officer, id, { type: 'draftAnswer', text });
    expect(drafted.json().status, drafted.body).toBe('answer_drafted');
    expect((await act(leader, id, { type: 'approveAnswer' })).json().status).toBe('answer_approved');
    expect((await act(leader, id, { type: 'publishAnswer' })).json().status).toBe('answered');
  };
  const toAnswered = async (email: string) => {
    const created = await t.submit({ submitter: { fullName: 'Đỗ Thị Hoa', address: 'Tổ dân phố Như Quỳnh 1', email } });
    expect((await act(officer, created.id, { type: 'accept' })).statusCode).toBe(200);
    expect((await act(leader, created.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId })).statusCode).toBe(200);
    expect((await act(officer, created.id, { type: 'startWork' })).statusCode).toBe(200);
    await answer(created.id, 'Xã đã thay bóng và sửa đèn đường.');
    return created;
  };
  const resident = (code: string, path: string, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${code}/${path}`, t.anonymous, body);
  const indicatorsOf = async (period: string) => (await t.inject('GET', `/api/v1/cases/indicators?${period}&groupBy=none`, leader)).json().overall;

  it('a reopened case keeps each rating in the mean rating, gets a new deadline from the reopening, and counts as open, not answered late', async () => {
    // Received Fri 02/10/2026: 15 working days (LAW-PAKN-08) → due Fri 23/10.
    t.clock.set('2026-10-02T03:00:00.000Z');
    const created = await t.submit({ submitter: { fullName: 'Vũ Văn Minh', address: 'Tổ dân phố Như Quỳnh 1', email: 'minh.mo-lai@example.vn' } });
    expect((await detailOf(created.id)).deadline.dueAt).toBe('2026-10-23T16:59:59.999Z');
    expect((await act(officer, created.id, { type: 'accept' })).statusCode).toBe(200);
    expect((await act(leader, created.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId })).statusCode).toBe(200);
    expect((await act(officer, created.id, { type: 'startWork' })).statusCode).toBe(200);
    // Answered late, on Mon 02/11, and rated 2.
    t.clock.set('2026-11-02T03:00:00.000Z');
    await answer(created.id, 'Xã đã vá ổ gà trên đoạn đường này.');
    expect((await resident(created.code, 'rating', { score: 2, comment: 'Vá chưa kỹ', accessToken: created.accessToken })).json().status).toBe('closed');

    // Reopened on Fri 27/11: a new round of 15 working days from then → Fri 18/12, not overdue.
    t.clock.set('2026-11-27T03:00:00.000Z');
    expect((await resident(created.code, 'reopen', { reason: 'Ổ gà lại xuất hiện', accessToken: created.accessToken })).json().status).toBe('reopened');
    const reopened = await detailOf(created.id);
    expect(reopened.rating).toBeNull();
    // Staff still see the rating of the answered round.
    expect(reopened.earlierRatings).toEqual([{ score: 2, comment: 'Vá chưa kỹ' }]);
    expect(reopened.deadline).toMatchObject({ dueAt: '2026-12-18T16:59:59.999Z', isOverdue: false });
    expect(reopened.deadline.explanation.join(' ')).toContain('Hồ sơ được mở lại ngày Thứ Sáu, 27/11/2026: thời hạn được tính lại từ ngày mở lại');
    expect((await detailOf(created.id, 'en')).deadline.explanation.join(' ')).toContain('The case was reopened on Friday, 27/11/2026');
    // The resident sees the same deadline and why.
    const publicView = (await t.inject('GET', `/api/v1/cases/${created.code}`, null)).json();
    expect(publicView.deadline).toMatchObject({ dueAt: '2026-12-18T16:59:59.999Z', isOverdue: false });
    expect(publicView.deadline.explanation.join(' ')).toContain('tính lại từ ngày mở lại');
    expect((await t.inject('GET', `/api/v1/cases/${created.code}?lang=en`, null)).json().deadline.explanation.join(' ')).toContain('counted again from the reopening');

    const october = 'from=2026-10-01&to=2026-10-31';
    expect(await indicatorsOf(october)).toMatchObject({ total: 1, meanRating: 2, ratingCount: 1, answeredLate: 0, answeredOnTime: 0, openOnTime: 1, openOverdue: 0, reopenRate: 1 });

    // Answered again and rated 1, reopened again: both ratings stay counted.
    t.clock.set('2026-11-30T03:00:00.000Z');
    await answer(created.id, 'Xã đã trải nhựa lại đoạn đường.');
    expect((await resident(created.code, 'rating', { score: 1, accessToken: created.accessToken })).json().status).toBe('closed');
    expect(await indicatorsOf(october)).toMatchObject({ meanRating: 1.5, ratingCount: 2, answeredOnTime: 1, answeredLate: 0 });
    expect((await resident(created.code, 'reopen', { reason: 'Vẫn còn đọng nước', accessToken: created.accessToken })).json().status).toBe('reopened');
    expect((await detailOf(created.id))).toMatchObject({ rating: null, earlierRatings: [{ score: 2, comment: 'Vá chưa kỹ' }, { score: 1, comment: null }] });
    expect(await indicatorsOf(october)).toMatchObject({ meanRating: 1.5, ratingCount: 2, openOnTime: 1, answeredOnTime: 0 });
    // Past its new deadline (Mon 30/11 + 15 working days → Mon 21/12), it is open overdue.
    t.clock.set('2026-12-22T03:00:00.000Z');
    expect(await indicatorsOf(october)).toMatchObject({ openOverdue: 1, openOnTime: 0, answeredLate: 0, onTimeRate: 0, meanRating: 1.5 });
    t.clock.set('2026-11-26T03:00:00.000Z');
  });

  it('LAW-DENUNC-02: a leader extends a received denunciation\'s acceptance period by up to 3 working days (10 in total), once', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const created = await t.submit({
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      title: 'Tố cáo cán bộ nhận tiền',
      description: 'Cán bộ địa chính yêu cầu nộp tiền ngoài quy định khi làm thủ tục đất.',
      submitter: { fullName: 'Lê Văn Cường', address: 'Số 3 ngõ 5', phone: '0987000222', idNumber: '001203004222' },
    });
    // Thu 26/11 + 7 working days → Mon 07/12.
    expect((await detailOf(created.id)).deadline.acceptanceDueAt).toBe('2026-12-07T16:59:59.999Z');
    const extension = { type: 'extendDeadline', amount: 3, unit: 'working_days', reason: 'Cần kiểm tra, xác minh tại nhiều địa điểm', decisionRef: '05/TB-UBND' };
    // The head of the body approves (a leader); an officer of the unit that received it may not.
    const { assignedUnitId } = await detailOf(created.id);
    const unitCode = Object.entries(t.unitIds).find(([, id]) => id === assignedUnitId)?.[0];
    const unitOfficer = await t.staff('officer', unitCode);
    expect((await act(unitOfficer, created.id, extension)).statusCode).toBe(403);
    // More than 10 working days in total: refused on the amount with the rule's cap, not as a wrong status.
    const tooLong = await act(leader, created.id, { ...extension, amount: 4 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors).toEqual([{ field: 'amount', message: 'Mỗi lần gia hạn được tối đa 3 ngày làm việc (căn cứ: LAW-DENUNC-02).' }]);
    const extended = await act(leader, created.id, extension);
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json()).toMatchObject({ status: 'received', deadline: { acceptanceDueAt: '2026-12-10T16:59:59.999Z' } });
    expect(extended.json().deadline.explanation.join(' ')).toContain('Gia hạn 3 ngày làm việc');
    const second = await act(leader, created.id, { ...extension, amount: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().type).toContain('extensionNotAllowed');
    // The public page shows the acceptance deadline that now applies.
    expect((await t.inject('GET', `/api/v1/cases/${created.code}`, null)).json().deadline.dueAt).toBe('2026-12-10T16:59:59.999Z');
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.extendDeadline', entityId: created.id, limit: 10, offset: 0 });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_user_id).toBe(leader.userId);
    // Accepting afterwards still works; the resolution period is then extended under LAW-DENUNC-06 only.
    expect((await act(leader, created.id, { type: 'accept' })).json().status).toBe('accepted');
  });

  it('LAW-DENUNC-02, LAW-DENUNC-06: an extension beyond the rule names the field to correct (amount, unit, complexity), in Vietnamese and English, and writes nothing', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const created = await t.submit({
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      title: 'Tố cáo cán bộ thu tiền ngoài quy định',
      description: 'Cán bộ địa chính thu tiền đo đạc ngoài quy định và không cấp biên lai.',
      submitter: { fullName: 'Vũ Văn Hạn', address: 'Số 9 ngõ 4', phone: '0987000444', idNumber: '001203004444' },
    });
    expect((await act(leader, created.id, { type: 'accept' })).json().status).toBe('accepted');
    const before = await detailOf(created.id);
    expect(before.extensionOffer).toMatchObject({ maxAmount: 30, unit: 'calendar_days' });
    const extension = { type: 'extendDeadline', amount: 30, unit: 'calendar_days', reason: 'Cần xác minh tại nhiều nơi', complexity: 'complex' };
    const refusals = [
      // Over the cap of 30 days per extension (LAW-DENUNC-06).
      { body: { ...extension, amount: 45 }, field: 'amount', vi: 'Mỗi lần gia hạn được tối đa 30 ngày (căn cứ: LAW-DENUNC-06).', en: 'Each extension may be at most 30 days (legal basis: LAW-DENUNC-06).' },
      // The rule counts calendar days.
      { body: { ...extension, unit: 'working_days' }, field: 'unit', vi: 'Thời hạn này được gia hạn theo ngày (tính cả ngày nghỉ).', en: 'This deadline is extended in days (rest days included).' },
      // The standard period has no extension: the written complexity determination is missing.
      { body: { ...extension, complexity: undefined }, field: 'complexity', vi: 'Tố cáo chỉ được gia hạn khi có văn bản xác định vụ việc phức tạp hoặc đặc biệt phức tạp (LAW-DENUNC-06). Vui lòng chọn mức độ phức tạp.', en: "A denunciation's deadline may be extended only with a written determination that the case is complex or especially complex (LAW-DENUNC-06). Please choose how complex it is." },
    ];
    // Both said at once: the missing determination and the complex variant's cap.
    const both = await act(leader, created.id, { ...extension, complexity: undefined, amount: 45 });
    expect(both.json().errors).toEqual([
      { field: 'complexity', message: refusals[2]?.vi },
      { field: 'amount', message: refusals[0]?.vi },
    ]);
    for (const refusal of refusals) {
      for (const lang of ['vi', 'en'] as const) {
        const response = await t.inject('POST', `/api/v1/cases/${created.id}/actions?lang=${lang}`, leader, refusal.body);
        expect(response.statusCode, response.body).toBe(400);
        expect(response.json().errors).toEqual([{ field: refusal.field, message: refusal[lang] }]);
      }
    }
    // Nothing written: same version and deadline, no audit row.
    const after = await detailOf(created.id);
    expect(after.version).toBe(before.version);
    expect(after.deadline.dueAt).toBe(before.deadline.dueAt);
    expect(await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.extendDeadline', entityId: created.id, limit: 10, offset: 0 })).toHaveLength(0);
    // An officer of the unit holding it is still refused as an officer, whatever the amount.
    const unitCode = Object.entries(t.unitIds).find(([, id]) => id === before.assignedUnitId)?.[0];
    expect((await act(await t.staff('officer', unitCode), created.id, { ...extension, amount: 45 })).statusCode).toBe(403);
    // Within the rule it is granted; the one extension of the complex variant used, another is a 409 (no field to correct).
    expect((await act(leader, created.id, extension)).statusCode).toBe(200);
    const again = await act(leader, created.id, { ...extension, amount: 45 });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toContain('extensionNotAllowed');
  });

  it('closes answered cases automatically after the commune\'s period, as the system, telling the resident; close is not offered before', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const created = await toAnswered('hoa.tu-dong@example.vn');
    const rated = await toAnswered('hoa.da-danh-gia@example.vn');
    expect((await resident(rated.code, 'rating', { score: 5, accessToken: rated.accessToken })).statusCode).toBe(200);
    expect((await detailOf(created.id)).availableActions).not.toContain('close');
    const tooEarly = await act(leader, created.id, { type: 'close' });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().type).toContain('tooEarlyToClose');

    // 14 days later: still answered.
    t.clock.set('2026-12-10T03:00:00.000Z');
    await t.runJobs();
    expect((await detailOf(created.id)).status).toBe('answered');
    // 15 days (the default "Tự đóng hồ sơ sau số ngày") have passed: the hourly sweep closes it.
    t.clock.set('2026-12-11T04:00:00.000Z');
    expect((await detailOf(created.id)).availableActions).toContain('close');
    await t.runJobs();
    const closed = await detailOf(created.id);
    expect(closed.status).toBe('closed');
    const closings = closed.timeline.filter((entry: { event: string }) => entry.event === 'cases.case.closed');
    expect(closings).toEqual([expect.objectContaining({ actorUserId: null, isPublic: true })]);
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.close', entityId: created.id, limit: 10, offset: 0 });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: null });
    expect(JSON.parse(String(audit[0]?.details))).toMatchObject({ fromStatus: 'answered', toStatus: 'closed', isAutomatic: true, autoCloseAfterDays: 15 });
    const messages = await findRecordedMessages(t.ctx.db, { recipient: 'hoa.tu-dong@example.vn', template: 'cases.status-changed' });
    expect(messages.map((message) => message.body).join('\n')).toContain('Đã kết thúc');
    // Still reopenable within the reopen window (30 days from the answer).
    expect((await t.inject('GET', `/api/v1/cases/${created.code}?accessToken=${created.accessToken}`, null)).json().canReopen).toBe(true);

    // Idempotent: later sweeps change nothing, and a case rated (closed) by its resident is left alone.
    t.clock.set('2026-12-11T06:00:00.000Z');
    await t.runJobs();
    expect((await detailOf(created.id)).timeline.filter((entry: { event: string }) => entry.event === 'cases.case.closed')).toHaveLength(1);
    expect((await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.close', entityId: created.id, limit: 10, offset: 0 }))).toHaveLength(1);
    expect((await detailOf(rated.id)).timeline.filter((entry: { event: string }) => entry.event === 'cases.case.closed')).toHaveLength(0);
    t.clock.set('2026-11-26T03:00:00.000Z');
  });

  it('follows the commune\'s own "Tự đóng hồ sơ sau số ngày" setting', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const admin = await t.staff('admin');
    const settings = { reopenWindowDays: 30, maxReopenCount: 2, autoCloseAfterDays: 3, reminderDaysBefore: [3, 1], maxAttachments: 5, attachmentMaxBytes: 5 * 1024 * 1024 };
    expect((await t.inject('PUT', '/api/v1/admin/cases/settings', admin, settings)).statusCode).toBe(200);
    const created = await toAnswered('hoa.ba-ngay@example.vn');
    t.clock.set('2026-11-29T02:00:00.000Z');
    await t.runJobs();
    expect((await detailOf(created.id)).status).toBe('answered');
    t.clock.set('2026-11-29T04:00:00.000Z');
    await t.runJobs();
    expect((await detailOf(created.id)).status).toBe('closed');
    expect((await t.inject('PUT', '/api/v1/admin/cases/settings', admin, { ...settings, autoCloseAfterDays: 15 })).statusCode).toBe(200);
    t.clock.set('2026-11-26T03:00:00.000Z');
  });

  it('a partial withdrawal without the withdrawn part names the description field, in Vietnamese and English', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const created = await t.submit({
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      title: 'Tố cáo thu tiền sai quy định',
      description: 'Cán bộ thu tiền đo đạc ngoài quy định và không cấp biên lai.',
      submitter: { fullName: 'Phan Văn Rút', address: 'Số 7 ngõ 2', phone: '0987000333', idNumber: '001203004333' },
    });
    for (const [lang, text] of [['vi', 'Vui lòng ghi phần nội dung được rút.'], ['en', 'Enter the part that is withdrawn.']] as const) {
      for (const description of [undefined, '   ']) {
        const response = await t.inject('POST', `/api/v1/cases/${created.code}/withdraw?lang=${lang}`, t.anonymous, { scope: 'partial', accessToken: created.accessToken, ...(description === undefined ? {} : { description }) });
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toEqual([{ field: 'description', message: text }]);
      }
    }
    // Nothing was written: no withdrawal request on the case.
    expect((await detailOf(created.id)).withdrawalRequest).toBeNull();
  });
});
