/**
 * A signed-in resident's own account (`/tai-khoan`): see it, change the name, the phone, the e-mail and
 * the password. Every change is one transaction and is audited with the account as actor and the field
 * names only (LAW-PDP-06: data minimised, no number or address in the log).
 *
 * - Phone: stored normalised; a number another account has is refused as sign-up refuses it; the new
 *   number is unverified at once (findUserContact's `isPhoneVerified` is false, so no SMS goes to the old
 *   number nor to the new one until its owner types the code SMSed to it), old codes die, a code is sent.
 * - E-mail: a new address waits in `pending_email` and replaces the old one only when a link mailed to it
 *   is opened (email-verification.ts); the old address, when verified, is then told it was replaced. Until
 *   then sign-in and password reset keep using the old, proved address, so a typo or a stolen session can
 *   never move the password reset mail to a stranger. The current password is asked for the same reason.
 * - Password: the current one is checked under the sign-in throttle (the same identifier and IP keys, so
 *   guessing here locks sign-in too); the new one is held to the sign-up rules and hashed with argon2id;
 *   every other session of the account ends.
 */
import { appendAudit } from '../../audit/audit-log.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../contract/errors.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { Locale } from '../../i18n/translate.js';
import type { AccountView, ChangeEmail, ChangeLocale, ChangeName, ChangePassword, ChangePhone } from '../contract.js';
import { hashPassword, verifyPassword } from '../password.js';
import {
  deleteOtherSessionsOfUser,
  deletePhoneVerificationCodesOfUser,
  deleteThrottle,
  findSessionByTokenHash,
  findTakenContacts,
  findUserById,
  isUniqueViolation,
  refreshUserSearchText,
  updateUserRow,
  type UserRow,
} from '../repository.js';
import type { Actor } from '../roles.js';
import { hashToken } from '../tokens.js';
import { assertEmailLinksLeft, queueEmailVerification } from './email-verification.js';
import { assertPhoneCodesLeft, queuePhoneVerification } from './phone-verification.js';
import { assertNotThrottled, recordSignInFailure, signInThrottleKeys } from './sign-in.js';

/** The portal page of the resident's own account ("Tài khoản của tôi"). */
export const ACCOUNT_PATH = '/tai-khoan';


interface Meta {
  requestId: string;
}

async function ownAccount(ctx: AppContext | { db: Tx }, actor: Actor | null): Promise<UserRow> {
  const user = actor?.kind === 'resident' ? await findUserById(ctx.db, actor.userId) : undefined;
  if (!user || user.kind !== 'resident' || user.is_active !== 1) throw new DomainError('forbidden', 'errors.forbidden');
  return user;
}

async function audit(ctx: AppContext, tx: Tx, user: UserRow, actor: Actor, { action, details }: { action: string; details: Record<string, unknown> }, meta: Meta & { at: string }): Promise<void> {
  await appendAudit(tx, ctx.dialect, { communeId: user.commune_id, actor, action, entityType: 'auth_user', entityId: user.id, details, requestId: meta.requestId, at: meta.at });
}

const fieldError = (kind: 'validation' | 'conflict', field: string, messageKey: string) => new DomainError(kind, messageKey, {}, [{ field, messageKey }]);

/** The signed-in resident's account as the page shows it. */
export async function describeAccount(ctx: AppContext, actor: Actor | null): Promise<AccountView> {
  const user = await ownAccount(ctx, actor);
  return {
    displayName: user.display_name,
    email: user.email,
    isEmailVerified: user.email !== null && user.email_verified_at !== null,
    pendingEmail: user.pending_email,
    phone: user.phone,
    isPhoneVerified: user.phone !== null && user.phone_verified_at !== null,
    locale: user.locale as Locale,
  };
}

/** Change the full name ("Họ và tên", one field, normalised by the contract). */
export async function changeDisplayName(ctx: AppContext, actor: Actor | null, input: ChangeName, meta: Meta): Promise<void> {
  const user = await ownAccount(ctx, actor);
  if (input.displayName === user.display_name) return;
  const at = ctx.clock().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    await updateUserRow(tx, user.commune_id, user.id, { display_name: input.displayName, updated_at: at });
    await refreshUserSearchText(tx, user.commune_id, user.id);
    await audit(ctx, tx, user, actor!, { action: 'auth.account.updated', details: { fields: ['displayName'] } }, { ...meta, at });
  });
}

/**
 * Change the language of the account's messages (e-mail, SMS: status changes, codes, links). The page's
 * own language stays the visitor's choice (`/ngon-ngu/:lang`); this is what is sent when they are away.
 */
export async function changeLocale(ctx: AppContext, actor: Actor | null, input: ChangeLocale, meta: Meta): Promise<void> {
  const user = await ownAccount(ctx, actor);
  if (input.locale === user.locale) return;
  const at = ctx.clock().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    await updateUserRow(tx, user.commune_id, user.id, { locale: input.locale, updated_at: at });
    await audit(ctx, tx, user, actor!, { action: 'auth.account.updated', details: { fields: ['locale'], locale: input.locale } }, { ...meta, at });
  });
}

/**
 * Change the phone. The new number is unverified from this instant, old codes die and a code is SMSed
 * to the new number; the resident is sent to the verification page. The same number again changes nothing.
 */
