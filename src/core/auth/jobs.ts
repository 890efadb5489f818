/** Background work of core/auth: the hourly purge of expired single-use tokens and sessions. */
import { defineBatchedJob } from '../jobs/batched.js';
import type { JobDefinition, ScheduleDefinition } from '../jobs/types.js';
import { purgeExpiredAuthTokens } from './use-cases/purge-expired-tokens.js';

export const PURGE_EXPIRED_TOKENS_JOB = 'auth.purge-expired-tokens';

/**
 * Hourly, bounded: each run deletes at most a fixed number of rows and, while some may remain, enqueues
 * the next round of the same slot (defineBatchedJob).
 */
const purgeExpiredTokens = defineBatchedJob(PURGE_EXPIRED_TOKENS_JOB, async (ctx) => {
  const { deleted, hasMore } = await purgeExpiredAuthTokens(ctx);
  if (deleted > 0) ctx.logger.info({ job: PURGE_EXPIRED_TOKENS_JOB, deleted }, 'expired tokens purged');
  return { hasMore };
});

export const authJobs: readonly JobDefinition[] = [purgeExpiredTokens];
export const authSchedules: readonly ScheduleDefinition[] = [{ name: PURGE_EXPIRED_TOKENS_JOB, everyMinutes: 60, job: PURGE_EXPIRED_TOKENS_JOB }];
