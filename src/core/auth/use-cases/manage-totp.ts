import { appendAudit } from '../../audit/audit-log.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../contract/errors.js';
import type { FieldVault } from '../../crypto/field-vault.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { TotpSetupResult } from '../contract.js';
import { findUserById, updateUserRow, type UserRow } from '../repository.js';
import type { Actor } from '../roles.js';
import { matchTotpStep, newTotpSecret, totpUri, totpVaultContext } from '../totp.js';

const vaultOf = (ctx: AppContext) => ctx.services.get<FieldVault>('vault');
const wrongCode = () => new DomainError('validation', 'auth.errors.totpWrong', {}, [{ field: 'code', messageKey: 'auth.errors.totpWrong' }]);

async function loadStaffUser(ctx: AppContext, actor: Actor): Promise<UserRow> {
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw new DomainError('unauthenticated', 'errors.unauthenticated');
  if (user.kind !== 'staff') throw new DomainError('forbidden', 'auth.errors.totpStaffOnly');
  return user;
}

async function auditTotp(ctx: AppContext, actor: Actor, user: UserRow, action: string, requestId: string, work: (tx: Tx) => Promise<void>): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    await work(tx);
    await appendAudit(tx, ctx.dialect, { communeId: user.commune_id, actor, action, entityType: 'auth_user', entityId: user.id, requestId, at: ctx.clock().toISOString() });
  });
}

/**
 * Start two-factor setup: a new secret is sealed as *pending* (an enabled one stays in force until
 * a code proves the app was set up). Returns what the app needs: the URI (QR) and the base32 text.
 */
export async function setupTotp(ctx: AppContext, actor: Actor, requestId: string): Promise<TotpSetupResult> {
  const user = await loadStaffUser(ctx, actor);
  if (user.totp_secret_sealed) throw new DomainError('invalid_state', 'auth.errors.totpAlreadyOn');
  const secret = newTotpSecret();
  await auditTotp(ctx, actor, user, 'auth.totp.setup-started', requestId, async (tx) => {
    await updateUserRow(tx, user.commune_id, user.id, { totp_pending_secret_sealed: vaultOf(ctx).seal(secret, totpVaultContext(user.id)), updated_at: ctx.clock().toISOString() });
  });
  return { secret, uri: totpUri(secret, user.email ?? user.phone ?? user.display_name) };
}

/** Turn two-factor sign-in on once a code from the freshly set-up app checks out. */
export async function enableTotp(ctx: AppContext, actor: Actor, code: string, requestId: string): Promise<void> {
  const user = await loadStaffUser(ctx, actor);
  if (user.totp_secret_sealed) throw new DomainError('invalid_state', 'auth.errors.totpAlreadyOn');
  if (!user.totp_pending_secret_sealed) throw new DomainError('invalid_state', 'auth.errors.totpNoSetup');
  const secret = vaultOf(ctx).open(user.totp_pending_secret_sealed, totpVaultContext(user.id));
  const step = matchTotpStep(secret, code, ctx.clock(), null);
  if (step === null) throw wrongCode();
  await auditTotp(ctx, actor, user, 'auth.totp.enabled', requestId, async (tx) => {
    await updateUserRow(tx, user.commune_id, user.id, { totp_secret_sealed: user.totp_pending_secret_sealed, totp_pending_secret_sealed: null, totp_last_step: step, updated_at: ctx.clock().toISOString() });
  });
}

/** Turn two-factor sign-in off; a current code is required so a borrowed session cannot do it. */
export async function disableTotp(ctx: AppContext, actor: Actor, code: string, requestId: string): Promise<void> {
  const user = await loadStaffUser(ctx, actor);
  if (!user.totp_secret_sealed) throw new DomainError('invalid_state', 'auth.errors.totpNotOn');
  const secret = vaultOf(ctx).open(user.totp_secret_sealed, totpVaultContext(user.id));
  if (matchTotpStep(secret, code, ctx.clock(), user.totp_last_step) === null) throw wrongCode();
  await auditTotp(ctx, actor, user, 'auth.totp.disabled', requestId, async (tx) => {
    await updateUserRow(tx, user.commune_id, user.id, { totp_secret_sealed: null, totp_pending_secret_sealed: null, totp_last_step: null, updated_at: ctx.clock().toISOString() });
  });
}
