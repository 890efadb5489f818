import type { AppContext } from '../../context.js';
import { DomainError } from '../../contract/errors.js';
import type { FieldVault } from '../../crypto/field-vault.js';
import { inTransaction } from '../../db/database.js';
import { normaliseIdentifier, type SignIn, type User } from '../contract.js';
import type { Actor, RoleGrant } from '../roles.js';
import { verifyPassword } from '../password.js';
import {
  deleteSessionById,
  deleteThrottle,
  findSessionByTokenHash,
  findThrottle,
  findUserById,
  findUserByIdentifier,
  incrementSessionFailures,
  saveThrottle,
  toUser,
  updateUserRow,
} from '../repository.js';
import { issueSession, TOTP_PENDING_MAX_ATTEMPTS, type IssuedSession } from '../session.js';
import { checkThrottle, IDENTIFIER_THROTTLE, IP_THROTTLE, recordThrottleFailure, TOTP_THROTTLE, type ThrottlePolicy } from '../throttle.js';
import { hashToken } from '../tokens.js';
import { matchTotpStep, totpVaultContext } from '../totp.js';

/** A 429 that carries how long to wait, for the Retry-After header. */
export class SignInThrottledError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    reason: 'locked' | 'delayed',
  ) {
    super('rate_limited', reason === 'locked' ? 'auth.errors.locked' : 'auth.errors.tooSoon', reason === 'locked' ? { minutes: Math.ceil(retryAfterSeconds / 60) } : { seconds: retryAfterSeconds });
    this.name = 'SignInThrottledError';
  }
}

export interface SignInOutcome {
  status: 'signed_in' | 'totp_required';
  /** Put in the cookie; when `totp_required` it only unlocks the code step. */
  session: IssuedSession;
}

/** The sign-in throttle's keys for a normalised identifier and an address (the account page checks passwords under them too). */
export const signInThrottleKeys = (identifier: string, ip: string) => ({ identifier: `id:${identifier}`, ip: `ip:${ip}` });
const totpThrottleKey = (userId: string) => `totp:${userId}`;
const badCredentials = () => new DomainError('unauthenticated', 'auth.errors.badCredentials');

/** Refuse (429 with Retry-After) while any of the keys is delayed or locked. */
export async function assertNotThrottled(ctx: AppContext, keys: readonly string[], now: Date): Promise<void> {
  for (const key of keys) {
    const verdict = checkThrottle(await findThrottle(ctx.db, key), now);
    if (!verdict.isAllowed) throw new SignInThrottledError(verdict.retryAfterSeconds, verdict.reason);
  }
}

async function recordFailures(ctx: AppContext, entries: ReadonlyArray<[string, ThrottlePolicy]>, now: Date): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    for (const [key, policy] of entries) await saveThrottle(tx, key, recordThrottleFailure(await findThrottle(tx, key), now, policy));
  });
}

/** Count one wrong password against each identifier of the account and against the address. */
export async function recordSignInFailure(ctx: AppContext, identifiers: readonly string[], ip: string, now: Date): Promise<void> {
  await recordFailures(ctx, [...identifiers.map((identifier): [string, ThrottlePolicy] => [signInThrottleKeys(identifier, ip).identifier, IDENTIFIER_THROTTLE]), [signInThrottleKeys('', ip).ip, IP_THROTTLE]], now);
}

/**
 * Check the password (with throttling by identifier and by IP). Staff with two-factor sign-in get a
 * short-lived pending session that only the TOTP step can upgrade. Any previous session is dropped
 * (no session fixation).
 */
