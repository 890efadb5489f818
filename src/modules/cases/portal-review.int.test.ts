import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typed } from '../../core/db/database.js';
import { testDialect } from '../../../test/kit/app.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';

/*
 * The resident portal's review fixes (issue 3), through the real app, server-rendered output:
 * going over the limit on "Gửi" keeps every answer.
 */
describe(`cases portal: review fixes on ${testDialect}`, () => {
  let t: CasesTestApp;
  let photo: Buffer;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).jpeg().toBuffer();
  });
  afterAll(async () => t.close());

  const caseCount = async () => Number((await typed<{ cases_items: { id: string } }>(t.ctx.db).selectFrom('cases_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  const answers = () => ({
    kind: 'feedback',
    categoryId: t.categoryIds.ROADS!,
    areaId: t.areaIds['TDP-NQ1']!,
    address: 'Ngõ 7, cạnh chợ',
    title: 'Cống thoát nước ngõ 7 bị tắc',
    description: 'Cống thoát nước ở ngõ 7 bị tắc hơn một tuần, mưa xuống nước tràn vào nhà.',
    privacy: 'handler_only',
    fullName: 'Lê Thị Giới Hạn',
    phone: '0912 000 777',
    email: 'gioi.han@example.vn',
    submitterAddress: 'Số 9, tổ dân phố Như Quỳnh 1',
    wantsNotifications: 'yes',
  });

  /** "Gửi" as a browser sends it: multipart, with the answers, the token and one photo. */
  const send = (fields: Record<string, string>, remoteAddress: string) => {
    const boundary = '----tiengdan-portal-review';
    const parts = Object.entries({ _csrf: t.anonymous.csrfToken, _step: 'check', _action: 'submit', website: '', ...fields }).flatMap(([name, value]) => [`--${boundary}`, `Content-Disposition: form-data; name="${name}"`, '', value]);
    const payload = Buffer.concat([
      Buffer.from([...parts, `--${boundary}`, 'Content-Disposition: form-data; name="attachments"; filename="anh.jpg"', 'Content-Type: image/jpeg', '', ''].join('\r\n')),
      photo,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({ method: 'POST', url: '/gui-phan-anh/gui', remoteAddress, headers: { cookie: t.anonymous.cookie, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  };

  it('over the limit on "Gửi": 429, the check page with every answer and the wait in minutes and seconds, nothing stored', async () => {
    // The route allows 20 sends per address in 10 minutes: use them up with sends that stop at validation.
    for (let index = 0; index < 20; index += 1) expect((await send({ kind: 'feedback' }, '10.30.0.1')).statusCode).toBe(400);
    const before = await caseCount();
    const refused = await send(answers(), '10.30.0.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['content-type']).toContain('text/html');
    // The check page, with the resident's answers (shown and carried), a fresh token and the notice.
    expect(refused.body).toContain('Kiểm tra lại trước khi gửi');
    expect(refused.body).toContain('action="/gui-phan-anh/gui"');
    for (const answer of ['Cống thoát nước ngõ 7 bị tắc', 'Ngõ 7, cạnh chợ', 'Lê Thị Giới Hạn', '0912 000 777', 'gioi.han@example.vn', 'Số 9, tổ dân phố Như Quỳnh 1']) expect(refused.body).toContain(answer);
    expect(refused.body).toContain('Cống thoát nước ở ngõ 7 bị tắc hơn một tuần, mưa xuống nước tràn vào nhà.');
    expect(refused.body).toMatch(/name="_csrf" value="[^"]+"/);
    expect(refused.body).toMatch(/Hãy chờ 9 phút \d{1,2} giây rồi bấm &quot;Gửi&quot; lại|Hãy chờ 10 phút rồi bấm &quot;Gửi&quot; lại/);
    expect(refused.body).not.toContain('{seconds}');
    expect(refused.body).not.toContain('{wait}');
    expect(await caseCount()).toBe(before);

    // In English too; another address still sends.
    const english = await send(answers(), '10.30.0.1').then(() => t.app.inject({ method: 'POST', url: '/gui-phan-anh/gui?lang=en', remoteAddress: '10.30.0.1', headers: { cookie: t.anonymous.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: t.anonymous.csrfToken, ...answers() }).toString() }));
    expect(english.statusCode).toBe(429);
    expect(english.body).toMatch(/Wait (9 minutes \d{1,2} seconds?|10 minutes), then press &quot;Send&quot; again/);
    expect(await caseCount()).toBe(before);
    const other = await send(answers(), '10.30.0.2');
    expect(other.statusCode).toBe(303);
    expect(await caseCount()).toBe(before + 1);
  });
});
