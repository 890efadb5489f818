import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn } from '../../../test/kit/auth.js';
import { buildTestApp, testDialect, type TestApp } from '../../../test/kit/app.js';
import { verifyAuditChain } from '../audit/audit-log.js';
import { newId } from '../contract/ids.js';
import { insertCommune } from '../tenancy/repository.js';
import { demoCommune } from '../tenancy/demo.js';

let t: TestApp;
let communeId: string;
let admin: { cookie: string; csrfToken: string };
let officer: { cookie: string; csrfToken: string };

beforeAll(async () => {
  t = await buildTestApp();
  communeId = newId();
  await insertCommune(t.ctx.db, { id: communeId, ...demoCommune, isDemo: false }, new Date().toISOString());
  await createTestUser(t.ctx, { kind: 'staff', communeId, email: 'admin@test.vn', password: 'mat-khau-rat-dai-1', roles: [{ role: 'admin' }] });
  await createTestUser(t.ctx, { kind: 'staff', communeId, email: 'officer@test.vn', password: 'mat-khau-rat-dai-2', roles: [{ role: 'officer' }] });
  admin = await signIn(t.app, 'admin@test.vn', 'mat-khau-rat-dai-1');
  officer = await signIn(t.app, 'officer@test.vn', 'mat-khau-rat-dai-2');
});
afterAll(async () => t?.close());

