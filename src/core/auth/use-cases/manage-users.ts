import { appendAudit } from '../../audit/audit-log.js';
import type { AppContext } from '../../context.js';
import { DomainError, type FieldError } from '../../contract/errors.js';
import { inTransaction, type Tx } from '../../db/database.js';
import { supervisorUnitKinds } from '../../tenancy/contract.js';
import { findAreaById, findUnitById } from '../../tenancy/repository.js';
import type { CreateStaffUser, GrantInput, ListUsersQuery, UpdateUser, User, UserWithGrants } from '../contract.js';
import { createStaffUser } from '../create-user.js';
import { findGrantShapeErrors } from '../grant-rules.js';
import type { Locale } from '../../i18n/translate.js';
import {
  deleteEmailVerificationTokensOfUser,
  deletePhoneVerificationCodesOfUser,
  deleteGrantsInCommune,
  deleteSessionsOfUser,
  findGrantsOfUser,
  findTakenContacts,
  findUserInCommune,
  findUsersPage,
  insertGrants,
  isUniqueViolation,
  refreshUserSearchText,
  toUser,
  updateUserRow,
  type UserRow,
} from '../repository.js';
import type { Actor } from '../roles.js';
import { queueEmailVerification } from './email-verification.js';
import { queuePhoneVerification } from './phone-verification.js';

const notFound = () => new DomainError('not_found', 'auth.errors.userNotFound');

async function loadUser(ctx: AppContext | { db: Tx }, communeId: string, id: string): Promise<UserRow> {
  const user = await findUserInCommune(ctx.db, communeId, id);
  if (!user) throw notFound();
  return user;
}

async function withGrants(db: AppContext['db'] | Tx, row: UserRow, communeId: string): Promise<UserWithGrants> {
  const grants = (await findGrantsOfUser(db, row.id)).filter((grant) => grant.communeId === communeId);
  return { ...toUser(row), grants };
}

/** Shape rules, then: each unit and area must belong to the actor's commune; supervisors sit in a supervising body. */
async function assertValidGrants(ctx: AppContext, communeId: string, kind: 'staff' | 'resident', grants: readonly GrantInput[], field = 'grants'): Promise<void> {
  const errors: FieldError[] = findGrantShapeErrors(kind, grants, field);
  for (const [index, grant] of grants.entries()) {
    if (grant.unitId) {
      const unit = await findUnitById(ctx.db, communeId, grant.unitId);
      if (!unit) errors.push({ field: `${field}.${index}.unitId`, messageKey: 'auth.errors.grantUnitUnknown' });
      else if (grant.role === 'supervisor' && !(supervisorUnitKinds as readonly string[]).includes(unit.kind)) errors.push({ field: `${field}.${index}.unitId`, messageKey: 'auth.errors.grantSupervisorUnit' });
    }
    if (grant.areaId && !(await findAreaById(ctx.db, communeId, grant.areaId))) errors.push({ field: `${field}.${index}.areaId`, messageKey: 'auth.errors.grantAreaUnknown' });
  }
  if (errors.length > 0) throw new DomainError('validation', 'errors.validation', {}, errors);
}

const toGrantRows = (communeId: string, grants: readonly GrantInput[]) => grants.map((grant) => ({ role: grant.role, communeId, unitId: grant.unitId ?? null, areaId: grant.areaId ?? null }));

/** Accounts whose home is the actor's commune, searched by name, e-mail or phone (diacritics ignored). */
export async function listUsers(ctx: AppContext, actor: Actor, query: ListUsersQuery): Promise<{ items: User[]; total: number; page: number; pageSize: number }> {
  const { rows, total } = await findUsersPage(ctx.db, actor.communeId, query);
  return { items: rows.map(toUser), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(ctx: AppContext, actor: Actor, id: string): Promise<UserWithGrants> {
  return withGrants(ctx.db, await loadUser(ctx, actor.communeId, id), actor.communeId);
}

/** An admin opens a staff account in their commune with an initial password and its grants. */
export async function createStaffAccount(ctx: AppContext, actor: Actor, input: CreateStaffUser, requestId: string): Promise<UserWithGrants> {
  await assertValidGrants(ctx, actor.communeId, 'staff', input.grants);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const id = await createStaffUser(tx, ctx, { communeId: actor.communeId, displayName: input.displayName, email: input.email ?? null, phone: input.phone ?? null, password: input.password, ...(input.locale ? { locale: input.locale } : {}), grants: toGrantRows(actor.communeId, input.grants) });
      await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'auth.user.created', entityType: 'auth_user', entityId: id, details: { kind: 'staff', roles: input.grants.map((grant) => grant.role) }, requestId, at: ctx.clock().toISOString() });
      return withGrants(tx, await loadUser({ db: tx }, actor.communeId, id), actor.communeId);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'auth.errors.accountExists');
    throw error;
  }
}

