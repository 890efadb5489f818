import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCommunes, findAreas } from '../../../../core/tenancy/index.js';
import { buildTestApp, createTestClock, type TestApp } from '../../../../../test/kit/app.js';
import { listCategories, submitCase } from '../service.js';
import { open311RequestFields } from './open311-test-kit.js';

/** Open311 GeoReport v2 through the real app (demo commune, demo key `nhuquynh-demo-key`). */
const clock = createTestClock('2026-11-26T03:00:00.000Z');
let test: TestApp;
let communeCode: string;
let feedbackService: string;
let areaCode: string;
let privateCodes: string[] = [];

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

async function post(format: 'xml' | 'json', fields: Record<string, string>, headers: Record<string, string> = {}) {
  return test.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: { ...formHeaders, ...headers }, payload: form(fields) });
}

function goodRequest(extra: Record<string, string> = {}): Record<string, string> {
  return open311RequestFields(feedbackService, { address_string: 'Ngõ 5, Như Quỳnh', email: 'lan.nguyen.open311@example.vn', 'attribute[area]': areaCode, ...extra });
}

beforeAll(async () => {
  test = await buildTestApp({ clock: clock.clock, seedDemo: true });
  const [commune] = await findCommunes(test.ctx.db);
  communeCode = commune!.code;
  const services = JSON.parse((await test.app.inject({ url: '/open311/v2/services.json' })).body) as Array<{ service_code: string; keywords: string }>;
  feedbackService = services.find((service) => service.service_code.endsWith('-PAKN'))!.service_code;
  areaCode = (await findAreas(test.ctx.db, commune!.id))[0]!.code;

  // Private kinds submitted through the cases service: they must never surface in Open311.
  const categories = await listCategories(test.ctx, commune!.id);
  const denunciationCategory = categories.find((category) => category.kinds.includes('denunciation'));
  const corruptionCategory = categories.find((category) => category.kinds.includes('corruption_report'));
  privateCodes = [];
  if (denunciationCategory) {
    const result = await submitCase(test.ctx, null, {
      kind: 'denunciation',
      categoryId: denunciationCategory.id,
      title: 'Tố cáo cán bộ địa chính',
      description: 'Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục đất đai cho người dân.',
      privacy: 'handler_only',
      submitter: { fullName: 'Trần Văn Tố', address: 'Thôn Lạc Cầu', phone: '0987654321', email: 'to.cao@example.vn' },
    });
    privateCodes.push(result.code);
  }
  if (corruptionCategory) {
    const result = await submitCase(test.ctx, null, {
      kind: 'corruption_report',
      categoryId: corruptionCategory.id,
      title: 'Tin báo tiêu cực ẩn danh',
      description: 'Có dấu hiệu thu tiền sai quy định khi cấp giấy xác nhận cư trú.',
      privacy: 'anonymous',
    });
    privateCodes.push(result.code);
  }
});

afterAll(async () => {
  await test?.close();
});

