/**
 * Each status message describes its own event, not the case's state when the worker gets to it:
 * a case received, accepted and assigned before the worker runs gives a receipt and an
 * "accepted" message (not two "assigned"), and a merged case's submitter gets the receipt and one "merged" message.
 * A retried notification job sends nothing twice. Real SMTP server, SMS through the recording
 * adapter, real worker; the sealed contact of a denouncer is still opened only at delivery
 * (LAW-DENUNC-11, LAW-DENUNC-12).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReceivedMail, type TestSmtpServer } from '../../../test/kit/smtp.js';
import { newId } from '../../core/contract/ids.js';
import { typed } from '../../core/db/database.js';
import { enqueueJob } from '../../core/jobs/queue.js';
import type { JobsTables } from '../../core/jobs/tables.js';
import { findRecordedMessages } from '../notifications/server/index.js';
import { buildCasesMailTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: a status message describes the event it reports', () => {
  let smtp: TestSmtpServer;
  let t: CasesTestApp;
  let handler: StaffSession;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, smtp, handler, close } = await buildCasesMailTestApp());
  });
  afterAll(async () => close());

  const act = async (caseId: string, action: Record<string, unknown>, expected: string) => {
    const response = await t.inject('POST', `/api/v1/cases/${caseId}/actions`, handler, action);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe(expected);
  };
  const mailsTo = (email: string): ReceivedMail[] => smtp.messages.filter((mail) => mail.to.includes(email));
  const smsAbout = async (code: string) =>
    (await findRecordedMessages(t.ctx.db, { communeId: t.communeId, template: 'cases.status-changed' })).filter((message) => message.channel === 'sms' && message.body.includes(code));
  /** Deliver every notification job of this case once more, as an at-least-once queue may. */
  const redeliverSubmitterJobs = async (caseId: string) => {
    const jobs = await typed<JobsTables>(t.ctx.db).selectFrom('jobs_queue').select(['payload', 'status']).where('name', '=', 'cases.notify-submitter').execute();
    const ofCase = jobs.filter((job) => job.payload.includes(caseId));
    expect(ofCase.length).toBeGreaterThan(0);
    expect(ofCase.every((job) => job.status === 'succeeded')).toBe(true);
    for (const job of ofCase) {
      await enqueueJob(t.ctx.db, { name: 'cases.notify-submitter', communeId: t.communeId, payload: JSON.parse(job.payload) as Record<string, unknown> }, t.clock.clock().toISOString());
    }
    await t.runJobs();
  };

  it('LAW-DENUNC-11/12: a denouncer gets a receipt and an "accepted" message, by e-mail and SMS, even when the worker runs after the case was assigned', async () => {
    const unique = newId().slice(-8);
    const email = `to.cao.su.kien.${unique}@example.vn`;
    const phone = '0913000' + String(Number.parseInt(unique.slice(-3), 16) % 1000).padStart(3, '0');
    const response = await t.inject('POST', '/api/v1/cases', t.anonymous, {
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Tố cáo cán bộ thu tiền ngoài quy định',
      description: 'Cán bộ một cửa yêu cầu nộp thêm tiền không có biên lai khi làm thủ tục chứng thực.',
      privacy: 'handler_only',
      submitter: { fullName: `Kinmat Sự Kiện ${unique}`, address: 'Số 7 ngõ Kín, tổ dân phố Như Quỳnh 1', email, phone },
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json() as { id: string; code: string };
    // Three steps before the worker runs (a busy or slow worker, or a retry after an outage); the
    // assignment itself is staff business and tells the submitter nothing.
    await act(created.id, { type: 'accept' }, 'accepted');
    await act(created.id, { type: 'assign', unitId: Object.values(t.unitIds)[0] }, 'assigned');
    await t.runJobs();

    const subjects = mailsTo(email).map((mail) => mail.subject).sort();
    expect(subjects).toEqual([`Hồ sơ ${created.code}: Đã thụ lý`, `Hồ sơ ${created.code}: Đã tiếp nhận`]);
    const sms = (await smsAbout(created.code)).map((message) => /"([^"]+)"/.exec(message.body)?.[1]).sort();
    expect(sms).toEqual(['Da thu ly', 'Da tiep nhan']);
    // Still nothing of the sealed identity in the messages.
    for (const mail of mailsTo(email)) expect(mail.raw.toLowerCase()).not.toContain('kinmat');

    // At-least-once: every notification job delivered again sends nothing more.
    await redeliverSubmitterJobs(created.id);
    expect(mailsTo(email)).toHaveLength(2);
    expect(await smsAbout(created.code)).toHaveLength(2);
  });

  it('a merged case\'s submitter gets one receipt and one "merged" message, not two of the same', async () => {
    const unique = newId().slice(-8);
    const email = `nguoi.gui.gop.${unique}@example.vn`;
    const target = await t.submit({ title: 'Cống thoát nước bị tắc ở ngõ 5' });
    const duplicate = await t.submit({ title: 'Cống ngõ 5 tắc', submitter: { fullName: 'Trần Thị Bình', address: 'Tổ dân phố Như Quỳnh 1', email } });
    // Merged at once, before the worker sends the receipt.
    await act(duplicate.id, { type: 'merge', intoCode: target.code }, 'merged');
    await t.runJobs();

    const aboutDuplicate = mailsTo(email).filter((mail) => mail.subject.includes(duplicate.code));
    expect(aboutDuplicate.map((mail) => mail.subject).sort()).toEqual([`Hồ sơ ${duplicate.code}: Đã gộp vào hồ sơ khác`, `Hồ sơ ${duplicate.code}: Đã tiếp nhận`].sort());
    // From now on they follow the surviving case, and are told its code once.
    const aboutTarget = mailsTo(email).filter((mail) => mail.subject.includes(target.code));
    expect(aboutTarget).toHaveLength(1);
    expect(aboutTarget[0]!.text).toContain(`Hồ sơ ${target.code} bạn theo dõi đã chuyển sang trạng thái: Đã tiếp nhận.`);

    await redeliverSubmitterJobs(duplicate.id);
    expect(mailsTo(email)).toHaveLength(3);
  });
});
