import type { Kysely } from 'kysely';
import { dialectOf, instantType, serialType } from '../../db/columns.js';

// Job queue and transactional outbox. The queue is claimed with SKIP LOCKED on PostgreSQL and with
// a single UPDATE … RETURNING on SQLite (one writer at a time). Idempotency keys make schedule runs
// and event fan-out deterministic: enqueueing the same key twice is a no-op.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  await db.schema
    .createTable('jobs_queue')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('commune_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', instantType(dialect), (c) => c.notNull())
    .addColumn('locked_until', instantType(dialect))
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addColumn('updated_at', instantType(dialect), (c) => c.notNull())
    .addColumn('finished_at', instantType(dialect))
    .execute();
  await db.schema.createIndex('jobs_queue_status_run_at').on('jobs_queue').columns(['status', 'run_at']).execute();

  // `sequence` keeps emission order (UUIDv7 ids are only ordered to the millisecond).
  await db.schema
    .createTable('jobs_outbox')
    .addColumn('sequence', serialType(dialect), (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('commune_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addColumn('dispatched_at', instantType(dialect))
    .execute();
  await db.schema.createIndex('jobs_outbox_dispatched_at').on('jobs_outbox').columns(['dispatched_at', 'sequence']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs_outbox').execute();
  await db.schema.dropTable('jobs_queue').execute();
}