describe('Open311 discovery and services', () => {
  it('serves the discovery document in XML and JSON', async () => {
    const xml = await test.app.inject({ url: '/open311/v2/discovery.xml' });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml.body).toContain('<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>');
    expect(xml.body).toContain('<formats><format>text/xml</format><format>application/json</format></formats>');
    const json = await test.app.inject({ url: '/open311/v2/discovery.json' });
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const discovery = JSON.parse(json.body) as { changeset: string; contact: string; key_service: string; endpoints: Array<{ url: string; type: string; formats: string[] }> };
    expect(discovery.changeset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(discovery.endpoints[0]).toMatchObject({ url: 'http://localhost:3000/open311/v2', type: 'production', formats: ['text/xml', 'application/json'] });
  });

  it('lists services in XML and JSON with string codes, realtime type and no private kinds', async () => {
    const json = await test.app.inject({ url: '/open311/v2/services.json' });
    expect(json.statusCode).toBe(200);
    const services = JSON.parse(json.body) as Array<Record<string, unknown>>;
    expect(Array.isArray(services)).toBe(true);
    expect(services.length).toBeGreaterThan(0);
    for (const service of services) {
      expect(typeof service.service_code).toBe('string');
      expect(service).toMatchObject({ type: 'realtime', metadata: true });
      expect(String(service.service_code)).toMatch(/-(PAKN|HOI)$/);
      expect(String(service.service_name)).not.toMatch(/Tố cáo|tham nhũng|Khiếu nại/i);
    }
    const xml = await test.app.inject({ url: '/open311/v2/services.xml' });
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/);
    expect(xml.body.match(/<service>/g)?.length).toBe(services.length);
  });

  it('answers in English when asked, and 404 for an unknown jurisdiction', async () => {
    const english = JSON.parse((await test.app.inject({ url: '/open311/v2/services.json', headers: { 'accept-language': 'en' } })).body) as Array<{ service_name: string }>;
    expect(english[0]!.service_name).toMatch(/Feedback|Question/);
    expect((await test.app.inject({ url: `/open311/v2/services.json?jurisdiction_id=${communeCode}` })).statusCode).toBe(200);
    const unknown = await test.app.inject({ url: '/open311/v2/services.json?jurisdiction_id=NOPE-1' });
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual([{ code: 404, description: expect.stringContaining('NOPE-1') }]);
  });

  it('defines a service with the hamlet list attribute, and 404s an unknown one', async () => {
    const definition = JSON.parse((await test.app.inject({ url: `/open311/v2/services/${feedbackService}.json` })).body) as { service_code: string; attributes: Array<{ code: string; datatype: string; order: number; values?: Array<{ key: string; name: string }> }> };
    expect(definition.service_code).toBe(feedbackService);
    const area = definition.attributes.find((attribute) => attribute.code === 'area')!;
    expect(area.datatype).toBe('singlevaluelist');
    expect(area.values!.map((value) => value.key)).toContain(areaCode);
    const xml = await test.app.inject({ url: `/open311/v2/services/${feedbackService}.xml` });
    expect(xml.body).toContain('<service_definition><service_code>');
    expect(xml.body).toContain('<values><value><key>');
    const missing = await test.app.inject({ url: '/open311/v2/services/NO-SUCH-PAKN.xml' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<errors><error><code>404</code><description>');
  });
});

describe('Open311 POST requests', () => {
  it('creates a request with a good key: one service_request_id (the tracking code), no token, a statutory notice', async () => {
    const response = await post('json', goodRequest());
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body) as Array<Record<string, unknown>>;
    expect(body).toHaveLength(1);
    expect(body[0]!.service_request_id).toMatch(/^[A-Z]{1,6}-\d{4}-[0-9A-Z]{5}$/);
    expect(body[0]).not.toHaveProperty('token');
    expect(String(body[0]!.service_notice)).toMatch(/trước ngày \d{2}\/\d{2}\/\d{4}/);
    const xml = await post('xml', goodRequest());
    expect(xml.statusCode).toBe(200);
    expect(xml.body).toMatch(/<service_requests><request><service_request_id>[A-Z]+-\d{4}-\w{5}<\/service_request_id><service_notice>/);
  });

  it('refuses a missing or wrong key with 403', async () => {
    const wrong = await post('json', goodRequest({ api_key: 'not-the-demo-key' }));
    expect(wrong.statusCode).toBe(403);
    expect(JSON.parse(wrong.body)).toEqual([{ code: 403, description: expect.any(String) }]);
    const { api_key: _key, ...withoutKey } = goodRequest();
    expect((await post('xml', withoutKey)).statusCode).toBe(403);
  });

  it('answers 400 with a list of errors (Vietnamese or English) for missing fields', async () => {
    const { description: _description, lat: _lat, long: _long, address_string: _address, ...rest } = goodRequest();
    const vi = await post('json', rest);
    expect(vi.statusCode).toBe(400);
    const errors = JSON.parse(vi.body) as Array<{ code: number; description: string }>;
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.every((error) => error.code === 400)).toBe(true);
    expect(errors.map((error) => error.description).join(' ')).toMatch(/Thiếu tham số bắt buộc "description"/);
    const en = await post('xml', rest, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('The required parameter &quot;description&quot; is missing.');
    // Identity the law requires for feedback (LAW-PAKN-03) comes back from the cases service as a field error.
    const { first_name: _first, last_name: _last, ...anonymous } = goodRequest();
    const noName = await post('json', anonymous);
    expect(noName.statusCode).toBe(400);
    expect(noName.body).toContain('first_name/last_name');
  });

  it("refuses a point outside the commune's box (setting mapBounds) on lat, as the portal's field does; nothing is written", async () => {
    const before = await test.ctx.db.selectFrom('cases_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    // Paris: a place on Earth, but not in the demo commune's box (Vietnam by default).
    const outside = await post('json', goodRequest({ lat: '48.8584', long: '2.2945' }));
    expect(outside.statusCode).toBe(400);
    const errors = JSON.parse(outside.body) as Array<{ code: number; description: string }>;
    expect(errors).toEqual([{ code: 400, description: expect.stringContaining('lat') }]);
    expect(errors[0]!.description).toContain('Vị trí này nằm ngoài vùng của xã: vĩ độ phải từ 6 đến 23.5, kinh độ từ 102 đến 117.9.');
    const after = await test.ctx.db.selectFrom('cases_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers 404 for an unknown service and for a private service code', async () => {
    expect((await post('json', goodRequest({ service_code: 'NO-SUCH-PAKN' }))).statusCode).toBe(404);
    expect((await post('json', goodRequest({ service_code: feedbackService.replace(/-PAKN$/, '-TOCAO') }))).statusCode).toBe(404);
    expect((await post('json', goodRequest({ jurisdiction_id: 'NOPE-1' }))).statusCode).toBe(404);
  });
});

describe('Open311 GET requests', () => {
  it('shows a request by id without any personal data, with +07:00 datetimes', async () => {
    const fields = goodRequest({ description: 'Cống thoát nước bị tắc, gọi tôi 0912 345 678 hoặc lan.nguyen.open311@example.vn để biết thêm.' });
    const created = JSON.parse((await post('json', fields)).body) as Array<{ service_request_id: string }>;
    const code = created[0]!.service_request_id;
    for (const format of ['json', 'xml'] as const) {
      const response = await test.app.inject({ url: `/open311/v2/requests/${code}.${format}` });
      expect(response.statusCode).toBe(200);
      for (const secret of ['lan.nguyen.open311@example.vn', '0912 345 678', '0912345678', 'Nguyễn Thị Lan', 'Nguyễn Thị', 'Số 12 ngõ 5']) expect(response.body).not.toContain(secret);
    }
    const [request] = JSON.parse((await test.app.inject({ url: `/open311/v2/requests/${code}.json` })).body) as Array<Record<string, unknown>>;
    expect(request).toMatchObject({ service_request_id: code, status: 'open', service_code: feedbackService, lat: 21.0012, long: 105.9871, address: 'Ngõ 5, Như Quỳnh' });
    expect(String(request!.requested_datetime)).toMatch(/\+07:00$/);
    expect(String(request!.expected_datetime)).toMatch(/\+07:00$/);
    expect(String(request!.description)).toContain('[đã ẩn số điện thoại]');
    expect(Object.keys(request!)).not.toEqual(expect.arrayContaining(['email']));
    expect((await test.app.inject({ url: '/open311/v2/requests/NQ-2611-ZZZZZ.json' })).statusCode).toBe(404);
  });

  it('never lists or returns denunciations and anonymous corruption reports', async () => {
    expect(privateCodes.length).toBeGreaterThan(0);
    const all = await test.app.inject({ url: '/open311/v2/requests.json' });
    expect(all.statusCode).toBe(200);
    for (const code of privateCodes) {
      expect(all.body).not.toContain(code);
      expect((await test.app.inject({ url: `/open311/v2/requests/${code}.json` })).statusCode).toBe(404);
      const byId = await test.app.inject({ url: `/open311/v2/requests.json?service_request_id=${code}` });
      expect(JSON.parse(byId.body)).toEqual([]);
    }
    const updates = await test.app.inject({ url: '/open311/v2/servicerequestupdates.json' });
    for (const code of privateCodes) expect(updates.body).not.toContain(code);
    for (const secret of ['Trần Văn Tố', '0987654321', 'to.cao@example.vn']) expect(all.body + updates.body).not.toContain(secret);
  });

  it('filters by comma lists, status and date window, and pages with page/page_size', async () => {
    const codes: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      clock.advance(60_000);
      codes.push((JSON.parse((await post('json', goodRequest())).body) as Array<{ service_request_id: string }>)[0]!.service_request_id);
    }
    const byIds = JSON.parse((await test.app.inject({ url: `/open311/v2/requests.json?service_request_id=${codes[0]},${codes[2]}&status=closed` })).body) as Array<{ service_request_id: string }>;
    expect(byIds.map((request) => request.service_request_id).sort()).toEqual([codes[0], codes[2]].sort());
    const page1 = JSON.parse((await test.app.inject({ url: `/open311/v2/requests.json?service_code=${feedbackService}&page_size=2&page=1` })).body) as Array<{ service_request_id: string; status: string }>;
    const page2 = JSON.parse((await test.app.inject({ url: `/open311/v2/requests.json?service_code=${feedbackService}&page_size=2&page=2` })).body) as Array<{ service_request_id: string }>;
    expect(page1).toHaveLength(2);
    expect(page2.length).toBeGreaterThanOrEqual(1);
    expect(page1.map((request) => request.service_request_id)).toEqual([codes[2], codes[1]]);
    expect(page2.map((request) => request.service_request_id)).not.toContain(codes[2]);
    const open = JSON.parse((await test.app.inject({ url: '/open311/v2/requests.json?status=open' })).body) as Array<{ status: string }>;
    expect(open.every((request) => request.status === 'open')).toBe(true);
    const closed = JSON.parse((await test.app.inject({ url: `/open311/v2/requests.json?status=closed&service_code=${feedbackService}` })).body) as Array<{ service_request_id: string }>;
    expect(closed.map((request) => request.service_request_id)).not.toContain(codes[0]);
    const past = JSON.parse((await test.app.inject({ url: '/open311/v2/requests.json?start_date=2025-01-01T00:00:00%2B07:00&end_date=2025-02-01T00:00:00%2B07:00' })).body) as unknown[];
    expect(past).toEqual([]);
    expect((await test.app.inject({ url: '/open311/v2/requests.json?start_date=2026-01-01&end_date=2026-11-01' })).statusCode).toBe(400);
    expect((await test.app.inject({ url: '/open311/v2/requests.json?status=pending' })).statusCode).toBe(400);
    expect((await test.app.inject({ url: '/open311/v2/requests.json?page_size=5000' })).statusCode).toBe(400);
    expect((await test.app.inject({ url: '/open311/v2/requests.json?service_code=NOPE-PAKN' })).statusCode).toBe(404);
    const xml = await test.app.inject({ url: `/open311/v2/requests.xml?service_request_id=${codes[1]}` });
    expect(xml.body).toContain(`<service_requests><request><service_request_id>${codes[1]}</service_request_id><status>open</status>`);
  });

  it('serves the public update feed and answers 404 for tokens', async () => {
    const updates = JSON.parse((await test.app.inject({ url: '/open311/v2/servicerequestupdates.json' })).body) as Array<{ update_id: string; service_request_id: string; status: string; updated_datetime: string }>;
    expect(updates.length).toBeGreaterThan(0);
    expect(updates[0]).toMatchObject({ status: expect.stringMatching(/^[A-Z_]+$/), updated_datetime: expect.stringMatching(/\+07:00$/) });
    const xml = await test.app.inject({ url: '/open311/v2/servicerequestupdates.xml' });
    expect(xml.body).toContain('<service_request_updates><request_update><update_id>');
    const token = await test.app.inject({ url: '/open311/v2/tokens/abc123.json' });
    expect(token.statusCode).toBe(404);
    expect(JSON.parse(token.body)).toEqual([{ code: 404, description: expect.stringContaining('abc123') }]);
    expect((await test.app.inject({ url: '/open311/v2/nothing-here.json' })).statusCode).toBe(404);
  });
});
