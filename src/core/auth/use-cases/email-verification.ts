/**
 * E-mail verification for resident accounts. Anyone may open an account with any address, so an
 * account's e-mail is the owner's only once they opened a link mailed to it. Until then nothing is
 * matched to it (follows typed with that address, LAW-PDP-04/05: only the data subject may see or
 * withdraw their consent) and a follow made with the account waits for the address owner's confirmation.
 *
 * The link carries a random token; only its SHA-256 is stored, it works once and expires after
 * EMAIL_VERIFICATION_TTL_HOURS. The token is made when the mail is sent (the outbox event holds ids
 * only), so no usable secret sits in the outbox. A GET only shows the page with a button (mail
 * scanners prefetch links, and a prefetch must not prove ownership); the button posts.
 * The verification is audited with the account as actor and no address (LAW-PDP: data minimised).
 */
import { appendAudit } from '../../audit/audit-log.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../contract/errors.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { Locale } from '../../i18n/translate.js';
import { countOutboxEventsSince, emitEvent } from '../../jobs/outbox.js';
import { countEmailVerificationTokensSince, findEmailVerificationToken, findGrantsOfUser, findTakenContacts, findUserById, insertEmailVerificationToken, isUniqueViolation, refreshUserSearchText, updateEmailVerificationTokenUsed, updateUserRow } from '../repository.js';
import type { Actor } from '../roles.js';
import { hashToken, newRandomToken } from '../tokens.js';

export const EMAIL_VERIFICATION_TTL_HOURS = 48;
/** At most this many links per account per hour, whoever asks (on top of the per-IP route limit). */
export const EMAIL_VERIFICATION_RESEND_PER_HOUR = 3;
/** The portal page the link opens (`?token=`). */
export const EMAIL_VERIFICATION_PATH = '/xac-nhan-email';
/** The outbox event that makes one verification mail: `{ userId, locale }` (ids only). */
export const EMAIL_VERIFICATION_EVENT = 'auth.email-verification.requested';
/** The outbox event that tells the old, verified address that the account's e-mail was changed: `{ userId, oldEmail, locale }`. */
export const EMAIL_CHANGED_EVENT = 'auth.email.changed';
/** Tokens are 43 base64url characters; anything longer is refused before a lookup. */
const TOKEN_MAX = 100;

/** Queue a verification mail for the account's current e-mail (in the caller's transaction). */
export async function queueEmailVerification(tx: Tx, user: { id: string; communeId: string; email: string | null }, locale: Locale, at: string): Promise<void> {
  if (!user.email) return;
  await emitEvent(tx, { communeId: user.communeId, name: EMAIL_VERIFICATION_EVENT, payload: { userId: user.id, locale }, at });
}

/**
 * Make the link for the mail being sent now: a fresh single-use token for the address waiting to be
 * proved (a requested new e-mail first, else the account's current unverified one), or null when there
 * is nothing to verify (verified meanwhile, no e-mail, inactive).
 */
export async function issueEmailVerificationLink(ctx: AppContext, userId: string): Promise<{ communeId: string; email: string; verifyUrl: string; expiresAt: string } | null> {
  const user = await findUserById(ctx.db, userId);
  if (!user || user.kind !== 'resident' || user.is_active !== 1) return null;
  const email = user.pending_email ?? (user.email !== null && user.email_verified_at === null ? user.email : null);
  if (!email) return null;
  const now = ctx.clock();
  const token = newRandomToken();
  const expiresAt = new Date(now.getTime() + EMAIL_VERIFICATION_TTL_HOURS * 3_600_000).toISOString();
  await insertEmailVerificationToken(ctx.db, { communeId: user.commune_id, tokenHash: hashToken(token), userId: user.id, now: now.toISOString(), expiresAt, email: user.pending_email });
  return { communeId: user.commune_id, email, verifyUrl: `${ctx.config.publicUrl}${EMAIL_VERIFICATION_PATH}?token=${token}`, expiresAt };
}

/** What a verification link is worth now: the page says which, and offers a new link when it can. */
export type EmailVerificationState = 'valid' | 'verified' | 'used' | 'expired' | 'invalid';

async function stateOf(db: AppContext['db'] | Tx, token: string, now: string) {
  if (token === '' || token.length > TOKEN_MAX) return { state: 'invalid' as const, row: undefined };
  const row = await findEmailVerificationToken(db, hashToken(token));
  if (!row) return { state: 'invalid' as const, row };
  const user = await findUserById(db, row.user_id);
  // A link for a new address proves only the address the account still asks for (or says "used" once it did).
  const isOwnChange = row.email === user?.pending_email || (row.used_at !== null && row.email === user?.email);
  const address = row.email === null ? user?.email : isOwnChange ? row.email : null;
  if (!user || user.is_active !== 1 || !address) return { state: 'invalid' as const, row };
  if (row.used_at !== null) return { state: 'used' as const, row };
  if (row.expires_at <= now) return { state: 'expired' as const, row };
  return { state: 'valid' as const, row };
}

/** The state of a link, for the page a GET shows (changes nothing). */
export async function describeEmailVerification(ctx: AppContext, token: string): Promise<EmailVerificationState> {
  return (await stateOf(ctx.db, token, ctx.clock().toISOString())).state;
}

/**
 * Verify the account's e-mail with a valid link: the token is used up, `email_verified_at` set and the
 * verification audited. A used, expired or unknown link changes nothing and says so.
 */
