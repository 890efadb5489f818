import type { Kysely } from 'kysely';

// The language a resident used when submitting (cases_items) or following (cases_followers): their
// status messages and the link in them are written in it. Rows from before this column read 'vi'.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases_items').addColumn('locale', 'text', (column) => column.notNull().defaultTo('vi')).execute();
  await db.schema.alterTable('cases_followers').addColumn('locale', 'text', (column) => column.notNull().defaultTo('vi')).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases_followers').dropColumn('locale').execute();
  await db.schema.alterTable('cases_items').dropColumn('locale').execute();
}
