import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../../../core/audit/audit-log.js';
import { findAreas, findCommunes } from '../../../../core/tenancy/index.js';
import { buildTestApp, createTestClock, type TestApp } from '../../../../../test/kit/app.js';
import { anonymousCsrf, createTestUser, signIn } from '../../../../../test/kit/auth.js';
import { OPEN311_DEMO_KEY as DEMO_KEY, open311RequestFields } from './open311-test-kit.js';

/** Open311 defects found by review: attribute values, address_id, service descriptions, audit trail, markup in descriptions. */
const clock = createTestClock('2026-11-26T03:00:00.000Z');
let test: TestApp;
let communeId: string;
let feedbackService: string;
let questionService: string | undefined;
let areaCodes: string[];

const post = (format: 'xml' | 'json', body: string, headers: Record<string, string> = {}) =>
  test.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: body });

function goodRequest(extra: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams(open311RequestFields(feedbackService, extra));
}

beforeAll(async () => {
  test = await buildTestApp({ clock: clock.clock, seedDemo: true });
  const [commune] = await findCommunes(test.ctx.db);
  communeId = commune!.id;
  const services = JSON.parse((await test.app.inject({ url: '/open311/v2/services.json' })).body) as Array<{ service_code: string }>;
  feedbackService = services.find((service) => service.service_code.endsWith('-PAKN'))!.service_code;
  questionService = services.find((service) => service.service_code.endsWith('-HOI'))?.service_code;
  areaCodes = (await findAreas(test.ctx.db, communeId)).filter((area) => area.isActive).map((area) => area.code);
});

afterAll(async () => {
  await test?.close();
});

describe('Open311 attributes', () => {
  it('names an unknown value of the optional area attribute as not allowed, not as a missing required attribute', async () => {
    const vi = await post('json', goodRequest({ 'attribute[area]': 'ZZZ' }).toString());
    expect(vi.statusCode).toBe(400);
    const [error] = JSON.parse(vi.body) as Array<{ code: number; description: string }>;
    expect(error!.code).toBe(400);
    expect(error!.description).not.toMatch(/bắt buộc/);
    expect(error!.description).toMatch(/"area"/);
    expect(error!.description).toMatch(/không nằm trong danh sách giá trị cho phép/);
    const en = await post('json', goodRequest({ 'attribute[area]': 'ZZZ' }).toString(), { 'accept-language': 'en' });
    expect(JSON.parse(en.body)).toEqual([{ code: 400, description: expect.stringMatching(/"area".*not one of the allowed values/) }]);
  });

  it('refuses several values for a single-value attribute with a spec-shaped 400', async () => {
    const body = `${goodRequest().toString()}&attribute[area][]=${areaCodes[0]}&attribute[area][]=${areaCodes[1] ?? areaCodes[0]}`;
    const json = await post('json', body);
    expect(json.statusCode).toBe(400);
    expect(JSON.parse(json.body)).toEqual([{ code: 400, description: expect.stringMatching(/"area".*chỉ nhận một giá trị/) }]);
    const xml = await post('xml', body.replace('attribute[area][]', 'attribute[area]'), { 'accept-language': 'en' });
    expect(xml.statusCode).toBe(400);
    expect(xml.body).toMatch(/<errors><error><code>400<\/code><description>The attribute &quot;area&quot; takes a single value/);
    // One value in the array form is still one value.
    expect((await post('json', `${goodRequest().toString()}&attribute[area][]=${areaCodes[0]}`)).statusCode).toBe(200);
  });
});

