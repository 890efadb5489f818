import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../../core/db/columns.js';

// The public status read model kept the finished view in Vietnamese and in English. Nearly every
// reader reads Vietnamese; the English copy doubled the rendering on every case write and the row
// (two views of 1–2 KB each filled a 4 KiB page per case), so a million cases took about 4 GB and
// every submission and lookup touched twice the bytes. English readers now get the live view, computed
// from the case's rows by the same functions (read-cases.ts), as signed-in readers already do.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases_public_status').dropColumn('view_en').execute();
  await db.schema.alterTable('cases_public_status').dropColumn('names_en').execute();
}

// The columns come back empty: an empty names signature never matches the current names, so the
// earlier code serves English readers the live view until the next write of a case renders it again.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const bytes = (await dialectOf(db)) === 'postgres' ? sql`bytea` : sql`blob`;
  await db.schema.alterTable('cases_public_status').addColumn('names_en', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('cases_public_status').addColumn('view_en', bytes, (c) => c.notNull().defaultTo(sql`''`)).execute();
}
