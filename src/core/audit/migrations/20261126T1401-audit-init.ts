import { sql, type Kysely } from 'kysely';
import { dialectOf, instantType } from '../../db/columns.js';

// Append-only audit log; each row carries the hash of the previous row of the same commune, so a
// deleted or edited row breaks the chain (`npm run audit:verify`). Irreversible by design: no down.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  await db.schema
    .createTable('audit_log')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', instantType(dialect), (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('previous_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_log_pk', ['commune_id', 'sequence'])
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['commune_id', 'entity_type', 'entity_id']).execute();
  if (dialect === 'postgres') {
    // The log is append-only: refuse UPDATE and DELETE at the database level too.
    await db.executeQuery(
      sql`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql`.compile(db),
    );
    await db.executeQuery(sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.compile(db));
  } else {
    await db.executeQuery(sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.compile(db));
    await db.executeQuery(sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.compile(db));
  }
}