describe('Open311 address_id', () => {
  it('stores the address_id a partner sends and returns it on GET', async () => {
    const created = await post('json', goodRequest({ address_id: 'XYZ-123' }).toString());
    expect(created.statusCode).toBe(200);
    const code = (JSON.parse(created.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const [request] = JSON.parse((await test.app.inject({ url: `/open311/v2/requests/${code}.json` })).body) as Array<Record<string, unknown>>;
    expect(request!.address_id).toBe('XYZ-123');
    expect((await test.app.inject({ url: `/open311/v2/requests/${code}.xml` })).body).toContain('<address_id>XYZ-123</address_id>');
    const tooLong = await post('json', goodRequest({ address_id: 'A'.repeat(101) }).toString());
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('address_id');
  });
});

describe('Open311 service descriptions', () => {
  it('describes every service, and says which ones need the submitter\'s name', async () => {
    for (const locale of ['vi', 'en']) {
      const services = JSON.parse((await test.app.inject({ url: '/open311/v2/services.json', headers: { 'accept-language': locale } })).body) as Array<{ service_code: string; description: string }>;
      for (const service of services) {
        expect(service.description.trim()).not.toBe('');
        if (service.service_code.endsWith('-PAKN')) expect(service.description).toMatch(locale === 'en' ? /first_name.*last_name/ : /họ tên.*first_name.*last_name/);
        else expect(service.description).not.toMatch(/first_name/);
      }
    }
    const definition = JSON.parse((await test.app.inject({ url: `/open311/v2/services/${feedbackService}.json` })).body) as { attributes: Array<{ code: string; variable: boolean; order: number; description: string }> };
    const note = definition.attributes.find((attribute) => attribute.code === 'submitter_identity');
    expect(note).toMatchObject({ variable: false, required: false });
    expect(note!.description).toMatch(/first_name/);
    expect(new Set(definition.attributes.map((attribute) => attribute.order)).size).toBe(definition.attributes.length);
    if (questionService) {
      const question = JSON.parse((await test.app.inject({ url: `/open311/v2/services/${questionService}.json` })).body) as { attributes: Array<{ code: string }> };
      expect(question.attributes.map((attribute) => attribute.code)).not.toContain('submitter_identity');
    }
  });
});

describe('Open311 audit trail', () => {
  it('records which partner client submitted a case, never its key', async () => {
    const created = await post('json', goodRequest().toString());
    expect(created.statusCode).toBe(200);
    const rows = await findAuditRows(test.ctx.db, { communeId, action: 'cases.case.submitted', limit: 1, offset: 0 });
    const details = JSON.parse(rows[0]!.details) as Record<string, unknown>;
    expect(details).toMatchObject({ channel: 'open311', open311Client: { id: expect.any(String), name: 'Demo Open311 client' } });
    const everything = await findAuditRows(test.ctx.db, { communeId, limit: 10_000, offset: 0 });
    for (const row of everything) expect(JSON.stringify(row)).not.toContain(DEMO_KEY);
  });
});

describe('Open311 markup in a description', () => {
  it('keeps the text as typed, escapes it in XML and renders it inert on the portal status page', async () => {
    const description = '<script>alert("xss")</script> Đèn đường trước nhà văn hóa bị hỏng, <b>rất tối</b>.';
    const created = await post('json', goodRequest({ description }).toString());
    expect(created.statusCode).toBe(200);
    const code = (JSON.parse(created.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const [request] = JSON.parse((await test.app.inject({ url: `/open311/v2/requests/${code}.json` })).body) as Array<{ description: string }>;
    // An Open311 submission names nobody publicly ("handler only"): its published description is the
    // title, taken from the text as typed (trimmed of its final punctuation).
    expect(request!.description).toBe(description.slice(0, -2));
    const xml = (await test.app.inject({ url: `/open311/v2/requests/${code}.xml` })).body;
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('<description>&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; Đèn đường trước nhà văn hóa bị hỏng, &lt;b&gt;rất tối&lt;/b</description>');
    // The title is taken from the description; the status page shows it as text.
    const page = await test.app.inject({ url: `/tra-cuu/${code}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('<b>rất tối');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
  });
});

describe('Open311 api_key sent twice', () => {
  const caseCount = async () => Number((await test.ctx.db.selectFrom('cases_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a repeated api_key with the spec\'s 403 error list instead of picking one, and creates nothing', async () => {
    const before = await caseCount();
    // The valid key first, then another: taking the first would have let it through.
    const twice = goodRequest();
    twice.append('api_key', 'not-a-real-key');
    const json = await post('json', twice.toString());
    expect(json.statusCode).toBe(403);
    expect(JSON.parse(json.body)).toEqual([{ code: 403, description: 'Khóa API (api_key) chỉ được gửi một lần; yêu cầu có nhiều khóa bị từ chối.' }]);
    // The same key twice is refused the same way, in English and in XML.
    const same = goodRequest();
    same.append('api_key', DEMO_KEY);
    const xml = await post('xml', same.toString(), { 'accept-language': 'en' });
    expect(xml.statusCode).toBe(403);
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toContain('<errors><error><code>403</code><description>Send api_key once: a request with several keys is refused.</description></error></errors>');
    // One in the body and one in the query string count as two.
    const split = await test.app.inject({ method: 'POST', url: `/open311/v2/requests.json?api_key=${DEMO_KEY}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: goodRequest().toString() });
    expect(split.statusCode).toBe(403);
    expect(await caseCount()).toBe(before);
    // Sent once, the same request is accepted.
    expect((await post('json', goodRequest().toString())).statusCode).toBe(200);
  });
});

describe('Open311 title over the limit', () => {
  it('refuses attribute[title] over 200 characters with a 400 naming it, instead of cutting it', async () => {
    const longTitle = `Đèn đường hỏng ${'rất lâu '.repeat(30)}`.trim();
    expect(longTitle.length).toBeGreaterThan(200);
    const vi = await post('json', goodRequest({ 'attribute[title]': longTitle }).toString());
    expect(vi.statusCode).toBe(400);
    expect(JSON.parse(vi.body)).toEqual([{ code: 400, description: '"attribute[title]" quá dài.' }]);
    const xml = await post('xml', goodRequest({ 'attribute[title]': longTitle }).toString(), { 'accept-language': 'en' });
    expect(xml.statusCode).toBe(400);
    expect(xml.body).toContain('<description>&quot;attribute[title]&quot; is too long.</description>');
    // Exactly 200 characters is kept whole.
    const fits = 'Đ'.repeat(200);
    const created = await post('json', goodRequest({ 'attribute[title]': fits }).toString());
    expect(created.statusCode).toBe(200);
    const code = (JSON.parse(created.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const row = await test.ctx.db.selectFrom('cases_items').select('title').where('code', '=', code).executeTakeFirstOrThrow();
    expect(row.title).toBe(fits);
  });
});

describe('Open311 dates need a timezone', () => {
  it('refuses a datetime without a timezone with a 400 naming the parameter; bare dates and zoned datetimes pass', async () => {
    for (const name of ['start_date', 'end_date']) {
      const response = await test.app.inject({ url: `/open311/v2/requests.json?${name}=2026-10-14T04:37:00` });
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body)).toEqual([{ code: 400, description: expect.stringMatching(new RegExp(`^"${name}" cần có múi giờ`)) }]);
    }
    const en = await test.app.inject({ url: '/open311/v2/servicerequestupdates.xml?start_date=2026-10-14T04:37', headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('&quot;start_date&quot; needs a timezone');
    expect((await test.app.inject({ url: '/open311/v2/requests.json?start_date=2026-10-14' })).statusCode).toBe(200);
    expect((await test.app.inject({ url: '/open311/v2/requests.json?start_date=2026-10-14T04:37:00Z' })).statusCode).toBe(200);
    expect((await test.app.inject({ url: '/open311/v2/requests.json?start_date=2026-10-14T04:37:00%2B07:00' })).statusCode).toBe(200);
  });
});

describe('Open311 discovery changeset', () => {
  it('moves when an area, a value of the area attribute in every definition, is renamed', async () => {
    const changeset = async () => (JSON.parse((await test.app.inject({ url: '/open311/v2/discovery.json' })).body) as { changeset: string; endpoints: Array<{ changeset: string }> });
    const before = await changeset();
    expect(before.endpoints[0]!.changeset).toBe(before.changeset);
    const admin = await createTestUser(test.ctx, { kind: 'staff', communeId, roles: [{ role: 'admin' }] });
    const [area] = await findAreas(test.ctx.db, communeId);
    const start = clock.clock();
    try {
      // Later than anything the definitions were built from so far (seed data, the wording in code).
      clock.set('2026-12-15T02:00:00.000Z');
      const session = await signIn(test.app, admin.identifier, admin.password);
      const renamed = await test.app.inject({ method: 'PATCH', url: `/api/v1/admin/areas/${area!.id}`, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, payload: { name: `${area!.name} (mới)` } });
      expect(renamed.statusCode).toBe(200);
      const definition = JSON.parse((await test.app.inject({ url: `/open311/v2/services/${feedbackService}.json` })).body) as { attributes: Array<{ code: string; values?: Array<{ name: string }> }> };
      expect(definition.attributes.find((attribute) => attribute.code === 'area')!.values!.map((value) => value.name)).toContain(`${area!.name} (mới)`);
      const after = await changeset();
      expect(after.changeset).toBe('2026-12-15T09:00:00+07:00');
      expect(after.changeset > before.changeset).toBe(true);
      expect(after.endpoints[0]!.changeset).toBe(after.changeset);
    } finally {
      clock.set(start);
    }
  });
});

describe('Open311 requests that ended', () => {
  const created = async (extra: Record<string, string> = {}) => {
    const response = await post('json', goodRequest(extra).toString());
    expect(response.statusCode).toBe(200);
    const code = (JSON.parse(response.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const { id } = await test.ctx.db.selectFrom('cases_items').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    return { id, code };
  };
  const leader = async () => {
    const user = await createTestUser(test.ctx, { kind: 'staff', communeId, roles: [{ role: 'leader' }] });
    return signIn(test.app, user.identifier, user.password);
  };
  const act = async (id: string, body: Record<string, unknown>) => {
    const session = await leader();
    const response = await test.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions`, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, payload: body });
    expect(response.statusCode).toBe(200);
  };
  const one = async (code: string, locale = 'vi') => {
    const response = await test.app.inject({ url: `/open311/v2/requests/${code}.json`, headers: { 'accept-language': locale } });
    return { statusCode: response.statusCode, request: (JSON.parse(response.body) as Array<Record<string, unknown>>)[0]! };
  };
  const withdrawnOnPaper = { type: 'recordWithdrawal', scope: 'whole', receivedOn: '2026-11-26', channel: 'post', isSigned: true };

  it('LAW-PAKN-03: gives the public ground of a refusal in status_notes, in the reader\'s language', async () => {
    const { id, code } = await created();
    await act(id, { type: 'refuse', ground: 'feedback_requirements_unmet' });
    const vi = await one(code);
    expect(vi.request).toMatchObject({ status: 'closed', status_notes: 'Không thụ lý. Lý do: Không đáp ứng yêu cầu (tiếng Việt, nội dung rõ ràng, họ tên, địa chỉ, số điện thoại).' });
    const en = await one(code, 'en');
    expect(en.request.status_notes).toBe('Not accepted. Ground: Requirements not met (Vietnamese, clear content, name, address, phone).');
    const xml = (await test.app.inject({ url: `/open311/v2/requests/${code}.xml` })).body;
    expect(xml).toContain('<status_notes>Không thụ lý. Lý do: Không đáp ứng yêu cầu');
  });

  it('keeps a withdrawn request visible as closed, with a note saying it was withdrawn, instead of a 404', async () => {
    const { id, code } = await created();
    await act(id, withdrawnOnPaper);
    const vi = await one(code);
    expect(vi.statusCode).toBe(200);
    expect(vi.request).toMatchObject({ service_request_id: code, status: 'closed', status_notes: 'Người gửi đã rút yêu cầu.', service_notice: null });
    expect((await one(code, 'en')).request.status_notes).toBe('Withdrawn by the submitter.');
    expect((await test.app.inject({ url: `/open311/v2/requests/${code}.xml` })).statusCode).toBe(200);
    // In the lists too: by id, among closed requests, and not among open ones.
    const codesOf = async (query: string) => (JSON.parse((await test.app.inject({ url: `/open311/v2/requests.json?${query}` })).body) as Array<{ service_request_id: string }>).map((request) => request.service_request_id);
    expect(await codesOf(`service_request_id=${code}`)).toEqual([code]);
    expect(await codesOf('status=closed')).toContain(code);
    expect(await codesOf('status=open')).not.toContain(code);
    // The update feed says so as well (mySociety's CANCELLED).
    const updates = JSON.parse((await test.app.inject({ url: '/open311/v2/servicerequestupdates.json' })).body) as Array<{ service_request_id: string; status: string; description: string }>;
    expect(updates.filter((update) => update.service_request_id === code).pop()).toMatchObject({ status: 'CANCELLED', description: 'Người gửi đã rút yêu cầu.' });
  });

  it('keeps a merged request visible as closed, naming the request it was merged into', async () => {
    const target = await created();
    const duplicate = await created();
    await act(duplicate.id, { type: 'merge', intoCode: target.code });
    const vi = await one(duplicate.code);
    expect(vi.statusCode).toBe(200);
    // And where to follow it: the portal's status page of that request (open311-links.int.test.ts).
    expect(vi.request).toMatchObject({ status: 'closed', status_notes: `Đã gộp vào yêu cầu ${target.code} trùng nội dung. Theo dõi yêu cầu đó tại ${test.ctx.config.publicUrl}/tra-cuu/${target.code}` });
    expect((await one(duplicate.code, 'en')).request.status_notes).toBe(`Merged into request ${target.code} about the same issue. Follow it at ${test.ctx.config.publicUrl}/tra-cuu/${target.code}`);
  });

  it('still never returns a complaint, withdrawn or not (a kind never published)', async () => {
    const anonymous = await anonymousCsrf(test.app);
    const { id: categoryId } = await test.ctx.db.selectFrom('cases_categories').select('id').where('commune_id', '=', communeId).where('code', '=', 'POLLUTION').executeTakeFirstOrThrow();
    const submitted = await test.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: anonymous.cookie, 'x-csrf-token': anonymous.csrfToken },
      payload: {
        kind: 'complaint',
        categoryId,
        title: 'Khiếu nại quyết định xử phạt',
        description: 'Tôi không đồng ý với quyết định xử phạt về môi trường đối với gia đình tôi.',
        privacy: 'handler_only',
        submitter: { fullName: 'Trần Thị Bình', address: 'Thôn Như Quỳnh 2', phone: '0912000111', idNumber: '001203004111' },
      },
    });
    expect(submitted.statusCode).toBe(201);
    const { id, code } = submitted.json() as { id: string; code: string };
    expect((await one(code)).statusCode).toBe(404);
    await act(id, withdrawnOnPaper);
    expect((await one(code)).statusCode).toBe(404);
    expect((await test.app.inject({ url: `/open311/v2/requests.json?service_request_id=${code}` })).body).toBe('[]');
  });
});

describe('Open311 media_url', () => {
  it('stores the media_url a partner sends and returns it on GET, in JSON and XML', async () => {
    const mediaUrl = 'https://example.com/photos/den-duong.jpg?size=large&v=2';
    const created = await post('json', goodRequest({ media_url: mediaUrl }).toString());
    expect(created.statusCode).toBe(200);
    const code = (JSON.parse(created.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const [request] = JSON.parse((await test.app.inject({ url: `/open311/v2/requests/${code}.json` })).body) as Array<Record<string, unknown>>;
    expect(request!.media_url).toBe(mediaUrl);
    expect((await test.app.inject({ url: `/open311/v2/requests/${code}.xml` })).body).toContain('<media_url>https://example.com/photos/den-duong.jpg?size=large&amp;v=2</media_url>');
    const listed = JSON.parse((await test.app.inject({ url: `/open311/v2/requests.json?service_request_id=${code}` })).body) as Array<Record<string, unknown>>;
    expect(listed[0]!.media_url).toBe(mediaUrl);
    // Without one, it stays null; an empty one is as absent.
    const without = await post('json', goodRequest({ media_url: '' }).toString());
    expect(without.statusCode).toBe(200);
    const plainCode = (JSON.parse(without.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    expect((JSON.parse((await test.app.inject({ url: `/open311/v2/requests/${plainCode}.json` })).body) as Array<Record<string, unknown>>)[0]!.media_url).toBeNull();
  });

  it('refuses anything but an http/https link, and one over the limit, with a 400 naming media_url; nothing is created', async () => {
    const caseCount = async () => Number((await test.ctx.db.selectFrom('cases_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await caseCount();
    for (const bad of ['notaurl', 'javascript:alert(1)', 'data:image/png;base64,AAAA', 'file:///etc/passwd', 'ftp://example.com/a.jpg', 'https://user:secret@example.com/a.jpg', '//example.com/a.jpg']) {
      const response = await post('json', goodRequest({ media_url: bad }).toString());
      expect(response.statusCode, bad).toBe(400);
      expect(JSON.parse(response.body)).toEqual([{ code: 400, description: expect.stringMatching(/^"media_url" phải là một địa chỉ http:\/\/ hoặc https:\/\//) }]);
    }
    const en = await post('xml', goodRequest({ media_url: 'javascript:alert(1)' }).toString(), { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('<description>&quot;media_url&quot; must be a full http:// or https:// address');
    const tooLong = await post('json', goodRequest({ media_url: `https://example.com/${'a'.repeat(2000)}.jpg` }).toString());
    expect(tooLong.statusCode).toBe(400);
    expect(JSON.parse(tooLong.body)).toEqual([{ code: 400, description: '"media_url" quá dài.' }]);
    expect(await caseCount()).toBe(before);
  });
});

describe('Open311 lat and long are decimal numbers', () => {
  it('refuses a coordinate in hexadecimal, binary or octal notation with a 400 naming it, instead of storing the number it spells; nothing is created', async () => {
    const caseCount = async () => Number((await test.ctx.db.selectFrom('cases_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await caseCount();
    for (const [lat, long] of [['0x15', '105.9871'], ['0b10101', '105.9871'], ['0o25', '105.9871'], ['21.0012', '0x6A']] as const) {
      const response = await post('json', goodRequest({ lat, long }).toString());
      expect(response.statusCode, `${lat} ${long}`).toBe(400);
      const name = lat.startsWith('0') ? 'lat' : 'long';
      expect(JSON.parse(response.body)).toEqual([{ code: 400, description: `Giá trị của "${name}" không hợp lệ.` }]);
    }
    const en = await post('xml', goodRequest({ lat: '0x15' }).toString(), { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('<description>The value of &quot;lat&quot; is invalid.</description>');
    expect(await caseCount()).toBe(before);
    // Decimal forms still pass: a sign, and the exponent a client's number-to-text may write.
    for (const [lat, long] of [['+21.0012', '105.9871'], ['21', '1.059871e2']] as const) {
      const response = await post('json', goodRequest({ lat, long }).toString());
      expect(response.statusCode, `${lat} ${long}`).toBe(200);
      const code = (JSON.parse(response.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
      const [request] = JSON.parse((await test.app.inject({ url: `/open311/v2/requests/${code}.json` })).body) as Array<{ lat: number; long: number }>;
      expect([request!.lat, request!.long]).toEqual([Number(lat), Number(long)]);
    }
  });
});

describe('Open311 start_date and end_date', () => {
  it('refuses a day or time the calendar does not have (30 February, 31 April, 24:00, minute 60) with a 400 naming the parameter, on both lists', async () => {
    for (const [name, value] of [['start_date', '2026-02-30'], ['end_date', '2026-04-31T10:00:00Z'], ['start_date', '2026-11-26T24:00:00Z'], ['end_date', '2026-11-26T10:60:00%2B07:00'], ['start_date', '2026-11-26T10:00:61Z']]) {
      for (const list of ['requests', 'servicerequestupdates']) {
        const response = await test.app.inject({ url: `/open311/v2/${list}.json?${name}=${value}` });
        expect(response.statusCode, `${list} ${name}=${value}`).toBe(400);
        expect(JSON.parse(response.body)).toEqual([{ code: 400, description: `Giá trị của "${name}" không hợp lệ.` }]);
      }
    }
    const en = await test.app.inject({ url: '/open311/v2/requests.xml?start_date=2026-02-29', headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('<description>The value of &quot;start_date&quot; is invalid.</description>');
    // Real days still pass, 29 February of a leap year included.
    expect((await test.app.inject({ url: '/open311/v2/requests.json?start_date=2028-02-29' })).statusCode).toBe(200);
    expect((await test.app.inject({ url: '/open311/v2/requests.json?end_date=2026-11-26T23:59:59%2B07:00' })).statusCode).toBe(200);
  });

  it('reads a bare end_date as the whole of that day in Vietnam, so one day asked for is the day', async () => {
    // The test clock stands at 2026-11-26 10:00 in Vietnam.
    const response = await post('json', goodRequest().toString());
    expect(response.statusCode).toBe(200);
    const code = (JSON.parse(response.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const codesOf = async (query: string) => (JSON.parse((await test.app.inject({ url: `/open311/v2/requests.json?${query}` })).body) as Array<{ service_request_id: string }>).map((request) => request.service_request_id);
    expect(await codesOf('start_date=2026-11-26&end_date=2026-11-26')).toContain(code);
    expect(await codesOf('end_date=2026-11-26')).toContain(code);
    expect(await codesOf('end_date=2026-11-25')).not.toContain(code);
    expect(await codesOf('start_date=2026-11-27&end_date=2026-11-27')).not.toContain(code);
    const updates = JSON.parse((await test.app.inject({ url: '/open311/v2/servicerequestupdates.json?start_date=2026-11-26&end_date=2026-11-26' })).body) as Array<{ service_request_id: string }>;
    expect(updates.map((update) => update.service_request_id)).toContain(code);
    // 90 days counted by days: 1 September to 29 November is 90 days, to 30 November is 91.
    expect((await test.app.inject({ url: '/open311/v2/requests.json?start_date=2026-09-01&end_date=2026-11-29' })).statusCode).toBe(200);
    expect((await test.app.inject({ url: '/open311/v2/requests.json?start_date=2026-09-01&end_date=2026-11-30' })).statusCode).toBe(400);
  });
});

describe('Open311 dates with an unencoded "+"', () => {
  it('reads start_date=…T00:00:00+07:00 sent without %2B (its "+" arrives as a space) as the +07:00 it was, not as a datetime without a zone', async () => {
    const response = await post('json', goodRequest().toString());
    const code = (JSON.parse(response.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    for (const list of ['requests', 'servicerequestupdates']) {
      const plain = await test.app.inject({ url: `/open311/v2/${list}.json?start_date=2026-11-26T00:00:00+07:00&end_date=2026-11-26T23:59:59+07:00` });
      const encoded = await test.app.inject({ url: `/open311/v2/${list}.json?start_date=2026-11-26T00:00:00%2B07:00&end_date=2026-11-26T23:59:59%2B07:00` });
      expect(plain.statusCode, list).toBe(200);
      expect(plain.body).toBe(encoded.body);
      expect(plain.body).toContain(code);
    }
    // A space anywhere else is still no date.
    const spaced = await test.app.inject({ url: '/open311/v2/requests.json?start_date=2026-11-26 00:00:00Z' });
    expect(spaced.statusCode).toBe(400);
    expect(JSON.parse(spaced.body)).toEqual([{ code: 400, description: 'Giá trị của "start_date" không hợp lệ.' }]);
  });
});

describe('Open311 address', () => {
  it('redacts a phone number, a name and a house number typed in address_string before publishing it, and keeps a place as sent', async () => {
    const typed = 'Số 15 ngõ 7, trước cửa nhà ông Nguyễn Văn Bình, gọi 0987 111 222';
    const response = await post('json', goodRequest({ address_string: typed }).toString());
    expect(response.statusCode).toBe(200);
    const code = (JSON.parse(response.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const stored = await test.ctx.db.selectFrom('cases_items').select('address').where('code', '=', code).executeTakeFirstOrThrow();
    expect(stored.address).toBe(typed);
    const [one] = JSON.parse((await test.app.inject({ url: `/open311/v2/requests/${code}.json` })).body) as Array<{ address: string }>;
    expect(one!.address).toBe('[đã ẩn địa chỉ], trước cửa nhà ông [đã ẩn họ tên], gọi [đã ẩn số điện thoại]');
    const listed = await test.app.inject({ url: `/open311/v2/requests.xml?service_request_id=${code}`, headers: { 'accept-language': 'en' } });
    for (const secret of ['0987 111 222', 'Nguyễn Văn Bình', 'Số 15']) expect(listed.body).not.toContain(secret);
    expect(listed.body).toContain('<address>[address removed], trước cửa nhà ông [name removed], gọi [phone removed]</address>');
    const place = await post('json', goodRequest({ address_string: 'Ngã tư chợ Như Quỳnh, gần nhà văn hóa thôn' }).toString());
    const placeCode = (JSON.parse(place.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    expect((JSON.parse((await test.app.inject({ url: `/open311/v2/requests/${placeCode}.json` })).body) as Array<{ address: string }>)[0]!.address).toBe('Ngã tư chợ Như Quỳnh, gần nhà văn hóa thôn');
  });
});

describe('Open311 errors met before routing', () => {
  it('answers an undecodable path (400) and an id too long to exist (404) with the spec\'s error list in the suffix\'s format, not problem+json', async () => {
    const cases = [
      { url: '/open311/v2/requests/%E0%A4.json', status: 400, format: 'json' },
      { url: '/open311/v2/tokens/%ZZ.xml', status: 400, format: 'xml' },
      { url: `/open311/v2/requests/${'A'.repeat(300)}.json`, status: 404, format: 'json' },
      { url: `/open311/v2/services/${'A'.repeat(300)}.xml`, status: 404, format: 'xml' },
    ] as const;
    for (const { url, status, format } of cases) {
      const response = await test.app.inject({ url });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type'], url).toBe(format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      if (format === 'json') expect(JSON.parse(response.body), url).toEqual([{ code: status, description: status === 404 ? 'Không tìm thấy tài nguyên.' : expect.stringMatching(/^Địa chỉ \(URL\) có ký tự không đọc được/) }]);
      else expect(response.body, url).toMatch(new RegExp(`^<\\?xml version="1.0" encoding="utf-8"\\?>\\n<errors><error><code>${status}</code><description>`));
    }
    const en = await test.app.inject({ url: '/open311/v2/requests/%E0%A4.json', headers: { 'accept-language': 'en' } });
    expect(JSON.parse(en.body)).toEqual([{ code: 400, description: expect.stringMatching(/^The URL has characters that cannot be read/) }]);
    // The rest of the API keeps problem+json.
    const api = await test.app.inject({ url: '/api/v1/cases/%E0%A4' });
    expect(api.statusCode).toBe(400);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });
});

describe('Open311 format suffix', () => {
  it('names a suffix other than .xml or .json as the format not supported (404, as XML), on every resource', async () => {
    for (const [url, suffix] of [['/open311/v2/services.csv', 'csv'], ['/open311/v2/requests.html?status=open', 'html'], [`/open311/v2/services/${feedbackService}.txt`, 'txt'], ['/open311/v2/requests/NQ-2611-ABCDE.yaml', 'yaml'], ['/open311/v2/tokens/abc.pdf', 'pdf']] as const) {
      const response = await test.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toBe('text/xml; charset=utf-8');
      expect(response.body, url).toContain(`<errors><error><code>404</code><description>Định dạng &quot;${suffix}&quot; không được hỗ trợ; dùng .xml hoặc .json.</description></error></errors>`);
    }
    const en = await test.app.inject({ url: '/open311/v2/discovery.yml', headers: { 'accept-language': 'en' } });
    expect(en.body).toContain('<description>Format &quot;yml&quot; is not supported; use .xml or .json.</description>');
    // A path that is simply not there is still "not found".
    expect(JSON.parse((await test.app.inject({ url: '/open311/v2/nothing-here.json' })).body)).toEqual([{ code: 404, description: 'Không tìm thấy tài nguyên.' }]);
  });
});

describe('Open311 ids with a percent sign', () => {
  it('reads an id as the router decoded it, once: %25E0 is an unknown id (404 naming it), not a crash answered as "service unavailable"; %2541 is not read as A', async () => {
    const created = await post('json', goodRequest().toString());
    const code = (JSON.parse(created.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    for (const [url, id] of [['/open311/v2/requests/%25E0%25A4.json', '%E0%A4'], [`/open311/v2/services/%25E0.json`, '%E0'], ['/open311/v2/tokens/%25.json', '%']] as const) {
      const response = await test.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect((JSON.parse(response.body) as Array<{ code: number; description: string }>)[0], url).toEqual({ code: 404, description: expect.stringContaining(`"${id}"`) });
    }
    // The last character of the code written as %2541 (the text "%41" once decoded) names no request.
    const doubled = `${code.slice(0, -1)}%25${code.charCodeAt(code.length - 1).toString(16).toUpperCase()}`;
    expect((await test.app.inject({ url: `/open311/v2/requests/${doubled}.json` })).statusCode).toBe(404);
    expect((await test.app.inject({ url: `/open311/v2/requests/${code}.json` })).statusCode).toBe(200);
  });
});

describe('Open311 bodies of another type or too large', () => {
  it('tells a multipart, XML or untyped body what to send, and an oversized one its limit, each a 400 in the spec\'s list; nothing is created', async () => {
    const caseCount = async () => Number((await test.ctx.db.selectFrom('cases_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await caseCount();
    const fields = goodRequest().toString();
    for (const contentType of ['multipart/form-data; boundary=xx', 'text/xml', 'application/octet-stream', undefined]) {
      const response = await test.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: contentType ? { 'content-type': contentType } : {}, payload: fields });
      expect(response.statusCode, contentType).toBe(400);
      expect(JSON.parse(response.body), contentType).toEqual([{ code: 400, description: expect.stringMatching(/^Nội dung yêu cầu phải được gửi dạng application\/x-www-form-urlencoded \(theo GeoReport v2\) hoặc application\/json/) }]);
    }
    const en = await post('xml', fields, { 'content-type': 'text/xml', 'accept-language': 'en' });
    expect(en.body).toContain('<description>Send the request body as application/x-www-form-urlencoded (GeoReport v2) or application/json;');
    const huge = await post('json', goodRequest({ description: 'x'.repeat(1_100_000) }).toString());
    expect(huge.statusCode).toBe(400);
    expect(JSON.parse(huge.body)).toEqual([{ code: 400, description: 'Nội dung yêu cầu quá lớn; mô tả (description) tối đa 4000 ký tự.' }]);
    expect(await caseCount()).toBe(before);
  });
});

describe('Open311 errors naming a long value', () => {
  it('repeat at most its first 100 characters, with "…", not the whole megabyte sent', async () => {
    const long = `Đ${'a'.repeat(200_000)}`;
    const shown = `Đ${'a'.repeat(99)}…`;
    const jurisdiction = await test.app.inject({ url: `/open311/v2/services.json?jurisdiction_id=${encodeURIComponent(long)}` });
    expect(jurisdiction.statusCode).toBe(404);
    expect(JSON.parse(jurisdiction.body)).toEqual([{ code: 404, description: `Không có đơn vị hành chính với mã jurisdiction_id "${shown}".` }]);
    const service = await post('xml', goodRequest({ service_code: long }).toString());
    expect(service.statusCode).toBe(404);
    expect(service.body).toContain(`<description>Không có loại yêu cầu (service_code) &quot;${shown}&quot;.</description>`);
    expect(service.body.length).toBeLessThan(500);
    const listed = await test.app.inject({ url: `/open311/v2/requests.json?service_code=${encodeURIComponent(long)}` });
    expect(JSON.parse(listed.body)).toEqual([{ code: 404, description: `Không có loại yêu cầu (service_code) "${shown}".` }]);
    // A short value is named whole.
    expect(JSON.parse((await test.app.inject({ url: '/open311/v2/services/NOPE-PAKN.json' })).body)).toEqual([{ code: 404, description: 'Không có loại yêu cầu (service_code) "NOPE-PAKN".' }]);
  });
});

describe('Open311 page and page_size', () => {
  it('take digits only: 0x2, 1e2, 0b10 or 2.0 is a 400 naming the parameter, on both lists', async () => {
    for (const list of ['requests', 'servicerequestupdates']) {
      for (const [name, value] of [['page', '0x2'], ['page', '2.0'], ['page_size', '1e2'], ['page_size', '0b10']] as const) {
        const response = await test.app.inject({ url: `/open311/v2/${list}.json?${name}=${value}` });
        expect(response.statusCode, `${list} ${name}=${value}`).toBe(400);
        expect(JSON.parse(response.body)).toEqual([{ code: 400, description: `Giá trị của "${name}" không hợp lệ.` }]);
      }
      expect((await test.app.inject({ url: `/open311/v2/${list}.json?page=2&page_size=100` })).statusCode).toBe(200);
    }
  });
});
