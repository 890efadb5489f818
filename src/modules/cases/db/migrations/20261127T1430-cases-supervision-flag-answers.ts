import type { Kysely } from 'kysely';
import { dialectOf, instantType } from '../../../../core/db/columns.js';

// A supervision flag (Fatherland Front, People's Inspection Board) is a recommendation the commune
// People's Committee must answer within 15 days (LAW-DEMO-54, LAW-BASE-13): it gets a status
// (awaiting_answer → answered → closed, or back to awaiting_answer when the supervisor keeps it
// open), an answer deadline, the latest answer and who gave it, and who closed it. Plain notes keep
// a null status. Each column is added on its own: SQLite takes one ADD COLUMN per statement.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const instant = instantType(await dialectOf(db));
  const table = 'cases_supervision_notes';
  await db.schema.alterTable(table).addColumn('status', 'text').execute();
  await db.schema.alterTable(table).addColumn('answer_due_at', instant).execute();
  await db.schema.alterTable(table).addColumn('answer_body', 'text').execute();
  await db.schema.alterTable(table).addColumn('answered_at', instant).execute();
  await db.schema.alterTable(table).addColumn('answered_by_user_id', 'text').execute();
  await db.schema.alterTable(table).addColumn('review_comment', 'text').execute();
  await db.schema.alterTable(table).addColumn('resolved_by_user_id', 'text').execute();

  // Flags raised before this migration: closed if already resolved, else awaiting an answer due 15
  // calendar days after they were raised, at the end of that day in Vietnam (UTC+7). Frozen here on
  // purpose (no app imports); the service computes later deadlines on the commune's calendar.
  const flags = await db.selectFrom(table).select(['commune_id', 'id', 'created_at', 'resolved_at']).where('kind', '=', 'flag').execute();
  const day = 86_400_000;
  const offset = 7 * 3_600_000;
  for (const flag of flags) {
    const raised = new Date(flag.created_at as string | Date).getTime();
    const dueDay = Math.floor((raised + offset) / day) + 15;
    const dueAt = new Date((dueDay + 1) * day - offset - 1).toISOString();
    await db
      .updateTable(table)
      .set({ status: flag.resolved_at ? 'closed' : 'awaiting_answer', answer_due_at: dueAt })
      .where('commune_id', '=', flag.commune_id)
      .where('id', '=', flag.id)
      .execute();
  }
  // The supervisor's and the leader's list: open flags of a commune by answer deadline.
  await db.schema.createIndex('cases_supervision_notes_status_idx').on(table).columns(['commune_id', 'status', 'answer_due_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_supervision_notes_status_idx').execute();
  for (const column of ['resolved_by_user_id', 'review_comment', 'answered_by_user_id', 'answered_at', 'answer_body', 'answer_due_at', 'status']) {
    await db.schema.alterTable('cases_supervision_notes').dropColumn(column).execute();
  }
}
