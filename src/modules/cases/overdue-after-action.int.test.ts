import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/kit/app.js';
import { findRecordedMessages } from '../notifications/server/index.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/**
 * Issue 3 point 6: a case that becomes overdue, whichever way, is marked (an internal timeline entry)
 * and its leaders are told, once per stage and due date. A staff action already sets `is_overdue`
 * (an intake back-dated past its deadline, then accepted); the sweep used to skip such a case, so the
 * leaders were never told. A missed acceptance deadline is named as such in the mail (LAW-DENUNC-02,
 * LAW-PAKN-08), not as a missed resolution deadline.
 */
describe(`cases: overdue marking after a staff action on ${testDialect}`, () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
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
});
