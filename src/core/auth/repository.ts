import type { Insertable, Selectable, Updateable } from 'kysely';
import { foldVietnamese } from '../contract/text-fold.js';
import { newId } from '../contract/ids.js';
import { typed, type Db, type Tx } from '../db/database.js';
import type { Locale } from '../i18n/translate.js';
import type { IdentifierKind, ListUsersQuery, User } from './contract.js';
import type { Role, RoleGrant } from './roles.js';
import type { ThrottleState } from './throttle.js';
import type { AuthSessionsTable, AuthTables, AuthUsersTable, SessionStage } from './tables.js';

const q = (db: Db | Tx) => typed<AuthTables>(db);

export type UserRow = Selectable<AuthUsersTable>;
export type SessionRow = Selectable<AuthSessionsTable>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    kind: row.kind,
    communeId: row.commune_id,
    displayName: row.display_name,
    homeAreaId: row.home_area_id,
    email: row.email,
    phone: row.phone,
    locale: row.locale as Locale,
    notifyEmail: row.notify_email === 1,
    notifySms: row.notify_sms === 1,
    isActive: row.is_active === 1,
    hasTotp: row.totp_secret_sealed !== null,
  };
}

/** The folded text user search matches against. */
export function userSearchText(user: { display_name: string; email: string | null; phone: string | null }): string {
  return foldVietnamese([user.display_name, user.email ?? '', user.phone ?? ''].join(' '));
}

/** True for a unique-constraint violation on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

// Users

export async function findUserById(db: Db | Tx, id: string): Promise<UserRow | undefined> {
  return q(db).selectFrom('auth_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserInCommune(db: Db | Tx, communeId: string, id: string): Promise<UserRow | undefined> {
  return q(db).selectFrom('auth_users').selectAll().where('commune_id', '=', communeId).where('id', '=', id).executeTakeFirst();
}

export async function findUserByIdentifier(db: Db | Tx, identifier: { kind: IdentifierKind; value: string }): Promise<UserRow | undefined> {
  return q(db).selectFrom('auth_users').selectAll().where(identifier.kind, '=', identifier.value).executeTakeFirst();
}

/** Which of the given e-mail and phone already belong to an account other than `exceptUserId`. */
export async function findTakenContacts(db: Db | Tx, contact: { email?: string | null; phone?: string | null }, exceptUserId?: string): Promise<Array<'email' | 'phone'>> {
  const taken: Array<'email' | 'phone'> = [];
  for (const field of ['email', 'phone'] as const) {
    const value = contact[field];
    if (!value) continue;
    let query = q(db).selectFrom('auth_users').select('id').where(field, '=', value);
    if (exceptUserId) query = query.where('id', '!=', exceptUserId);
    if (await query.executeTakeFirst()) taken.push(field);
  }
  return taken;
}

export async function insertUser(db: Db | Tx, row: Omit<Insertable<AuthUsersTable>, 'search_text'>): Promise<void> {
  await q(db).insertInto('auth_users').values({ ...row, search_text: userSearchText({ display_name: row.display_name, email: row.email ?? null, phone: row.phone ?? null }) }).execute();
}

export async function updateUserRow(db: Db | Tx, communeId: string, id: string, patch: Updateable<AuthUsersTable>): Promise<void> {
  await q(db).updateTable('auth_users').set(patch).where('commune_id', '=', communeId).where('id', '=', id).execute();
}

/** Recompute the folded search text after a name or contact change. */
export async function refreshUserSearchText(db: Db | Tx, communeId: string, id: string): Promise<void> {
  const row = await findUserInCommune(db, communeId, id);
  if (row) await updateUserRow(db, communeId, id, { search_text: userSearchText(row) });
}

export async function findUsersPage(db: Db | Tx, communeId: string, query: ListUsersQuery): Promise<{ rows: UserRow[]; total: number }> {
  let base = q(db).selectFrom('auth_users').where('commune_id', '=', communeId);
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.q) {
    // LIKE wildcards are dropped rather than escaped: the two dialects disagree on the escape character.
    const needle = foldVietnamese(query.q).replace(/[%_\\]/g, '');
    if (needle) base = base.where('search_text', 'like', `%${needle}%`);
  }
  const count = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('display_name')
    .orderBy('id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(count.count) };
}

// Grants