export async function changePhone(ctx: AppContext, actor: Actor | null, input: ChangePhone, meta: Meta): Promise<{ isChanged: boolean }> {
  const user = await ownAccount(ctx, actor);
  if (input.phone === user.phone) return { isChanged: false };
  // Sign-up says the same ("this phone already has an account") and nothing more.
  if ((await findTakenContacts(ctx.db, { phone: input.phone }, user.id)).length > 0) throw fieldError('conflict', 'phone', 'auth.errors.phoneTaken');
  // A number change sends an SMS: it spends one of the hour's codes (so changes cannot SMS strangers at will).
  await assertPhoneCodesLeft(ctx, user.id, ctx.clock(), 'phone');
  const at = ctx.clock().toISOString();
  try {
    await inTransaction(ctx.db, async (tx) => {
      await updateUserRow(tx, user.commune_id, user.id, { phone: input.phone, phone_verified_at: null, updated_at: at });
      await refreshUserSearchText(tx, user.commune_id, user.id);
      await deletePhoneVerificationCodesOfUser(tx, user.id);
      await queuePhoneVerification(tx, { id: user.id, communeId: user.commune_id, phone: input.phone }, user.locale as Locale, at);
      await audit(ctx, tx, user, actor!, { action: 'auth.account.updated', details: { fields: ['phone'], hadPhone: user.phone !== null } }, { ...meta, at });
    });
  } catch (error) {
    // Two accounts racing for one number: the unique index decides, and the loser hears what sign-up says.
    if (isUniqueViolation(error)) throw fieldError('conflict', 'phone', 'auth.errors.phoneTaken');
    throw error;
  }
  return { isChanged: true };
}

/**
 * Check the current password under the sign-in throttle: a throttled account or address is refused
 * before the check, a wrong password counts as a failed sign-in, a right one clears the identifier's count.
 */
async function checkCurrentPassword(ctx: AppContext, user: UserRow, password: string, ip: string): Promise<void> {
  const now = ctx.clock();
  const identifiers = [user.email, user.phone].filter((value): value is string => value !== null);
  const keys = identifiers.map((identifier) => signInThrottleKeys(identifier, ip));
  await assertNotThrottled(ctx, [...keys.map((key) => key.identifier), signInThrottleKeys('', ip).ip], now);
  if (!(await verifyPassword(user.password_hash, password))) {
    await recordSignInFailure(ctx, identifiers, ip, now);
    throw fieldError('validation', 'currentPassword', 'auth.errors.currentPasswordWrong');
  }
}

/**
 * Ask for a new e-mail: refused when another account has it (as sign-up refuses it), otherwise kept
 * as pending and a link mailed to it; the old address stays the account's until the link is opened.
 */
export async function requestEmailChange(ctx: AppContext, actor: Actor | null, input: ChangeEmail, meta: Meta & { ip: string }): Promise<{ isPending: boolean }> {
  const user = await ownAccount(ctx, actor);
  await checkCurrentPassword(ctx, user, input.currentPassword, meta.ip);
  if (input.email === user.email) {
    if (user.pending_email === null) return { isPending: false };
  } else if ((await findTakenContacts(ctx.db, { email: input.email }, user.id)).length > 0) {
    throw fieldError('conflict', 'email', 'auth.errors.emailTaken');
  }
  const isBackToCurrent = input.email === user.email;
  // A request mails a link: it spends one of the hour's links (so requests cannot mail strangers at will).
  if (!isBackToCurrent) await assertEmailLinksLeft(ctx, user.id, ctx.clock(), 'email');
  const at = ctx.clock().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    await updateUserRow(tx, user.commune_id, user.id, { pending_email: isBackToCurrent ? null : input.email, updated_at: at });
    // Links mailed earlier to another requested address prove nothing now (their `email` differs from
    // `pending_email`); they are kept, as they count against the hour's links.
    if (!isBackToCurrent) await queueEmailVerification(tx, { id: user.id, communeId: user.commune_id, email: input.email }, user.locale as Locale, at);
    await audit(ctx, tx, user, actor!, { action: 'auth.account.updated', details: { fields: ['email'], stage: isBackToCurrent ? 'cancelled' : 'requested' } }, { ...meta, at });
  });
  return { isPending: !isBackToCurrent };
}

/**
 * Withdraw a pending e-mail change: the account keeps its address, and the link mailed to the new one
 * proves nothing from now on (a link counts only for the address still pending). No password is asked:
 * nothing is given away, and the signed-in session already proves who asks. Nothing pending: nothing done.
 */
export async function cancelEmailChange(ctx: AppContext, actor: Actor | null, meta: Meta): Promise<{ isCancelled: boolean }> {
  const user = await ownAccount(ctx, actor);
  if (user.pending_email === null) return { isCancelled: false };
  const at = ctx.clock().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    await updateUserRow(tx, user.commune_id, user.id, { pending_email: null, updated_at: at });
    await audit(ctx, tx, user, actor!, { action: 'auth.account.updated', details: { fields: ['email'], stage: 'cancelled' } }, { ...meta, at });
  });
  return { isCancelled: true };
}

/**
 * Change the password: the current one checked (throttled like sign-in), the new one hashed with
 * argon2id; every other session of the account ends, the one in use stays signed in.
 */
export async function changePassword(ctx: AppContext, actor: Actor | null, input: ChangePassword, meta: Meta & { ip: string; sessionToken: string | undefined }): Promise<void> {
  const user = await ownAccount(ctx, actor);
  await checkCurrentPassword(ctx, user, input.currentPassword, meta.ip);
  const passwordHash = await hashPassword(input.newPassword);
  const at = ctx.clock().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    const current = meta.sessionToken ? await findSessionByTokenHash(tx, hashToken(meta.sessionToken)) : undefined;
    await updateUserRow(tx, user.commune_id, user.id, { password_hash: passwordHash, updated_at: at });
    await deleteOtherSessionsOfUser(tx, user.id, current?.user_id === user.id ? current.id : '');
    for (const value of [user.email, user.phone]) if (value) await deleteThrottle(tx, signInThrottleKeys(value, '').identifier);
    await audit(ctx, tx, user, actor!, { action: 'auth.password.changed', details: { otherSessionsEnded: true } }, { ...meta, at });
  });
}
