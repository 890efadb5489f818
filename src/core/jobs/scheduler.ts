import type { Db, Tx } from '../db/database.js';
import { enqueueJob } from './queue.js';
import { scheduleSlotStart } from './timing.js';
import type { JobDefinition, ScheduleDefinition } from './types.js';

/**
 * Enqueue each schedule's job once for the slot containing `now` (slot = floor(now / everyMinutes)).
 * The idempotency key `${schedule.name}:${slotIso}` makes concurrent schedulers agree on one run.
 * The job receives `{ scheduledAt: slotIso }`. Returns how many runs this call enqueued.
 */
export async function enqueueDueSchedules(
  db: Db | Tx,
  options: { schedules: readonly ScheduleDefinition[]; jobs: ReadonlyMap<string, JobDefinition>; now: Date },
): Promise<number> {
  const nowIso = options.now.toISOString();
  let enqueued = 0;
  for (const schedule of options.schedules) {
    const slot = scheduleSlotStart(options.now, schedule.everyMinutes);
    const id = await enqueueJob(
      db,
      { name: schedule.job, payload: { scheduledAt: slot }, idempotencyKey: `${schedule.name}:${slot}`, maxAttempts: options.jobs.get(schedule.job)?.maxAttempts },
      nowIso,
    );
    if (id) enqueued += 1;
  }
  return enqueued;
}
