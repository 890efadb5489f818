import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/kit/app.js';
import { findRecordedMessages } from '../notifications/server/index.js';
import { buildCasesTestAppWithStaff, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/**
 * Issue 3 point 6: a case that becomes overdue, whichever way, is marked (an internal timeline entry)
 * and its leaders are told, once per lapse of each stage. A staff action already sets `is_overdue`
 * (an intake back-dated past its deadline, then accepted); the sweep used to skip such a case, so the
 * leaders were never told. A missed acceptance deadline is named as such in the mail (LAW-DENUNC-02,
 * LAW-PAKN-08), not as a missed resolution deadline.
 */
describe(`cases: overdue marking after a staff action on ${testDialect}`, () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    ({ t, officer, leader } = await buildCasesTestAppWithStaff());
  });
  afterAll(async () => t.close());

  const emailOf = async (userId: string) => (await t.ctx.db.selectFrom('auth_users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email!;
  const messagesAbout = async (template: string, code: string) => (await findRecordedMessages(t.ctx.db, { template })).filter((message) => message.body.includes(code));
  const overdueEntries = async (caseId: string) =>
    (await t.ctx.db.selectFrom('cases_timeline').select(['event', 'payload', 'is_public']).where('case_id', '=', caseId).where('event', '=', 'cases.case.overdue').execute()).map((row) => ({ isPublic: row.is_public, payload: JSON.parse(row.payload) as { stage: string; dueAt: string } }));
  const dayMonthYear = (iso: string) => {
    const local = new Date(new Date(iso).getTime() + 7 * 3_600_000);
    return `${String(local.getUTCDate()).padStart(2, '0')}/${String(local.getUTCMonth() + 1).padStart(2, '0')}/${local.getUTCFullYear()}`;
  };

  it('a back-dated intake accepted after its deadline is marked overdue and the leaders told once (issue 3 point 6)', async () => {
    t.clock.set('2026-11-27T02:00:00.000Z');
    const intake = await t.inject('POST', '/api/v1/cases/intake', officer, {
      kind: 'feedback',
      categoryId: t.categoryIds.ROADS,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Cống tắc từ đầu tháng Mười',
      description: 'Người dân gọi điện phản ánh cống tắc nhiều ngày, nước tràn ra đường.',
      privacy: 'handler_only',
      channel: 'phone',
      receivedAt: '2026-10-01T03:00:00.000Z',
      submitter: { fullName: 'Trần Thị Gọi', phone: '0911222333', address: 'Thôn Như Quỳnh' },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const created = intake.json() as { id: string; code: string };

    // The accept action itself sets the flag: the resolution deadline is already behind.
    const accepted = await t.inject('POST', `/api/v1/cases/${created.id}/actions`, officer, { type: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const row = await t.ctx.db.selectFrom('cases_items').select(['is_overdue', 'status', 'due_at']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ is_overdue: 1, status: 'accepted' });
    const dueAt = row.due_at!;
    expect(dueAt < '2026-11-27T02:00:00.000Z').toBe(true);

    // The sweep still marks it (timeline) and tells the leader, about the resolution deadline.
    await t.runJobs();
    expect(await overdueEntries(created.id)).toEqual([{ isPublic: 0, payload: { dueAt, stage: 'resolution' } }]);
    const leaderEmail = await emailOf(leader.userId);
    const told = await messagesAbout('cases.overdue', created.code);
    expect(told.filter((message) => message.recipient === leaderEmail)).toHaveLength(1);
    expect(told[0]!.body).toContain(`quá hạn giải quyết từ ${dayMonthYear(dueAt)}`);

    // Once: later sweeps add no entry and no mail.
    t.clock.set('2026-11-27T05:00:00.000Z');
    await t.runJobs();
    t.clock.set('2026-11-28T05:00:00.000Z');
    await t.runJobs();
    expect(await overdueEntries(created.id)).toHaveLength(1);
    expect(await messagesAbout('cases.overdue', created.code)).toHaveLength(told.length);

  });

  it('a lapse is told once however often its due date moves while still past; a new deadline missed again is told again (LAW-DENUNC-06)', async () => {
    // Accepted on Tue 01/09: 30 days from acceptance (LAW-DENUNC-06); swept on Sat 28/11 (after the first test's sweeps), long overdue.
    t.clock.set('2026-09-01T03:00:00.000Z');
    const intake = await t.inject('POST', '/api/v1/cases/intake', leader, {
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      title: 'Tố cáo cán bộ nhận tiền',
      description: 'Cán bộ địa chính yêu cầu nộp tiền ngoài quy định khi làm thủ tục đất.',
      privacy: 'handler_only',
      channel: 'walk_in',
      submitter: { fullName: 'Lê Văn Cường', address: 'Số 3 ngõ 5', phone: '0987000222', idNumber: '001203004222' },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const created = intake.json() as { id: string; code: string };
    const act = async (body: Record<string, unknown>) => {
      const response = await t.inject('POST', `/api/v1/cases/${created.id}/actions`, leader, body);
      expect(response.statusCode, response.body).toBe(200);
    };
    const dueAtNow = async () => (await t.ctx.db.selectFrom('cases_items').select('due_at').where('id', '=', created.id).executeTakeFirstOrThrow()).due_at!;
    const leaderEmail = await emailOf(leader.userId);
    const resolutionMails = async () => (await messagesAbout('cases.overdue', created.code)).filter((message) => message.recipient === leaderEmail);
    await act({ type: 'accept' });
    const first = await dueAtNow();
    t.clock.set('2026-11-28T07:00:00.000Z');
    await t.runJobs();
    expect((await overdueEntries(created.id)).filter((entry) => entry.payload.stage === 'resolution')).toHaveLength(1);
    const told = (await resolutionMails()).length;
    expect(told).toBe(1);

    // Extended by 30 days, the new date still long past: the same lapse, told already.
    const extension = { type: 'extendDeadline', amount: 30, unit: 'calendar_days', reason: 'Xác minh ở nhiều nơi', complexity: 'especially_complex' };
    await act(extension);
    const moved = await dueAtNow();
    expect(moved > first && moved < '2026-11-28T07:00:00.000Z').toBe(true);
    t.clock.set('2026-11-28T09:00:00.000Z');
    await t.runJobs();
    expect((await overdueEntries(created.id)).filter((entry) => entry.payload.stage === 'resolution')).toHaveLength(1);
    expect((await resolutionMails()).length).toBe(told);

    // Extended again, now into the future: no longer overdue. Missed again: a new lapse, marked and told.
    await act(extension);
    const future = await dueAtNow();
    expect(future > '2026-11-28T09:00:00.000Z').toBe(true);
    t.clock.set(new Date(new Date(future).getTime() + 3_600_000).toISOString());
    await t.runJobs();
    expect((await overdueEntries(created.id)).filter((entry) => entry.payload.stage === 'resolution').map((entry) => entry.payload.dueAt)).toEqual([first, future]);
    expect((await resolutionMails()).length).toBe(2 * told);
  });
});
