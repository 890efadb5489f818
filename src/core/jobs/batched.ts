import { z } from 'zod';
import type { AppContext } from '../context.js';
import { enqueueJob } from './queue.js';
import { defineJob, type JobDefinition } from './types.js';

/**
 * A scheduled job that works through a backlog in bounded runs (a backfill, a re-render, a purge):
 * `run` does at most a fixed amount and says whether more remains; while it does, the job enqueues the
 * next round of the same schedule slot under a deterministic key (never twice), so a large backlog is
 * worked through in a chain of short runs without waiting for the next slot.
 */
export function defineBatchedJob(name: string, run: (ctx: AppContext) => Promise<{ hasMore: boolean }>): JobDefinition {
  return defineJob({
    name,
    payload: z.object({ scheduledAt: z.string(), round: z.number().int().nonnegative().optional() }),
    async handle(ctx, payload) {
      const { hasMore } = await run(ctx);
      if (!hasMore) return;
      const round = (payload.round ?? 0) + 1;
      await enqueueJob(ctx.db, { name, payload: { scheduledAt: payload.scheduledAt, round }, idempotencyKey: `${name}:${payload.scheduledAt}:${round}` }, ctx.clock().toISOString());
    },
  });
}