const post = (path: string, session: { cookie: string; csrfToken: string }, payload: string, contentType = 'application/json') =>
  t.app.inject({ method: 'POST', url: path, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': contentType } });

describe(`HTTP foundation on ${testDialect}`, () => {
  it('answers health and readiness with the dialect and version', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', db: testDialect, version: expect.any(String) });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', db: testDialect, migrations: 'current' });
  });

  it('serves OpenAPI generated from the contracts', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toContain('/api/v1/admin/areas');
  });

  it('sends strict security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('sends the JSON API its own strict set: nothing loads, nothing frames, nothing is cached', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['x-frame-options']).toBe('DENY');
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers['referrer-policy']).toBe('no-referrer');
    // An unknown API address is answered as a document (no route decided otherwise), still framed by nobody.
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/khong-co' });
    expect(missing.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    // The API's documentation is an HTML page and keeps the document set.
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.headers['content-security-policy']).not.toBe("default-src 'none'; frame-ancestors 'none'");
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
  });

  it('every registered route declares a known permission', () => {
    const routes = t.app.declaredRoutes;
    expect(routes.length).toBeGreaterThan(20);
    const known = (permission: string) => permission === 'public' || permission === 'authenticated' || t.ctx.permissions.has(permission);
    expect(routes.filter((route) => !known(route.permission))).toEqual([]);
    // Admin routes are never public.
    expect(routes.filter((route) => route.url.startsWith('/api/v1/admin/') && route.permission === 'public')).toEqual([]);
  });

  it('refuses a route that forgets its permission', async () => {
    const { createHttpServer } = await import('./server.js');
    const server = await createHttpServer(t.ctx, { resolveActor: async () => null, verifyCsrf: () => undefined });
    expect(() => server.get('/forgotten', async () => 'x')).toThrow(/does not declare its permission/);
    expect(() => server.get('/unknown-permission', { config: { permission: 'nobody.knows' } }, async () => 'x')).toThrow(/unknown permission/);
    await server.close();
  });

  it('answers unknown routes with a Vietnamese problem, English on request', async () => {
    const vi = await t.app.inject({ method: 'GET', url: '/api/v1/khong-co' });
    expect(vi.statusCode).toBe(404);
    expect(vi.headers['content-type']).toContain('application/problem+json');
    expect(vi.json().detail).toContain('Không có địa chỉ');
    const en = await t.app.inject({ method: 'GET', url: '/api/v1/khong-co', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.json().detail).toContain('There is no');
  });

  it('rejects bad input with 4xx problems and writes nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/areas', headers: { cookie: admin.cookie } })).json().length;
    const malformed = await post('/api/v1/admin/areas', admin, '{"code": "X1", "name": ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().detail).toMatch(/không đọc được/);
    const unknownField = await post('/api/v1/admin/areas', admin, JSON.stringify({ code: 'X1', name: 'Thôn X', kind: 'thon', mayor: 'x' }));
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().errors).toEqual([expect.objectContaining({ field: 'mayor' })]);
    const wrongType = await post('/api/v1/admin/areas', admin, JSON.stringify({ code: 'X1', name: 'Thôn X', kind: 'thon', householdCount: 'many' }));
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors[0].field).toBe('householdCount');
    const missing = await post('/api/v1/admin/areas', admin, JSON.stringify({ code: 'X1', kind: 'thon' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ field: 'name', message: 'Vui lòng nhập mục này.' }]);
    const oversized = await post('/api/v1/admin/areas', admin, JSON.stringify({ code: 'X1', name: 'x'.repeat(2 * 1024 * 1024), kind: 'thon' }));
    expect(oversized.statusCode).toBe(413);
    expect(oversized.headers['content-type']).toContain('application/problem+json');
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/areas', headers: { cookie: admin.cookie } })).json().length;
    expect(after).toBe(before);
  });

  it('lets an admin create an area, audited; an officer gets 403; a duplicate code 409', async () => {
    const created = await post('/api/v1/admin/areas', admin, JSON.stringify({ code: 'THON-MOI', name: 'Thôn Mới', kind: 'thon', householdCount: 120 }));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'THON-MOI', name: 'Thôn Mới', householdCount: 120, isActive: true });
    const duplicate = await post('/api/v1/admin/areas', admin, JSON.stringify({ code: 'THON-MOI', name: 'Thôn Khác', kind: 'thon' }));
    expect(duplicate.statusCode).toBe(409);
    const forbidden = await post('/api/v1/admin/areas', officer, JSON.stringify({ code: 'THON-2', name: 'Thôn 2', kind: 'thon' }));
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/admin/areas', payload: { code: 'THON-3', name: 'Thôn 3', kind: 'thon' } });
    expect([401, 403]).toContain(anonymous.statusCode);
    const audit = await t.app.inject({ method: 'GET', url: `/api/v1/admin/audit?entityId=${created.json().id}`, headers: { cookie: admin.cookie } });
    expect(audit.json().items).toEqual([expect.objectContaining({ action: 'tenancy.area.created', entityType: 'area' })]);
    const chains = await verifyAuditChain(t.ctx.db);
    expect(chains.every((chain) => chain.firstBroken === null)).toBe(true);
  });

  it('checks who calls before the body: an unauthorised caller gets 401/403 without the list of fields a route takes', async () => {
    await createTestUser(t.ctx, { kind: 'resident', communeId, email: 'resident@test.vn', password: 'mat-khau-rat-dai-3' });
    const resident = await signIn(t.app, 'resident@test.vn', 'mat-khau-rat-dai-3');
    const send = (method: 'POST' | 'PUT', url: string, session: { cookie: string; csrfToken: string } | null) =>
      t.app.inject({ method, url, payload: {}, headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {} });
    const refused = [
      [await send('POST', '/api/v1/admin/cases/categories', null), 401],
      [await send('PUT', '/api/v1/admin/cases/settings', null), 401],
      [await send('PUT', '/api/v1/admin/cases/settings', resident), 403],
      [await send('POST', '/api/v1/admin/cases/categories', officer), 403],
      [await send('POST', '/api/v1/admin/areas', resident), 403],
      [await send('POST', `/api/v1/cases/${newId()}/actions`, resident), 403],
      [await send('POST', `/api/v1/cases/${newId()}/supervision-notes`, officer), 403],
      [await send('POST', '/api/v1/auth/totp/enable', null), 401],
    ] as const;
    for (const [response, status] of refused) {
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().errors).toBeUndefined();
      expect(response.body).not.toMatch(/nameVi|kinds|defaultUnitId|field/);
    }
    // The caller with the right still gets the fields named.
    const invalid = await send('POST', '/api/v1/admin/cases/categories', admin);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.length).toBeGreaterThan(0);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/admin/areas', payload: { code: 'THON-4', name: 'Thôn 4', kind: 'thon' }, headers: { cookie: admin.cookie } });
    expect(response.statusCode).toBe(403);
  });
});
