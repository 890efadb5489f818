import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRecordedMessages } from '../notifications/server/index.js';
import { buildCasesTestAppWithStaff, type CasesTestApp, type StaffSession } from './cases-test-kit.js';
import { getPublicCaseView } from './server/use-cases/read-cases.js';

/**
 * The hourly deadline sweep watches the acceptance deadline of a case still `received`
 * (LAW-PAKN-08 for feedback; LAW-DENUNC-02 for denunciations, 7 working days): the handler (else the
 * leaders) is reminded before it, and after it the case is marked overdue and the leaders are told.
 */
describe('cases: the acceptance deadline sweep (LAW-DENUNC-02, LAW-PAKN-08)', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    ({ t, officer, leader } = await buildCasesTestAppWithStaff());
  });
  afterAll(async () => t.close());

  const emailOf = async (userId: string) => (await t.ctx.db.selectFrom('auth_users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email!;
  const messagesAbout = async (template: string, code: string) => (await findRecordedMessages(t.ctx.db, { template })).filter((message) => message.body.includes(code));

  it('reminds before and reports after the acceptance deadline of a received case, once', async () => {
    // Thu 26/11: 2 working days to accept a feedback (LAW-PAKN-08) — Fri 27/11, Mon 30/11.
    t.clock.set('2026-11-26T03:00:00.000Z');
    const response = await t.inject('POST', '/api/v1/cases', t.anonymous, {
      kind: 'feedback',
      categoryId: t.categoryIds.ROADS,
      areaId: t.areaIds['TDP-NQ2'],
      title: 'Chưa được thụ lý đúng hạn',
      description: 'Ổ gà lớn trước cổng trường, trời mưa đọng nước rất nguy hiểm cho học sinh.',
      privacy: 'handler_only',
      submitter: { fullName: 'Trần Thị Gửi', address: 'Tổ 2', email: 'guitre@example.vn' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json() as { id: string; code: string; acceptanceDueAt: string; dueAt: string };
    expect(created.acceptanceDueAt).toBe('2026-11-30T16:59:59.999Z');

    // One working day before (Fri 27/11, 08:00 local): a reminder, no overdue mark.
    t.clock.set('2026-11-27T02:00:00.000Z');
    await t.runJobs();
    // It names the acceptance (thụ lý) deadline, never the resolution one.
    const reminders = await messagesAbout('cases.acceptance-reminder', created.code);
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((message) => message.body.includes('30/11/2026') && message.body.includes('thụ lý'))).toBe(true);
    expect(await messagesAbout('cases.deadline-reminder', created.code)).toHaveLength(0);
    await t.runJobs();
    expect(await messagesAbout('cases.acceptance-reminder', created.code)).toHaveLength(reminders.length);

    // Tue 01/12: still received, past the acceptance deadline.
    t.clock.set('2026-12-01T02:00:00.000Z');
    await t.runJobs();
    const row = await t.ctx.db.selectFrom('cases_items').select(['is_overdue', 'status']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ is_overdue: 1, status: 'received' });
    const leaderEmail = await emailOf(leader.userId);
    // The mail names the stage missed: acceptance (thụ lý), not resolution (LAW-DENUNC-02, LAW-PAKN-08).
    const overdue = await messagesAbout('cases.acceptance-overdue', created.code);
    expect(overdue.filter((message) => message.recipient === leaderEmail)).toHaveLength(1);
    expect(overdue[0]!.body).toContain('quá hạn thụ lý từ 30/11/2026');
    expect(overdue[0]!.body).not.toContain('giải quyết');
    expect(await messagesAbout('cases.overdue', created.code)).toHaveLength(0);
    expect((await t.inject('GET', '/api/v1/cases?isOverdue=true', leader)).json().items.map((item: { id: string }) => item.id)).toContain(created.id);
    // The public page shows the acceptance deadline while received, and says it is passed.
    expect((await getPublicCaseView(t.ctx, created.code, 'vi')).deadline).toMatchObject({ dueAt: '2026-11-30T16:59:59.999Z', isOverdue: true });

    // Idempotent: a later sweep tells nobody again.
    t.clock.set('2026-12-01T05:00:00.000Z');
    await t.runJobs();
    expect(await messagesAbout('cases.acceptance-overdue', created.code)).toHaveLength(overdue.length);

    // Accepted: the acceptance deadline no longer runs; the resolution one is ahead.
    const accepted = await t.inject('POST', `/api/v1/cases/${created.id}/actions`, officer, { type: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await t.ctx.db.selectFrom('cases_items').select('is_overdue').where('id', '=', created.id).executeTakeFirstOrThrow()).is_overdue).toBe(0);
    await t.runJobs();
    expect((await getPublicCaseView(t.ctx, created.code, 'vi')).deadline.isOverdue).toBe(false);
    expect(await messagesAbout('cases.acceptance-overdue', created.code)).toHaveLength(overdue.length);
  });
});
