/**
 * What a reader needs to follow a request elsewhere:
 * - the Open311 `media_url` reaches the staff case API (the back office shows it as an external link),
 *   and nothing new reaches the public status;
 * - a merge names the other request and where to follow it: Open311 status_notes and the update feed
 *   give its code and its status page `/tra-cuu/<code>`, the portal links it, and the case merged into
 *   says on its public timeline which request was merged into it;
 * - on sealed kinds (denunciations, anonymous corruption reports) neither side names the other
 *   (LAW-DENUNC-11): a code is the only key to a denouncer's status page.
 * Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCommunes, findAreas } from '../../../../core/tenancy/index.js';
import { buildTestApp, createTestClock, type TestApp } from '../../../../../test/kit/app.js';
import { anonymousCsrf, createTestUser, signIn, type BrowserCookies } from '../../../../../test/kit/auth.js';
import { getPublicCaseView, livePublicCaseView } from '../use-cases/read-cases.js';
import { open311RequestFields } from './open311-test-kit.js';

const clock = createTestClock('2026-11-26T03:00:00.000Z');
let test: TestApp;
let communeId: string;
let feedbackService: string;
let leader: BrowserCookies;

const staffGet = (url: string) => test.app.inject({ url, headers: { cookie: leader.cookie } });
const act = async (id: string, body: Record<string, unknown>) => {
  const response = await test.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions`, headers: { cookie: leader.cookie, 'x-csrf-token': leader.csrfToken }, payload: body });
  expect(response.statusCode, response.body).toBe(200);
};

/** File a feedback through Open311 POST; its code and id. */
async function filedThroughOpen311(extra: Record<string, string> = {}): Promise<{ id: string; code: string }> {
  const body = new URLSearchParams(open311RequestFields(feedbackService, extra));
  const response = await test.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
  expect(response.statusCode, response.body).toBe(200);
  const code = (JSON.parse(response.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
  const { id } = await test.ctx.db.selectFrom('cases_items').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return { id, code };
}

const open311Request = async (code: string, locale = 'vi') =>
  (JSON.parse((await test.app.inject({ url: `/open311/v2/requests/${code}.json`, headers: { 'accept-language': locale } })).body) as Array<Record<string, unknown>>)[0]!;
const open311Updates = async (locale = 'vi') =>
  JSON.parse((await test.app.inject({ url: '/open311/v2/servicerequestupdates.json', headers: { 'accept-language': locale } })).body) as Array<{ service_request_id: string; status: string; description: string }>;
const statusPage = async (code: string) => (await test.app.inject({ url: `/tra-cuu/${code}`, headers: { accept: 'text/html' } })).body;
const publicJson = async (code: string, lang = 'vi') => (await test.app.inject({ url: `/api/v1/cases/${code}?lang=${lang}` })).body;

beforeAll(async () => {
  test = await buildTestApp({ clock: clock.clock, seedDemo: true });
  const [commune] = await findCommunes(test.ctx.db);
  communeId = commune!.id;
  const services = JSON.parse((await test.app.inject({ url: '/open311/v2/services.json' })).body) as Array<{ service_code: string }>;
  feedbackService = services.find((service) => service.service_code.endsWith('-PAKN'))!.service_code;
  const user = await createTestUser(test.ctx, { kind: 'staff', communeId, roles: [{ role: 'leader' }] });
  leader = await signIn(test.app, user.identifier, user.password);
});

afterAll(async () => {
  await test?.close();
});

describe('Open311 media_url for staff', () => {
  it('is in the staff case API, and nowhere new in the public status', async () => {
    const mediaUrl = 'https://anh.doitac.example/photos/den-duong.jpg?size=large&v=2';
    const filed = await filedThroughOpen311({ media_url: mediaUrl });
    const detail = await staffGet(`/api/v1/cases/${filed.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ channel: 'open311', mediaUrl });

    // The public status (API, stored and live, and the portal page) shows neither the link nor its host.
    for (const body of [await publicJson(filed.code), await publicJson(filed.code, 'en'), await statusPage(filed.code)]) {
      expect(body).not.toContain('anh.doitac.example');
      expect(body).not.toMatch(/media/i);
    }
    expect(await getPublicCaseView(test.ctx, filed.code, 'vi')).toEqual(await livePublicCaseView(test.ctx, filed.code, 'vi'));

    const without = await filedThroughOpen311();
    expect((await staffGet(`/api/v1/cases/${without.id}`)).json()).toMatchObject({ mediaUrl: null });
  });
});

describe('a merged request names the request it was merged into, and where to follow it', () => {
  it('in Open311 status_notes and the update feed, both ways', async () => {
    const target = await filedThroughOpen311();
    const duplicate = await filedThroughOpen311();
    await act(duplicate.id, { type: 'merge', intoCode: target.code });
    const url = (code: string) => `${test.ctx.config.publicUrl}/tra-cuu/${code}`;

    expect(await open311Request(duplicate.code)).toMatchObject({ status: 'closed', status_notes: `Đã gộp vào yêu cầu ${target.code} trùng nội dung. Theo dõi yêu cầu đó tại ${url(target.code)}` });
    expect((await open311Request(duplicate.code, 'en')).status_notes).toBe(`Merged into request ${target.code} about the same issue. Follow it at ${url(target.code)}`);
    expect(url(target.code)).toMatch(new RegExp(`/tra-cuu/${target.code}$`));

    const updates = await open311Updates();
    expect(updates.filter((update) => update.service_request_id === duplicate.code).pop()).toEqual(expect.objectContaining({ status: 'DUPLICATE', description: `Đã gộp vào yêu cầu ${target.code} trùng nội dung. Theo dõi yêu cầu đó tại ${url(target.code)}` }));
    // The request merged into says so in its own updates, with the other request's code and page.
    expect(updates.filter((update) => update.service_request_id === target.code).pop()).toEqual(expect.objectContaining({ status: 'OPEN', description: `Yêu cầu ${duplicate.code} trùng nội dung đã được gộp vào yêu cầu này (${url(duplicate.code)}).` }));
    expect((await open311Updates('en')).filter((update) => update.service_request_id === target.code).pop()?.description).toBe(`Request ${duplicate.code} about the same issue was merged into this one (${url(duplicate.code)}).`);
  });

  it('on the portal status pages, as links, and on the public timeline of the case merged into', async () => {
    const target = await filedThroughOpen311();
    const duplicate = await filedThroughOpen311();
    await act(duplicate.id, { type: 'merge', intoCode: target.code });

    const mergedPage = await statusPage(duplicate.code);
    expect(mergedPage).toContain(`Việc được giải quyết chung tại hồ sơ <a href="/tra-cuu/${target.code}">${target.code}</a>`);
    expect(mergedPage).toContain(`Gộp vào hồ sơ <a href="/tra-cuu/${target.code}">${target.code}</a>.`);

    const targetView = await getPublicCaseView(test.ctx, target.code, 'vi');
    expect(targetView.timeline.at(-1)).toMatchObject({ event: 'cases.case.merged_in', note: duplicate.code });
    expect(targetView).toEqual(await livePublicCaseView(test.ctx, target.code, 'vi'));
    const targetPage = await statusPage(target.code);
    expect(targetPage).toContain('Một việc trùng nội dung được gộp vào');
    expect(targetPage).toContain(`Hồ sơ <a href="/tra-cuu/${duplicate.code}">${duplicate.code}</a> cùng nội dung đã được gộp vào hồ sơ này.`);

    // Staff see the same line on the case merged into.
    const staffTimeline = (await staffGet(`/api/v1/cases/${target.id}`)).json() as { timeline: Array<{ event: string; isPublic: boolean; publicNote: string | null }> };
    expect(staffTimeline.timeline.at(-1)).toMatchObject({ event: 'cases.case.merged_in', isPublic: true, publicNote: duplicate.code });
  });

  it('LAW-DENUNC-11: on denunciations neither public page names the other case, whoever reads it', async () => {
    const anonymous = await anonymousCsrf(test.app);
    const { id: categoryId } = await test.ctx.db.selectFrom('cases_categories').select('id').where('commune_id', '=', communeId).where('kinds', 'like', '%denunciation%').orderBy('sort_order').executeTakeFirstOrThrow();
    const [area] = await findAreas(test.ctx.db, communeId);
    const denounce = async (name: string) => {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: { cookie: anonymous.cookie, 'x-csrf-token': anonymous.csrfToken },
        payload: {
          kind: 'denunciation',
          categoryId,
          areaId: area!.id,
          title: 'Tố cáo cán bộ nhận tiền khi chứng thực',
          description: 'Cán bộ yêu cầu nộp thêm tiền ngoài lệ phí khi chứng thực giấy tờ.',
          privacy: 'handler_only',
          submitter: { fullName: name, address: 'Thôn Như Quỳnh 2', phone: '0912000111', idNumber: '001203004111' },
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as { id: string; code: string; accessToken: string | null };
    };
    const target = await denounce('Trần Thị Bình');
    const duplicate = await denounce('Lê Văn Cường');
    await act(duplicate.id, { type: 'merge', intoCode: target.code });

    // The merged case: its status and a neutral sentence, never the other code (stored, live, English, the denouncer's own link).
    const readings = [await publicJson(duplicate.code), await publicJson(duplicate.code, 'en'), await statusPage(duplicate.code)];
    if (duplicate.accessToken) readings.push(JSON.stringify(await getPublicCaseView(test.ctx, duplicate.code, 'vi', { accessToken: duplicate.accessToken })));
    for (const body of readings) expect(body).not.toContain(target.code);
    expect(JSON.parse(await publicJson(duplicate.code))).toMatchObject({ status: 'merged' });
    expect(await statusPage(duplicate.code)).toContain('Để giữ bí mật cho người tố cáo, mã của hồ sơ kia không hiển thị ở đây.');

    // The case merged into: nothing public about the merge; staff see it, with the code, internally.
    for (const body of [await publicJson(target.code), await publicJson(target.code, 'en'), await statusPage(target.code)]) {
      expect(body).not.toContain(duplicate.code);
      expect(body).not.toContain('merged_in');
    }
    expect(await getPublicCaseView(test.ctx, target.code, 'vi')).toEqual(await livePublicCaseView(test.ctx, target.code, 'vi'));
    const staffTimeline = (await staffGet(`/api/v1/cases/${target.id}`)).json() as { timeline: Array<{ event: string; isPublic: boolean; publicNote: string | null; internalNote: string | null }> };
    expect(staffTimeline.timeline.at(-1)).toMatchObject({ event: 'cases.case.merged_in', isPublic: false, publicNote: null, internalNote: duplicate.code });
  });
});
