import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typed } from '../../core/db/database.js';
import { testDialect } from '../../../test/kit/app.js';
import { buildCasesTestAppWithStaff, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * A second review of the resident portal as a resident uses it (JavaScript off, server-rendered),
 * through the real app: what the pages say and refuse, on both databases.
 */
describe(`cases portal: a resident's review on ${testDialect}`, () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    ({ t, officer, leader } = await buildCasesTestAppWithStaff());
  });
  afterAll(async () => t.close());

  const html = (cookie?: string) => ({ accept: 'text/html', ...(cookie ? { cookie } : {}) });

  const answers = (privacy: string) => ({
    kind: 'feedback',
    categoryId: t.categoryIds.ROADS!,
    areaId: t.areaIds['TDP-NQ1']!,
    address: 'Ngõ 3, cạnh cầu',
    title: 'Ổ gà lớn trên đường ngõ 3',
    description: 'Đường ngõ 3 có ổ gà lớn giữa lòng đường, xe máy đi qua rất dễ ngã.',
    privacy,
    fullName: 'Phạm Thị Ảnh',
    phone: '0912 000 888',
    email: 'pham.anh@example.vn',
    submitterAddress: 'Số 4, tổ dân phố Như Quỳnh 1',
    wantsNotifications: 'yes',
  });
  /** The identity step's "Continue", as a browser sends it: the check page comes next. */
  const checkPage = (privacy: string, lang = '') =>
    t.app.inject({ method: 'POST', url: `/gui-phan-anh${lang}`, headers: { cookie: t.anonymous.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: t.anonymous.csrfToken, _step: 'identity', _action: 'next', ...answers(privacy) }).toString() });

  it('LAW-PDP-05: with the name public, the check page says the photos sent will be public too and nothing in them is hidden; PDFs stay with the officer', async () => {
    const named = await checkPage('public_name');
    expect(named.statusCode, named.body).toBe(200);
    expect(named.body).toContain('Kiểm tra lại trước khi gửi');
    expect(named.body).toContain('Ảnh bạn gửi kèm cũng hiện công khai, nguyên như bạn chụp (không che gì trong ảnh)');
    expect(named.body).toContain('Tệp PDF chỉ cán bộ xử lý thấy.');
    const english = await checkPage('public_name', '?lang=en');
    expect(english.body).toContain('Photos you attach are public too, as taken (nothing in them is hidden)');
    // The privacy question says it where the choice is made.
    const question = await t.app.inject({ method: 'POST', url: '/gui-phan-anh', headers: { cookie: t.anonymous.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: t.anonymous.csrfToken, _step: 'text', _action: 'next', ...answers('public_name'), privacy: '' }).toString() });
    expect(question.body).toContain('Mọi người thấy tên bạn cùng nội dung và ảnh bạn gửi');
    // Name known to the officer only: the photos are not public, and the page does not say they are.
    const hidden = await checkPage('handler_only');
    expect(hidden.statusCode).toBe(200);
    expect(hidden.body).not.toContain('hiện công khai, nguyên như bạn chụp');
  });

  const caseCount = async () => Number((await typed<{ cases_items: { id: string } }>(t.ctx.db).selectFrom('cases_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  /** "Gửi" as a browser sends it: multipart, the answers, the token and the file parts. */
  const send = (fields: Record<string, string>, files: Array<{ fileName: string; type: string; bytes: Buffer }>, remoteAddress: string) => {
    const boundary = '----tiengdan-resident-review';
    const parts = Object.entries({ _csrf: t.anonymous.csrfToken, _step: 'check', _action: 'submit', website: '', ...fields }).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    const fileParts = files.flatMap((file) => [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.fileName}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n')]);
    const payload = Buffer.concat([...parts, ...fileParts, Buffer.from(`--${boundary}--\r\n`)]);
    return t.app.inject({ method: 'POST', url: '/gui-phan-anh/gui', remoteAddress, headers: { cookie: t.anonymous.cookie, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  };

  it('a chosen file that is empty (0 bytes) is refused on the file field with the answers kept, not dropped unseen; a picker left empty sends nothing', async () => {
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#996633' } }).jpeg().toBuffer();
    const before = await caseCount();
    const refused = await send(answers('handler_only'), [{ fileName: 'o-ga.jpg', type: 'image/jpeg', bytes: photo }, { fileName: 'anh-tu-icloud.heic', type: 'image/heic', bytes: Buffer.alloc(0) }], '10.41.0.1');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Kiểm tra lại trước khi gửi');
    expect(refused.body).toContain('Tệp thứ 2 trống (0 byte), có thể chưa tải xong về máy. Hãy chọn lại tệp đó.');
    expect(refused.body).toContain('href="#attachments"');
    for (const answer of ['Ổ gà lớn trên đường ngõ 3', 'Phạm Thị Ảnh', '0912 000 888']) expect(refused.body).toContain(answer);
    expect(await caseCount()).toBe(before);

    // A picker left empty: the browser sends a part with no file name and no bytes; the case goes.
    const sent = await send(answers('handler_only'), [{ fileName: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) }], '10.41.0.2');
    expect(sent.statusCode, sent.body).toBe(303);
    expect(await caseCount()).toBe(before + 1);
  });

  const act = async (session: StaffSession, id: string, body: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
    expect(response.statusCode, response.body).toBe(200);
  };
  const statusLine = (body: string) => /<dd class="td-summary-list__value"><strong>[^<]*<\/strong><br\/>([^<]*)/.exec(body)?.[1] ?? '';

  it('the status line speaks to its reader: "you can rate it" and "needs more information from you" only to the submitter; a visitor reads about the sender', async () => {
    const created = (await t.submit({ submitter: { fullName: 'Đỗ Thị Hoa', address: 'Tổ dân phố Như Quỳnh 1', email: 'do.hoa@example.vn' } })) as { id: string; code: string; accessToken: string };
    await act(officer, created.id, { type: 'accept' });
    await act(leader, created.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    await act(officer, created.id, { type: 'startWork' });
    const page = (query = '', cookie?: string) => t.app.inject({ method: 'GET', url: `/tra-cuu/${created.code}${query}`, headers: html(cookie) });
    const secret = `?khoa=${encodeURIComponent(created.accessToken)}`;

    await act(officer, created.id, { type: 'requestInformation', note: 'Xin ông bà gửi ảnh chụp chỗ đèn hỏng.' });
    expect(statusLine((await page(secret)).body)).toBe('Cán bộ cần bạn cung cấp thêm thông tin. Thời hạn tạm dừng trong lúc chờ.');
    expect(statusLine((await page()).body)).toBe('Cán bộ cần người gửi cung cấp thêm thông tin. Thời hạn tạm dừng trong lúc chờ.');
    expect(statusLine((await page('?lang=en')).body)).toBe('The officer needs more information from the sender. The clock is stopped while waiting.');

    await act(officer, created.id, { type: 'receiveInformation', note: 'Đã nhận ảnh.' });
    await act(officer, created.id, { type: 'draftAnswer', text: 'Xã đã sửa xong đèn đường, mời ông bà kiểm tra.' });
    await act(leader, created.id, { type: 'approveAnswer' });
    await act(leader, created.id, { type: 'publishAnswer' });
    const submitter = await page(secret);
    expect(statusLine(submitter.body)).toBe('Xã đã trả lời. Bạn có thể đánh giá hoặc đề nghị xem xét lại.');
    expect(submitter.body).toContain(`action="/tra-cuu/${created.code}/danh-gia"`);
    const visitor = await page();
    expect(statusLine(visitor.body)).toBe('Xã đã trả lời. Người gửi có thể đánh giá hoặc đề nghị xem xét lại, bằng đường liên kết bí mật hoặc khi đăng nhập.');
    expect(visitor.body).not.toContain('/danh-gia"');
    expect(statusLine((await page('?lang=en')).body)).toBe('The commune has answered. The sender can rate it or ask for it to be reopened, with their secret link or signed in.');
  });

  it('a made-up "done" word in the address (?xong=__proto__, toString…) is no message, not a server error: the status page and the account page', async () => {
    const { code } = await t.submit();
    for (const word of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'khong-co']) {
      const status = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}?xong=${word}`, headers: html() });
      expect(status.statusCode, word).toBe(200);
      expect(status.body).toContain(code);
      expect(status.body).not.toContain('td-notice--success');
    }
    // A real one still shows its message.
    const followed = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}?xong=unfollowed`, headers: html() });
    expect(followed.body).toContain('td-notice--success');

    const resident = await t.resident();
    for (const word of ['__proto__', 'constructor', 'toString', 'khong-co']) {
      const account = await t.app.inject({ method: 'GET', url: `/tai-khoan?xong=${word}`, headers: html(resident.cookie) });
      expect(account.statusCode, word).toBe(200);
      expect(account.body).toContain('<h1>Tài khoản của tôi</h1>');
      expect(account.body).not.toContain('td-notice--success');
    }
    const saved = await t.app.inject({ method: 'GET', url: '/tai-khoan?xong=ten', headers: html(resident.cookie) });
    expect(saved.body).toContain('td-notice--success');
  });
});