export async function findGrantsOfUser(db: Db | Tx, userId: string): Promise<RoleGrant[]> {
  const rows = await q(db).selectFrom('auth_role_grants').selectAll().where('user_id', '=', userId).orderBy('commune_id').orderBy('role').execute();
  return rows.map((row) => ({ role: row.role, communeId: row.commune_id, unitId: row.unit_id, areaId: row.area_id }));
}

export async function insertGrants(db: Db | Tx, userId: string, grants: readonly RoleGrant[], now: string): Promise<void> {
  if (grants.length === 0) return;
  await q(db)
    .insertInto('auth_role_grants')
    .values(grants.map((grant) => ({ commune_id: grant.communeId, id: newId(), user_id: userId, role: grant.role, unit_id: grant.unitId, area_id: grant.areaId, created_at: now })))
    .execute();
}

export async function deleteGrantsInCommune(db: Db | Tx, communeId: string, userId: string): Promise<void> {
  await q(db).deleteFrom('auth_role_grants').where('commune_id', '=', communeId).where('user_id', '=', userId).execute();
}

// Sessions

export async function insertSession(db: Db | Tx, session: { communeId: string; id: string; tokenHash: string; userId: string; stage: SessionStage; now: string; expiresAt: string }): Promise<void> {
  await q(db)
    .insertInto('auth_sessions')
    .values({ commune_id: session.communeId, id: session.id, token_hash: session.tokenHash, user_id: session.userId, stage: session.stage, created_at: session.now, last_seen_at: session.now, expires_at: session.expiresAt })
    .execute();
}

export async function findSessionByTokenHash(db: Db | Tx, tokenHash: string): Promise<SessionRow | undefined> {
  return q(db).selectFrom('auth_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchSession(db: Db | Tx, id: string, now: string, expiresAt: string): Promise<void> {
  await q(db).updateTable('auth_sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function incrementSessionFailures(db: Db | Tx, id: string): Promise<void> {
  await q(db).updateTable('auth_sessions').set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) })).where('id', '=', id).execute();
}

