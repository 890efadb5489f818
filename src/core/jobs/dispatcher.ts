import { inTransaction, typed, type Db, type Dialect } from '../db/database.js';
import { enqueueJob } from './queue.js';
import type { JobsTables } from './tables.js';
import type { EventSubscription, JobDefinition } from './types.js';

export const DISPATCH_BATCH_SIZE = 100;

/**
 * Fan undispatched outbox events out to their subscribed jobs, oldest first. Each batch enqueues
 * its jobs and marks its events dispatched in one transaction; the idempotency key
 * `${eventId}:${jobName}` keeps a re-dispatched event from enqueueing a job twice.
 * Returns the number of events dispatched.
 */
export async function dispatchOutbox(
  db: Db,
  dialect: Dialect,
  options: { subscriptions: readonly EventSubscription[]; jobs: ReadonlyMap<string, JobDefinition>; now: string; batchSize?: number },
): Promise<number> {
  const batchSize = options.batchSize ?? DISPATCH_BATCH_SIZE;
  let dispatched = 0;
  for (;;) {
    const count = await inTransaction(db, async (tx) => {
      let select = typed<JobsTables>(tx).selectFrom('jobs_outbox').selectAll().where('dispatched_at', 'is', null).orderBy('sequence').limit(batchSize);
      // Concurrent dispatchers on PostgreSQL take disjoint batches; SQLite serialises transactions.
      if (dialect === 'postgres') select = select.forUpdate().skipLocked();
      const events = await select.execute();
      for (const event of events) {
        const payload = JSON.parse(event.payload) as Record<string, unknown>;
        for (const subscription of options.subscriptions) {
          if (subscription.event !== event.name) continue;
          await enqueueJob(
            tx,
            {
              name: subscription.job,
              payload: { eventId: event.id, communeId: event.commune_id, ...payload },
              communeId: event.commune_id,
              idempotencyKey: `${event.id}:${subscription.job}`,
              maxAttempts: options.jobs.get(subscription.job)?.maxAttempts,
            },
            options.now,
          );
        }
      }
      if (events.length > 0) {
        await typed<JobsTables>(tx)
          .updateTable('jobs_outbox')
          .set({ dispatched_at: options.now })
          .where('id', 'in', events.map((event) => event.id))
          .execute();
      }
      return events.length;
    });
    dispatched += count;
    if (count < batchSize) return dispatched;
  }
}
