import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typed } from '../../core/db/database.js';
import { testDialect } from '../../../test/kit/app.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * A NUL or another C0 control character in any field is bad input, not a server error. PostgreSQL
 * refuses NUL in text (SQLite stored it), and XML cannot carry control characters at all. The API
 * names the field; a page's form drops the invisible characters and keeps the rest of the text.
 */
describe(`cases: control characters in input on ${testDialect}`, () => {
  let t: CasesTestApp;
  let officer: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
  });
  afterAll(async () => t.close());

  const caseCount = async () => Number((await typed<{ cases_items: { id: string } }>(t.ctx.db).selectFrom('cases_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const submission = (overrides: Record<string, unknown> = {}) => ({
    kind: 'feedback',
    categoryId: t.categoryIds.ROADS,
    areaId: t.areaIds['TDP-NQ1'],
    title: 'Đèn đường hỏng',
    description: 'Đèn đường trước nhà văn hóa bị hỏng nhiều ngày.',
    privacy: 'handler_only',
    submitter: { fullName: 'Nguyễn Văn An', phone: '0912345678' },
    ...overrides,
  });

  it('a public JSON submission with NUL in its text answers 400 naming the field, in both languages, and writes nothing', async () => {
    const before = await caseCount();
    const vi = await t.inject('POST', '/api/v1/cases', t.anonymous, submission({ description: 'Đèn đường\u0000 hỏng nhiều ngày rồi.' }));
    expect(vi.statusCode).toBe(400);
    expect(vi.json().errors).toEqual([{ field: 'description', message: expect.stringMatching(/ký tự điều khiển/) }]);
    const en = await t.inject('POST', '/api/v1/cases?lang=en', t.anonymous, submission({ submitter: { fullName: 'Nguyễn\u0007 Văn An' } }));
    expect(en.statusCode).toBe(400);
    expect(en.json().errors).toEqual([{ field: 'submitter.fullName', message: expect.stringMatching(/control character/) }]);
    expect(await caseCount()).toBe(before);
  });

  it('the same holds for a multipart submission and for staff intake', async () => {
    const boundary = '----tiengdan-control';
    const payload = [`--${boundary}`, 'Content-Disposition: form-data; name="payload"', '', JSON.stringify(submission({ title: 'Đèn\u0000 đường' })), `--${boundary}--`, ''].join('\r\n');
    const multipart = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: t.anonymous.cookie, 'x-csrf-token': t.anonymous.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(multipart.statusCode).toBe(400);
    expect(multipart.json().errors).toEqual([expect.objectContaining({ field: 'title' })]);

    const intake = await t.inject('POST', '/api/v1/cases/intake', officer, { channel: 'walk_in', ...submission({ description: 'Cống thoát nước\u0000 bị tắc, nước tràn vào nhà.' }) });
    expect(intake.statusCode).toBe(400);
    expect(intake.json().errors).toEqual([expect.objectContaining({ field: 'description' })]);
  });

  it('a NUL in a path or a search answers 400, never 500', async () => {
    const status = await t.inject('GET', '/api/v1/cases/NQ-2611-%00ABC', null);
    expect(status.statusCode).toBe(400);
    expect(status.json().errors).toEqual([expect.objectContaining({ field: 'code' })]);
    const search = await t.inject('GET', '/api/v1/cases?q=%C4%91%C6%B0%E1%BB%9Dng%00', officer);
    expect(search.statusCode).toBe(400);
    expect(search.json().errors).toEqual([expect.objectContaining({ field: 'q' })]);
  });

  it('public pages drop the invisible characters and answer normally', async () => {
    const { code } = await t.submit();
    const page = await t.app.inject({ method: 'GET', url: `/tra-cuu/${encodeURIComponent(code.slice(0, 4))}%00${encodeURIComponent(code.slice(4))}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(code);
    const questions = await t.app.inject({ method: 'GET', url: '/hoi-dap?q=%C4%91%C6%B0%E1%BB%9Dng%00' });
    expect(questions.statusCode).toBe(200);
  });

  it('Open311 answers a spec-shaped 400 for a control character in the description', async () => {
    const services = (await t.app.inject({ url: '/open311/v2/services.json' })).json() as Array<{ service_code: string }>;
    const body = new URLSearchParams({
      api_key: 'nhuquynh-demo-key',
      service_code: services.find((service) => service.service_code.endsWith('-PAKN'))!.service_code,
      lat: '21.0012',
      long: '105.9871',
      description: 'Đèn đường trước nhà văn hóa\u0000 bị hỏng đã một tuần.',
    });
    const response = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual([{ code: 400, description: expect.stringMatching(/description/) }]);
  });
});
