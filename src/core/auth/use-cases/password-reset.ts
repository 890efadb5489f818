import type { AppContext } from '../../context.js';
import { DomainError } from '../../contract/errors.js';
import { appendAudit } from '../../audit/audit-log.js';
import { inTransaction } from '../../db/database.js';
import type { Locale } from '../../i18n/translate.js';
import { emitEvent } from '../../jobs/outbox.js';
import type { PasswordResetConfirm, PasswordResetRequest } from '../contract.js';
import { hashPassword } from '../password.js';
import { consumeResetToken, deleteSessionsOfUser, deleteThrottle, findGrantsOfUser, findUserByIdentifier, findUserById, insertResetToken, updateUserRow } from '../repository.js';
import { hashToken, newRandomToken } from '../tokens.js';

export const PASSWORD_RESET_TTL_MINUTES = 60;
/** The portal page that reads `?token=` and asks for the new password. */
export const PASSWORD_RESET_PATH = '/dat-lai-mat-khau';
export const PASSWORD_RESET_EVENT = 'auth.password-reset.requested';

/**
 * Queue a reset e-mail (outbox event) for an active account with this address. The caller always
 * answers with the same neutral message, so nobody can probe which addresses have accounts.
 */
export async function requestPasswordReset(ctx: AppContext, input: PasswordResetRequest, meta: { locale: Locale }): Promise<void> {
  const user = await findUserByIdentifier(ctx.db, { kind: 'email', value: input.email });
  if (!user || user.is_active !== 1 || !user.email) return;
  const now = ctx.clock();
  const token = newRandomToken();
  const resetUrl = `${ctx.config.publicUrl}${PASSWORD_RESET_PATH}?token=${token}`;
  await inTransaction(ctx.db, async (tx) => {
    await insertResetToken(tx, { communeId: user.commune_id, tokenHash: hashToken(token), userId: user.id, now: now.toISOString(), expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MINUTES * 60_000).toISOString() });
    await emitEvent(tx, { communeId: user.commune_id, name: PASSWORD_RESET_EVENT, payload: { userId: user.id, email: user.email, resetUrl, locale: input.locale ?? meta.locale }, at: now.toISOString() });
  });
}

/** Set a new password with a single-use, unexpired token; every session of the account ends. */
export async function confirmPasswordReset(ctx: AppContext, input: PasswordResetConfirm, meta: { requestId?: string } = {}): Promise<void> {
  const now = ctx.clock();
  const passwordHash = await hashPassword(input.password);
  await inTransaction(ctx.db, async (tx) => {
    const userId = await consumeResetToken(tx, hashToken(input.token), now.toISOString());
    const user = userId ? await findUserById(tx, userId) : undefined;
    if (!user || user.is_active !== 1) throw new DomainError('validation', 'auth.errors.resetTokenInvalid', {}, [{ field: 'token', messageKey: 'auth.errors.resetTokenInvalid' }]);
    await updateUserRow(tx, user.commune_id, user.id, { password_hash: passwordHash, updated_at: now.toISOString() });
    await deleteSessionsOfUser(tx, user.id);
    // Whoever proved control of the mailbox may sign in at once, even after a lock.
    for (const value of [user.email, user.phone]) if (value) await deleteThrottle(tx, `id:${value}`);
    if (user.kind === 'staff') {
      const grants = await findGrantsOfUser(tx, user.id);
      await appendAudit(tx, ctx.dialect, { communeId: user.commune_id, actor: { userId: user.id, grants }, action: 'auth.password.reset', entityType: 'auth_user', entityId: user.id, requestId: meta.requestId ?? null, at: now.toISOString() });
    }
  });
}
