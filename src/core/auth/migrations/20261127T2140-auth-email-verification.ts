import type { Kysely } from 'kysely';
import { dialectOf, instantType } from '../../db/columns.js';

// A resident's e-mail counts as theirs only once they opened a link mailed to it: `email_verified_at`
// (NULL: never verified, or changed since). The link's token is stored only as a SHA-256 digest,
// single-use and expiring, like the password-reset tokens.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  await db.schema.alterTable('auth_users').addColumn('email_verified_at', instantType(dialect)).execute();
  await db.schema
    .createTable('auth_email_verification_tokens')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('auth_users.id').onDelete('cascade'))
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addColumn('expires_at', instantType(dialect), (c) => c.notNull())
    .addColumn('used_at', instantType(dialect))
    .addPrimaryKeyConstraint('auth_email_verification_tokens_pk', ['commune_id', 'id'])
    .execute();
  await db.schema.createIndex('auth_email_verification_tokens_user_idx').on('auth_email_verification_tokens').columns(['user_id', 'created_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auth_email_verification_tokens').execute();
  await db.schema.alterTable('auth_users').dropColumn('email_verified_at').execute();
}
