/**
 * A place on the map for a case (issue 3 point 2a), through the real app: the portal's area step reads
 * pasted coordinates and map links (JavaScript off), refuses the rest on the field with the text
 * kept, stores the point rounded to six decimals, and shows it where Open311 shows lat/long, never on
 * a sealed kind (LAW-DENUNC-11). Runs on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/kit/app.js';
import { migrationsBefore } from '../../../test/kit/migrations.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';
import { getPublicCaseView, livePublicCaseView } from './server/use-cases/read-cases.js';

const HANOI_LINK = 'https://www.google.com/maps/place/X/@21.02,105.85,15z/data=!3m1!4b1!4m4!3m3!8m2!3d21.02851249!4d105.85429951';

describe(`cases: a place on the map on ${testDialect}`, () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let db: Kysely<any>;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    leader = await t.staff('leader');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    db = t.ctx.db as unknown as Kysely<any>;
  });
  afterAll(async () => t.close());

  const answers = (extra: Record<string, string> = {}) => ({
    kind: 'feedback',
    categoryId: t.categoryIds.ROADS!,
    areaId: t.areaIds['TDP-NQ1']!,
    address: 'Ngõ 7, cạnh chợ',
    title: 'Ổ gà lớn giữa đường ngõ 7',
    description: 'Ổ gà lớn giữa đường ngõ 7 đã hai tuần, xe máy đi qua rất dễ ngã.',
    privacy: 'handler_only',
    fullName: 'Đỗ Thị Bản Đồ',
    phone: '0912 000 888',
    submitterAddress: 'Số 2, tổ dân phố Như Quỳnh 1',
    wantsNotifications: 'yes',
    ...extra,
  });
  const post = (url: string, fields: Record<string, string>, lang = 'vi') =>
    t.app.inject({ method: 'POST', url: `${url}?lang=${lang}`, headers: { cookie: t.anonymous.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: t.anonymous.csrfToken, ...fields }).toString() });
  const areaStep = (location: string, lang = 'vi', kind = 'feedback') => post('/gui-phan-anh', { _step: 'area', _action: 'next', kind, categoryId: kind === 'feedback' ? t.categoryIds.ROADS! : t.categoryIds.CONDUCT!, areaId: t.areaIds['TDP-NQ1']!, address: 'Ngõ 7', location }, lang);
  const escaped = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;');
  const locationError = (body: string) => /<p id="location-error"[^>]*>([\s\S]*?)<\/p>/.exec(body)?.[1]?.replace(/<[^>]+>/g, '') ?? null;

  it('the area step reads a pasted point or map link and carries it to the next step', async () => {
    for (const location of ['21.0285, 105.8542', '21.0285,105.8542', 'https://www.google.com/maps?q=21.0285,105.8542', 'https://www.openstreetmap.org/#map=17/21.0285/105.8542', 'https://www.openstreetmap.org/?mlat=21.0285&mlon=105.8542']) {
      const response = await areaStep(location);
      expect(response.statusCode, location).toBe(200);
      expect(response.body, location).toContain('name="_step" value="text"');
      expect(response.body, location).toContain(`type="hidden" name="location" value="${escaped(location)}"`);
    }
  });

  it('the field is optional, says the point is public, and offers the location button only on kinds that are not sealed', async () => {
    const feedback = await post('/gui-phan-anh', { _step: 'category', _action: 'next', kind: 'feedback', categoryId: t.categoryIds.ROADS! });
    expect(feedback.body).toContain('Vị trí trên bản đồ (tọa độ)');
    expect(feedback.body).toContain('Vị trí được công khai cùng phản ánh');
    expect(feedback.body).toContain('data-locate="location"');
    const denunciation = await post('/gui-phan-anh', { _step: 'category', _action: 'next', kind: 'denunciation', categoryId: t.categoryIds.CONDUCT! });
    expect(denunciation.body).toContain('Vị trí không được công khai, chỉ người xử lý xem');
    expect(denunciation.body).not.toContain('data-locate');
    expect((await areaStep('')).statusCode).toBe(200);
  });

  it.each([
    ['Hà Nội, gần chợ', 'Không đọc được vị trí', 'The place could not be read'],
    ['105.8542, 21.0285', 'Có vẻ bạn ghi kinh độ trước', 'It looks as if the longitude came first'],
    ['48.8584, 2.2945', 'Vị trí này nằm ngoài vùng của xã', "This place is outside the commune's area"],
    ['95.1, 200', 'Vị trí này nằm ngoài vùng của xã', "This place is outside the commune's area"],
    ['https://maps.app.goo.gl/AbC123', 'Đường liên kết rút gọn không chứa tọa độ', 'A short link does not contain the coordinates'],
  ])('refuses %s on the field, in both languages, with the text kept', async (location, vietnamese, english) => {
    const response = await areaStep(location);
    expect(response.statusCode).toBe(400);
    expect(locationError(response.body)).toContain(vietnamese);
    expect(response.body).toContain('href="#location"');
    expect(response.body).toContain(`aria-invalid="true" name="location" value="${escaped(location)}"`);
    expect(response.body).toContain('name="_step" value="area"');
    const inEnglish = await areaStep(location, 'en');
    expect(inEnglish.statusCode).toBe(400);
    expect(locationError(inEnglish.body)?.replaceAll('&#x27;', "'")).toContain(english);
  });

  it('the swap error gives the point meant and the box expected', async () => {
    const response = await areaStep('105.8542, 21.0285');
    expect(locationError(response.body)).toContain('vĩ độ (từ 6 đến 23.5) trước, kinh độ (từ 102 đến 117.9) sau, ví dụ: 21.0285, 105.8542');
  });

  it('sends: stored rounded to six decimals, shown on the check page, the status page, the API and Open311 alike', async () => {
    const check = await post('/gui-phan-anh', { _step: 'check', _action: 'next', ...answers({ location: HANOI_LINK, reviewing: '1' }) });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Kiểm tra lại trước khi gửi');
    expect(check.body).toContain('21.028512, 105.8543');
    expect(check.body).toContain('href="https://www.openstreetmap.org/?mlat=21.028512&amp;mlon=105.8543#map=17/21.028512/105.8543" target="_blank" rel="noopener noreferrer"');

    const sent = await post('/gui-phan-anh/gui', { ...answers({ location: HANOI_LINK }) });
    expect(sent.statusCode, /td-error-summary__list">(.*?)<\/ul>/.exec(sent.body)?.[1]).toBe(303);
    const code = decodeURIComponent(String(sent.headers.location).split('/').at(-1)!);
    const row = await db.selectFrom('cases_items').select(['id', 'latitude', 'longitude']).where('code', '=', code).executeTakeFirstOrThrow();
    expect([Number(row.latitude), Number(row.longitude)]).toEqual([21.028512, 105.8543]);

    const page = await t.app.inject({ url: `/tra-cuu/${code}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Vị trí trên bản đồ');
    expect(page.body).toContain('21.028512, 105.8543');
    expect(page.body).toContain('Xem trên OpenStreetMap (mở tab mới)</a>');
    const api = (await t.inject('GET', `/api/v1/cases/${code}?lang=vi`, null)).json() as { location: unknown };
    expect(api.location).toEqual({ latitude: 21.028512, longitude: 105.8543 });
    // The stored read model and the live view agree.
    expect(await getPublicCaseView(t.ctx, code, 'vi')).toEqual(await livePublicCaseView(t.ctx, code, 'vi'));
    const open311 = (await t.app.inject({ url: `/open311/v2/requests/${code}.json` })).json() as Array<{ lat: number; long: number }>;
    expect([open311[0]?.lat, open311[0]?.long]).toEqual([21.028512, 105.8543]);

    // Staff see it on the case (the page reads the detail API).
    const detail = (await t.inject('GET', `/api/v1/cases/${row.id}`, leader)).json() as { latitude: number; longitude: number };
    expect([detail.latitude, detail.longitude]).toEqual([21.028512, 105.8543]);
  });

  it('a sealed kind keeps its point for the handler only: not on the status page, the API, the read model nor Open311 (LAW-DENUNC-11)', async () => {
    for (const kind of ['denunciation', 'corruption_report'] as const) {
      const sent = await t.submit({
        kind,
        categoryId: t.categoryIds.CONDUCT,
        title: 'Cán bộ thu tiền ngoài quy định',
        description: 'Cán bộ thu thêm tiền ngoài lệ phí khi chứng thực giấy tờ tại trụ sở.',
        latitude: 21.0285,
        longitude: 105.8542,
        ...(kind === 'denunciation' ? { privacy: 'handler_only', submitter: { fullName: 'Lê Văn Kín', address: 'Số 3 ngõ 7', phone: '0987111333' } } : { privacy: 'anonymous', submitter: undefined }),
      });
      const stored = await db.selectFrom('cases_public_status').select(['view_vi']).where('case_id', '=', sent.id).executeTakeFirstOrThrow();
      expect(Buffer.from(stored.view_vi as Uint8Array).toString('utf8')).not.toContain('105.85');
      const api = await t.inject('GET', `/api/v1/cases/${sent.code}?lang=vi`, null);
      expect(api.statusCode).toBe(200);
      expect(api.body).not.toContain('105.85');
      expect((api.json() as { location: unknown }).location).toBeNull();
      const page = await t.app.inject({ url: `/tra-cuu/${sent.code}`, headers: { accept: 'text/html' } });
      expect(page.body).not.toContain('105.85');
      expect(page.body).not.toContain('openstreetmap');
      expect((await t.app.inject({ url: `/open311/v2/requests/${sent.code}.json` })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/open311/v2/requests.json' })).body).not.toContain(sent.code);
      // The handler still has it.
      const detail = (await t.inject('GET', `/api/v1/cases/${sent.id}`, leader)).json() as { latitude: number };
      expect(detail.latitude).toBe(21.0285);
    }
  });

  it('follows the commune box set by an administrator', async () => {
    const admin = await t.staff('admin');
    const current = (await t.inject('GET', '/api/v1/admin/cases/settings', admin)).json() as Record<string, unknown>;
    expect(current.mapBounds).toEqual({ south: 6, west: 102, north: 23.5, east: 117.9 });
    const { updatedAt: _updatedAt, ...settings } = current;
    const bounds = { south: 21.1, west: 106, north: 21.2, east: 106.1 };
    const saved = await t.inject('PUT', '/api/v1/admin/cases/settings', admin, { ...settings, mapBounds: bounds });
    expect(saved.statusCode).toBe(200);
    try {
      const outside = await areaStep('21.0285, 105.8542');
      expect(outside.statusCode).toBe(400);
      expect(locationError(outside.body)).toContain('Vĩ độ phải từ 21.1 đến 21.2, kinh độ từ 106 đến 106.1');
      expect((await areaStep('21.1500, 106.0500')).statusCode).toBe(200);
      // The JSON API holds a point to the same box, on the latitude field, in the caller's language.
      const apiOutside = await t.inject('POST', '/api/v1/cases?lang=en', t.anonymous, { kind: 'feedback', categoryId: t.categoryIds.ROADS!, areaId: t.areaIds['TDP-NQ1']!, title: 'Đèn đường hỏng', description: 'Đèn đường trước nhà văn hóa bị hỏng nhiều ngày.', privacy: 'handler_only', submitter: { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' }, latitude: 21.0285, longitude: 105.8542 });
      expect(apiOutside.statusCode).toBe(400);
      expect(JSON.stringify(apiOutside.json())).toContain('latitude');
      expect(apiOutside.body).toContain("This place is outside the commune's area: the latitude must be from 21.1 to 21.2 and the longitude from 106 to 106.1.");
      expect((await t.submit({ latitude: 21.15, longitude: 106.05 })).code).toBeTruthy();
      const reversed = await t.inject('PUT', '/api/v1/admin/cases/settings', admin, { ...settings, mapBounds: { ...bounds, north: 21 } });
      expect(reversed.statusCode).toBe(400);
      expect(reversed.body).toContain('vĩ độ phía nam phải nhỏ hơn phía bắc');
    } finally {
      await t.inject('PUT', '/api/v1/admin/cases/settings', admin, { ...settings, mapBounds: current.mapBounds });
    }
  });

  it('migration 20261128T1410 marks stored views of cases with a point stale, and the job stores them with it', async () => {
    const sent = await t.submit({ latitude: 21.0301, longitude: 105.8501 });
    const migrations = await migrationsBefore(t.ctx, '20261128T1410-cases-public-status-map-point');
    const storedRow = () => db.selectFrom('cases_public_status').select(['names_vi', 'view_vi']).where('case_id', '=', sent.id).executeTakeFirstOrThrow();
    // The row as the old rendering stored it: no point.
    const oldView = JSON.parse(Buffer.from((await storedRow()).view_vi as Uint8Array).toString('utf8')) as Record<string, unknown>;
    delete oldView.location;
    await db.updateTable('cases_public_status').set({ view_vi: Buffer.from(JSON.stringify(oldView), 'utf8') }).where('case_id', '=', sent.id).execute();
    expect((await t.inject('GET', `/api/v1/cases/${sent.code}?lang=vi`, null)).json()).not.toHaveProperty('location');
    await migrations.forward();
    expect((await storedRow()).names_vi).toBe('');
    expect(((await t.inject('GET', `/api/v1/cases/${sent.code}?lang=vi`, null)).json() as { location: unknown }).location).toEqual({ latitude: 21.0301, longitude: 105.8501 });
    await t.runJobs();
    const after = await storedRow();
    expect(after.names_vi).not.toBe('');
    expect(Buffer.from(after.view_vi as Uint8Array).toString('utf8')).toContain('"location":{"latitude":21.0301,"longitude":105.8501}');
  });
});
