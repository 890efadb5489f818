/**
 * Residents read their case's messages in the language they used: a submission from the English
 * site gets English mail with an English link, and so does a follow from an English page, while
 * the same case's Vietnamese follower still gets Vietnamese. Real SMTP server, real worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCookies } from '../../../test/kit/auth.js';
import { type TestSmtpServer } from '../../../test/kit/smtp.js';
import { newId } from '../../core/contract/ids.js';
import { buildCasesMailTestApp, confirmFollowAt, confirmPathIn, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('cases: messages in the recipient\'s language', () => {
  let smtp: TestSmtpServer;
  let t: CasesTestApp;
  let handler: StaffSession;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, smtp, handler, close } = await buildCasesMailTestApp());
  });
  afterAll(async () => close());

  /** "Follow this case" with JavaScript off, on the status page in `lang`. */
  const follow = async (code: string, email: string, lang: 'vi' | 'en') => {
    const page = await t.app.inject({ method: 'GET', url: `/tra-cuu/${encodeURIComponent(code)}`, headers: { accept: 'text/html', cookie: `lang=${lang}` } });
    const response = await t.app.inject({
      method: 'POST',
      url: `/tra-cuu/${encodeURIComponent(code)}/theo-doi`,
      headers: { cookie: `${mergeCookies('', page)}; lang=${lang}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: csrfOf(page.body), email }).toString(),
    });
    expect(response.statusCode, response.body).toBe(303);
    await t.runJobs();
    const confirmation = await smtp.waitFor((mail) => mail.to.includes(email) && mail.subject.includes(code));
    expect((await confirmFollowAt(t.app, confirmPathIn(confirmation.text))).statusCode).toBe(303);
  };

  it('an English submission gets English mail with an English link; each follower gets their own page\'s language', async () => {
    const unique = newId().slice(-8);
    const submitterEmail = `english.sender.${unique}@example.com`;
    const englishFollower = `english.neighbour.${unique}@example.com`;
    const vietnameseFollower = `hang.xom.${unique}@example.vn`;
    // The JSON API negotiates the language like every request (here `?lang=en`, as the English site sends it).
    const created = await t.submit({ submitter: { fullName: 'Jane Smith', address: 'Tổ dân phố Như Quỳnh 1', email: submitterEmail } }, { lang: 'en' });
    await follow(created.code, englishFollower, 'en');
    await follow(created.code, vietnameseFollower, 'vi');

    const accepted = await t.inject('POST', `/api/v1/cases/${created.id}/actions`, handler, { type: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await t.runJobs();

    const toSubmitter = await smtp.waitFor((mail) => mail.to.includes(submitterEmail) && mail.text.includes('Accepted'));
    expect(toSubmitter.subject).toBe(`Case ${created.code}: Accepted`);
    expect(toSubmitter.text).toContain(`Your case ${created.code} is now: Accepted.`);
    expect(toSubmitter.text).toContain(`/tra-cuu/${encodeURIComponent(created.code)}?lang=en`);
    expect(toSubmitter.text).not.toContain('của bạn');

    const toEnglishFollower = await smtp.waitFor((mail) => mail.to.includes(englishFollower) && mail.subject.startsWith(`Case ${created.code}:`));
    expect(toEnglishFollower.text).toContain(`The case ${created.code} you follow is now: Accepted.`);
    expect(toEnglishFollower.text).toContain(`/tra-cuu/${encodeURIComponent(created.code)}?lang=en`);

    const toVietnameseFollower = await smtp.waitFor((mail) => mail.to.includes(vietnameseFollower) && mail.subject.startsWith(`Hồ sơ ${created.code}:`));
    expect(toVietnameseFollower.text).toContain(`Hồ sơ ${created.code} bạn theo dõi đã chuyển sang trạng thái: Đã thụ lý.`);
    expect(toVietnameseFollower.text).not.toContain('?lang=en');
  });

  it('a signed-in resident who submits on the English site gets English messages too', async () => {
    const resident = await t.resident();
    const response = await t.inject('POST', '/api/v1/cases?lang=en', resident, {
      kind: 'feedback',
      categoryId: t.categoryIds.ROADS,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Broken street light',
      description: 'The street light in front of the cultural house has been broken for days.',
      privacy: 'handler_only',
      submitter: { fullName: 'Jane Smith', address: 'Tổ dân phố Như Quỳnh 1' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json() as { id: string; code: string };
    const accepted = await t.inject('POST', `/api/v1/cases/${created.id}/actions`, handler, { type: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await t.runJobs();
    const mail = await smtp.waitFor((message) => message.to.includes(resident.identifier) && message.subject === `Case ${created.code}: Accepted`);
    expect(mail.text).toContain(`Your case ${created.code} is now: Accepted.`);
  });

  it('a submission without a language choice (and staff intake) stays Vietnamese', async () => {
    const unique = newId().slice(-8);
    const submitterEmail = `nguoi.gui.${unique}@example.vn`;
    const created = await t.submit({ submitter: { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', email: submitterEmail } });
    const accepted = await t.inject('POST', `/api/v1/cases/${created.id}/actions`, handler, { type: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await t.runJobs();
    const mail = await smtp.waitFor((message) => message.to.includes(submitterEmail) && message.subject.startsWith(`Hồ sơ ${created.code}:`) && message.text.includes('Đã thụ lý'));
    expect(mail.text).toContain(`Hồ sơ ${created.code} của bạn đã chuyển sang trạng thái: Đã thụ lý.`);
    expect(mail.text).not.toContain('?lang=en');
  });
});
