/**
 * Phone verification for resident accounts. Anyone may open an account with any number, so an
 * account's phone is the owner's only once they typed a code sent to it by SMS. Until then no
 * notification goes to it by SMS (findUserContact's `isPhoneVerified`), so a mistyped or borrowed
 * number never gets a stranger's case news (LAW-PDP-06: data minimised); signing in with it keeps working.
 *
 * The code is 6 random digits made when the SMS is sent (the outbox event holds ids only, so no usable
 * secret sits in the outbox). Only an HMAC of it is stored, keyed with the server secret and the row id:
 * a million possible codes would fall to a plain hash read from a stolen copy (rotating that secret
 * only voids the codes in flight, which live minutes). It expires after
 * PHONE_VERIFICATION_TTL_MINUTES, works once, and is void after PHONE_VERIFICATION_MAX_ATTEMPTS wrong
 * tries; a new code supersedes the older ones. Sending is limited per account per hour (on top of the
 * per-IP route limit), which also bounds what a guesser gets: at most 5 tries per code, 3 codes an hour.
 * The verification is audited with the account as actor and no number (LAW-PDP: data minimised).
 */
import { createHmac, randomInt } from 'node:crypto';
import { appendAudit } from '../../audit/audit-log.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../contract/errors.js';
import { newId } from '../../contract/ids.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { Locale } from '../../i18n/translate.js';
import { countOutboxEventsSince, emitEvent } from '../../jobs/outbox.js';
import { PHONE_VERIFICATION_CODE_LENGTH } from '../contract.js';
import {
  countPhoneVerificationCodesSince,
  findGrantsOfUser,
  findLatestPhoneVerificationCode,
  findUserById,
  insertPhoneVerificationCode,
  updatePhoneVerificationCodeAttempt,
  updatePhoneVerificationCodesEnded,
  updatePhoneVerificationCodeUsed,
  updateUserRow,
  type UserRow,
} from '../repository.js';
import type { Actor } from '../roles.js';
import { isSameSecret } from '../tokens.js';

export const PHONE_VERIFICATION_TTL_MINUTES = 10;
/** Tries per code, the right one included: after this many wrong ones the code is void. */
export const PHONE_VERIFICATION_MAX_ATTEMPTS = 5;
/** At most this many codes per account per hour, whoever asks (on top of the per-IP route limit). */
export const PHONE_VERIFICATION_RESEND_PER_HOUR = 3;
/** The portal page where a signed-in resident types the code. */
export const PHONE_VERIFICATION_PATH = '/xac-minh-so-dien-thoai';
/** The outbox event that makes one verification SMS: `{ userId, locale }` (ids only). */
export const PHONE_VERIFICATION_EVENT = 'auth.phone-verification.requested';

const HOUR = 3_600_000;

/** The keyed digest stored for a code; the row id binds it to one code row. */
function codeDigest(ctx: Pick<AppContext, 'config'>, id: string, code: string): string {
  return createHmac('sha256', ctx.config.sessionSecret).update(`phone-verification:${id}:${code}`, 'utf8').digest('hex');
}

const isUnverifiedResidentPhone = (user: UserRow | undefined): user is UserRow & { phone: string } =>
  Boolean(user && user.kind === 'resident' && user.is_active === 1 && user.phone && user.phone_verified_at === null);

/** Queue a verification SMS for the account's current phone (in the caller's transaction). */
export async function queuePhoneVerification(tx: Tx, user: { id: string; communeId: string; phone: string | null }, locale: Locale, at: string): Promise<void> {
  if (!user.phone) return;
  await emitEvent(tx, { communeId: user.communeId, name: PHONE_VERIFICATION_EVENT, payload: { userId: user.id, locale }, at });
}

/**
 * Make the code for the SMS being sent now: a fresh one for the account's current, unverified phone,
 * or null when there is nothing to send (verified meanwhile, no phone, inactive, or the hour's codes spent).
 */
export async function issuePhoneVerificationCode(ctx: AppContext, userId: string): Promise<{ communeId: string; phone: string; code: string; minutes: number } | null> {
  const user = await findUserById(ctx.db, userId);
  if (!isUnverifiedResidentPhone(user)) return null;
  const now = ctx.clock();
  // Checked again here, at send time: events queued before the limit was reached send no more than it.
  if ((await countPhoneVerificationCodesSince(ctx.db, user.id, new Date(now.getTime() - HOUR).toISOString())) >= PHONE_VERIFICATION_RESEND_PER_HOUR) return null;
  const code = String(randomInt(0, 10 ** PHONE_VERIFICATION_CODE_LENGTH)).padStart(PHONE_VERIFICATION_CODE_LENGTH, '0');
  const id = newId(now.getTime());
  const expiresAt = new Date(now.getTime() + PHONE_VERIFICATION_TTL_MINUTES * 60_000).toISOString();
  await inTransaction(ctx.db, async (tx) => {
    await updatePhoneVerificationCodesEnded(tx, user.id, now.toISOString());
    await insertPhoneVerificationCode(tx, { communeId: user.commune_id, id, codeHash: codeDigest(ctx, id, code), userId: user.id, now: now.toISOString(), expiresAt });
  });
  return { communeId: user.commune_id, phone: user.phone, code, minutes: PHONE_VERIFICATION_TTL_MINUTES };
}

