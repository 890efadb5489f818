import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../context.js';
import type { ModuleDescriptor } from '../module.js';
import { dispatchOutbox } from './dispatcher.js';
import { claimNextJob, markJobAttemptFailed, markJobSucceeded, type JobRow } from './queue.js';
import { enqueueDueSchedules } from './scheduler.js';
import { describeJobError } from './timing.js';
import type { EventSubscription, JobDefinition, ScheduleDefinition } from './types.js';

export interface WorkerOptions {
  /** Take jobs, schedules and subscriptions from these descriptors (added to the explicit lists below). */
  modules?: readonly ModuleDescriptor[];
  jobs?: readonly JobDefinition[];
  schedules?: readonly ScheduleDefinition[];
  subscriptions?: readonly EventSubscription[];
  /** Written to locked_by; defaults to host:pid:random. */
  workerId?: string;
  /** Pause between polls when there was nothing to do. */
  pollMs?: number;
  /** How long a claim holds a job before another worker may take it over (a crashed worker). */
  lockMs?: number;
  /** Upper bound of jobs one runOnce call runs, so a flood cannot starve the outbox and schedules. */
  maxJobsPerRun?: number;
}

export interface RunCounts {
  dispatched: number;
  scheduled: number;
  succeeded: number;
  retried: number;
  failed: number;
}

export interface Worker {
  readonly workerId: string;
  /** Poll in the background until stop(). */
  start(): void;
  /** Stop polling; resolves once the job in progress (if any) has settled. */
  stop(): Promise<void>;
  /** Dispatch the outbox, enqueue due schedules, then run due jobs until none is left. */
  runOnce(): Promise<RunCounts>;
}

/** Gather every descriptor's jobs, schedules and subscriptions, refusing duplicates and dangling names. */
export function collectJobWiring(modules: readonly ModuleDescriptor[]): { jobs: JobDefinition[]; schedules: ScheduleDefinition[]; subscriptions: EventSubscription[] } {
  const jobs = modules.flatMap((module) => module.jobs ?? []);
  const schedules = modules.flatMap((module) => module.schedules ?? []);
  const subscriptions = modules.flatMap((module) => module.subscriptions ?? []);
  validateWiring(jobs, schedules, subscriptions);
  return { jobs, schedules, subscriptions };
}

function validateWiring(jobs: readonly JobDefinition[], schedules: readonly ScheduleDefinition[], subscriptions: readonly EventSubscription[]): Map<string, JobDefinition> {
  const byName = new Map<string, JobDefinition>();
  for (const job of jobs) {
    if (byName.has(job.name)) throw new Error(`Job ${job.name} defined twice`);
    byName.set(job.name, job);
  }
  const scheduleNames = new Set<string>();
  for (const schedule of schedules) {
    if (scheduleNames.has(schedule.name)) throw new Error(`Schedule ${schedule.name} defined twice`);
    scheduleNames.add(schedule.name);
    if (!byName.has(schedule.job)) throw new Error(`Schedule ${schedule.name} runs unknown job ${schedule.job}`);
  }
  for (const subscription of subscriptions) {
    if (!byName.has(subscription.job)) throw new Error(`Subscription to ${subscription.event} runs unknown job ${subscription.job}`);
  }
  return byName;
}

export const DEFAULT_POLL_MS = 1000;
export const DEFAULT_LOCK_MS = 5 * 60 * 1000;

/** A queue worker bound to one context. Delivery is at least once: handlers must be idempotent. */
export function createWorker(ctx: AppContext, options: WorkerOptions): Worker {
  const fromModules = options.modules ? collectJobWiring(options.modules) : { jobs: [], schedules: [], subscriptions: [] };
  const schedules = [...fromModules.schedules, ...(options.schedules ?? [])];
  const subscriptions = [...fromModules.subscriptions, ...(options.subscriptions ?? [])];
  const jobsByName = validateWiring([...fromModules.jobs, ...(options.jobs ?? [])], schedules, subscriptions);
  const names = [...jobsByName.keys()];
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const maxJobsPerRun = options.maxJobsPerRun ?? 1000;
  const log = ctx.logger.child({ component: 'jobs', workerId });

  let isStopping = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  async function runJob(job: JobRow, counts: RunCounts): Promise<void> {
    const definition = jobsByName.get(job.name)!;
    const meta = { jobId: job.id, jobName: job.name, attempt: job.attempts, maxAttempts: job.max_attempts };
    if (job.attempts > job.max_attempts) {
      // A worker died holding the job on its last attempt; do not run it again.
      await markJobAttemptFailed(ctx.db, job, new Error('lock expired after the last attempt'), ctx.clock(), { isPermanent: true });
      log.error(meta, 'job failed: lock expired after the last attempt');
      counts.failed += 1;
      return;
    }
    const parsed = definition.payload.safeParse(JSON.parse(job.payload));
    if (!parsed.success) {
      await markJobAttemptFailed(ctx.db, job, parsed.error, ctx.clock(), { isPermanent: true });
      log.error({ ...meta, error: describeJobError(parsed.error) }, 'job failed: invalid payload');
      counts.failed += 1;
      return;
    }
    try {
      await definition.handle(ctx, parsed.data, { jobId: job.id, attempt: job.attempts });
    } catch (error) {
      const status = await markJobAttemptFailed(ctx.db, job, error, ctx.clock());
      // Log the error class and message only: payloads may hold personal data.
      if (status === 'failed') log.error({ ...meta, error: describeJobError(error) }, 'job failed after its last attempt');
      else log.warn({ ...meta, error: describeJobError(error) }, 'job attempt failed, will retry');
      counts[status === 'failed' ? 'failed' : 'retried'] += 1;
      return;
    }
    await markJobSucceeded(ctx.db, job, ctx.clock().toISOString());
    counts.succeeded += 1;
  }

  async function runOnce(): Promise<RunCounts> {
    const counts: RunCounts = { dispatched: 0, scheduled: 0, succeeded: 0, retried: 0, failed: 0 };
    counts.dispatched = await dispatchOutbox(ctx.db, ctx.dialect, { subscriptions, jobs: jobsByName, now: ctx.clock().toISOString() });
    counts.scheduled = await enqueueDueSchedules(ctx.db, { schedules, jobs: jobsByName, now: ctx.clock() });
    for (let ran = 0; ran < maxJobsPerRun && !isStopping; ran += 1) {
      const now = ctx.clock();
      const job = await claimNextJob(ctx.db, ctx.dialect, { names, workerId, now: now.toISOString(), lockedUntil: new Date(now.getTime() + lockMs).toISOString() });
      if (!job) break;
      await runJob(job, counts);
    }
    return counts;
  }

  async function poll(): Promise<void> {
    while (!isStopping) {
      let counts: RunCounts | null = null;
      try {
        counts = await runOnce();
      } catch (error) {
        log.error({ error: describeJobError(error) }, 'worker poll failed');
      }
      const isIdle = !counts || counts.succeeded + counts.retried + counts.failed === 0;
      if (isStopping || !isIdle) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    workerId,
    runOnce,
    start() {
      if (loop) return;
      isStopping = false;
      log.info({ jobs: names.length, schedules: schedules.length, subscriptions: subscriptions.length }, 'job worker started');
      loop = poll();
    },
    async stop() {
      isStopping = true;
      wake?.();
      await loop;
      loop = null;
      log.info('job worker stopped');
    },
  };
}
