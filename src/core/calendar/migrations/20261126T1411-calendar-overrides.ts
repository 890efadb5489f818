import type { Kysely } from 'kysely';
import { dateType, dialectOf, instantType } from '../../db/columns.js';

// Per-commune calendar decisions: an extra day off or a make-up working day (official swap decisions).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  await db.schema
    .createTable('calendar_overrides')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('date', dateType(dialect), (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_overrides_pk', ['commune_id', 'date'])
    .execute();
}
