/**
 * A 429 answer reads as whole sentences in both languages: the title says what happened (no
 * "{seconds}" left in it), the detail says how long to wait, from the limiter that refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../../../test/kit/auth.js';
import { buildTestApp, type TestApp } from '../../../test/kit/app.js';
import { seedDemoTenancy } from '../tenancy/demo.js';
import { AUTH_RATE_LIMITS } from '../auth/routes.js';

describe('http: the rate-limited problem', () => {
  let t: TestApp;
  let user: { identifier: string; password: string };

  beforeAll(async () => {
    t = await buildTestApp();
    const seed = await seedDemoTenancy(t.ctx);
    user = await createTestUser(t.ctx, { kind: 'resident', communeId: seed.communeId });
  });
  afterAll(async () => t.close());

  /** Sign in with the right password from one address until the route's own limit refuses. */
  async function signInUntilRefused(remoteAddress: string, lang: 'vi' | 'en') {
    const session = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', remoteAddress });
    const cookie = [session.headers['set-cookie']].flat().filter(Boolean).map((value) => String(value).split(';')[0]).join('; ');
    const csrfToken = session.json<{ csrfToken: string }>().csrfToken;
    const attempt = () => t.app.inject({ method: 'POST', url: `/api/v1/auth/sign-in?lang=${lang}`, remoteAddress, headers: { cookie, 'x-csrf-token': csrfToken }, payload: { identifier: user.identifier, password: user.password } });
    for (let index = 0; index < AUTH_RATE_LIMITS.signIn.max; index += 1) {
      const response = await attempt();
      expect(response.statusCode, response.body).toBe(200);
    }
    const refused = await attempt();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    return refused;
  }

  it('a rate-limited sign-in answers a complete Vietnamese title and a detail with the wait', async () => {
    const refused = await signInUntilRefused('10.9.0.1', 'vi');
    const seconds = Number(refused.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    const problem = refused.json<{ title: string; detail: string; type: string; status: number }>();
    expect(problem.status).toBe(429);
    expect(problem.title).toBe('Bạn gửi quá nhiều yêu cầu.');
    expect(problem.detail).toBe(`Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ${seconds} giây.`);
    expect(problem.type).toBe('https://tiengdan.vn/problems/rateLimited');
    expect(refused.body).not.toMatch(/\{\w+\}/);
  });

  it('the same in English', async () => {
    const refused = await signInUntilRefused('10.9.0.2', 'en');
    const seconds = Number(refused.headers['retry-after']);
    const problem = refused.json<{ title: string; detail: string }>();
    expect(problem.title).toBe('Too many requests.');
    expect(problem.detail).toBe(`Too many requests. Please try again in ${seconds} seconds.`);
    expect(refused.body).not.toMatch(/\{\w+\}/);
  });
});
