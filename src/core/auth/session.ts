import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { DomainError } from '../contract/errors.js';
import { newId } from '../contract/ids.js';
import type { Db, Tx } from '../db/database.js';
import { deleteSessionById, findGrantsOfUser, findSessionByTokenHash, findUserById, insertSession, touchSession } from './repository.js';
import type { Actor } from './roles.js';
import type { SessionStage } from './tables.js';
import { csrfTokenFromCookie, hashToken, isSameSecret, newRandomToken } from './tokens.js';

export const SESSION_COOKIE = 'td_session';
export const CSRF_COOKIE = 'td_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

// Idle timeouts: staff hold personal data of many residents, so their sessions end sooner.
export const STAFF_IDLE_MINUTES = 8 * 60;
export const RESIDENT_IDLE_MINUTES = 30 * 24 * 60;
/** How long the password step stays valid while the user fetches their authenticator code. */
export const TOTP_PENDING_MINUTES = 5;
export const TOTP_PENDING_MAX_ATTEMPTS = 5;
// Touching last_seen on every request would turn each read into a write; once a minute is enough.
const TOUCH_INTERVAL_MS = 60_000;

export function idleMinutesFor(kind: 'staff' | 'resident'): number {
  return kind === 'staff' ? STAFF_IDLE_MINUTES : RESIDENT_IDLE_MINUTES;
}

const addMinutes = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

export interface IssuedSession {
  /** The raw token for the cookie; only its SHA-256 is stored. */
  token: string;
  sessionId: string;
  maxAgeSeconds: number;
}

/** Create a session row (active or waiting for the TOTP code) and return its raw token. */
export async function issueSession(db: Db | Tx, user: { id: string; commune_id: string; kind: 'staff' | 'resident' }, stage: SessionStage, now: Date): Promise<IssuedSession> {
  const token = newRandomToken();
  const sessionId = newId(now.getTime());
  const minutes = stage === 'totp_pending' ? TOTP_PENDING_MINUTES : idleMinutesFor(user.kind);
  await insertSession(db, { communeId: user.commune_id, id: sessionId, tokenHash: hashToken(token), userId: user.id, stage, now: now.toISOString(), expiresAt: addMinutes(now, minutes) });
  return { token, sessionId, maxAgeSeconds: minutes * 60 };
}

/** Set the session cookie: httpOnly, SameSite=Lax, Secure behind HTTPS. Without a max age it ends with the browser. */
export function setSessionCookie(reply: FastifyReply, token: string, ctx: AppContext, options: { maxAgeSeconds?: number } = {}): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: ctx.config.isSecureCookies, ...(options.maxAgeSeconds ? { maxAge: options.maxAgeSeconds } : {}) });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const token = request.cookies[SESSION_COOKIE];
  return token && token.length <= 128 ? token : undefined;
}

const CSRF_COOKIE_MAX_AGE_SECONDS = 30 * 24 * 3600;

/** Give the visitor a CSRF cookie when missing, and return the token their forms and JSON writes must echo. */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  let cookieValue = request.cookies[CSRF_COOKIE];
  if (!cookieValue || !/^[\w-]{32,64}$/.test(cookieValue)) {
    cookieValue = newRandomToken();
    const ctx = request.server.ctx;
    // Kept for 30 days, not the browser session: a phone that closes its browser mid-form must not
    // turn the resident's next "Continue" into an expired-form page.
    reply.setCookie(CSRF_COOKIE, cookieValue, { httpOnly: true, sameSite: 'lax', path: '/', secure: ctx.config.isSecureCookies, maxAge: CSRF_COOKIE_MAX_AGE_SECONDS });
    // Later calls in the same request (several forms on one page) reuse this value.
    request.cookies[CSRF_COOKIE] = cookieValue;
  }
  return csrfTokenFromCookie(request.server.ctx.config.sessionSecret, cookieValue);
}

/** Server-rendered forms post `_csrf` with their fields; drop it before parsing with a strict contract schema. */
export function withoutCsrfField<T>(body: T): T {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const { [CSRF_FIELD]: _ignored, ...rest } = body as Record<string, unknown>;
  return rest as T;
}

function submittedCsrfToken(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string' && header) return header;
  const body = request.body as Record<string, unknown> | undefined | null;
  const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  if (typeof field === 'string') return field;
  // Multipart fields arrive as { value } objects.
  if (field && typeof field === 'object' && typeof (field as { value?: unknown }).value === 'string') return (field as { value: string }).value;
  return undefined;
}

const EXPECTED_TOKENS_KEPT = 10_000;

export interface AuthHooks {
  /** Null at once for a request without a session cookie (most public reads); else the session's actor. */
  resolveActor: (request: FastifyRequest) => Actor | null | Promise<Actor | null>;
  verifyCsrf: (request: FastifyRequest) => void;
}

/** The two callbacks core/http needs: who is calling, and whether their write carries our CSRF token. */
export function createAuthHooks(ctx: AppContext): AuthHooks {
  function resolveActor(request: FastifyRequest): Actor | null | Promise<Actor | null> {
    const token = sessionTokenOf(request);
    return token ? actorOfSession(token) : null;
  }

  async function actorOfSession(token: string): Promise<Actor | null> {
    const session = await findSessionByTokenHash(ctx.db, hashToken(token));
    if (!session || session.stage !== 'active') return null;
    const now = ctx.clock();
    if (new Date(session.expires_at) <= now) {
      await deleteSessionById(ctx.db, session.id);
      return null;
    }
    const user = await findUserById(ctx.db, session.user_id);
    if (!user || user.is_active !== 1) return null;
    if (now.getTime() - new Date(session.last_seen_at).getTime() >= TOUCH_INTERVAL_MS) {
      await touchSession(ctx.db, session.id, now.toISOString(), addMinutes(now, idleMinutesFor(user.kind)));
    }
    const grants = await findGrantsOfUser(ctx.db, user.id);
    return { userId: user.id, kind: user.kind, displayName: user.display_name, communeId: user.commune_id, grants, sessionId: session.id };
  }

  // The expected token is an HMAC of the cookie, which a browser sends unchanged for its whole
  // visit: remember the most recent ones (bounded) instead of keying an HMAC on every write.
  const expectedTokens = new Map<string, string>();
  function expectedCsrfToken(cookieValue: string): string {
    let token = expectedTokens.get(cookieValue);
    if (token === undefined) {
      token = csrfTokenFromCookie(ctx.config.sessionSecret, cookieValue);
      if (expectedTokens.size >= EXPECTED_TOKENS_KEPT) expectedTokens.delete(expectedTokens.keys().next().value!);
      expectedTokens.set(cookieValue, token);
    }
    return token;
  }

  function verifyCsrf(request: FastifyRequest): void {
    const cookieValue = request.cookies[CSRF_COOKIE];
    const submitted = submittedCsrfToken(request);
    if (!cookieValue || !submitted || !isSameSecret(expectedCsrfToken(cookieValue), submitted)) {
      throw new DomainError('forbidden', 'errors.csrf');
    }
  }

  return { resolveActor, verifyCsrf };
}
