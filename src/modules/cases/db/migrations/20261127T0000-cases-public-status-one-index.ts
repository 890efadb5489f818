import type { Kysely } from 'kysely';

// The public status read model is written on every case write and read by tracking code only. Its
// unique (commune_id, case_id) index was never used by a query (the code is unique already and
// belongs to one case), yet cost a b-tree insert, and a page in the WAL, on every submission.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_public_status_case_idx').ifExists().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_public_status_case_idx').on('cases_public_status').columns(['commune_id', 'case_id']).unique().execute();
}
