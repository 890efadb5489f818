/**
 * Issue 3 point 4: the officer's daily digest names missed steps (a forward's own deadline passed
 * while its clock runs, `isStepOverdue`) in a group of their own, newest first, with the step's date:
 * to every officer of the unit holding the step (also when a colleague handles the case), never to the
 * unit that forwarded it. A digest is still never sent empty. Mail goes through a real SMTP server.
 * Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn } from '../../../test/kit/auth.js';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../../test/kit/smtp.js';
import { createSmtpEmailChannel, setDeliveryChannel } from '../notifications/server/index.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: the daily digest names missed steps to the unit holding them', () => {
  let t: CasesTestApp;
  let smtp: TestSmtpServer;
  let forwarder: StaffSession;
  let handler: StaffSession;
  let leader: StaffSession;
  const emails: Record<'forwarder' | 'handler' | 'colleague', string> = { forwarder: '', handler: '', colleague: '' };
  const codes: string[] = [];

  const act = async (session: StaffSession, id: string, body: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await buildCasesTestApp('2026-11-30T03:00:00.000Z');
    setDeliveryChannel(t.ctx, createSmtpEmailChannel({ smtpUrl: smtp.url, from: t.ctx.config.mailFrom }));
    forwarder = await t.staff('officer', 'KINH-TE', { email: 'chuyen.kinhte@example.vn' });
    handler = await t.staff('officer', 'VH-XH', { email: 'giu.vhxh@example.vn' });
    leader = await t.staff('leader');
    // A colleague in the unit holding the steps who reads English: nothing of theirs but the unit's missed steps.
    const colleague = await createTestUser(t.ctx, { kind: 'staff', communeId: t.communeId, email: 'dongnghiep.vhxh@example.vn', roles: [{ role: 'officer', unitId: t.unitIds['VH-XH'] }] });
    await signIn(t.app, colleague.identifier, colleague.password);
    await t.ctx.db.updateTable('auth_users').set({ locale: 'en' }).where('id', '=', colleague.id).execute();
    Object.assign(emails, { forwarder: 'chuyen.kinhte@example.vn', handler: 'giu.vhxh@example.vn', colleague: 'dongnghiep.vhxh@example.vn' });
    // Two cases received an hour apart (Mon 30/11, Vietnam), forwarded to VH-XH for 3 working days (due by the end of Thu 03/12), taken up by its officer.
    for (const [index, title] of ['Cống ngõ 3 tắc', 'Rác tồn đọng chợ chiều'].entries()) {
      t.clock.set(`2026-11-30T0${3 + index}:00:00.000Z`);
      const created = await t.submit({ title });
      await act(forwarder, created.id, { type: 'accept' });
      await act(leader, created.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: forwarder.userId });
      await act(forwarder, created.id, { type: 'forward', toUnitId: t.unitIds['VH-XH'], stepDays: 3 });
      await act(handler, created.id, { type: 'startWork' });
      codes.push(created.code);
    }
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const isDigest = (mail: ReceivedMail) => mail.subject.startsWith('Tổng hợp ngày') || mail.subject.startsWith('Digest for');
  const digestsTo = (email: string, date: string) => smtp.messages.filter((mail) => isDigest(mail) && mail.to.includes(email) && mail.subject.includes(date));
  async function runDigestsAt(instant: string) {
    t.clock.set(instant);
    await t.runJobs();
  }

  it('Thursday 03/12, the steps still running: the handler gets the queue without a missed step; nobody else gets an empty digest', async () => {
    await runDigestsAt('2026-12-03T00:05:00.000Z');
    const digest = await smtp.waitFor((mail) => isDigest(mail) && mail.to.includes(emails.handler) && mail.subject.includes('03/12/2026'));
    expect(digest.text).not.toContain('Quá hạn bước do');
    expect(digest.text).toContain('Quá hạn bước: 0');
    expect(digestsTo(emails.colleague, '03/12/2026')).toHaveLength(0);
    expect(digestsTo(emails.forwarder, '03/12/2026')).toHaveLength(0);
  });

  it('Friday 04/12, the steps missed: a group of them, newest first with the step date, to the handler and the colleague, not the forwarder', async () => {
    await runDigestsAt('2026-12-04T00:05:00.000Z');
    const handlerDigest = await smtp.waitFor((mail) => isDigest(mail) && mail.to.includes(emails.handler) && mail.subject.includes('04/12/2026'));
    const [older, newer] = codes;
    const group = `Quá hạn bước do đơn vị bạn đang giữ (2):\n- ${newer} Rác tồn đọng chợ chiều — 03/12/2026\n- ${older} Cống ngõ 3 tắc — 03/12/2026`;
    expect(handlerDigest.text).toContain(group);
    // The queue's own groups stay as they were, with the resolution due dates.
    expect(handlerDigest.text).toMatch(/Đang xử lý \(2\):\n/);
    expect(handlerDigest.text).toContain('Quá hạn: 0 · Quá hạn bước: 2');

    // The colleague handles neither case: the unit's missed steps alone make their digest, in English.
    const colleagueDigest = await smtp.waitFor((mail) => isDigest(mail) && mail.to.includes(emails.colleague) && mail.subject.includes('04/12/2026'));
    expect(colleagueDigest.subject).toBe('Digest for 04/12/2026: 0 open cases');
    expect(colleagueDigest.text).toContain(`Missed steps your unit holds (2):\n- ${newer} Rác tồn đọng chợ chiều — 03/12/2026\n- ${older} Cống ngõ 3 tắc — 03/12/2026`);
    expect(colleagueDigest.text).toContain('Overdue: 0 · Missed steps: 2');
    expect(colleagueDigest.text).not.toContain('In progress (');

    // The forwarding unit no longer holds the step: still nothing to send it.
    expect(digestsTo(emails.forwarder, '04/12/2026')).toHaveLength(0);
  });

  it('once the answer goes up for approval the step is over: no missed step, and the colleague gets no digest', async () => {
    for (const code of codes) {
      const { id } = await t.ctx.db.selectFrom('cases_items').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      await act(handler, id, { type: 'draftAnswer', text: 'Phòng Văn hóa – Xã hội đã kiểm tra và xử lý xong việc này.' });
    }
    await runDigestsAt('2026-12-07T00:05:00.000Z');
    const handlerDigest = await smtp.waitFor((mail) => isDigest(mail) && mail.to.includes(emails.handler) && mail.subject.includes('07/12/2026'));
    expect(handlerDigest.text).not.toContain('Quá hạn bước do');
    expect(digestsTo(emails.colleague, '07/12/2026')).toHaveLength(0);
  });
});
