import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typed } from '../../core/db/database.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';
import type { CasesTables } from './db/tables.js';
import { getPublicCaseView, livePublicCaseView } from './server/use-cases/read-cases.js';

/**
 * Issue 3 points 3 and 7 (LAW-PDP-06, LAW-DENUNC-11): the public status (`GET /api/v1/cases/{code}`,
 * the portal's /tra-cuu/{code}, in Vietnamese and English) and the Open311 feed show no personal data
 * from a title, a title made of the description's first 80 characters, or a staff-written public
 * note, and nothing of a denouncer from the notes of a denunciation. The stored view (rendered on
 * each write) stays equal to the live one.
 */
describe('cases: titles and public notes are redacted on the public status and in Open311', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  let apiKey: string;
  let feedbackService: string;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    leader = await t.staff('leader');
    const admin = await t.staff('admin');
    const created = await t.inject('POST', '/api/v1/admin/cases/open311-clients', admin, { name: 'Ứng dụng đối tác kiểm thử' });
    expect(created.statusCode, created.body).toBe(201);
    apiKey = (created.json() as { apiKey: string }).apiKey;
    const services = JSON.parse((await t.app.inject({ url: '/open311/v2/services.json' })).body) as Array<{ service_code: string }>;
    feedbackService = services.find((service) => service.service_code.endsWith('-PAKN'))!.service_code;
  });
  afterAll(async () => t.close());

  /** A request posted by a partner: stored with privacy `handler_only`. */
  async function postOpen311(fields: Record<string, string>): Promise<{ code: string; id: string }> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ api_key: apiKey, service_code: feedbackService, lat: '21.0012', long: '105.9871', 'attribute[submitter_address]': 'Tổ dân phố Như Quỳnh 1', ...fields }).toString(),
    });
    expect(response.statusCode, response.body).toBe(200);
    const code = (JSON.parse(response.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const row = await typed<CasesTables>(t.ctx.db).selectFrom('cases_items').select(['id', 'privacy']).where('code', '=', code).executeTakeFirstOrThrow();
    expect(row.privacy).toBe('handler_only');
    return { code, id: row.id };
  }

  const act = async (id: string, body: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${id}/actions`, leader, body);
    expect(response.statusCode, response.body).toBe(200);
  };

  /**
   * Every public output of a case, as text: the API (vi, en), the portal page (vi, en), the stored
   * view's bytes (checked directly: a paused case is read live) and, for Open311 cases, the feed.
   */
  async function publicOutputs(code: string, options: { open311: boolean }): Promise<string[]> {
    const outputs: string[] = [];
    for (const lang of ['vi', 'en']) {
      const api = await t.app.inject({ url: `/api/v1/cases/${code}?lang=${lang}`, headers: { 'accept-language': lang } });
      expect(api.statusCode, api.body).toBe(200);
      outputs.push(api.body);
      const page = await t.app.inject({ url: `/tra-cuu/${code}`, headers: { accept: 'text/html', cookie: `lang=${lang}` } });
      expect(page.statusCode).toBe(200);
      outputs.push(page.body);
      if (options.open311) {
        for (const format of ['json', 'xml']) {
          const request = await t.app.inject({ url: `/open311/v2/requests/${code}.${format}`, headers: { 'accept-language': lang } });
          expect(request.statusCode, request.body).toBe(200);
          outputs.push(request.body);
          const updates = await t.app.inject({ url: `/open311/v2/servicerequestupdates.${format}`, headers: { 'accept-language': lang } });
          expect(updates.statusCode, updates.body).toBe(200);
          outputs.push(updates.body.includes(code) ? updates.body : '');
        }
      }
    }
    const stored = await typed<CasesTables>(t.ctx.db).selectFrom('cases_public_status').select('view_vi').where('code', '=', code).executeTakeFirst();
    expect(stored, 'stored public view').toBeDefined();
    outputs.push(stored!.view_vi.toString());
    // The stored view is the live one (readers of English get the live view in English).
    expect(await getPublicCaseView(t.ctx, code, 'vi')).toEqual(await livePublicCaseView(t.ctx, code, 'vi'));
    return outputs;
  }

  function expectNone(outputs: readonly string[], canaries: readonly string[]) {
    for (const output of outputs) for (const canary of canaries) expect(output, `"${canary}" leaked`).not.toContain(canary);
  }

  it('redacts a title made of the description, a partner-given title and the note of a request for information', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    // No title: it is the description's first 80 characters, cut in the middle of the ID number.
    const derived = await postOpen311({
      description: 'Tôi là Đỗ Thị Hằng, SĐT 0912 000 222, email hang.canary@example.com, CCCD 001190123456, cống trước nhà tắc nhiều ngày.',
      first_name: 'Hằng',
      last_name: 'Đỗ Thị',
      phone: '0912 000 222',
      email: 'hang.canary@example.com',
    });
    const title = (await typed<CasesTables>(t.ctx.db).selectFrom('cases_items').select('title').where('code', '=', derived.code).executeTakeFirstOrThrow()).title;
    expect(title).toMatch(/CCCD 001190$/);
    // A partner's title naming someone else than the submitter.
    const given = await postOpen311({
      description: 'Cống thoát nước trong ngõ bị tắc, nước tràn vào nhà.',
      'attribute[title]': 'Cống nhà Đỗ Thị Hằng (0912.000.222) bị tắc',
      first_name: 'Minh',
      last_name: 'Phạm Văn',
    });

    await act(derived.id, { type: 'accept' });
    await act(derived.id, { type: 'requestInformation', note: 'Đề nghị bà Nguyễn Thị Lan (0912000111) gửi ảnh đoạn đường bị ngập.' });
    // The published answer of the other case names its submitter and a phone number.
    const officer = await t.staff('officer', 'KINH-TE');
    await act(given.id, { type: 'accept' });
    await act(given.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    for (const body of [{ type: 'startWork' }, { type: 'draftAnswer', text: 'Đã liên hệ ông Phạm Văn Minh qua số 0913 444 555, xã sẽ thông cống trong tuần.' }]) {
      const response = await t.inject('POST', `/api/v1/cases/${given.id}/actions`, officer, body);
      expect(response.statusCode, response.body).toBe(200);
    }
    await act(given.id, { type: 'approveAnswer' });
    await act(given.id, { type: 'publishAnswer' });

    const outputs = [...(await publicOutputs(derived.code, { open311: true })), ...(await publicOutputs(given.code, { open311: true }))];
    expectNone(outputs, [
      'Đỗ Thị Hằng', 'Thị Hằng', '0912 000 222', '0912.000.222', '0912000222', 'hang.canary', '001190',
      'Nguyễn Thị Lan', '0912000111', 'Phạm Văn Minh', '0913 444 555',
    ]);
    expect((await getPublicCaseView(t.ctx, given.code, 'vi')).answer?.text).toBe('Đã liên hệ ông [đã ẩn họ tên] qua số [đã ẩn số điện thoại], xã sẽ thông cống trong tuần.');
    // Redacted, not dropped: the placeholders follow the reader's language.
    const vi = await getPublicCaseView(t.ctx, derived.code, 'vi');
    expect(vi.title).toContain('[đã ẩn số định danh]');
    expect(vi.timeline.map((entry) => entry.note)).toContain('Đề nghị bà [đã ẩn họ tên] ([đã ẩn số điện thoại]) gửi ảnh đoạn đường bị ngập.');
    const en = await getPublicCaseView(t.ctx, derived.code, 'en');
    expect(en.title).toContain('[ID number removed]');
    expect(en.timeline.map((entry) => entry.note)).toContain('Đề nghị bà [name removed] ([phone removed]) gửi ảnh đoạn đường bị ngập.');
    expect((await getPublicCaseView(t.ctx, given.code, 'vi')).title).toBe('Cống nhà [đã ẩn họ tên] ([đã ẩn số điện thoại]) bị tắc');
  });

  // Only denunciations may be extended (deadlines.ts), so an extension's reason is tested here.
  it('shows no note of a denunciation that could name the denouncer: a request for information, an extension reason (LAW-DENUNC-11)', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const denouncer = 'Kha Thị Canarytocao';
    const submitted = await t.submit({
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      title: 'Tố cáo cán bộ nhận tiền khi chứng thực',
      description: 'Cán bộ yêu cầu nộp thêm tiền ngoài lệ phí khi chứng thực giấy tờ.',
      privacy: 'handler_only',
      submitter: { fullName: denouncer, address: 'Tổ dân phố Như Quỳnh 1', phone: '0987 111 333', email: 'tocao.canary@example.com', idNumber: '001203008888' },
    });
    await act(submitted.id, { type: 'accept' });
    await act(submitted.id, { type: 'requestInformation', note: `Đề nghị ${denouncer} (0987 111 333) bổ sung chứng cứ.` });
    await act(submitted.id, { type: 'extendDeadline', amount: 30, unit: 'calendar_days', reason: `Cần gặp Canarytocao, CCCD 001203008888, tocao.canary@example.com`, decisionRef: '16/QĐ-UBND', complexity: 'complex' });
    expectNone(await publicOutputs(submitted.code, { open311: false }), ['Canarytocao', '0987 111 333', '0987111333', 'tocao.canary', '001203008888']);
    // What happened still shows, by its label.
    const events = (await getPublicCaseView(t.ctx, submitted.code, 'vi')).timeline.map((entry) => entry.event);
    expect(events).toEqual(expect.arrayContaining(['cases.case.information_requested', 'cases.case.deadline_extended']));
    // The denouncer, with the case's secret link, reads what the officer asks of them (contacts still masked).
    expect(submitted.accessToken).not.toBeNull();
    const noteFor = async (accessToken: string | null) =>
      (await getPublicCaseView(t.ctx, submitted.code, 'vi', { accessToken })).timeline.find((entry) => entry.event === 'cases.case.information_requested')?.note ?? null;
    const own = await noteFor(submitted.accessToken);
    expect(own).toContain('bổ sung chứng cứ');
    expect(own).not.toContain('0987 111 333');
    await expect(noteFor(null)).resolves.toBeNull();
  });
});
