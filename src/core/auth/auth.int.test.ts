import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { anonymousCsrf, createTestUser, mergeCookies, signIn, TEST_PASSWORD } from '../../../test/kit/auth.js';
import { buildTestApp, createTestClock, type TestApp } from '../../../test/kit/app.js';
import { findAuditRows } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { newId } from '../contract/ids.js';
import { findOutboxEvents } from '../jobs/outbox.js';
import { insertCommune, insertUnit } from '../tenancy/repository.js';
import { generateTotpCode } from './totp.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function insertTestCommune(ctx: AppContext, code = '10105'): Promise<string> {
  const id = newId();
  await insertCommune(
    ctx.db,
    {
      id,
      code,
      slug: `xa-${code}`,
      name: `Xã Thử ${code}`,
      kind: 'xa',
      provinceCode: '01',
      provinceName: 'Hà Nội',
      formerDistrictCode: null,
      formerDistrictName: null,
      governmentModel: 'two_tier',
      contact: { address: 'Thôn 1', phone: '0243 825 1234', email: 'ubnd@example.vn', receptionPlace: 'Trụ sở', receptionHours: '7:30–11:30' },
      trackingPrefix: 'XT',
      isDemo: false,
    },
    new Date().toISOString(),
  );
  return id;
}

async function setup(options: { clock?: () => Date } = {}) {
  current = await buildTestApp(options);
  const communeId = await insertTestCommune(current.ctx);
  return { app: current.app, ctx: current.ctx, communeId };
}

const post = (app: FastifyInstance, url: string, browser: { cookie: string; csrfToken: string } | null, payload?: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, headers: { ...(browser ? { cookie: browser.cookie, 'x-csrf-token': browser.csrfToken } : {}), ...headers }, ...(payload ? { payload } : {}) });

const sessionOf = async (app: FastifyInstance, cookie: string) => (await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).json();

