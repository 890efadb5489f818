import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCookies } from '../../../test/kit/auth.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';
import { getPublicCaseView, livePublicCaseView } from './server/use-cases/read-cases.js';

/*
 * "Công khai tên của tôi" (LAW-PDP-05: consent given for this purpose, and only this): the public
 * status page, the public API and Open311 show the submitter's name and the details, with phone
 * numbers, e-mails and ID numbers redacted. "Handler only" and anonymous cases show neither; a
 * denunciation never can (LAW-DENUNC-11). The privacy step says exactly that.
 */
describe('cases: a submitter who chose to be named publicly is shown with their details', () => {
  let t: CasesTestApp;

  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => t.close());

  const details = 'Đèn đường ngõ 12 hỏng hai tuần. Gọi tôi 0912 345 678, thư lan.tran@example.vn, CCCD 001203004111.';
  const open311 = async (code: string) => (JSON.parse((await t.app.inject({ url: `/open311/v2/requests/${code}.json` })).body) as Array<Record<string, unknown>>)[0]!;

  it('public name: the page, the API (stored and live) and Open311 show the name and the redacted details', async () => {
    const { code, accessToken } = await t.submit({ privacy: 'public_name', description: details, submitter: { fullName: 'Trần Thị Lan', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' } });
    const view = (await t.inject('GET', `/api/v1/cases/${code}`, null)).json();
    expect(view.submitterName).toBe('Trần Thị Lan');
    expect(view.description).toContain('Đèn đường ngõ 12 hỏng hai tuần.');
    for (const secret of ['0912 345 678', 'lan.tran@example.vn', '001203004111']) expect(JSON.stringify(view)).not.toContain(secret);
    expect(view.description).toContain('[đã ẩn số điện thoại]');
    // The stored read model says the same as the live view.
    expect(await getPublicCaseView(t.ctx, code, 'vi')).toEqual(await livePublicCaseView(t.ctx, code, 'vi'));
    // The submitter's own (live) view too.
    const own = (await t.inject('GET', `/api/v1/cases/${code}?accessToken=${accessToken}`, null)).json();
    expect([own.submitterName, own.description]).toEqual([view.submitterName, view.description]);

    const page = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Người gửi');
    expect(page.body).toContain('Trần Thị Lan');
    expect(page.body).toContain('Đèn đường ngõ 12 hỏng hai tuần.');
    expect(page.body).not.toContain('0912 345 678');

    const request = await open311(code);
    expect(request.submitter_name).toBe('Trần Thị Lan');
    expect(String(request.description)).toContain('Đèn đường ngõ 12 hỏng hai tuần.');
    expect(JSON.stringify(request)).not.toContain('lan.tran@example.vn');
  });

  it('public name: an English reader gets the redaction placeholders in English (page, API, Open311); a Vietnamese reader still in Vietnamese', async () => {
    const { code } = await t.submit({ privacy: 'public_name', description: details, submitter: { fullName: 'Trần Thị Lan', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' } });
    const english = (await t.inject('GET', `/api/v1/cases/${code}?lang=en`, null)).json();
    expect(english.description).toContain('[phone removed]');
    expect(english.description).toContain('[email removed]');
    expect(english.description).toContain('[ID number removed]');
    expect(english.description).not.toContain('[đã ẩn');
    const englishPage = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}?lang=en`, headers: { accept: 'text/html' } });
    expect(englishPage.body).toContain('[phone removed]');
    expect(englishPage.body).not.toContain('[đã ẩn');
    expect(String((JSON.parse((await t.app.inject({ url: `/open311/v2/requests/${code}.json?lang=en` })).body) as Array<Record<string, unknown>>)[0]!.description)).toContain('[phone removed]');

    // Vietnamese readers: the stored view, unchanged.
    const vietnamese = (await t.inject('GET', `/api/v1/cases/${code}`, null)).json();
    expect(vietnamese.description).toContain('[đã ẩn số điện thoại]');
    expect(vietnamese.description).not.toContain('removed]');
    expect(await livePublicCaseView(t.ctx, code, 'vi')).toEqual(vietnamese);
  });

  it('handler only and anonymous: neither the name nor the details, anywhere', async () => {
    const handlerOnly = await t.submit({ privacy: 'handler_only', description: details, submitter: { fullName: 'Trần Thị Lan', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' } });
    const anonymous = await t.submit({ kind: 'question', privacy: 'anonymous', submitter: undefined, description: details });
    for (const { code } of [handlerOnly, anonymous]) {
      const view = (await t.inject('GET', `/api/v1/cases/${code}`, null)).json();
      expect(view.submitterName ?? null).toBeNull();
      expect(view.description ?? null).toBeNull();
      const page = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}`, headers: { accept: 'text/html' } });
      const request = await open311(code);
      for (const text of [JSON.stringify(view), page.body, JSON.stringify(request)]) {
        expect(text).not.toContain('hỏng hai tuần');
        expect(text).not.toContain('Trần Thị Lan');
      }
      // Open311's description is the title, which every case that is not sealed shows.
      expect(request.description).toBe('Đèn đường hỏng');
      expect(request).not.toHaveProperty('submitter_name');
    }
  });

  it('a denunciation cannot be named publicly', async () => {
    const refused = await t.inject('POST', '/api/v1/cases', t.anonymous, {
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      title: 'Tố cáo cán bộ nhận tiền',
      description: 'Cán bộ địa chính yêu cầu nộp tiền ngoài quy định khi làm thủ tục đất.',
      privacy: 'public_name',
      submitter: { fullName: 'Lê Văn Cường', address: 'Số 3 ngõ 5', phone: '0987000222', idNumber: '001203004222' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'privacy' })]);
  });

  it('the privacy step and the check page say what each choice shows', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/gui-phan-anh', headers: { accept: 'text/html' } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(start.body)?.[1] ?? '';
    const post = (fields: Record<string, string>, lang = 'vi') =>
      t.app.inject({
        method: 'POST',
        url: `/gui-phan-anh?lang=${lang}`,
        headers: { cookie: mergeCookies('', start), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      });
    const answers = { kind: 'feedback', categoryId: t.categoryIds.ROADS!, areaId: t.areaIds['TDP-NQ1']!, title: 'Đèn đường hỏng', description: 'Đèn đường trước nhà văn hóa bị hỏng nhiều ngày.' };
    const privacyStep = await post({ ...answers, _step: 'text', _action: 'next' });
    expect(privacyStep.body).toContain('Mọi người thấy tên bạn cùng nội dung và ảnh bạn gửi');
    expect(privacyStep.body).toContain('Mọi người chỉ thấy tiêu đề, tiến độ và câu trả lời, không thấy nội dung chi tiết và tên bạn.');
    expect(privacyStep.body).not.toContain('Nội dung có thể được công khai');
    const identity = { fullName: 'Trần Thị Lan', submitterAddress: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' };
    const named = await post({ ...answers, ...identity, privacy: 'public_name', _step: 'identity', _action: 'next' });
    expect(named.body).toContain('Mọi người: thấy tiêu đề, nội dung, tiến độ, câu trả lời và tên của bạn.');
    const handlerOnly = await post({ ...answers, ...identity, privacy: 'handler_only', _step: 'identity', _action: 'next' }, 'en');
    expect(handlerOnly.body).toContain('Everyone: sees only the tracking code, title, progress and answer; not the details and not your name.');
  });
});
