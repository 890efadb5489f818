/**
 * Issue 3, point 6: the officer's daily digest counts as "due soon" what is due within the reminder
 * window in working days on the commune's calendar (the reminders' own count), not in calendar days:
 * on a Monday a case due Thursday is three working days away, over a weekend a Wednesday case is too.
 * Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRecordedMessages } from '../notifications/server/index.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: the daily digest counts "due soon" in working days (point 6)', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;
  let officerEmail: string;

  beforeAll(async () => {
    t = await buildCasesTestApp('2026-11-26T03:00:00.000Z');
    officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
    officerEmail = (await t.ctx.db.selectFrom('auth_users').select('email').where('id', '=', officer.userId).executeTakeFirstOrThrow()).email!;
    // Filed Thu 26/11: due by the end of Thu 17/12.
    const created = await t.submit({ title: 'Đèn đường ngõ 5 hỏng', description: 'Dãy đèn đường ở ngõ 5 hỏng cả tuần.' });
    for (const [session, body] of [[officer, { type: 'accept' }], [leader, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId }]] as const) {
      expect((await t.inject('POST', `/api/v1/cases/${created.id}/actions`, session, body)).statusCode).toBe(200);
    }
    expect((await t.inject('GET', `/api/v1/cases/${created.id}`, leader)).json().deadline.dueAt).toBe('2026-12-17T16:59:59.999Z');
  });
  afterAll(async () => t.close());

  const digestOn = async (instant: string) => {
    t.clock.set(instant);
    await t.runJobs();
    const digests = await findRecordedMessages(t.ctx.db, { recipient: officerEmail, template: 'cases.daily-digest' });
    return digests.at(-1)!.body;
  };

  it('Friday 11/12: Thursday 17/12 is four working days away, not due soon', async () => {
    expect(await digestOn('2026-12-11T00:05:00.000Z')).toContain('Sắp đến hạn: 0');
  });

  it('Monday 14/12: Thursday 17/12 is three working days away (the furthest reminder), due soon', async () => {
    expect(await digestOn('2026-12-14T00:05:00.000Z')).toContain('Sắp đến hạn: 1');
  });
});