export async function signIn(ctx: AppContext, input: SignIn, meta: { ip: string; previousSessionToken?: string | undefined }): Promise<SignInOutcome> {
  const now = ctx.clock();
  const identifier = normaliseIdentifier(input.identifier);
  const keys = signInThrottleKeys(identifier?.value ?? input.identifier.trim().toLowerCase(), meta.ip);
  await assertNotThrottled(ctx, [keys.identifier, keys.ip], now);
  const user = identifier ? await findUserByIdentifier(ctx.db, identifier) : undefined;
  const isPasswordRight = await verifyPassword(user?.password_hash, input.password);
  if (!user || !isPasswordRight || user.is_active !== 1) {
    await recordFailures(ctx, [[keys.identifier, IDENTIFIER_THROTTLE], [keys.ip, IP_THROTTLE]], now);
    throw badCredentials();
  }
  const needsTotp = user.kind === 'staff' && user.totp_secret_sealed !== null;
  return inTransaction(ctx.db, async (tx) => {
    await deleteThrottle(tx, keys.identifier);
    if (meta.previousSessionToken) {
      const previous = await findSessionByTokenHash(tx, hashToken(meta.previousSessionToken));
      if (previous) await deleteSessionById(tx, previous.id);
    }
    if (!needsTotp) await updateUserRow(tx, user.commune_id, user.id, { last_sign_in_at: now.toISOString() });
    const session = await issueSession(tx, user, needsTotp ? 'totp_pending' : 'active', now);
    return { status: needsTotp ? 'totp_required' : 'signed_in', session };
  });
}

/**
 * Second step for staff with two-factor sign-in: a right code turns the pending session into a new
 * active one (new token). Wrong codes count towards a lock, so the 10⁶ codes cannot be walked.
 */
export async function completeTotpSignIn(ctx: AppContext, pendingToken: string | undefined, code: string): Promise<SignInOutcome> {
  const now = ctx.clock();
  const expired = () => new DomainError('unauthenticated', 'auth.errors.totpExpired');
  if (!pendingToken) throw expired();
  const pending = await findSessionByTokenHash(ctx.db, hashToken(pendingToken));
  if (!pending || pending.stage !== 'totp_pending' || new Date(pending.expires_at) <= now) throw expired();
  const user = await findUserById(ctx.db, pending.user_id);
  if (!user || user.is_active !== 1 || !user.totp_secret_sealed) throw expired();
  const throttleKey = totpThrottleKey(user.id);
  await assertNotThrottled(ctx, [throttleKey], now);
  const secret = ctx.services.get<FieldVault>('vault').open(user.totp_secret_sealed, totpVaultContext(user.id));
  const step = matchTotpStep(secret, code, now, user.totp_last_step);
  if (step === null) {
    await recordFailures(ctx, [[throttleKey, TOTP_THROTTLE]], now);
    if (pending.failed_attempts + 1 >= TOTP_PENDING_MAX_ATTEMPTS) await deleteSessionById(ctx.db, pending.id);
    else await incrementSessionFailures(ctx.db, pending.id);
    throw new DomainError('validation', 'auth.errors.totpWrong', {}, [{ field: 'code', messageKey: 'auth.errors.totpWrong' }]);
  }
  return inTransaction(ctx.db, async (tx) => {
    await deleteSessionById(tx, pending.id);
    await deleteThrottle(tx, throttleKey);
    await updateUserRow(tx, user.commune_id, user.id, { totp_last_step: step, last_sign_in_at: now.toISOString() });
    return { status: 'signed_in' as const, session: await issueSession(tx, user, 'active', now) };
  });
}

/** Sign out: the session row is deleted, so the cookie is worthless even if copied. */
export async function signOut(ctx: AppContext, sessionToken: string | undefined): Promise<void> {
  if (!sessionToken) return;
  const session = await findSessionByTokenHash(ctx.db, hashToken(sessionToken));
  if (session) await deleteSessionById(ctx.db, session.id);
}

/** Who is signed in, as the session endpoint and the shells show it: the account and its grants. */
export async function describeSession(ctx: AppContext, actor: Actor | null): Promise<{ user: User | null; grants: RoleGrant[] }> {
  if (!actor) return { user: null, grants: [] };
  const user = await findUserById(ctx.db, actor.userId);
  return user ? { user: toUser(user), grants: [...actor.grants] } : { user: null, grants: [] };
}
