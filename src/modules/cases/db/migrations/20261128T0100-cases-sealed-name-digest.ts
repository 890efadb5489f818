import type { Kysely } from 'kysely';

// LAW-DENUNC-12: a keyed digest of a sealed submitter's declared name (word count and MAC, never the
// name), so that the name, written into the case's own text in any form, can be masked for readers who
// may not open the identity without opening it. Null for cases filed before it and for other kinds.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases_items').addColumn('sealed_name_digest', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases_items').dropColumn('sealed_name_digest').execute();
}
