/**
 * Staff intake on a resident's behalf records the language the resident asked to be written to
 * (cases_items.locale): an English-speaking resident who calls or walks in gets English e-mail and
 * SMS, the link in them opens the English site, and Vietnamese stays the default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/contract/ids.js';
import { findRecordedMessages } from '../notifications/server/index.js';
import { buildCasesTestAppWithStaff, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: the language of messages to a resident whose case staff entered', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    ({ t, officer, leader } = await buildCasesTestAppWithStaff());
  });
  afterAll(async () => t.close());

  const intake = (email: string, phone: string, extra: Record<string, unknown> = {}) => ({
    channel: 'walk_in',
    kind: 'feedback',
    categoryId: t.categoryIds.ROADS,
    areaId: null,
    title: 'Broken street light',
    description: 'The street light at the end of the lane has been out for a week.',
    privacy: 'handler_only',
    submitter: { fullName: 'Jane Smith', phone, email, address: 'Tổ dân phố Như Quỳnh 1' },
    ...extra,
  });
  const uniquePhone = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const messagesTo = async (recipient: string) => (await findRecordedMessages(t.ctx.db, { template: 'cases.status-changed' })).filter((message) => message.recipient.replace(/^\+84/, '0') === recipient);

  it('an English choice on the intake form: the resident\'s e-mail and SMS are in English, with an English link', async () => {
    const email = `walk.in.${newId().slice(-8)}@example.com`;
    const phone = uniquePhone();
    const response = await t.inject('POST', '/api/v1/cases/intake', officer, intake(email, phone, { recipientLocale: 'en' }));
    expect(response.statusCode, response.body).toBe(201);
    const { id, code } = response.json() as { id: string; code: string };
    expect((await t.inject('POST', `/api/v1/cases/${id}/actions`, leader, { type: 'accept' })).statusCode).toBe(200);
    await t.runJobs();

    const mails = await messagesTo(email);
    expect(mails.length).toBeGreaterThanOrEqual(2);
    const accepted = mails.find((message) => message.body.includes('Accepted'));
    expect(accepted?.subject).toBe(`Case ${code}: Accepted`);
    expect(accepted?.body).toContain(`Your case ${code} is now: Accepted.`);
    expect(accepted?.body).toContain(`/tra-cuu/${encodeURIComponent(code)}?lang=en`);
    for (const mail of mails) expect(mail.body).not.toContain('của bạn');
    const texts = await messagesTo(phone);
    expect(texts.length).toBeGreaterThanOrEqual(1);
    for (const text of texts) {
      expect(text.channel).toBe('sms');
      expect(text.body).not.toContain('Hồ sơ');
    }
    expect(texts.map((text) => text.body).join('\n')).toContain('Accepted');
  });

  it('without a choice the resident is written to in Vietnamese, as before', async () => {
    const email = `di.truc.tiep.${newId().slice(-8)}@example.vn`;
    const response = await t.inject('POST', '/api/v1/cases/intake', officer, intake(email, uniquePhone()));
    expect(response.statusCode, response.body).toBe(201);
    const { id, code } = response.json() as { id: string; code: string };
    expect((await t.inject('POST', `/api/v1/cases/${id}/actions`, leader, { type: 'accept' })).statusCode).toBe(200);
    await t.runJobs();
    const accepted = (await messagesTo(email)).find((message) => message.body.includes('Đã thụ lý'));
    expect(accepted?.subject).toBe(`Hồ sơ ${code}: Đã thụ lý`);
    expect(accepted?.body).not.toContain('?lang=en');
  });

  it('a language the site does not have is a 400 naming the field, and nothing is written', async () => {
    const title = `Ngôn ngữ lạ ${newId().slice(-8)}`;
    const response = await t.inject('POST', '/api/v1/cases/intake', officer, intake('x@example.vn', uniquePhone(), { recipientLocale: 'fr', title }));
    expect(response.statusCode).toBe(400);
    expect((response.json().errors as { field: string }[]).map((error) => error.field)).toEqual(['recipientLocale']);
    const list = (await t.inject('GET', `/api/v1/cases?q=${encodeURIComponent(title)}`, leader)).json() as { items: unknown[] };
    expect(list.items).toEqual([]);
  });
});
