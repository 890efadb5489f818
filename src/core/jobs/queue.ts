import { sql, type Selectable } from 'kysely';
import { newId } from '../contract/ids.js';
import { typed, type Db, type Dialect, type Tx } from '../db/database.js';
import type { JobStatus, JobsQueueTable, JobsTables } from './tables.js';
import { DEFAULT_MAX_ATTEMPTS, describeJobError, nextRunAt } from './timing.js';

const q = (db: Db | Tx) => typed<JobsTables>(db);

export type JobRow = Selectable<JobsQueueTable>;

export interface EnqueueJob {
  name: string;
  payload: unknown;
  communeId?: string | null;
  /** ISO instant; defaults to `now`. */
  runAt?: string;
  /** A second enqueue with the same key is a no-op (returns null). */
  idempotencyKey?: string;
  maxAttempts?: number;
}

/** Queue a job; returns its id, or null when a job with the same idempotency key already exists. */
export async function enqueueJob(db: Db | Tx, job: EnqueueJob, now: string): Promise<string | null> {
  const id = newId();
  const result = await q(db)
    .insertInto('jobs_queue')
    .values({
      id,
      commune_id: job.communeId ?? null,
      name: job.name,
      payload: JSON.stringify(job.payload ?? null),
      status: 'queued',
      attempts: 0,
      max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      run_at: job.runAt ?? now,
      locked_until: null,
      locked_by: null,
      last_error: null,
      idempotency_key: job.idempotencyKey ?? null,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return result?.id ?? null;
}

/**
 * Claim the next due job among `names`: a queued job whose run_at has come, or a running job whose
 * lock expired (its worker died). Marks it running, bumps attempts and locks it until `lockedUntil`.
 * One statement on both dialects; PostgreSQL skips rows other workers hold (SKIP LOCKED), SQLite
 * has one writer at a time, so two claimers never get the same row.
 */
export async function claimNextJob(db: Db, dialect: Dialect, claim: { names: readonly string[]; workerId: string; now: string; lockedUntil: string }): Promise<JobRow | undefined> {
  if (claim.names.length === 0) return undefined;
  let next = q(db)
    .selectFrom('jobs_queue')
    .select('id')
    .where('name', 'in', [...claim.names])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', claim.now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', claim.now)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(1);
  if (dialect === 'postgres') next = next.forUpdate().skipLocked();
  return q(db)
    .updateTable('jobs_queue')
    .set({ status: 'running', attempts: sql<number>`attempts + 1`, locked_by: claim.workerId, locked_until: claim.lockedUntil, updated_at: claim.now })
    .where('id', '=', next)
    .returningAll()
    .executeTakeFirst();
}

/** Guard shared by the outcome writers: only the claim that still holds the job may settle it. */
function ownedBy(job: Pick<JobRow, 'id' | 'attempts' | 'locked_by'>) {
  return { id: job.id, attempts: job.attempts, lockedBy: job.locked_by ?? '' };
}

export async function markJobSucceeded(db: Db, job: JobRow, now: string): Promise<void> {
  const owner = ownedBy(job);
  await q(db)
    .updateTable('jobs_queue')
    .set({ status: 'succeeded', locked_until: null, locked_by: null, finished_at: now, updated_at: now })
    .where('id', '=', owner.id)
    .where('status', '=', 'running')
    .where('attempts', '=', owner.attempts)
    .where('locked_by', '=', owner.lockedBy)
    .execute();
}

/**
 * Record a failed attempt: back off and re-queue, or mark the job failed once it used its last
 * attempt (or when `isPermanent`, e.g. an invalid payload). Returns the resulting status.
 */
export async function markJobAttemptFailed(db: Db, job: JobRow, error: unknown, now: Date, options: { isPermanent?: boolean } = {}): Promise<'queued' | 'failed'> {
  const owner = ownedBy(job);
  const isFinal = options.isPermanent === true || job.attempts >= job.max_attempts;
  const nowIso = now.toISOString();
  await q(db)
    .updateTable('jobs_queue')
    .set({
      status: isFinal ? 'failed' : 'queued',
      run_at: isFinal ? job.run_at : nextRunAt(now, job.attempts),
      last_error: describeJobError(error),
      locked_until: null,
      locked_by: null,
      finished_at: isFinal ? nowIso : null,
      updated_at: nowIso,
    })
    .where('id', '=', owner.id)
    .where('status', '=', 'running')
    .where('attempts', '=', owner.attempts)
    .where('locked_by', '=', owner.lockedBy)
    .execute();
  return isFinal ? 'failed' : 'queued';
}

export async function findJobById(db: Db | Tx, id: string): Promise<JobRow | undefined> {
  return q(db).selectFrom('jobs_queue').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface JobQuery {
  /** Jobs of this commune plus commune-less (system) jobs. */
  communeId?: string;
  status?: JobStatus;
  name?: string;
  limit: number;
  offset: number;
}

function filtered(db: Db | Tx, query: Omit<JobQuery, 'limit' | 'offset'>) {
  let select = q(db).selectFrom('jobs_queue');
  if (query.communeId) {
    const communeId = query.communeId;
    select = select.where((eb) => eb.or([eb('commune_id', '=', communeId), eb('commune_id', 'is', null)]));
  }
  if (query.status) select = select.where('status', '=', query.status);
  if (query.name) select = select.where('name', '=', query.name);
  return select;
}

/** Jobs for the admin view: failed first, then most recently updated. */
export async function findJobs(db: Db | Tx, query: JobQuery): Promise<{ rows: JobRow[]; total: number }> {
  const rows = await filtered(db, query)
    .selectAll()
    .orderBy(sql`case when status = 'failed' then 0 else 1 end`)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const count = await filtered(db, query).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.count) };
}

/** Put a failed job back in the queue with a fresh attempt budget (admin retry). */
export async function requeueFailedJob(db: Db | Tx, id: string, now: string): Promise<boolean> {
  const result = await q(db)
    .updateTable('jobs_queue')
    .set({ status: 'queued', attempts: 0, run_at: now, locked_until: null, locked_by: null, finished_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