export async function deleteSessionById(db: Db | Tx, id: string): Promise<void> {
  await q(db).deleteFrom('auth_sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Db | Tx, userId: string): Promise<void> {
  await q(db).deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
}

/** End every session of the account but one (the one that just proved the password). */
export async function deleteOtherSessionsOfUser(db: Db | Tx, userId: string, keepSessionId: string): Promise<void> {
  await q(db).deleteFrom('auth_sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
}

// Throttle

export async function findThrottle(db: Db | Tx, key: string): Promise<ThrottleState | undefined> {
  const row = await q(db).selectFrom('auth_login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  return row && { failures: row.failures, lastFailureAt: row.last_failure_at, nextAllowedAt: row.next_allowed_at, lockedUntil: row.locked_until };
}

export async function saveThrottle(db: Db | Tx, key: string, state: ThrottleState): Promise<void> {
  const values = { failures: state.failures, last_failure_at: state.lastFailureAt, next_allowed_at: state.nextAllowedAt, locked_until: state.lockedUntil };
  await q(db)
    .insertInto('auth_login_throttle')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
}

export async function deleteThrottle(db: Db | Tx, key: string): Promise<void> {
  await q(db).deleteFrom('auth_login_throttle').where('key', '=', key).execute();
}

// Password reset tokens

export async function insertResetToken(db: Db | Tx, token: { communeId: string; tokenHash: string; userId: string; now: string; expiresAt: string }): Promise<void> {
  await q(db)
    .insertInto('auth_password_reset_tokens')
    .values({ commune_id: token.communeId, id: newId(), token_hash: token.tokenHash, user_id: token.userId, created_at: token.now, expires_at: token.expiresAt, used_at: null })
    .execute();
}

/**
 * Consume an unused, unexpired reset token; the conditional update makes it single-use even under
 * concurrent requests. Returns the owner's id, or undefined.
 */
export async function consumeResetToken(db: Db | Tx, tokenHash: string, now: string): Promise<string | undefined> {
  const row = await q(db)
    .selectFrom('auth_password_reset_tokens')
    .select(['id', 'user_id'])
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  const result = await q(db).updateTable('auth_password_reset_tokens').set({ used_at: now }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? row.user_id : undefined;
}

// E-mail verification tokens

export async function insertEmailVerificationToken(db: Db | Tx, token: { communeId: string; tokenHash: string; userId: string; now: string; expiresAt: string; email?: string | null }): Promise<void> {
  await q(db)
    .insertInto('auth_email_verification_tokens')
    .values({ commune_id: token.communeId, id: newId(), token_hash: token.tokenHash, user_id: token.userId, email: token.email ?? null, created_at: token.now, expires_at: token.expiresAt, used_at: null })
    .execute();
}

export type EmailVerificationTokenRow = Selectable<AuthTables['auth_email_verification_tokens']>;

export async function findEmailVerificationToken(db: Db | Tx, tokenHash: string): Promise<EmailVerificationTokenRow | undefined> {
  return q(db).selectFrom('auth_email_verification_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Mark an unused, unexpired token used; true only for the one call that did (single use under concurrency). */
export async function updateEmailVerificationTokenUsed(db: Db | Tx, id: string, now: string): Promise<boolean> {
  const result = await q(db).updateTable('auth_email_verification_tokens').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many verification links the account was sent since `since` (the per-account resend limit). */
export async function countEmailVerificationTokensSince(db: Db | Tx, userId: string, since: string): Promise<number> {
  const row = await q(db).selectFrom('auth_email_verification_tokens').select((eb) => eb.fn.countAll<number | string>().as('count')).where('user_id', '=', userId).where('created_at', '>', since).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Links mailed to an address the account no longer has must not verify the new one. */
export async function deleteEmailVerificationTokensOfUser(db: Db | Tx, userId: string): Promise<void> {
  await q(db).deleteFrom('auth_email_verification_tokens').where('user_id', '=', userId).execute();
}

// Phone verification codes

export type PhoneVerificationCodeRow = Selectable<AuthTables['auth_phone_verification_codes']>;

export async function insertPhoneVerificationCode(db: Db | Tx, code: { communeId: string; id: string; codeHash: string; userId: string; now: string; expiresAt: string }): Promise<void> {
  await q(db)
    .insertInto('auth_phone_verification_codes')
    .values({ commune_id: code.communeId, id: code.id, code_hash: code.codeHash, user_id: code.userId, attempts: 0, created_at: code.now, expires_at: code.expiresAt, used_at: null })
    .execute();
}

/**
 * The account's current code: the one ending last (a new code ends the older ones, see
 * updatePhoneVerificationCodesEnded; ids and creation times may tie within a millisecond), or undefined.
 */
export async function findLatestPhoneVerificationCode(db: Db | Tx, userId: string): Promise<PhoneVerificationCodeRow | undefined> {
  return q(db).selectFrom('auth_phone_verification_codes').selectAll().where('user_id', '=', userId).orderBy('expires_at', 'desc').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

/** End the account's still-running codes now: only the newest SMS's code may verify. */
export async function updatePhoneVerificationCodesEnded(db: Db | Tx, userId: string, now: string): Promise<void> {
  await q(db).updateTable('auth_phone_verification_codes').set({ expires_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).where('expires_at', '>', now).execute();
}

/**
 * Spend one try on an unused, unexpired code that has tries left; true only when a try was taken. The
 * conditional update counts the try before the comparison, so parallel guesses cannot exceed the limit.
 */
export async function updatePhoneVerificationCodeAttempt(db: Db | Tx, id: string, now: string, maxAttempts: number): Promise<boolean> {
  const result = await q(db)
    .updateTable('auth_phone_verification_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Mark an unused code used; true only for the one call that did (single use under concurrency). */
export async function updatePhoneVerificationCodeUsed(db: Db | Tx, id: string, now: string): Promise<boolean> {
  const result = await q(db).updateTable('auth_phone_verification_codes').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many codes the account was sent since `since` (the per-account resend limit). */
export async function countPhoneVerificationCodesSince(db: Db | Tx, userId: string, since: string): Promise<number> {
  const row = await q(db).selectFrom('auth_phone_verification_codes').select((eb) => eb.fn.countAll<number | string>().as('count')).where('user_id', '=', userId).where('created_at', '>', since).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Codes sent to a number the account no longer has must not verify the new one. */
export async function deletePhoneVerificationCodesOfUser(db: Db | Tx, userId: string): Promise<void> {
  await q(db).deleteFrom('auth_phone_verification_codes').where('user_id', '=', userId).execute();
}

/**
 * Active staff holding an officer or leader grant in one unit of the commune (the people a case can be
 * assigned to), each once, by name. A read other parts may use; it never exposes contact data.
 */
export async function findStaffByUnit(db: Db | Tx, communeId: string, unitId: string): Promise<Array<{ id: string; displayName: string; unitId: string }>> {
  const rows = await q(db)
    .selectFrom('auth_role_grants')
    .innerJoin('auth_users', 'auth_users.id', 'auth_role_grants.user_id')
    .select(['auth_users.id as id', 'auth_users.display_name as displayName'])
    .where('auth_role_grants.commune_id', '=', communeId)
    .where('auth_users.commune_id', '=', communeId)
    .where('auth_role_grants.unit_id', '=', unitId)
    .where('auth_role_grants.role', 'in', ['officer', 'leader'])
    .where('auth_users.kind', '=', 'staff')
    .where('auth_users.is_active', '=', 1)
    .distinct()
    .orderBy('auth_users.display_name')
    .orderBy('auth_users.id')
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.displayName, unitId }));
}

/**
 * The read other parts may use for notifications: where and whether a user wants to be told things,
 * whether the e-mail was proved to be the account owner's (only then may it be matched to anything), and
 * whether the phone was (only then does it get SMS). A staff account's phone is entered by an admin,
 * who vouches for it; only residents type their own number, so only theirs waits for a code.
 */
export async function findUserContact(db: Db | Tx, userId: string): Promise<{ userId: string; communeId: string; displayName: string; email: string | null; phone: string | null; locale: Locale; notifyEmail: boolean; notifySms: boolean; isActive: boolean; isEmailVerified: boolean; isPhoneVerified: boolean } | undefined> {
  const row = await findUserById(db, userId);
  return row && { userId: row.id, communeId: row.commune_id, displayName: row.display_name, email: row.email, phone: row.phone, locale: row.locale as Locale, notifyEmail: row.notify_email === 1, notifySms: row.notify_sms === 1, isActive: row.is_active === 1, isEmailVerified: row.email !== null && row.email_verified_at !== null, isPhoneVerified: row.phone !== null && (row.kind === 'staff' || row.phone_verified_at !== null) };
}

/**
 * Active users holding `role` in the commune (optionally only in one unit), each once, by name: the
 * officers of a unit, the leaders or officers of a commune. A read other parts may use; no contact data.
 */
export async function findActiveUsersWithRole(db: Db | Tx, communeId: string, role: Role, options: { unitId?: string | null } = {}): Promise<Array<{ id: string; displayName: string }>> {
  let query = q(db)
    .selectFrom('auth_role_grants')
    .innerJoin('auth_users', 'auth_users.id', 'auth_role_grants.user_id')
    .select(['auth_users.id as id', 'auth_users.display_name as displayName'])
    .where('auth_role_grants.commune_id', '=', communeId)
    .where('auth_role_grants.role', '=', role)
    .where('auth_users.is_active', '=', 1);
  if (options.unitId) query = query.where('auth_role_grants.unit_id', '=', options.unitId);
  return query.distinct().orderBy('auth_users.display_name').orderBy('auth_users.id').execute();
}

/** The units in which the user holds `role` in the commune (for example the units an officer works in). */
export async function findUnitIdsWithRole(db: Db | Tx, communeId: string, userId: string, role: Role): Promise<string[]> {
  const rows = await q(db)
    .selectFrom('auth_role_grants')
    .select('unit_id')
    .where('commune_id', '=', communeId)
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .execute();
  return rows.flatMap((row) => (row.unit_id ? [row.unit_id] : []));
}

/** The tables whose rows end at `expires_at` and are purged some time after (auth.purge-expired-tokens). */
export type ExpiringAuthTable = 'auth_email_verification_tokens' | 'auth_password_reset_tokens' | 'auth_phone_verification_codes' | 'auth_sessions';

/**
 * Delete at most `limit` rows of `table` that expired at or before `before`, oldest first, used or not;
 * the number deleted. The subquery bounds the statement on both dialects (neither takes DELETE … LIMIT).
 */
export async function deleteExpiredBefore(db: Db | Tx, table: ExpiringAuthTable, before: string, limit: number): Promise<number> {
  const result = await q(db)
    .deleteFrom(table)
    .where('id', 'in', (eb) => eb.selectFrom(table).select('id').where('expires_at', '<=', before).orderBy('expires_at').limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