export async function verifyEmail(ctx: AppContext, token: string, meta: { requestId?: string } = {}): Promise<EmailVerificationState> {
  try {
    return await confirmInTransaction(ctx, token, meta);
  } catch (error) {
    // Another account committed the same new address while this link was being confirmed: the unique
    // index refused it, and the link proves nothing, as `replaceEmail` answers for an address already taken.
    if (isUniqueViolation(error)) return 'invalid';
    throw error;
  }
}

function confirmInTransaction(ctx: AppContext, token: string, meta: { requestId?: string }): Promise<EmailVerificationState> {
  return inTransaction(ctx.db, async (tx) => {
    const at = ctx.clock().toISOString();
    const { state, row } = await stateOf(tx, token, at);
    if (state !== 'valid' || !row) return state;
    if (!(await updateEmailVerificationTokenUsed(tx, row.id, at))) return 'used';
    const grants = await findGrantsOfUser(tx, row.user_id);
    if (row.email !== null) return (await replaceEmail(ctx, tx, row.user_id, row.email, { grants, requestId: meta.requestId ?? null, at })) ? 'verified' : 'invalid';
    await updateUserRow(tx, row.commune_id, row.user_id, { email_verified_at: at, updated_at: at });
    await appendAudit(tx, ctx.dialect, { communeId: row.commune_id, actor: { userId: row.user_id, grants }, action: 'auth.email.verified', entityType: 'auth_user', entityId: row.user_id, details: { channel: 'email' }, requestId: meta.requestId ?? null, at });
    return 'verified';
  });
}

/**
 * The owner of a requested new address opened its link: it replaces the old one, verified. The old
 * address, when it was proved the owner's, is told (account-takeover defence); an address another
 * account took meanwhile is not taken from it (the link then proves nothing, like sign-up refuses it).
 */
async function replaceEmail(ctx: AppContext, tx: Tx, userId: string, email: string, meta: { grants: Actor['grants']; requestId: string | null; at: string }): Promise<boolean> {
  const user = await findUserById(tx, userId);
  if (!user) return false;
  if ((await findTakenContacts(tx, { email }, user.id)).length > 0) return false;
  await updateUserRow(tx, user.commune_id, user.id, { email, email_verified_at: meta.at, pending_email: null, updated_at: meta.at });
  await refreshUserSearchText(tx, user.commune_id, user.id);
  if (user.email && user.email !== email && user.email_verified_at !== null) {
    await emitEvent(tx, { communeId: user.commune_id, name: EMAIL_CHANGED_EVENT, payload: { userId: user.id, oldEmail: user.email, locale: user.locale }, at: meta.at });
  }
  // Values are personal data: the audit says what changed, not to what.
  await appendAudit(tx, ctx.dialect, { communeId: user.commune_id, actor: { userId: user.id, grants: meta.grants }, action: 'auth.email.changed', entityType: 'auth_user', entityId: user.id, details: { channel: 'email', hadEmail: user.email !== null }, requestId: meta.requestId, at: meta.at });
  return true;
}

/**
 * Refuse (`rate_limited`, on `field`) once the account's links for the hour are spent, counting the
 * requests already queued as well as the links their jobs made.
 */
export async function assertEmailLinksLeft(ctx: AppContext, userId: string, now: Date, field: string): Promise<void> {
  const since = new Date(now.getTime() - 3_600_000).toISOString();
  const queued = await countOutboxEventsSince(ctx.db, { name: EMAIL_VERIFICATION_EVENT, payloadPrefix: `{"userId":${JSON.stringify(userId)},`, since });
  if (Math.max(queued, await countEmailVerificationTokensSince(ctx.db, userId, since)) >= EMAIL_VERIFICATION_RESEND_PER_HOUR) {
    throw new DomainError('rate_limited', 'auth.errors.verifyResendLimit', {}, [{ field, messageKey: 'auth.errors.verifyResendLimit' }]);
  }
}

/**
 * Mail a new link: to the signed-in resident, or to the owner of the (expired) link given. Nothing
 * when the address is verified already; a `rate_limited` error past EMAIL_VERIFICATION_RESEND_PER_HOUR.
 */
export async function resendEmailVerification(ctx: AppContext, who: { actor: Actor | null; token?: string }, locale: Locale): Promise<void> {
  let userId = who.actor?.kind === 'resident' ? who.actor.userId : null;
  if (!userId && who.token && who.token.length <= TOKEN_MAX) userId = (await findEmailVerificationToken(ctx.db, hashToken(who.token)))?.user_id ?? null;
  if (!userId) throw new DomainError('validation', 'auth.errors.verifyLinkInvalid', {}, [{ field: 'token', messageKey: 'auth.errors.verifyLinkInvalid' }]);
  const user = await findUserById(ctx.db, userId);
  const hasAddressToProve = Boolean(user?.pending_email) || Boolean(user?.email && user.email_verified_at === null);
  if (!user || user.kind !== 'resident' || user.is_active !== 1 || !hasAddressToProve) return;
  const now = ctx.clock();
  const since = new Date(now.getTime() - 3_600_000).toISOString();
  if ((await countEmailVerificationTokensSince(ctx.db, user.id, since)) >= EMAIL_VERIFICATION_RESEND_PER_HOUR) throw new DomainError('rate_limited', 'auth.errors.verifyResendLimit');
  await inTransaction(ctx.db, (tx) => queueEmailVerification(tx, { id: user.id, communeId: user.commune_id, email: user.pending_email ?? user.email }, locale, now.toISOString()));
}
