import type { Kysely } from 'kysely';

// Open311 partners may locate a request by `address_id`, a key in their address register: it is
// kept as sent and returned on GET (GeoReport v2 §3.5), instead of being dropped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases_items').addColumn('address_id', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases_items').dropColumn('address_id').execute();
}
