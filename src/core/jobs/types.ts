import type { z } from 'zod';
import type { AppContext } from '../context.js';

/** A background job: a module-prefixed name, a payload schema and a handler (documenso-style definitions). */
export interface JobDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  payload: Schema;
  /** Attempts before the job is marked failed (retries back off exponentially). */
  maxAttempts?: number;
  handle(ctx: AppContext, payload: z.infer<Schema>, meta: { jobId: string; attempt: number }): Promise<void>;
}

/** A recurring sweep: every `everyMinutes`, enqueue `job` once per slot (deterministic id, never twice). */
export interface ScheduleDefinition {
  name: string;
  everyMinutes: number;
  job: string;
}

/** Outbox events → jobs: when an event with this name is dispatched, enqueue `job` with the event payload. */
export interface EventSubscription {
  event: string;
  job: string;
}

export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition {
  return definition as unknown as JobDefinition;
}
