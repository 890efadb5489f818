import type { Kysely } from 'kysely';
import { dialectOf, instantType } from '../../db/columns.js';

// A resident's phone counts as theirs only once they typed a code sent to it by SMS: `phone_verified_at`
// (NULL: never verified, or changed since). Until then no notification goes to it by SMS; signing in
// with it keeps working. Existing residents' phones start unverified (nothing proved them theirs, and
// a stranger's number must not get SMS); demo accounts' phones count as verified, like a seeded one.
// The code is stored only as an HMAC digest, single-use, expiring, voided after too many wrong tries.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  await db.schema.alterTable('auth_users').addColumn('phone_verified_at', instantType(dialect)).execute();
  await db.updateTable('auth_users').set((eb) => ({ phone_verified_at: eb.ref('updated_at') })).where('is_demo', '=', 1).where('phone', 'is not', null).execute();
  await db.schema
    .createTable('auth_phone_verification_codes')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('auth_users.id').onDelete('cascade'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addColumn('expires_at', instantType(dialect), (c) => c.notNull())
    .addColumn('used_at', instantType(dialect))
    .addPrimaryKeyConstraint('auth_phone_verification_codes_pk', ['commune_id', 'id'])
    .execute();
  await db.schema.createIndex('auth_phone_verification_codes_user_idx').on('auth_phone_verification_codes').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('auth_phone_verification_codes_expires_idx').on('auth_phone_verification_codes').columns(['expires_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auth_phone_verification_codes').execute();
  await db.schema.alterTable('auth_users').dropColumn('phone_verified_at').execute();
}
