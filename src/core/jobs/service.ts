import { appendAudit } from '../audit/audit-log.js';
import type { Actor } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import { invalidState, notFound } from '../contract/errors.js';
import { inTransaction } from '../db/database.js';
import type { JobPage, JobSummary, ListJobsQuery } from './contract.js';
import { findJobById, findJobs, requeueFailedJob, type JobRow } from './queue.js';

function toJobSummary(row: JobRow): JobSummary {
  return {
    id: row.id,
    communeId: row.commune_id,
    name: row.name,
    status: row.status,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAt: row.run_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** Jobs of the admin's commune plus system jobs, failed first. */
export async function listJobs(ctx: AppContext, actor: Actor, query: ListJobsQuery): Promise<JobPage> {
  const { rows, total } = await findJobs(ctx.db, {
    communeId: actor.communeId,
    status: query.status,
    name: query.name,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(toJobSummary), total, page: query.page, pageSize: query.pageSize };
}

/** Give a failed job a fresh attempt budget, recorded in the audit chain. Only failed jobs can be retried. */
export async function retryJob(ctx: AppContext, actor: Actor, jobId: string, requestId?: string): Promise<JobSummary> {
  const now = ctx.clock().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    const job = await findJobById(tx, jobId);
    if (!job || (job.commune_id !== null && job.commune_id !== actor.communeId)) throw notFound();
    if (!(await requeueFailedJob(tx, jobId, now))) throw invalidState('jobs.errors.notFailed', { status: job.status });
    await appendAudit(tx, ctx.dialect, {
      communeId: actor.communeId,
      actor,
      action: 'jobs.job.retried',
      entityType: 'job',
      entityId: jobId,
      details: { name: job.name, previousAttempts: Number(job.attempts) },
      requestId: requestId ?? null,
      at: now,
    });
  });
  return toJobSummary((await findJobById(ctx.db, jobId))!);
}
