import type { Kysely } from 'kysely';

// Per-address and per-account request counters shared by every instance of the app
// (RATE_LIMIT_STORE=database; see src/core/http/rate-limit-store.ts). One row per key and
// fixed window; `window_ends_at` is milliseconds since the epoch, so both dialects compare
// plain integers. Expired rows are deleted by the store itself now and then.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('http_rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_ends_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('http_rate_limits_window_ends_at').on('http_rate_limits').column('window_ends_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('http_rate_limits').execute();
}