/** Change an account's name, contacts, language, notification opt-ins or whether it may sign in. */
export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: UpdateUser, requestId: string): Promise<UserWithGrants> {
  const user = await loadUser(ctx, actor.communeId, id);
  if (id === actor.userId && input.isActive === false) throw new DomainError('invalid_state', 'auth.errors.cannotDeactivateSelf');
  const taken = await findTakenContacts(ctx.db, { email: input.email ?? null, phone: input.phone ?? null }, id);
  if (taken.length > 0) throw new DomainError('conflict', 'auth.errors.accountExists', {}, taken.map((field) => ({ field, messageKey: `auth.errors.${field}Taken` })));
  const now = ctx.clock().toISOString();
  return inTransaction(ctx.db, async (tx) => {
    await updateUserRow(tx, actor.communeId, id, {
      ...(input.displayName !== undefined && { display_name: input.displayName }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.notifyEmail !== undefined && { notify_email: input.notifyEmail ? 1 : 0 }),
      ...(input.notifySms !== undefined && { notify_sms: input.notifySms ? 1 : 0 }),
      ...(input.isActive !== undefined && { is_active: input.isActive ? 1 : 0 }),
      updated_at: now,
    });
    await refreshUserSearchText(tx, actor.communeId, id);
    // A new address is not proved to be the owner's: unverified again, old links dead, a new link mailed.
    if (input.email !== undefined && (input.email ?? null) !== user.email) {
      await updateUserRow(tx, actor.communeId, id, { email_verified_at: null });
      await deleteEmailVerificationTokensOfUser(tx, id);
      if (user.kind === 'resident') await queueEmailVerification(tx, { id, communeId: actor.communeId, email: input.email ?? null }, input.locale ?? (user.locale as Locale), now);
    }
    // The same for a new phone: no SMS to it until its owner types a code sent to it.
    if (input.phone !== undefined && (input.phone ?? null) !== user.phone) {
      await updateUserRow(tx, actor.communeId, id, { phone_verified_at: null });
      await deletePhoneVerificationCodesOfUser(tx, id);
      if (user.kind === 'resident') await queuePhoneVerification(tx, { id, communeId: actor.communeId, phone: input.phone ?? null }, input.locale ?? (user.locale as Locale), now);
    }
    if (input.isActive === false) await deleteSessionsOfUser(tx, id);
    // Field names only: the values are personal data.
    await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'auth.user.updated', entityType: 'auth_user', entityId: id, details: { fields: Object.keys(input).sort(), kind: user.kind }, requestId, at: now });
    return withGrants(tx, await loadUser({ db: tx }, actor.communeId, id), actor.communeId);
  });
}

/** Replace the account's grants in the actor's commune. An admin cannot take their own admin role away. */
export async function setUserGrants(ctx: AppContext, actor: Actor, id: string, grants: readonly GrantInput[], requestId: string): Promise<UserWithGrants> {
  const user = await loadUser(ctx, actor.communeId, id);
  await assertValidGrants(ctx, actor.communeId, user.kind, grants);
  if (id === actor.userId && !grants.some((grant) => grant.role === 'admin')) throw new DomainError('invalid_state', 'auth.errors.cannotRemoveOwnAdmin');
  const now = ctx.clock().toISOString();
  return inTransaction(ctx.db, async (tx) => {
    await deleteGrantsInCommune(tx, actor.communeId, id);
    await insertGrants(tx, id, toGrantRows(actor.communeId, grants), now);
    await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'auth.user.grants-set', entityType: 'auth_user', entityId: id, details: { grants: grants.map((grant) => ({ role: grant.role, unitId: grant.unitId ?? null, areaId: grant.areaId ?? null })) }, requestId, at: now });
    return withGrants(tx, user, actor.communeId);
  });
}

/** Clear a staff member's two-factor secret (lost phone); they sign in with the password and may set it up again. */
export async function resetUserTotp(ctx: AppContext, actor: Actor, id: string, requestId: string): Promise<UserWithGrants> {
  const user = await loadUser(ctx, actor.communeId, id);
  const now = ctx.clock().toISOString();
  return inTransaction(ctx.db, async (tx) => {
    await updateUserRow(tx, actor.communeId, id, { totp_secret_sealed: null, totp_pending_secret_sealed: null, totp_last_step: null, updated_at: now });
    await deleteSessionsOfUser(tx, id);
    await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'auth.user.totp-reset', entityType: 'auth_user', entityId: id, requestId, at: now });
    return withGrants(tx, (await findUserInCommune(tx, actor.communeId, id)) ?? user, actor.communeId);
  });
}
