import type { Kysely } from 'kysely';

// Open311 partners send `media_url`, a link to a photo they host (GeoReport v2 §3.3): it is kept as
// sent (http/https only, checked by the adapter, never fetched) and returned on GET (§3.5).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases_items').addColumn('media_url', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases_items').dropColumn('media_url').execute();
}
