import { sql, type Kysely } from 'kysely';
import { dialectOf, instantType } from '../../../../core/db/columns.js';

// A case still `received` is overdue once its acceptance deadline (thụ lý) has passed
// (LAW-DENUNC-02, LAW-PAKN-08), decided when read like the resolution deadline: the stored public
// status keeps that date beside `due_at`, so the status lookup stays one point read. Existing rows
// take it from their case. Portable: SQLite and PostgreSQL.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const instant = instantType(await dialectOf(db));
  await db.schema.alterTable('cases_public_status').addColumn('acceptance_due_at', instant).execute();
  await sql`UPDATE cases_public_status SET acceptance_due_at = (SELECT c.acceptance_due_at FROM cases_items c WHERE c.commune_id = cases_public_status.commune_id AND c.id = cases_public_status.case_id)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases_public_status').dropColumn('acceptance_due_at').execute();
}
