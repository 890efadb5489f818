import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserCookies } from '../../../test/kit/auth.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';
import { ACCOUNT_WRITE_LIMIT } from './server/limits.js';

/**
 * Spam defence on public writes: a limit per address (each route's own) and one per signed-in
 * account, shared by every public write of the module, so changing address does not reset it.
 */
describe('cases: public writes are limited per address and per account', () => {
  let t: CasesTestApp;
  let code: string;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    const submitted = await t.inject('POST', '/api/v1/cases', t.anonymous, {
      kind: 'feedback',
      categoryId: t.categoryIds.ROADS,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Cống thoát nước bị tắc',
      description: 'Cống thoát nước đầu ngõ 4 bị tắc, nước tràn lên mặt đường khi mưa.',
      privacy: 'handler_only',
      submitter: { fullName: 'Ngô Văn Giới Hạn', address: 'Tổ dân phố 2', phone: '0912 000 444' },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    code = submitted.json().code;
  });
  afterAll(async () => t.close());

  /** Follow the case as `session`, from the given client address. */
  const follow = (session: BrowserCookies, remoteAddress: string, payload: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1/cases/${code}/follow?lang=en`, remoteAddress, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, payload });

  it('stops a signed-in account after its budget even when every request comes from a new address', async () => {
    const resident = await t.resident();
    for (let index = 0; index < ACCOUNT_WRITE_LIMIT.max; index += 1) {
      const response = await follow(resident, `10.1.0.${index + 1}`);
      expect(response.statusCode, response.body).toBe(200);
    }
    const refused = await follow(resident, '10.1.1.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().detail).toMatch(/seconds|giây/);
    // The title is a whole sentence; only the detail names the wait (no "{seconds}" left anywhere).
    expect(refused.json().title).toBe('Too many requests.');
    expect(refused.json().detail).toBe(`Too many requests. Please try again in ${refused.headers['retry-after']} seconds.`);

    // Another account from the same last address is not affected.
    const other = await t.resident();
    expect((await follow(other, '10.1.1.1')).statusCode).toBe(200);
  });

  it('does not count anonymous writes per account: each address has its own limit', async () => {
    for (let index = 0; index < ACCOUNT_WRITE_LIMIT.max + 2; index += 1) {
      const response = await follow(t.anonymous, `10.2.0.${index + 1}`, { email: `theo.doi.${index}@example.vn` });
      expect(response.statusCode, response.body).toBe(200);
    }
  });

  it('still limits one address however many accounts it uses', async () => {
    // Three accounts, each well under its own budget, share one address (the route allows 30 per address).
    const accounts = [await t.resident(), await t.resident(), await t.resident()];
    const statuses: number[] = [];
    for (let index = 0; index < 31; index += 1) statuses.push((await follow(accounts[index % 3]!, '10.3.0.1')).statusCode);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('a portal form past its limit answers a page that says how long to wait, without a raw placeholder', async () => {
    const post = () => t.app.inject({ method: 'POST', url: `/tra-cuu/${code}/theo-doi`, remoteAddress: '10.5.0.1', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=hang.xom%40example.vn' });
    for (let index = 0; index < 20; index += 1) expect((await post()).statusCode).not.toBe(429);
    const refused = await post();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('text/html');
    expect(refused.body).toContain(`Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ${refused.headers['retry-after']} giây.`);
    expect(refused.body).not.toContain('{seconds}');
  });

  it('limits status lookups per address: no quota headers while under it, 429 with Retry-After past it', async () => {
    const lookup = () => t.app.inject({ method: 'GET', url: `/api/v1/cases/${code}`, remoteAddress: '10.4.0.1' });
    const first = await lookup();
    expect(first.statusCode).toBe(200);
    expect(Object.keys(first.headers).filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
    for (let index = 1; index < 120; index += 1) expect((await lookup()).statusCode).toBe(200);
    const refused = await lookup();
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['x-ratelimit-limit']).toBe('120');
    // Another address is not affected.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${code}`, remoteAddress: '10.4.0.2' })).statusCode).toBe(200);
  });
});
