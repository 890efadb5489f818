/**
 * Issue 3, "Bad input": every wrong value answers a localised 4xx naming the field, never a 500, and
 * nothing is written. Each case below answered 500, or stored what no one meant to send, before its
 * fix (review of issue 3). Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typed } from '../../core/db/database.js';
import { testDialect } from '../../../test/kit/app.js';
import { buildCasesTestApp, fieldMessages, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe(`cases: bad input never answers 500 on ${testDialect}`, () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;
  let admin: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
    admin = await t.staff('admin');
  });
  afterAll(async () => t?.close());

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
  const raw = (url: string, session: { cookie: string; csrfToken: string }, contentType: string, payload: string | Buffer, extra: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': contentType, ...extra }, payload });
  const open311Services = async () => (await t.app.inject({ url: '/open311/v2/services.json' })).json() as Array<{ service_code: string }>;
  const open311 = async (body: string, extra: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded', ...extra }, payload: body });

  it('a multipart body without a boundary, or cut short, answers a localised 400 on every route that takes files', async () => {
    const { code, accessToken } = await t.submit();
    const before = await caseCount();
    const routes: Array<[string, { cookie: string; csrfToken: string }]> = [
      ['/api/v1/cases', t.anonymous],
      [`/api/v1/cases/${code}/information`, t.anonymous],
      ['/api/v1/cases/intake', officer],
    ];
    for (const [url, session] of routes) {
      const garbage = await raw(url, session, 'multipart/form-data', 'garbage', { 'accept-language': 'vi' });
      expect(garbage.statusCode, `${url}: ${garbage.body}`).toBe(400);
      expect(garbage.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(garbage.json().detail).toMatch(/không đọc được/);
      const truncated = await raw(url, session, 'multipart/form-data; boundary=zz', '--zz\r\nContent-Disposition: form-data; name="text"\r\n\r\nabc', { 'accept-language': 'en' });
      expect(truncated.statusCode, `${url}: ${truncated.body}`).toBe(400);
      expect(truncated.json().detail).toMatch(/could not be read/);
    }
    expect(accessToken).toBeTruthy();
    expect(await caseCount()).toBe(before);
  });

  it('JSON nested thousands of levels deep answers 400 on every route, the same as sign-in', async () => {
    const before = await caseCount();
    for (const depth of [5_000, 8_000]) {
      const body = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      for (const [url, session] of [
        ['/api/v1/cases', t.anonymous],
        ['/api/v1/cases/intake', officer],
        ['/api/v1/auth/sign-in', t.anonymous],
      ] as const) {
        const response = await raw(url, session, 'application/json', body, { 'accept-language': 'en' });
        expect(response.statusCode, `${url} at ${depth}: ${response.body.slice(0, 200)}`).toBe(400);
        expect(response.json().errors).toEqual([{ field: '(body)', message: expect.stringMatching(/Nested too deeply/) }]);
      }
    }
    // The JSON case of a multipart submission too.
    const boundary = '----tiengdan-deep';
    const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const multipart = await raw('/api/v1/cases', t.anonymous, `multipart/form-data; boundary=${boundary}`, [`--${boundary}`, 'Content-Disposition: form-data; name="payload"', '', deep, `--${boundary}--`, ''].join('\r\n'));
    expect(multipart.statusCode, multipart.body.slice(0, 200)).toBe(400);
    expect(multipart.json().errors).toEqual([expect.objectContaining({ field: 'payload' })]);
    expect(await caseCount()).toBe(before);
  });

  it('a date outside the calendar answers 400 naming the parameter, on every route that takes one', async () => {
    for (const query of ['from=0001-01-01&to=2026-12-31', 'from=2026-01-01&to=9999-12-31']) {
      for (const path of ['/api/v1/cases/indicators', '/api/v1/cases/indicators.csv']) {
        const response = await t.inject('GET', `${path}?${query}&lang=en`, leader);
        expect(response.statusCode, `${path}?${query}: ${response.body}`).toBe(400);
        const field = query.startsWith('from=0001') ? 'from' : 'to';
        expect(fieldMessages(response.json())).toEqual({ [`querystring.${field}`]: 'Enter a date between 0100-01-02 and 9999-12-30.' });
      }
    }
    // The edges themselves are dates the calendar and both databases keep.
    for (const path of ['/api/v1/cases/indicators', '/api/v1/cases/indicators.csv']) {
      const edges = await t.inject('GET', `${path}?from=0100-01-02&to=9999-12-30`, leader);
      expect(edges.statusCode, `${path}: ${edges.body.slice(0, 300)}`).toBe(200);
    }
    expect((await t.inject('GET', '/api/v1/cases?receivedFrom=0100-01-02&receivedTo=9999-12-30', officer)).statusCode).toBe(200);
    for (const query of ['start_date=0100-01-02', 'end_date=9999-12-30']) expect((await t.app.inject({ url: `/open311/v2/requests.json?${query}` })).statusCode, query).toBe(200);
    const list = await t.inject('GET', '/api/v1/cases?receivedFrom=0001-01-01', officer);
    expect(list.statusCode, list.body).toBe(400);
    expect(fieldMessages(list.json())).toEqual({ 'querystring.receivedFrom': expect.stringMatching(/Nhập một ngày từ 0100-01-02 đến 9999-12-30/) });
    const calendar = await t.inject('PUT', '/api/v1/admin/calendar/overrides/0001-01-01', admin, { kind: 'day_off', note: 'Nghỉ bù' });
    expect(calendar.statusCode, calendar.body).toBe(400);
    expect(Object.keys(fieldMessages(calendar.json()))).toEqual(['params.date']);
    for (const query of ['start_date=0001-01-01', 'end_date=0001-01-01', 'start_date=9999-12-31']) {
      for (const path of ['/open311/v2/requests.json', '/open311/v2/servicerequestupdates.json']) {
        const response = await t.app.inject({ url: `${path}?${query}` });
        expect(response.statusCode, `${path}?${query}: ${response.body}`).toBe(400);
        expect(response.json()).toEqual([{ code: 400, description: expect.stringMatching(query.startsWith('start') ? /start_date/ : /end_date/) }]);
      }
    }
  });

  it('text that cannot be read or reads backwards is refused by field, and a title of zero-width spaces is empty', async () => {
    const before = await caseCount();
    // A lone surrogate (stored as bytes that are not UTF-8).
    const lone = await raw('/api/v1/cases?lang=en', t.anonymous, 'application/json', JSON.stringify(submission()).replace('Đèn đường hỏng', '\\ud800 đường hỏng'));
    expect(lone.statusCode, lone.body).toBe(400);
    expect(fieldMessages(lone.json())).toEqual({ title: expect.stringMatching(/could not be read/) });
    // Bytes that are not UTF-8 (decoded as U+FFFD).
    const bytes = Buffer.concat([Buffer.from(JSON.stringify(submission()).split('Đèn đường hỏng')[0]!), Buffer.from([0xff, 0xfe]), Buffer.from(` đường hỏng${JSON.stringify(submission()).split('Đèn đường hỏng')[1]!}`)]);
    const undecodable = await raw('/api/v1/cases', t.anonymous, 'application/json', bytes);
    expect(undecodable.statusCode, undecodable.body).toBe(400);
    expect(fieldMessages(undecodable.json())).toEqual({ title: expect.stringMatching(/không đọc được/) });
    // A right-to-left override ("Trojan source").
    const bidi = await t.inject('POST', '/api/v1/cases?lang=en', t.anonymous, submission({ description: 'Đèn đường trước nhà \u202Evăn hóa bị hỏng nhiều ngày.' }));
    expect(bidi.statusCode, bidi.body).toBe(400);
    expect(fieldMessages(bidi.json())).toEqual({ description: expect.stringMatching(/text-direction/) });
    const isolate = await t.inject('POST', '/api/v1/cases/intake', officer, { channel: 'walk_in', ...submission({ submitter: { fullName: 'Nguyễn \u2067Văn An', phone: '0912345678' } }) });
    expect(isolate.statusCode, isolate.body).toBe(400);
    expect(Object.keys(fieldMessages(isolate.json()))).toEqual(['submitter.fullName']);
    // Zero-width spaces only: as empty as nothing at all.
    const zeroWidth = await t.inject('POST', '/api/v1/cases?lang=en', t.anonymous, submission({ title: '\u200B\u200B\u200B\u200B\u200B\u200B' }));
    expect(zeroWidth.statusCode, zeroWidth.body).toBe(400);
    expect(Object.keys(fieldMessages(zeroWidth.json()))).toEqual(['title']);
    // Open311: bytes that are not UTF-8 in a form field.
    const serviceCode = (await open311Services()).find((service) => service.service_code.endsWith('-PAKN'))!.service_code;
    const form = Buffer.concat([
      Buffer.from(new URLSearchParams({ api_key: 'nhuquynh-demo-key', service_code: serviceCode, lat: '21.0012', long: '105.9871', 'attribute[submitter_address]': 'Tổ dân phố Như Quỳnh 1' }).toString()),
      Buffer.from('&description=%C4%90%C3%A8n+'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('+tr%C6%B0%E1%BB%9Bc+nh%C3%A0+v%C4%83n+h%C3%B3a+b%E1%BB%8B+h%E1%BB%8Fng.'),
    ]);
    const open311Raw = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form });
    expect(open311Raw.statusCode, open311Raw.body).toBe(400);
    expect(open311Raw.json()).toEqual([{ code: 400, description: expect.stringMatching(/description/) }]);
    expect(await caseCount()).toBe(before);
  });

  it('the portal form drops a bidi control and keeps the text; a title of zero-width spaces is asked for again with every other answer kept', async () => {
    const answers = (title: string) => ({
      _csrf: t.anonymous.csrfToken,
      _step: 'check',
      _action: 'submit',
      website: '',
      kind: 'feedback',
      categoryId: t.categoryIds.ROADS!,
      areaId: t.areaIds['TDP-NQ1']!,
      title,
      description: 'Cống thoát nước ở ngõ 7 bị tắc hơn một tuần, mưa xuống nước tràn vào nhà.',
      privacy: 'handler_only',
      fullName: 'Lê Thị Dấu Cách',
      phone: '0912 000 778',
      submitterAddress: 'Số 9, tổ dân phố Như Quỳnh 1',
    });
    const post = (title: string, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/gui-phan-anh/gui', remoteAddress, headers: { cookie: t.anonymous.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(answers(title)).toString() });
    const before = await caseCount();
    const blank = await post('\u200B\u200B\u200B\u200B\u200B\u200B', '10.40.0.1');
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Hãy nhập tiêu đề ngắn.');
    for (const answer of ['Cống thoát nước ở ngõ 7 bị tắc hơn một tuần, mưa xuống nước tràn vào nhà.', 'Lê Thị Dấu Cách', '0912 000 778']) expect(blank.body).toContain(answer);
    expect(await caseCount()).toBe(before);
    const bidi = await post('Cống \u202Ethoát nước ngõ 7', '10.40.0.2');
    expect(bidi.statusCode, bidi.body.slice(0, 300)).toBe(303);
    const stored = await typed<{ cases_items: { title: string } }>(t.ctx.db).selectFrom('cases_items').select('title').where('title', 'like', 'Cống%ngõ 7').executeTakeFirstOrThrow();
    expect(stored.title).toBe('Cống thoát nước ngõ 7');
  });

  it('a path that cannot be decoded answers a localised 400 with the security headers: a page for a browser, problem+json for the API', async () => {
    const page = await t.app.inject({ url: '/tra-cuu/%ff', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-language']).toBe('vi');
    expect(page.body).toContain('Địa chỉ không hợp lệ');
    expect(page.body).not.toContain('FST_ERR_BAD_URL');
    const api = await t.app.inject({ url: '/api/v1/cases/%00%ff', headers: { 'accept-language': 'en' } });
    expect(api.statusCode).toBe(400);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.json()).toMatchObject({ status: 400, detail: expect.stringMatching(/address is not valid/) });
    expect(api.body).not.toContain('FST_ERR_BAD_URL');
  });

  it('Open311 refuses a repeated single-valued parameter by name, never taking the first', async () => {
    const before = await caseCount();
    const serviceCode = (await open311Services()).find((service) => service.service_code.endsWith('-PAKN'))!.service_code;
    const base = () =>
      new URLSearchParams({ api_key: 'nhuquynh-demo-key', service_code: serviceCode, lat: '21.0012', long: '105.9871', description: 'Đèn đường trước nhà văn hóa bị hỏng đã một tuần.', 'attribute[submitter_address]': 'Tổ dân phố Như Quỳnh 1' });
    for (const name of ['service_code', 'description']) {
      const body = base();
      body.append(name, name === 'service_code' ? 'KHAC-PAKN' : 'Một mô tả khác, đủ dài để được nhận.');
      const response = await open311(body.toString());
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toEqual([{ code: 400, description: expect.stringMatching(new RegExp(`"${name}".*một lần`)) }]);
    }
    const english = base();
    english.append('description', 'x');
    const en = await open311(english.toString(), { 'accept-language': 'en' });
    expect(en.json()).toEqual([{ code: 400, description: 'Send "description" once: a request that repeats it is refused.' }]);
    expect(await caseCount()).toBe(before);
    // A query's filter too: a list is comma-separated (status=open,closed), never the first of two.
    for (const url of ['/open311/v2/requests.json?status=open&status=closed', '/open311/v2/servicerequestupdates.json?page=1&page=2']) {
      const repeated = await t.app.inject({ method: 'GET', url });
      expect(repeated.statusCode, url).toBe(400);
      expect(repeated.json()[0].description, url).toMatch(/một lần/);
    }
    expect((await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?status=open,closed' })).statusCode).toBe(200);
  });

  it('a value of the wrong type is told only that it must be text', async () => {
    const vi = await t.inject('POST', '/api/v1/cases', t.anonymous, submission({ title: ['a', 'b'] }));
    expect(vi.statusCode).toBe(400);
    expect(vi.json().errors).toEqual([{ field: 'title', message: 'Phải là văn bản.' }]);
    const en = await t.inject('POST', '/api/v1/cases?lang=en', t.anonymous, submission({ description: 12345 }));
    expect(en.statusCode).toBe(400);
    expect(en.json().errors).toEqual([{ field: 'description', message: 'Must be text.' }]);
  });
});
