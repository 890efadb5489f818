import { sql, type Kysely } from 'kysely';

// The jobs that visit only sealed cases (re-keying the declared name's digest after a vault key
// rotation, LAW-DENUNC-12; re-sealing identities, LAW-DENUNC-11) read them through this partial index
// instead of scanning every case: sealed cases are a small share of a commune's cases.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_items_sealed_idx').on('cases_items').column('id').where(sql.ref('sealed_identity'), 'is not', null).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_items_sealed_idx').execute();
}