/** What the verification page shows a signed-in account: its phone and whether it is verified. */
export async function describePhoneVerification(ctx: AppContext, actor: Actor | null): Promise<{ phone: string | null; isVerified: boolean }> {
  const user = actor?.kind === 'resident' ? await findUserById(ctx.db, actor.userId) : undefined;
  return { phone: user?.phone ?? null, isVerified: Boolean(user?.phone && user.phone_verified_at !== null) };
}

const codeError = (messageKey: string, params: Record<string, string | number> = {}) => new DomainError('validation', messageKey, params, [{ field: 'code', messageKey, params }]);

async function residentWithPhone(ctx: AppContext, actor: Actor | null): Promise<UserRow & { phone: string }> {
  const user = actor?.kind === 'resident' ? await findUserById(ctx.db, actor.userId) : undefined;
  if (!user || !user.phone || user.is_active !== 1) throw new DomainError('invalid_state', 'auth.errors.phoneNone');
  return user as UserRow & { phone: string };
}

/**
 * Verify the signed-in resident's phone with the code of the newest SMS: the code is used up,
 * `phone_verified_at` set and the verification audited. A wrong code spends one of its tries (kept
 * even though the answer is an error); an expired, used-up or void code changes nothing and says so.
 */
export async function verifyPhone(ctx: AppContext, actor: Actor | null, code: string, meta: { requestId?: string } = {}): Promise<'verified'> {
  const user = await residentWithPhone(ctx, actor);
  if (user.phone_verified_at !== null) return 'verified';
  const given = code.replace(/\s/g, '');
  const at = ctx.clock().toISOString();
  const row = await findLatestPhoneVerificationCode(ctx.db, user.id);
  if (!row || row.used_at !== null) throw codeError('auth.errors.phoneCodeNone');
  if (row.expires_at <= at) throw codeError('auth.errors.phoneCodeExpired');
  // The try is counted before the comparison, so parallel guesses cannot go past the limit.
  if (!(await updatePhoneVerificationCodeAttempt(ctx.db, row.id, at, PHONE_VERIFICATION_MAX_ATTEMPTS))) throw codeError('auth.errors.phoneCodeVoid', { max: PHONE_VERIFICATION_MAX_ATTEMPTS });
  if (!isSameSecret(row.code_hash, codeDigest(ctx, row.id, given))) {
    const triesLeft = PHONE_VERIFICATION_MAX_ATTEMPTS - (row.attempts + 1);
    if (triesLeft <= 0) throw codeError('auth.errors.phoneCodeVoid', { max: PHONE_VERIFICATION_MAX_ATTEMPTS });
    throw codeError('auth.errors.phoneCodeWrong', { triesLeft });
  }
  return inTransaction(ctx.db, async (tx) => {
    if (!(await updatePhoneVerificationCodeUsed(tx, row.id, at))) return 'verified' as const;
    await updateUserRow(tx, user.commune_id, user.id, { phone_verified_at: at, updated_at: at });
    const grants = await findGrantsOfUser(tx, user.id);
    await appendAudit(tx, ctx.dialect, { communeId: user.commune_id, actor: { userId: user.id, grants }, action: 'auth.phone.verified', entityType: 'auth_user', entityId: user.id, details: { channel: 'sms' }, requestId: meta.requestId ?? null, at });
    return 'verified' as const;
  });
}

/**
 * Refuse (`rate_limited`, on `field`) once the account's codes for the hour are spent. Requests already
 * queued count too, not only the codes their jobs made: a page that says "sent" was sent, never silently
 * dropped by the send-time check (two taps before the first job ran did that).
 */
export async function assertPhoneCodesLeft(ctx: AppContext, userId: string, now: Date, field: string): Promise<void> {
  const since = new Date(now.getTime() - HOUR).toISOString();
  const queued = await countOutboxEventsSince(ctx.db, { name: PHONE_VERIFICATION_EVENT, payloadPrefix: `{"userId":${JSON.stringify(userId)},`, since });
  if (Math.max(queued, await countPhoneVerificationCodesSince(ctx.db, userId, since)) >= PHONE_VERIFICATION_RESEND_PER_HOUR) {
    throw new DomainError('rate_limited', 'auth.errors.phoneResendLimit', {}, [{ field, messageKey: 'auth.errors.phoneResendLimit' }]);
  }
}

/**
 * Send a new code to the signed-in resident's phone. Nothing when it is verified already; a
 * `rate_limited` error past PHONE_VERIFICATION_RESEND_PER_HOUR.
 */
export async function resendPhoneVerification(ctx: AppContext, actor: Actor | null, locale: Locale): Promise<void> {
  const user = await residentWithPhone(ctx, actor);
  if (!isUnverifiedResidentPhone(user)) return;
  const now = ctx.clock();
  await assertPhoneCodesLeft(ctx, user.id, now, 'code');
  await inTransaction(ctx.db, (tx) => queuePhoneVerification(tx, { id: user.id, communeId: user.commune_id, phone: user.phone }, locale, now.toISOString()));
}
