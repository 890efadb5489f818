import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestClock, type TestApp } from '../../../test/kit/app.js';
import { createTestUser, signIn } from '../../../test/kit/auth.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/kit/smtp.js';
import { createResidentUser, requestPasswordReset } from '../../core/auth/index.js';
import { updateUserRow } from '../../core/auth/repository.js';
import type { AppContext } from '../../core/context.js';
import { newId } from '../../core/contract/ids.js';
import { inTransaction } from '../../core/db/database.js';
import { createWorker } from '../../core/jobs/worker.js';
import { insertCommune } from '../../core/tenancy/repository.js';
import type { DeliveryLogPage } from './contract.js';
import { findRecordedMessages, notificationsModule, sendNotification, sendToUser } from './server/index.js';

const clock = createTestClock('2026-12-01T02:00:00.000Z');

async function createCommune(ctx: AppContext): Promise<string> {
  const id = newId();
  const suffix = id.slice(-6);
  await insertCommune(
    ctx.db,
    {
      id,
      code: `X${suffix}`,
      slug: `xa-${suffix}`,
      name: 'Xã Tân An',
      kind: 'xa',
      provinceCode: '01',
      provinceName: 'Hà Nội',
      formerDistrictCode: null,
      formerDistrictName: null,
      governmentModel: 'two_tier',
      contact: { address: 'UBND xã', phone: '0240000000', email: 'ubnd@tanan.gov.vn', receptionPlace: 'Trụ sở', receptionHours: '7:30–17:00' },
      trackingPrefix: 'TA',
      isDemo: false,
    },
    clock.clock().toISOString(),
  );
  return id;
}

async function createResident(ctx: AppContext, communeId: string, contact: { email?: string; phone?: string }, optOut: { email?: boolean; sms?: boolean } = {}): Promise<string> {
  const userId = await inTransaction(ctx.db, (tx) => createResidentUser(tx, ctx, { communeId, displayName: 'Nguyễn Văn An', ...contact, password: 'một mật khẩu đủ dài 2026' }));
  if (optOut.email || optOut.sms) await updateUserRow(ctx.db, communeId, userId, { ...(optOut.email && { notify_email: 0 }), ...(optOut.sms && { notify_sms: 0 }) });
  return userId;
}

const statusParams = { trackingCode: 'TA-2026-0007', statusLabel: 'Đang xử lý', caseUrl: 'http://localhost:3000/tra-cuu/TA-2026-0007', communeName: 'Xã Tân An', unsubscribeUrl: 'http://localhost:3000/ngung-nhan-tin?t=x.s.y' };

describe('notifications over a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let testApp: TestApp;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });
  afterEach(async () => {
    await testApp.close();
  });

  it('e-mails the password-reset link once, with a correctly decoded Vietnamese subject', async () => {
    testApp = await buildTestApp({ clock: clock.clock, env: { SMTP_URL: smtp.url } });
    const { ctx } = testApp;
    const communeId = await createCommune(ctx);
    const email = `an.${newId().slice(-8)}@example.vn`;
    // Opted out of e-mail: a password reset is sent regardless.
    await createResident(ctx, communeId, { email }, { email: true });

    await requestPasswordReset(ctx, { email }, { locale: 'vi' });
    const worker = createWorker(ctx, { modules: [notificationsModule], workerId: 'test' });
    await Promise.all([worker.runOnce(), worker.runOnce()]);
    await worker.runOnce();

    const mail = await smtp.waitFor((message) => message.to.includes(email));
    expect(mail.subject).toBe('Đặt lại mật khẩu Tiếng Dân');
    expect(mail.text).toMatch(/Xin chào,/);
    expect(mail.text).toMatch(/http:\/\/localhost:3000\/dat-lai-mat-khau\?token=\S+/);
    expect(smtp.messages.filter((message) => message.to.includes(email))).toHaveLength(1);

    const log = await findRecordedMessages(ctx.db, { recipient: email });
    expect(log).toHaveLength(1);
    // The secret link does not stay in the delivery log once a real provider carried it.
    expect(log[0]).toMatchObject({ channel: 'email', status: 'sent', template: 'auth.password-reset', communeId, body: '[redacted]' });
  });

  it('does not e-mail a resident who opted out of e-mail, but does e-mail one who did not', async () => {
    testApp = await buildTestApp({ clock: clock.clock, env: { SMTP_URL: smtp.url } });
    const { ctx } = testApp;
    const communeId = await createCommune(ctx);
    const optedOutEmail = `out.${newId().slice(-8)}@example.vn`;
    const optedInEmail = `in.${newId().slice(-8)}@example.vn`;
    const optedOut = await createResident(ctx, communeId, { email: optedOutEmail }, { email: true });
    const optedIn = await createResident(ctx, communeId, { email: optedInEmail });

    expect(await sendToUser(ctx, optedOut, { template: 'cases.status-changed', params: statusParams })).toEqual([{ channel: 'email', status: 'skipped', reason: 'opted-out' }]);
    expect(await sendNotification(ctx, { communeId, to: { email: optedOutEmail }, optOut: { email: true }, template: 'cases.status-changed', params: statusParams, locale: 'vi' })).toEqual([
      { channel: 'email', status: 'skipped', reason: 'opted-out' },
    ]);
    const [sent] = await sendToUser(ctx, optedIn, { template: 'cases.status-changed', params: statusParams });
    expect(sent).toMatchObject({ channel: 'email', status: 'sent' });

    const mail = await smtp.waitFor((message) => message.to.includes(optedInEmail));
    expect(mail.subject).toBe('Hồ sơ TA-2026-0007: Đang xử lý');
    expect(mail.text).toContain('Xã Tân An');
    expect(smtp.messages.some((message) => message.to.includes(optedOutEmail))).toBe(false);
    expect(await findRecordedMessages(ctx.db, { recipient: optedOutEmail })).toEqual([]);
  });

  it('records a failed attempt when the SMTP server is unreachable, without the address in the error', async () => {
    testApp = await buildTestApp({ clock: clock.clock, env: { SMTP_URL: 'smtp://127.0.0.1:1' } });
    const { ctx } = testApp;
    const [result] = await sendNotification(ctx, { communeId: null, to: { email: 'x@example.vn' }, template: 'cases.overdue', params: { trackingCode: 'TA-1', caseTitle: 'Đèn đường hỏng', deadline: '01/12/2026', caseUrl: 'http://x', communeName: 'Xã Tân An' }, locale: 'vi' });
    expect(result).toMatchObject({ channel: 'email', status: 'failed' });
    const [row] = await findRecordedMessages(ctx.db, { channel: 'email' });
    expect(row).toMatchObject({ status: 'failed', sentAt: null });
    expect(row!.error).not.toContain('x@example.vn');
  });
});

