import { fileURLToPath } from 'node:url';
import type { ModuleDescriptor } from '../module.js';
import en from './messages/en.json' with { type: 'json' };
import vi from './messages/vi.json' with { type: 'json' };
import { jobsRoutes } from './routes.js';

export { emitEvent, findOutboxEvents, type OutboxEvent, type OutboxRow } from './outbox.js';
export { enqueueJob, findJobById, type EnqueueJob, type JobRow } from './queue.js';
export { dispatchOutbox } from './dispatcher.js';
export { enqueueDueSchedules } from './scheduler.js';
export { collectJobWiring, createWorker, type RunCounts, type Worker, type WorkerOptions } from './worker.js';
export { retryDelayMs, scheduleSlotStart, scheduleRunKey } from './timing.js';
export { defineJob, type EventSubscription, type JobDefinition, type ScheduleDefinition } from './types.js';
export { defineBatchedJob } from './batched.js';
export type { JobSummary } from './contract.js';

/** The job queue, scheduler and outbox tables plus the admin view of the queue. */
export const jobsModule: ModuleDescriptor = {
  name: 'jobs',
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  permissions: { 'jobs.manage': ['admin'] },
  messages: { vi, en },
  routes: jobsRoutes,
};
