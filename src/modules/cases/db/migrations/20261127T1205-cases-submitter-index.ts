import type { Kysely } from 'kysely';

// "Hồ sơ của tôi" lists a signed-in resident's own cases, newest first: (commune, submitter, received).
// Partial, like the Q&A index: anonymous submissions (most of them) never touch it. Both SQLite and
// PostgreSQL use it for `submitter_user_id = ?`, which implies the index's `IS NOT NULL`.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('cases_items_submitter_idx')
    .on('cases_items')
    .columns(['commune_id', 'submitter_user_id', 'received_at'])
    .where('submitter_user_id', 'is not', null)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_items_submitter_idx').ifExists().execute();
}
