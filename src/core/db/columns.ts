import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * Frozen column-type helpers for migrations (house style §2.7): migrations never import app code,
 * only these. Their output must never change once a migration using them has merged.
 *
 * Conventions, identical on both dialects as seen by the app:
 * - ids are text (UUIDv7 from core/contract/ids);
 * - instants are ISO-8601 UTC strings (timestamptz on PostgreSQL, text on SQLite);
 * - calendar dates are YYYY-MM-DD (date on PostgreSQL, text on SQLite);
 * - booleans are 0/1 integers (better-sqlite3 cannot bind JS booleans);
 * - JSON is text holding JSON.
 */
export type MigrationDialect = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function dialectOf(db: Kysely<any>): Promise<MigrationDialect> {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.toLowerCase().includes('postgres') ? 'postgres' : 'sqlite';
}

export function instantType(dialect: MigrationDialect) {
  return dialect === 'postgres' ? sql`timestamptz` : sql`text`;
}

export function dateType(dialect: MigrationDialect) {
  return dialect === 'postgres' ? sql`date` : sql`text`;
}

/** Auto-incrementing integer key used where order of insertion matters (audit chain, job queue). */
export function serialType(dialect: MigrationDialect) {
  return dialect === 'postgres' ? sql`bigserial` : sql`integer`;
}

export function idColumn(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  return column.primaryKey().notNull();
}

/** Adds `created_at` and `updated_at` (ISO instants). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withTimestamps<T extends string>(table: CreateTableBuilder<T, any>, dialect: MigrationDialect) {
  return table
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addColumn('updated_at', instantType(dialect), (c) => c.notNull());
}