describe('sign-up', () => {
  it('opens a resident account by phone, signs it in, and refuses a second one (409)', async () => {
    const { app, communeId } = await setup();
    const browser = await anonymousCsrf(app);
    const response = await post(app, '/api/v1/auth/sign-up', browser, { displayName: 'Nguyễn Thị Lan', phone: '+84 912 345 678', password: 'lua-chin-vang-dong' });
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toMatchObject({ phone: '0912345678', kind: 'resident', communeId });
    const sessionCookie = response.cookies.find((cookie) => cookie.name === 'td_session')!;
    expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const session = await sessionOf(app, mergeCookies(browser.cookie, response));
    expect(session.user.displayName).toBe('Nguyễn Thị Lan');
    expect(session.grants).toEqual([{ role: 'resident', communeId, unitId: null, areaId: null }]);

    const again = await post(app, '/api/v1/auth/sign-up', browser, { displayName: 'Lan', phone: '0912.345.678', password: 'lua-chin-vang-dong' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });

  it('opens an account by e-mail in the chosen commune', async () => {
    const { app, ctx } = await setup();
    const second = await insertTestCommune(ctx, '10106');
    const browser = await anonymousCsrf(app);
    const response = await post(app, '/api/v1/auth/sign-up', browser, { displayName: 'Trần Văn Minh', email: 'Minh@Example.vn', password: 'lua-chin-vang-dong', communeId: second });
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toMatchObject({ email: 'minh@example.vn', communeId: second });
    const signedIn = await signIn(app, 'minh@example.vn', 'lua-chin-vang-dong');
    expect((await sessionOf(app, signedIn.cookie)).user.email).toBe('minh@example.vn');
  });

  it('answers bad input with a 400 problem naming the field, in Vietnamese or English', async () => {
    const { app } = await setup();
    const browser = await anonymousCsrf(app);
    const body = { displayName: 'Lan', phone: '12345', password: '1234567890', extra: 1 };
    const vi = await post(app, '/api/v1/auth/sign-up', browser, body);
    expect(vi.statusCode).toBe(400);
    expect(vi.headers['content-type']).toContain('application/problem+json');
    const viErrors = vi.json().errors as Array<{ field: string; message: string }>;
    expect(viErrors.map((error) => error.field).sort()).toEqual(['extra', 'password', 'phone']);
    expect(viErrors.find((error) => error.field === 'phone')!.message).toContain('Số điện thoại không đúng');

    const en = await post(app, '/api/v1/auth/sign-up', browser, body, { 'accept-language': 'en' });
    expect(en.json().errors.find((error: { field: string }) => error.field === 'password').message).toBe('This password is too easy to guess. Please choose another one.');
  });

  it('asks which commune when there are several', async () => {
    const { app, ctx } = await setup();
    await insertTestCommune(ctx, '10107');
    const response = await post(app, '/api/v1/auth/sign-up', await anonymousCsrf(app), { displayName: 'Lan', email: 'lan@example.vn', password: 'lua-chin-vang-dong' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('communeId');
  });
});

describe('sign-in, sign-out and CSRF', () => {
  it('signs in and out; sign-out deletes the session row', async () => {
    const { app, ctx, communeId } = await setup();
    const user = await createTestUser(ctx, { kind: 'resident', communeId, phone: '0987654321' });
    const browser = await signIn(app, '098 765 4321', user.password);
    expect((await sessionOf(app, browser.cookie)).user.id).toBe(user.id);
    const out = await post(app, '/api/v1/auth/sign-out', browser);
    expect(out.statusCode).toBe(200);
    expect(await ctx.db.selectFrom('auth_sessions').selectAll().execute()).toEqual([]);
    expect((await sessionOf(app, browser.cookie)).user).toBeNull();
  });

  it('refuses a write without the CSRF token (403) and accepts it with the token', async () => {
    const { app, ctx, communeId } = await setup();
    const staff = await createTestUser(ctx, { kind: 'staff', communeId, roles: [{ role: 'leader' }] });
    const browser = await signIn(app, staff.identifier, staff.password);
    const missing = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: { cookie: browser.cookie } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().detail).toBe('Phiên biểu mẫu đã hết hạn. Vui lòng tải lại trang và gửi lại.');
    const wrong = await post(app, '/api/v1/auth/totp/setup', { cookie: browser.cookie, csrfToken: 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    const ok = await post(app, '/api/v1/auth/totp/setup', browser);
    expect(ok.statusCode).toBe(200);
    // Once the server knows this cookie's token, a wrong token is still refused, and the right
    // token does not travel to another browser's cookie.
    expect((await post(app, '/api/v1/auth/totp/setup', { cookie: browser.cookie, csrfToken: 'y'.repeat(43) })).statusCode).toBe(403);
    const other = await anonymousCsrf(app);
    const session = browser.cookie.split('; ').filter((pair) => !pair.startsWith(`${other.cookie.split('=')[0]}=`));
    expect((await post(app, '/api/v1/auth/totp/setup', { cookie: [...session, other.cookie].join('; '), csrfToken: browser.csrfToken })).statusCode).toBe(403);
    expect((await post(app, '/api/v1/auth/totp/setup', { cookie: [...session, other.cookie].join('; '), csrfToken: other.csrfToken })).statusCode).toBe(200);
  });

  it('delays after each wrong password and locks after 5 failures (429 with Retry-After)', async () => {
    const testClock = createTestClock();
    const { app, ctx, communeId } = await setup({ clock: testClock.clock });
    const user = await createTestUser(ctx, { kind: 'resident', communeId });
    const browser = await anonymousCsrf(app);
    const attempt = (password: string) => post(app, '/api/v1/auth/sign-in', browser, { identifier: user.identifier, password });

    expect((await attempt('sai-mat-khau-1')).statusCode).toBe(401);
    const tooSoon = await attempt('sai-mat-khau-2');
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.headers['retry-after']).toBe('1');
    for (let failure = 2; failure <= 5; failure += 1) {
      testClock.advance(60_000);
      expect((await attempt(`sai-mat-khau-${failure}`)).statusCode).toBe(401);
    }
    testClock.advance(60_000);
    const locked = await attempt(user.password);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBe(14 * 60);
    expect(locked.json().title).toBe('Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 14 phút.');
    testClock.advance(15 * 60_000);
    expect((await attempt(user.password)).statusCode).toBe(200);
  });
});

describe('two-factor sign-in (TOTP)', () => {
  it('sets up, enables with a code, then asks for a code at sign-in', async () => {
    const testClock = createTestClock();
    const { app, ctx, communeId } = await setup({ clock: testClock.clock });
    const staff = await createTestUser(ctx, { kind: 'staff', communeId, roles: [{ role: 'leader' }] });
    let browser = await signIn(app, staff.identifier, staff.password);

    const setupResponse = await post(app, '/api/v1/auth/totp/setup', browser);
    const { secret, uri } = setupResponse.json<{ secret: string; uri: string }>();
    expect(uri).toContain(`secret=${secret}`);
    const stored = await ctx.db.selectFrom('auth_users').select(['totp_pending_secret_sealed']).where('id', '=', staff.id).executeTakeFirstOrThrow();
    expect(stored.totp_pending_secret_sealed).not.toContain(secret);
    expect((await post(app, '/api/v1/auth/totp/enable', browser, { code: '000000' })).statusCode).toBe(400);
    const enabled = await post(app, '/api/v1/auth/totp/enable', browser, { code: generateTotpCode(secret, testClock.clock()) });
    expect(enabled.json()).toEqual({ hasTotp: true });
    await post(app, '/api/v1/auth/sign-out', browser);

    testClock.advance(60_000);
    browser = await anonymousCsrf(app);
    const first = await post(app, '/api/v1/auth/sign-in', browser, { identifier: staff.identifier, password: staff.password });
    expect(first.json()).toEqual({ status: 'totp_required' });
    browser = { ...browser, cookie: mergeCookies(browser.cookie, first) };
    expect((await sessionOf(app, browser.cookie)).user).toBeNull();
    const wrong = await post(app, '/api/v1/auth/sign-in/totp', browser, { code: '123456' === generateTotpCode(secret, testClock.clock()) ? '654321' : '123456' });
    expect(wrong.statusCode).toBe(400);
    const second = await post(app, '/api/v1/auth/sign-in/totp', browser, { code: generateTotpCode(secret, testClock.clock()) });
    expect(second.json()).toEqual({ status: 'signed_in' });
    browser = { ...browser, cookie: mergeCookies(browser.cookie, second) };
    expect((await sessionOf(app, browser.cookie)).user).toMatchObject({ id: staff.id, hasTotp: true });

    const audit = await findAuditRows(ctx.db, { communeId, entityId: staff.id, limit: 10, offset: 0 });
    expect(audit.map((row) => row.action).sort()).toEqual(['auth.totp.enabled', 'auth.totp.setup-started']);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('is for staff only', async () => {
    const { app, ctx, communeId } = await setup();
    const resident = await createTestUser(ctx, { kind: 'resident', communeId });
    const browser = await signIn(app, resident.identifier, resident.password);
    expect((await post(app, '/api/v1/auth/totp/setup', browser)).statusCode).toBe(403);
  });
});

describe('password reset', () => {
  const tokenOf = (resetUrl: unknown) => new URL(String(resetUrl)).searchParams.get('token')!;

  it('queues an e-mail event, accepts the token once, and answers the same for unknown addresses', async () => {
    const testClock = createTestClock();
    const { app, ctx, communeId } = await setup({ clock: testClock.clock });
    const user = await createTestUser(ctx, { kind: 'resident', communeId, email: 'hoa@example.vn' });
    const browser = await anonymousCsrf(app);

    const known = await post(app, '/api/v1/auth/password-reset/request', browser, { email: 'Hoa@example.vn' });
    const unknown = await post(app, '/api/v1/auth/password-reset/request', browser, { email: 'nobody@example.vn' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    const events = await findOutboxEvents(ctx.db, { name: 'auth.password-reset.requested' });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ userId: user.id, email: 'hoa@example.vn', locale: 'vi' });
    const token = tokenOf(events[0]!.payload.resetUrl);
    const stored = await ctx.db.selectFrom('auth_password_reset_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const confirm = await post(app, '/api/v1/auth/password-reset/confirm', browser, { token, password: 'mat-khau-moi-rat-dai' });
    expect(confirm.statusCode).toBe(200);
    await signIn(app, 'hoa@example.vn', 'mat-khau-moi-rat-dai');
    const reuse = await post(app, '/api/v1/auth/password-reset/confirm', browser, { token, password: 'mat-khau-khac-nua-1' });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().errors[0].field).toBe('token');
  });

  it('refuses an expired token', async () => {
    const testClock = createTestClock();
    const { app, ctx, communeId } = await setup({ clock: testClock.clock });
    await createTestUser(ctx, { kind: 'resident', communeId, email: 'hoa@example.vn' });
    const browser = await anonymousCsrf(app);
    await post(app, '/api/v1/auth/password-reset/request', browser, { email: 'hoa@example.vn' });
    const [event] = await findOutboxEvents(ctx.db, { name: 'auth.password-reset.requested' });
    testClock.advance(61 * 60_000);
    const late = await post(app, '/api/v1/auth/password-reset/confirm', browser, { token: tokenOf(event!.payload.resetUrl), password: 'mat-khau-moi-rat-dai' });
    expect(late.statusCode).toBe(400);
    const signInOld = await post(app, '/api/v1/auth/sign-in', browser, { identifier: 'hoa@example.vn', password: TEST_PASSWORD });
    expect(signInOld.statusCode).toBe(200);
  });
});

describe('user administration', () => {
  it('lets an admin create a staff account, grant a role and reset its 2FA, with audit rows', async () => {
    const { app, ctx, communeId } = await setup();
    const unitId = newId();
    await insertUnit(ctx.db, communeId, unitId, { code: 'VP', name: 'Văn phòng UBND', kind: 'office' }, new Date().toISOString());
    const admin = await createTestUser(ctx, { kind: 'staff', communeId, roles: [{ role: 'admin' }] });
    const browser = await signIn(app, admin.identifier, admin.password);

    const created = await post(app, '/api/v1/admin/users', browser, { displayName: 'Phạm Thị Thu', email: 'thu@xa.gov.vn', password: 'mat-khau-ban-dau-1', grants: [{ role: 'officer', unitId }] });
    expect(created.statusCode).toBe(201);
    const staffId = created.json().id as string;
    expect(created.json().grants).toEqual([{ role: 'officer', communeId, unitId, areaId: null }]);
    expect(created.body).not.toContain('mat-khau-ban-dau-1');

    const granted = await app.inject({ method: 'PUT', url: `/api/v1/admin/users/${staffId}/grants`, headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrfToken }, payload: { grants: [{ role: 'leader' }, { role: 'officer', unitId }] } });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().grants.map((grant: { role: string }) => grant.role).sort()).toEqual(['leader', 'officer']);

    const badUnit = await app.inject({ method: 'PUT', url: `/api/v1/admin/users/${staffId}/grants`, headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrfToken }, payload: { grants: [{ role: 'officer', unitId: newId() }] } });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().errors[0].field).toBe('grants.0.unitId');

    const list = await app.inject({ method: 'GET', url: '/api/v1/admin/users?q=pham thi&kind=staff', headers: { cookie: browser.cookie } });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: staffId }] });

    const updated = await app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${staffId}`, headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrfToken }, payload: { displayName: 'Phạm Thu', isActive: false } });
    expect(updated.json()).toMatchObject({ displayName: 'Phạm Thu', isActive: false });
    expect((await post(app, `/api/v1/admin/users/${staffId}/totp/reset`, browser)).statusCode).toBe(200);

    const audit = await findAuditRows(ctx.db, { communeId, entityType: 'auth_user', limit: 20, offset: 0 });
    expect(audit.map((row) => row.action).sort()).toEqual(['auth.user.created', 'auth.user.grants-set', 'auth.user.totp-reset', 'auth.user.updated']);
    expect(audit.every((row) => row.actor_user_id === admin.id)).toBe(true);
    expect(audit.map((row) => row.details).join(' ')).not.toMatch(/mat-khau|Phạm|thu@xa/);
  });

  it('forbids non-admins (403) and lets leaders read only', async () => {
    const { app, ctx, communeId } = await setup();
    const officerUnit = newId();
    await insertUnit(ctx.db, communeId, officerUnit, { code: 'VP', name: 'Văn phòng', kind: 'office' }, new Date().toISOString());
    const officer = await createTestUser(ctx, { kind: 'staff', communeId, roles: [{ role: 'officer', unitId: officerUnit }] });
    const leader = await createTestUser(ctx, { kind: 'staff', communeId, roles: [{ role: 'leader' }] });
    const officerBrowser = await signIn(app, officer.identifier, officer.password);
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie: officerBrowser.cookie } })).statusCode).toBe(403);
    const leaderBrowser = await signIn(app, leader.identifier, leader.password);
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie: leaderBrowser.cookie } })).statusCode).toBe(200);
    const create = await post(app, '/api/v1/admin/users', leaderBrowser, { displayName: 'X', email: 'x@xa.gov.vn', password: 'mat-khau-ban-dau-1' });
    expect(create.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/users' })).statusCode).toBe(401);
  });
});
