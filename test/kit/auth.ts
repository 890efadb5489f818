import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createResidentUser, createStaffUser } from '../../src/core/auth/create-user.js';
import type { Role } from '../../src/core/auth/roles.js';
import type { AppContext } from '../../src/core/context.js';
import { inTransaction } from '../../src/core/db/database.js';

/** The password test users get unless the test picks one. */
export const TEST_PASSWORD = 'mat-khau-thu-nghiem-2026';

export interface TestUserInput {
  kind: 'staff' | 'resident';
  communeId: string;
  roles?: ReadonlyArray<{ role: Role; unitId?: string; areaId?: string }>;
  password?: string;
  email?: string;
  phone?: string;
  displayName?: string;
  /** Whether the e-mail counts as proved to be the owner's (default true, as before e-mail verification existed). */
  isEmailVerified?: boolean;
  /** Whether the phone counts as proved to be the owner's (default true, as before phone verification existed). */
  isPhoneVerified?: boolean;
}

export interface TestUser {
  id: string;
  email: string | null;
  phone: string | null;
  password: string;
  /** What to type in the sign-in form: the e-mail, else the phone. */
  identifier: string;
}

/** An isolated account with a unique e-mail (unless a phone or e-mail is given) and the listed grants. */
export async function createTestUser(ctx: AppContext, input: TestUserInput): Promise<TestUser> {
  const password = input.password ?? TEST_PASSWORD;
  const email = input.email ?? (input.phone ? null : `test-${randomBytes(5).toString('hex')}@example.vn`);
  const phone = input.phone ?? null;
  const roles = input.roles ?? (input.kind === 'resident' ? [{ role: 'resident' as const }] : []);
  const create = input.kind === 'staff' ? createStaffUser : createResidentUser;
  const id = await inTransaction(ctx.db, (tx) =>
    create(tx, ctx, {
      communeId: input.communeId,
      displayName: input.displayName ?? (input.kind === 'staff' ? 'Cán bộ thử nghiệm' : 'Người dân thử nghiệm'),
      email,
      phone,
      password,
      emailVerifiedAt: input.isEmailVerified === false ? null : ctx.clock().toISOString(),
      phoneVerifiedAt: input.isPhoneVerified === false ? null : ctx.clock().toISOString(),
      grants: roles.map((grant) => ({ role: grant.role, unitId: grant.unitId ?? null, areaId: grant.areaId ?? null })),
    }),
  );
  return { id, email, phone, password, identifier: email ?? phone! };
}

export interface BrowserCookies {
  /** A Cookie header value carrying td_csrf (and td_session once signed in). */
  cookie: string;
  csrfToken: string;
}

/** Merge the Set-Cookie answers of a response into a Cookie header value (a cleared cookie is dropped). */
export function mergeCookies(cookie: string, response: LightMyRequestResponse): string {
  const jar = new Map(cookie.split(/;\s*/).filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const));
  for (const set of response.cookies as Array<{ name: string; value: string }>) {
    if (set.value) jar.set(set.name, set.value);
    else jar.delete(set.name);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** What a fresh browser gets on its first page: the CSRF cookie and the token forms must echo. */
export async function anonymousCsrf(app: FastifyInstance): Promise<BrowserCookies> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/auth/session' });
  if (response.statusCode !== 200) throw new Error(`GET /api/v1/auth/session answered ${response.statusCode}`);
  return { cookie: mergeCookies('', response), csrfToken: response.json<{ csrfToken: string }>().csrfToken };
}

/**
 * Sign in through the API like a browser does; throws unless the account is fully signed in. A test that
 * signs many people in gives each its own `remoteAddress`, as the sign-in rate limit counts per address.
 */
export async function signIn(app: FastifyInstance, identifier: string, password: string, options: { remoteAddress?: string } = {}): Promise<BrowserCookies> {
  const browser = await anonymousCsrf(app);
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrfToken },
    payload: { identifier, password },
  });
  if (response.statusCode !== 200 || response.json<{ status: string }>().status !== 'signed_in') {
    throw new Error(`Sign-in of ${identifier} failed: ${response.statusCode} ${response.body}`);
  }
  return { cookie: mergeCookies(browser.cookie, response), csrfToken: browser.csrfToken };
}
