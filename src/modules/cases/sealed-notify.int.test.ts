/**
 * LAW-DENUNC-11/12: a denouncer who filed without an account is reachable only through the sealed
 * vault. Status changes still reach them: the outbox carries ids only, the worker opens the sealed
 * contact at delivery time (an audited system read) and e-mails the denouncer alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../../test/kit/smtp.js';
import { findAuditRows, verifyAuditChain } from '../../core/audit/audit-log.js';
import { newId } from '../../core/contract/ids.js';
import { typed } from '../../core/db/database.js';
import { findOutboxEvents } from '../../core/jobs/outbox.js';
import { enqueueJob } from '../../core/jobs/queue.js';
import type { JobsTables } from '../../core/jobs/tables.js';
import { createSmtpEmailChannel, findRecordedMessages, setDeliveryChannel } from '../notifications/server/index.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: notifying a denouncer whose contact is sealed (LAW-DENUNC-11, LAW-DENUNC-12)', () => {
  let smtp: TestSmtpServer;
  let t: CasesTestApp;
  let leader: StaffSession;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await buildCasesTestApp();
    // The real SMTP channel (nodemailer) against a real local SMTP server.
    setDeliveryChannel(t.ctx, createSmtpEmailChannel({ smtpUrl: smtp.url, from: t.ctx.config.mailFrom }));
    leader = await t.staff('leader');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** A denunciation filed from the portal without an account: identity and contact go to the vault only. */
  const fileDenunciation = async (identity: { fullName: string; email: string; phone?: string }, extra: Record<string, unknown> = {}) => {
    const response = await t.inject('POST', '/api/v1/cases', t.anonymous, {
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Tố cáo cán bộ thu tiền ngoài quy định',
      description: 'Cán bộ một cửa yêu cầu nộp thêm tiền không có biên lai khi làm thủ tục chứng thực.',
      privacy: 'handler_only',
      submitter: { fullName: identity.fullName, address: 'Số 7 ngõ Kín, tổ dân phố Như Quỳnh 1', email: identity.email, ...(identity.phone ? { phone: identity.phone } : {}) },
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json() as { id: string; code: string };
    const row = await t.ctx.db.selectFrom('cases_items').select(['submitter_user_id', 'submitter_email', 'submitter_name', 'sealed_identity', 'wants_notifications']).where('id', '=', created.id).executeTakeFirstOrThrow();
    // Precondition: no account, no plain contact, the identity only in the vault.
    expect(row.submitter_user_id).toBeNull();
    expect(row.submitter_email).toBeNull();
    expect(row.submitter_name).toBeNull();
    expect(row.sealed_identity).not.toBeNull();
    return { ...created, wantsNotifications: row.wants_notifications };
  };
  const accept = async (caseId: string) => {
    const response = await t.inject('POST', `/api/v1/cases/${caseId}/actions`, leader, { type: 'accept' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe('accepted');
  };
  const mailsAbout = (code: string): ReceivedMail[] => smtp.messages.filter((mail) => mail.subject.includes(code) || mail.text.includes(code));
  const systemReads = async (caseId: string) =>
    (await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.sealed-identity.read', entityId: caseId, limit: 50, offset: 0 })).reverse();

  it('LAW-DENUNC-11/12: e-mails the sealed address on a status change, with ids only in the outbox and an audited system read', async () => {
    const unique = newId().slice(-8);
    const fullName = `Kinmat Ẩn Danh ${unique}`;
    const email = `to.cao.${unique}@example.vn`;
    const phone = '0912000' + String(Number.parseInt(unique.slice(-3), 16) % 1000).padStart(3, '0');
    const created = await fileDenunciation({ fullName, email, phone });
    expect(created.wantsNotifications).toBe(1);

    // Receipt: the worker opens the vault once and mails the denouncer.
    await t.runJobs();
    const receipt = await smtp.waitFor((mail) => mail.to.includes(email) && mail.subject.includes(created.code));
    expect(receipt.subject).toContain('Đã tiếp nhận');

    // A status change that notifies the submitter.
    await accept(created.id);
    await t.runJobs();
    const accepted = await smtp.waitFor((mail) => mail.to.includes(email) && mail.subject.includes('Đã thụ lý'));
    expect(accepted.subject).toContain(created.code);
    expect(accepted.text).toContain(`/tra-cuu/${created.code}`);

    // Addressed to the denouncer alone: no other recipient, no copy, and their name nowhere in the message.
    const mails = mailsAbout(created.code);
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.to).toEqual([email]);
      expect(mail.headers['cc']).toBeUndefined();
      expect(mail.headers['bcc']).toBeUndefined();
      expect(mail.raw.toLowerCase()).not.toContain('kinmat');
    }

    // The outbox rows of this case carry ids and statuses, never the contact or the name.
    const outbox = (await findOutboxEvents(t.ctx.db, {})).filter((event) => event.payload['caseId'] === created.id);
    expect(outbox.map((event) => event.name)).toEqual(expect.arrayContaining(['cases.case.received', 'cases.case.accepted']));
    const outboxText = JSON.stringify(outbox).toLowerCase();
    expect(outboxText).toContain(created.id.toLowerCase());
    expect(outboxText).not.toContain(email.toLowerCase());
    expect(outboxText).not.toContain(phone);
    expect(outboxText).not.toContain('kinmat');
    // Nor the job queue that the dispatcher filled from them.
    const jobsText = JSON.stringify(await typed<JobsTables>(t.ctx.db).selectFrom('jobs_queue').select(['name', 'payload', 'last_error']).execute()).toLowerCase();
    expect(jobsText).toContain(created.id.toLowerCase());
    expect(jobsText).not.toContain(email.toLowerCase());
    expect(jobsText).not.toContain('kinmat');

    // The delivery log keeps `[sealed]`, never the address (the SMS dev adapter recorded a message too).
    const logged = (await findRecordedMessages(t.ctx.db, { communeId: t.communeId, template: 'cases.status-changed' })).filter((message) => message.body.includes(created.code));
    expect(logged.map((message) => `${message.channel}:${message.status}`).sort()).toEqual(['email:sent', 'email:sent', 'sms:recorded', 'sms:recorded']);
    for (const message of logged) expect(message.recipient).toBe('[sealed]');
    const logText = JSON.stringify(await findRecordedMessages(t.ctx.db, {})).toLowerCase();
    expect(logText).not.toContain(email.toLowerCase());
    expect(logText).not.toContain(phone);
    expect(logText).not.toContain('kinmat');

    // Every opening of the vault is in the audit log: the system (no user), for the notification, no values.
    const reads = await systemReads(created.id);
    expect(reads).toHaveLength(2);
    for (const read of reads) {
      expect(read.actor_user_id).toBeNull();
      expect(read.actor_role).toBeNull();
      expect(read.entity_type).toBe('case');
      const auditText = JSON.stringify(read).toLowerCase();
      expect(auditText).not.toContain(email.toLowerCase());
      expect(auditText).not.toContain(phone);
      expect(auditText).not.toContain('kinmat');
    }
    expect(reads.map((read) => JSON.parse(read.details) as Record<string, unknown>)).toEqual([
      { capacity: 'system', reason: 'notify submitter', event: 'cases.case.received', fields: ['email', 'phone'] },
      { capacity: 'system', reason: 'notify submitter', event: 'cases.case.accepted', fields: ['email', 'phone'] },
    ]);
    expect((await verifyAuditChain(t.ctx.db)).every((chain) => chain.firstBroken === null)).toBe(true);

    // At-least-once: the same notification job delivered again sends nothing twice and opens nothing again.
    const queued = await typed<JobsTables>(t.ctx.db).selectFrom('jobs_queue').select(['name', 'payload', 'status']).where('name', '=', 'cases.notify-submitter').execute();
    const acceptedJob = queued.find((job) => job.payload.includes(created.id) && job.payload.includes('cases.case.accepted'));
    expect(acceptedJob?.status).toBe('succeeded');
    await enqueueJob(t.ctx.db, { name: 'cases.notify-submitter', communeId: t.communeId, payload: JSON.parse(acceptedJob!.payload) as Record<string, unknown> }, t.clock.clock().toISOString());
    await t.runJobs();
    const rerun = await typed<JobsTables>(t.ctx.db).selectFrom('jobs_queue').select(['status']).where('name', '=', 'cases.notify-submitter').execute();
    expect(rerun.filter((job) => job.status === 'succeeded')).toHaveLength(queued.filter((job) => job.status === 'succeeded').length + 1);
    expect(mailsAbout(created.code)).toHaveLength(2);
    expect(await systemReads(created.id)).toHaveLength(2);
  });

  it('LAW-DENUNC-12: staff messages carry a denunciation\'s title as written only to its assigned officer and the leaders; the unit\'s other officers get it masked', async () => {
    const created = await fileDenunciation({ fullName: 'Vương Thị Canarytitle', email: 'canarytitle@example.vn' }, { title: 'Đơn của Vương Thị Canarytitle, gọi 0911888777' });
    const officerA = await t.staff('officer', 'VAN-PHONG');
    const officerB = await t.staff('officer', 'VAN-PHONG');
    const emailOf = async (session: StaffSession) => (await t.ctx.db.selectFrom('auth_users').select('email').where('id', '=', session.userId).executeTakeFirstOrThrow()).email!;
    const assignedMail = async (session: StaffSession) => (await findRecordedMessages(t.ctx.db, { recipient: await emailOf(session), template: 'cases.assigned' })).filter((message) => message.body.includes(created.code)).map((message) => message.body);
    await accept(created.id);
    // Given to the unit: every officer of it is told, none may open the identity yet.
    expect((await t.inject('POST', `/api/v1/cases/${created.id}/actions`, leader, { type: 'assign', unitId: t.unitIds['VAN-PHONG'] })).statusCode).toBe(200);
    await t.runJobs();
    for (const session of [officerA, officerB]) {
      const bodies = await assignedMail(session);
      expect(bodies.length).toBeGreaterThan(0);
      expect(bodies.join('\n')).not.toMatch(/Canarytitle|0911888777/);
      expect(bodies.join('\n')).toContain('[đã ẩn');
    }
    // Given to officer A by name, a minute later: A reads it as written, as on the case page.
    t.clock.set(new Date(t.ctx.clock().getTime() + 60_000).toISOString());
    expect((await t.inject('POST', `/api/v1/cases/${created.id}/actions`, leader, { type: 'assign', unitId: t.unitIds['VAN-PHONG'], officerId: officerA.userId })).statusCode).toBe(200);
    await t.runJobs();
    expect((await assignedMail(officerA)).join('\n')).toContain('Đơn của Vương Thị Canarytitle, gọi 0911888777');
  });

  it('LAW-DENUNC-11/12: a denouncer who opted out of notifications gets nothing and the vault stays closed', async () => {
    const unique = newId().slice(-8);
    const email = `khong.bao.${unique}@example.vn`;
    const created = await fileDenunciation({ fullName: `Kinmat Từ Chối ${unique}`, email }, { wantsNotifications: false });
    expect(created.wantsNotifications).toBe(0);
    await t.runJobs();
    await accept(created.id);
    await t.runJobs();

    // The events were there and were dispatched: the opt-out, not a missing event, kept the mail back.
    const outbox = (await findOutboxEvents(t.ctx.db, {})).filter((event) => event.payload['caseId'] === created.id);
    expect(outbox.map((event) => event.name)).toEqual(expect.arrayContaining(['cases.case.received', 'cases.case.accepted']));
    expect(outbox.every((event) => event.dispatchedAt !== null)).toBe(true);
    // runJobs awaits each delivery, so anything sent would already be in the server's inbox.
    expect(smtp.messages.filter((mail) => mail.to.includes(email))).toHaveLength(0);
    expect(mailsAbout(created.code)).toHaveLength(0);
    expect((await findRecordedMessages(t.ctx.db, { communeId: t.communeId })).filter((message) => message.body.includes(created.code))).toHaveLength(0);
    expect(await systemReads(created.id)).toHaveLength(0);
  });
});
