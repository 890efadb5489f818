import { sql, type Kysely } from 'kysely';
import { dialectOf, instantType } from '../../../../core/db/columns.js';

// The public status lookup by tracking code is the system's hottest read. Two changes for it:
// 1. `cases_public_status`: a read model holding what an anonymous reader sees, as the JSON response
//    in each language, refreshed in the transaction of every write that changes it. Keyed by the
//    tracking code alone (a reader knows nothing else); (commune_id, case_id) is unique for writes.
// 2. The timeline index gains `id`, so a case's timeline is read in (at, id) order without a sort.
// Portable: SQLite and PostgreSQL.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const instant = instantType(dialect);
  // The views are UTF-8 bytes sent as they are (no decoding into a string and encoding back).
  const bytes = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('cases_public_status')
    .addColumn('code', 'text', (c) => c.primaryKey().notNull())
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_at', instant)
    .addColumn('is_paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('area_id', 'text')
    .addColumn('assigned_unit_id', 'text')
    .addColumn('names_vi', 'text', (c) => c.notNull())
    .addColumn('names_en', 'text', (c) => c.notNull())
    .addColumn('view_vi', bytes, (c) => c.notNull())
    .addColumn('view_en', bytes, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_public_status_case_idx').on('cases_public_status').columns(['commune_id', 'case_id']).unique().execute();

  await db.schema.dropIndex('cases_timeline_case_idx').execute();
  await db.schema.createIndex('cases_timeline_case_idx').on('cases_timeline').columns(['commune_id', 'case_id', 'at', 'id']).execute();
}
