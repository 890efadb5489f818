import type { Generated } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobsQueueTable {
  id: string;
  commune_id: string | null;
  name: string;
  /** JSON text. */
  payload: string;
  status: JobStatus;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: string;
  locked_until: string | null;
  locked_by: string | null;
  /** Error class and a truncated message; never payload values. */
  last_error: string | null;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface JobsOutboxTable {
  sequence: Generated<number>;
  id: string;
  commune_id: string | null;
  /** `<module>.<entity>.<past-tense>`. */
  name: string;
  payload: string;
  created_at: string;
  dispatched_at: string | null;
}

export interface JobsTables {
  jobs_queue: JobsQueueTable;
  jobs_outbox: JobsOutboxTable;
}
