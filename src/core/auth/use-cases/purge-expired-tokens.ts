/**
 * Expired single-use tokens (e-mail verification, password reset, SMS phone-verification codes) and
 * expired sessions are deleted once they expired more than EXPIRED_TOKEN_GRACE_DAYS ago
 * (configuration, default 7). Each row names
 * an account and, for sessions, when it was used: personal data kept for no purpose once the token is
 * dead, so it goes (LAW-PDP-06: data minimised; LAW-PDP-04: the subject's deletion right should not
 * be needed to get rid of it). The grace period keeps the pages honest for a while: a verification
 * link opened a few days late still says "expired" and offers a new one, a used one "already used".
 * Used tokens follow the same rule as unused ones (both end at `expires_at`); nothing else refers to
 * these rows. Bounded: at most `maxBatches` full deletes of `batchSize` rows per run; the job chains the next.
 */
import type { AppContext } from '../../context.js';
import { deleteExpiredBefore, type ExpiringAuthTable } from '../repository.js';

export const EXPIRED_TOKEN_PURGE_BATCH = 500;
export const EXPIRED_TOKEN_PURGE_MAX_BATCHES = 20;
const EXPIRING_TABLES: readonly ExpiringAuthTable[] = ['auth_email_verification_tokens', 'auth_password_reset_tokens', 'auth_phone_verification_codes', 'auth_sessions'];

/** The instant before which an expiry is old enough to purge: now minus the configured grace period. */
export function expiredTokenPurgeCutoff(ctx: Pick<AppContext, 'clock' | 'config'>): string {
  return new Date(ctx.clock().getTime() - ctx.config.expiredTokenGraceDays * 86_400_000).toISOString();
}

/** Delete tokens and sessions that expired before the grace period, in bounded batches; whether any may remain. */
export async function purgeExpiredAuthTokens(ctx: Pick<AppContext, 'clock' | 'config' | 'db'>, options: { batchSize?: number; maxBatches?: number } = {}): Promise<{ deleted: number; hasMore: boolean }> {
  const batchSize = options.batchSize ?? EXPIRED_TOKEN_PURGE_BATCH;
  let batchesLeft = options.maxBatches ?? EXPIRED_TOKEN_PURGE_MAX_BATCHES;
  const before = expiredTokenPurgeCutoff(ctx);
  let deleted = 0;
  for (const table of EXPIRING_TABLES) {
    for (;;) {
      if (batchesLeft === 0) return { deleted, hasMore: true };
      const count = await deleteExpiredBefore(ctx.db, table, before, batchSize);
      deleted += count;
      // A short batch ends this table; only full ones spend the run's budget (at most maxBatches full
      // batches and one short one per table, so a run stays bounded).
      if (count < batchSize) break;
      batchesLeft -= 1;
    }
  }
  return { deleted, hasMore: false };
}
