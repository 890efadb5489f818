/** Background work of core/auth: the hourly purge of expired single-use tokens and sessions. */
import { z } from 'zod';
import { enqueueJob } from '../jobs/queue.js';
import { defineJob, type JobDefinition, type ScheduleDefinition } from '../jobs/types.js';
import { purgeExpiredAuthTokens } from './use-cases/purge-expired-tokens.js';

export const PURGE_EXPIRED_TOKENS_JOB = 'auth.purge-expired-tokens';

/**
 * Hourly, bounded: each run deletes at most a fixed number of rows and, while some may remain, enqueues
 * the next round of the same slot (deterministic key, never twice), like cases.rerender-stale-public-status.
 */
const purgeExpiredTokens = defineJob({
  name: PURGE_EXPIRED_TOKENS_JOB,
  payload: z.object({ scheduledAt: z.string(), round: z.number().int().nonnegative().optional() }),
  async handle(ctx, payload) {
    const { deleted, hasMore } = await purgeExpiredAuthTokens(ctx);
    if (deleted > 0) ctx.logger.info({ job: PURGE_EXPIRED_TOKENS_JOB, deleted }, 'expired tokens purged');
    if (!hasMore) return;
    const round = (payload.round ?? 0) + 1;
    await enqueueJob(ctx.db, { name: PURGE_EXPIRED_TOKENS_JOB, payload: { scheduledAt: payload.scheduledAt, round }, idempotencyKey: `${PURGE_EXPIRED_TOKENS_JOB}:${payload.scheduledAt}:${round}` }, ctx.clock().toISOString());
  },
});

export const authJobs: readonly JobDefinition[] = [purgeExpiredTokens];
export const authSchedules: readonly ScheduleDefinition[] = [{ name: PURGE_EXPIRED_TOKENS_JOB, everyMinutes: 60, job: PURGE_EXPIRED_TOKENS_JOB }];
