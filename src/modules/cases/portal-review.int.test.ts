import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typed } from '../../core/db/database.js';
import { testDialect } from '../../../test/kit/app.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';
import { ACCOUNT_WRITE_LIMIT } from './server/limits.js';

/*
 * The resident portal's review fixes (issue 3), through the real app, server-rendered output:
 * going over the limit on "Gửi" keeps every answer; every error message names its field; a
 * denunciation's page speaks of a denunciation and offers no following.
 */
describe(`cases portal: review fixes on ${testDialect}`, () => {
  let t: CasesTestApp;
  let photo: Buffer;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
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
  /** A portal form post as a browser without JavaScript sends it. */
  const post = (url: string, fields: Record<string, string>, remoteAddress = '10.31.0.1') =>
    t.app.inject({ method: 'POST', url, remoteAddress, headers: { cookie: t.anonymous.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: t.anonymous.csrfToken, ...fields }).toString() });

  /** The lines of the error summary at the top of a page. */
  const summaryLines = (html: string) => [...(/<div class="td-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<a href="#[^"]+">([^<]+)<\/a>/g)].map((match) => match[1]);

  const act = async (session: StaffSession, id: string, body: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
    expect(response.statusCode, response.body).toBe(200);
  };

  /** A case answered by the commune, with the submitter's secret link. */
  async function answeredCase() {
    const submitted = await t.submit();
    expect(submitted.accessToken).toBeTruthy();
    await act(officer, submitted.id, { type: 'accept' });
    await act(leader, submitted.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    await act(officer, submitted.id, { type: 'startWork' });
    await act(officer, submitted.id, { type: 'draftAnswer', text: 'Xã đã thay bóng đèn trong tuần.' });
    await act(leader, submitted.id, { type: 'approveAnswer' });
    await act(leader, submitted.id, { type: 'publishAnswer' });
    return { code: submitted.code, khoa: submitted.accessToken! };
  }

  it('over a signed-in account\'s limit on "Gửi" (any address): the same page, 429, nothing stored', async () => {
    const resident = await t.resident();
    const sendAs = (fields: Record<string, string>, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/gui-phan-anh/gui', remoteAddress, headers: { cookie: resident.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: resident.csrfToken, ...fields }).toString() });
    for (let index = 0; index < ACCOUNT_WRITE_LIMIT.max; index += 1) expect((await sendAs({ kind: 'feedback' }, `10.34.${index}.1`)).statusCode, `send ${index}`).toBe(400);
    const before = await caseCount();
    const refused = await sendAs(answers(), '10.34.200.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Kiểm tra lại trước khi gửi');
    expect(refused.body).toContain('Lê Thị Giới Hạn');
    expect(refused.body).toMatch(/Hãy chờ (9|10) phút/);
    expect(await caseCount()).toBe(before);
  });

  it('the identity step names the field of each too-long answer, in Vietnamese and English (WCAG 3.3.1, 3.3.3)', async () => {
    const identity = { ...answers(), _step: 'identity', _action: 'next', fullName: 'Nguyễn '.repeat(30), submitterAddress: 'Số 9, tổ dân phố Như Quỳnh 1, '.repeat(12) };
    const vietnamese = await post('/gui-phan-anh', identity);
    expect(vietnamese.statusCode).toBe(400);
    expect(summaryLines(vietnamese.body)).toEqual(['Họ và tên không được quá 120 ký tự.', 'Địa chỉ của bạn không được quá 300 ký tự.']);
    const english = await post('/gui-phan-anh?lang=en', identity);
    expect(summaryLines(english.body)).toEqual(['Full name must be at most 120 characters.', 'Your address must be at most 300 characters.']);
    // The place on "Việc này ở đâu?" too.
    const area = await post('/gui-phan-anh', { ...answers(), _step: 'area', _action: 'next', address: 'Ngõ 7, '.repeat(50) });
    expect(summaryLines(area.body)).toEqual(['Địa chỉ hoặc mô tả chỗ không được quá 300 ký tự.']);
  });

  it('the rating comment and the reopening reason name their field', async () => {
    const { code, khoa } = await answeredCase();
    const rating = await post(`/tra-cuu/${code}/danh-gia`, { khoa, score: '2', comment: 'Chưa sửa xong. '.repeat(80) });
    expect(rating.statusCode).toBe(400);
    expect(summaryLines(rating.body)).toEqual(['Ý kiến thêm không được quá 1.000 ký tự.']);
    const englishRating = await post(`/tra-cuu/${code}/danh-gia?lang=en`, { khoa, score: '2', comment: 'Not fixed yet. '.repeat(80) });
    expect(summaryLines(englishRating.body)).toEqual(['The comment must be at most 1,000 characters.']);
    expect((await post(`/tra-cuu/${code}/danh-gia`, { khoa, score: '2' })).statusCode).toBe(303);
    const reopen = await post(`/tra-cuu/${code}/mo-lai`, { khoa, reason: 'Đèn lại hỏng sau hai ngày. '.repeat(50) });
    expect(reopen.statusCode).toBe(400);
    expect(summaryLines(reopen.body)).toEqual(['Lý do đề nghị xem xét lại không được quá 1.000 ký tự.']);
    const englishReopen = await post(`/tra-cuu/${code}/mo-lai?lang=en`, { khoa, reason: 'Broken again. '.repeat(80) });
    expect(summaryLines(englishReopen.body)).toEqual(['The reason for reopening must be at most 1,000 characters.']);
  });

  it('withdrawing with a too-long note and the box unticked reports both, each naming its field; nothing is withdrawn', async () => {
    const { code, accessToken } = await t.submit();
    const withdrawal = await post(`/tra-cuu/${code}/rut`, { khoa: accessToken!, scope: 'whole', description: 'Tôi đã tự sửa được. '.repeat(60) });
    expect(withdrawal.statusCode).toBe(400);
    expect(summaryLines(withdrawal.body)).toEqual(['Ghi chú khi rút không được quá 1.000 ký tự.', 'Hãy đánh dấu ô xác nhận nếu bạn chắc chắn muốn rút.']);
    const english = await post(`/tra-cuu/${code}/rut?lang=en`, { khoa: accessToken!, scope: 'whole', description: 'Fixed it myself. '.repeat(70) });
    expect(summaryLines(english.body)[0]).toBe('The withdrawal note must be at most 1,000 characters.');
    expect(summaryLines(english.body)).toHaveLength(2);
    const view = await t.inject('GET', `/api/v1/cases/${code}`, null);
    expect(view.json().status).toBe('received');
  });
  const denunciation = () => ({
    kind: 'denunciation',
    categoryId: t.categoryIds.CONDUCT,
    title: 'Tố cáo cán bộ nhận tiền',
    description: 'Cán bộ địa chính yêu cầu nộp tiền ngoài quy định khi làm thủ tục đất.',
    privacy: 'handler_only',
    submitter: { fullName: 'Lê Văn Tố', address: 'Số 3 ngõ 5', phone: '0987000333' },
  });
  const page = (url: string, cookie = t.anonymous.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } });
  const followForm = (code: string) => `action="/tra-cuu/${code}/theo-doi"`;

  it('a secret link cut when copied or mistyped says so, instead of silently showing the public page without the sender\'s forms', async () => {
    const { code, accessToken } = await t.submit(denunciation());
    const right = await page(`/tra-cuu/${code}?khoa=${accessToken}`);
    expect(right.body).not.toContain('Đường liên kết bí mật không đúng');
    for (const wrong of [accessToken!.slice(0, -3), 'wrongwrongwrongwrong', '']) {
      const refused = await page(`/tra-cuu/${code}?khoa=${encodeURIComponent(wrong)}`);
      expect(refused.statusCode, wrong).toBe(200);
      expect(refused.body, wrong).toContain('Đường liên kết bí mật không đúng');
      expect(refused.body, wrong).not.toContain('withdraw-title');
    }
    expect((await page(`/tra-cuu/${code}?khoa=x&lang=en`)).body).toContain('The secret link is not right');
    expect((await page(`/tra-cuu/${code}`)).body).not.toContain('Đường liên kết bí mật không đúng');
  });

  it('LAW-DENUNC-08: a denunciation\'s withdrawal form says "Rút tố cáo" and that it is a request the handler decides on', async () => {
    const { code, accessToken } = await t.submit(denunciation());
    const status = await page(`/tra-cuu/${code}?khoa=${accessToken}`);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('<h2 id="withdraw-title">Rút tố cáo</h2>');
    expect(status.body).not.toContain('Rút phản ánh');
    expect(status.body).not.toContain('xã dừng giải quyết phần đã rút');
    expect(status.body).toContain('đây là đề nghị rút, cán bộ giải quyết sẽ quyết định');
    expect(status.body).toContain('Gửi đề nghị rút');
    const english = await page(`/tra-cuu/${code}?khoa=${accessToken}&lang=en`);
    expect(english.body).toContain('<h2 id="withdraw-title">Withdraw your denunciation</h2>');
    expect(english.body).not.toContain('the commune stops handling what I withdraw');
    // Sent: the page says the request was sent, not that the denunciation is withdrawn.
    const sent = await post(`/tra-cuu/${code}/rut`, { khoa: accessToken!, scope: 'whole', confirm: 'yes' }, '10.32.0.1');
    expect(sent.statusCode).toBe(303);
    const after = await page(String(sent.headers.location));
    expect(after.body).toContain('Đã gửi đề nghị rút tố cáo.');
    expect(after.body).not.toContain('Đã ghi nhận việc rút.');
    // A feedback keeps its own words.
    const feedback = await t.submit();
    const feedbackPage = await page(`/tra-cuu/${feedback.code}?khoa=${feedback.accessToken}`);
    expect(feedbackPage.body).toContain('<h2 id="withdraw-title">Rút phản ánh, kiến nghị</h2>');
    expect(feedbackPage.body).toContain('xã dừng giải quyết phần đã rút');
  });

  it('following is never offered on a denunciation, nor to the submitter on their own case; other readers still get it', async () => {
    const sealed = await t.submit(denunciation());
    for (const url of [`/tra-cuu/${sealed.code}`, `/tra-cuu/${sealed.code}?khoa=${sealed.accessToken}`, `/tra-cuu/${sealed.code}?lang=en`]) {
      const body = (await page(url)).body;
      expect(body).not.toContain(followForm(sealed.code));
      expect(body).not.toMatch(/Theo dõi việc này|Follow this case/);
    }
    // The submitter with the secret link, and a resident signed in on their own case: no follow form.
    const feedback = await t.submit();
    expect((await page(`/tra-cuu/${feedback.code}?khoa=${feedback.accessToken}`)).body).not.toContain(followForm(feedback.code));
    expect((await page(`/tra-cuu/${feedback.code}`)).body).toContain(followForm(feedback.code));
    const owner = await t.resident();
    const own = await t.inject('POST', '/api/v1/cases', owner, { kind: 'feedback', categoryId: t.categoryIds.ROADS, areaId: t.areaIds['TDP-NQ1'], title: 'Ổ gà trước cổng trường', description: 'Ổ gà lớn trước cổng trường, xe máy dễ ngã khi trời mưa.', privacy: 'handler_only', submitter: { fullName: 'Trần Văn Chủ', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912000888' } });
    expect(own.statusCode, own.body).toBe(201);
    const ownCode = own.json().code as string;
    expect((await page(`/tra-cuu/${ownCode}`, owner.cookie)).body).not.toContain(followForm(ownCode));
    const neighbour = await t.resident();
    expect((await page(`/tra-cuu/${ownCode}`, neighbour.cookie)).body).toContain(followForm(ownCode));
  });
  it('the look-up form takes a code typed with dashes from autocorrect or full-width characters', async () => {
    const { code } = await t.submit();
    const fullWidth = (text: string) => [...text].map((character) => String.fromCodePoint(character.codePointAt(0)! + 0xfee0)).join('');
    for (const typed of [code.replaceAll('-', '\u2013'), code.replaceAll('-', ' \u2014 ').toLowerCase(), fullWidth(code.toLowerCase())]) {
      const response = await page(`/tra-cuu?ma=${encodeURIComponent(typed)}`);
      expect(response.statusCode, typed).toBe(303);
      expect(response.headers.location).toBe(`/tra-cuu/${encodeURIComponent(code)}`);
    }
  });
  it('portal pages are Vietnamese for a browser set to English; English is the switch (?lang=, the lang cookie); the API still honours Accept-Language', async () => {
    const english = { accept: 'text/html', 'accept-language': 'en-US,en;q=0.9' };
    for (const url of ['/', '/gui-phan-anh', '/tra-cuu', '/khong-co-trang-nay']) {
      const response = await t.app.inject({ method: 'GET', url, headers: english });
      expect(response.body, url).toContain('<html lang="vi">');
      expect(response.headers['content-language'], url).toBe('vi');
    }
    expect((await t.app.inject({ method: 'GET', url: '/tra-cuu?lang=en', headers: english })).body).toContain('<html lang="en">');
    expect((await t.app.inject({ method: 'GET', url: '/tra-cuu', headers: { ...english, cookie: 'lang=en' } })).body).toContain('<html lang="en">');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/cases/NQ-2611-AAAAA', headers: { 'accept-language': 'en' } });
    expect(api.headers['content-language']).toBe('en');
  });
  it('point 12 without JavaScript: the check page lists similar open cases of the same hamlet and category, each with its follow link', async () => {
    const open = await t.submit({ title: 'Cống thoát nước ngõ 7 tắc', description: 'Cống thoát nước ngõ 7 bị tắc, nước tràn ra đường khi mưa.' });
    const elsewhere = await t.submit({ areaId: t.areaIds['TDP-NQ2'] ?? Object.values(t.areaIds).find((id) => id !== t.areaIds['TDP-NQ1']), title: 'Cống thoát nước ngõ 9 tắc', description: 'Cống thoát nước ngõ 9 bị tắc, nước tràn ra đường khi mưa.' });
    const check = await post('/gui-phan-anh', { ...answers(), _step: 'identity', _action: 'next' }, '10.33.0.1');
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Kiểm tra lại trước khi gửi');
    expect(check.body).toContain('Đã có người gửi việc giống vậy?');
    expect(check.body).toContain(`<a href="/tra-cuu/${open.code}#theo-doi">Theo dõi phản ánh này`);
    expect(check.body).not.toContain(elsewhere.code);
    // A denunciation is filed in its own right: no suggestions.
    const denouncing = await post('/gui-phan-anh', { ...answers(), kind: 'denunciation', categoryId: t.categoryIds.CONDUCT!, _step: 'identity', _action: 'next' }, '10.33.0.1');
    expect(denouncing.body).toContain('Kiểm tra lại trước khi gửi');
    expect(denouncing.body).not.toContain('Đã có người gửi việc giống vậy?');
  });
});