describe('development channels', () => {
  let testApp: TestApp;
  afterEach(async () => {
    await testApp.close();
  });

  it('records SMS and Zalo messages instead of sending them, and records e-mail when SMTP is not configured', async () => {
    testApp = await buildTestApp({ clock: clock.clock });
    const { ctx } = testApp;
    const communeId = await createCommune(ctx);
    const results = await sendNotification(ctx, { communeId, to: { email: 'an@example.vn', phone: '0912345678' }, template: 'cases.status-changed', params: statusParams, locale: 'vi', channels: ['sms', 'zalo', 'email'] });
    expect(results.map((result) => [result.channel, result.status])).toEqual([
      ['sms', 'recorded'],
      ['zalo', 'recorded'],
      ['email', 'recorded'],
    ]);
    const sms = await findRecordedMessages(ctx.db, { communeId, channel: 'sms' });
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ recipient: '0912345678', template: 'cases.status-changed', subject: null, status: 'recorded' });
    expect(sms[0]!.body).toContain('TA-2026-0007');
    // The SMS template is unaccented (GSM-7) and so is the status label put into it.
    expect(sms[0]!.body).toContain('chuyen sang "Dang xu ly"');
    expect(sms[0]!.body).not.toMatch(/[^\x20-\x7e\n]/);
    // Zalo carries Unicode: its text is not folded.
    expect((await findRecordedMessages(ctx.db, { communeId, channel: 'zalo' }))[0]!.body).toContain('"Đang xử lý"');
    const email = await findRecordedMessages(ctx.db, { communeId, channel: 'email' });
    expect(email[0]).toMatchObject({ subject: 'Hồ sơ TA-2026-0007: Đang xử lý', status: 'recorded' });
  });

  it('skips a message already delivered under the same dedupe key (job retries)', async () => {
    testApp = await buildTestApp({ clock: clock.clock });
    const { ctx } = testApp;
    const send = () => sendNotification(ctx, { communeId: null, to: { phone: '0912345678' }, template: 'cases.status-changed', params: statusParams, locale: 'en', dedupeKey: 'event-1' });
    expect((await send())[0]).toMatchObject({ channel: 'sms', status: 'recorded' });
    expect(await send()).toEqual([{ channel: 'sms', status: 'skipped', reason: 'already-delivered' }]);
    expect(await findRecordedMessages(ctx.db, { channel: 'sms' })).toHaveLength(1);
  });

  it('refuses an unknown template and a missing parameter', async () => {
    testApp = await buildTestApp({ clock: clock.clock });
    await expect(sendNotification(testApp.ctx, { communeId: null, to: { phone: '0912345678' }, template: 'nope.template', params: {}, locale: 'vi' })).rejects.toThrow(/Unknown notification template/);
    await expect(sendNotification(testApp.ctx, { communeId: null, to: { phone: '0912345678' }, template: 'cases.status-changed', params: {}, locale: 'vi' })).rejects.toThrow(/misses parameters/);
  });

  it('shows the commune delivery log to admins only, with masked recipients and no bodies', async () => {
    testApp = await buildTestApp({ clock: clock.clock });
    const { ctx, app } = testApp;
    const communeId = await createCommune(ctx);
    await sendNotification(ctx, { communeId, to: { phone: '0912345678' }, template: 'cases.status-changed', params: statusParams, locale: 'vi' });
    await sendNotification(ctx, { communeId: null, to: { phone: '0987654321' }, template: 'cases.status-changed', params: statusParams, locale: 'vi' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/notifications/messages' })).statusCode).toBe(401);
    const admin = await createTestUser(ctx, { kind: 'staff', communeId, roles: [{ role: 'admin' }] });
    const session = await signIn(app, admin.identifier, admin.password);
    const response = await app.inject({ method: 'GET', url: '/api/v1/admin/notifications/messages?channel=sms', headers: { cookie: session.cookie } });
    expect(response.statusCode).toBe(200);
    const page = response.json<DeliveryLogPage>();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ channel: 'sms', recipient: '091*****78', template: 'cases.status-changed', status: 'recorded' });
    expect(page.items[0]).not.toHaveProperty('body');
  });
});
