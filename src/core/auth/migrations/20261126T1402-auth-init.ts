import type { Kysely } from 'kysely';
import { dialectOf, instantType } from '../../db/columns.js';

// Accounts, role grants, database sessions, sign-in throttling and password-reset tokens.
// Secrets are never stored in the clear: passwords as argon2id hashes, session and reset tokens as
// SHA-256 digests, TOTP secrets sealed with the field vault.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  await db.schema
    .createTable('auth_users')
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id'))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    // The resident's hamlet or residential group (thôn, tổ dân phố): where their reports and votes belong.
    .addColumn('home_area_id', 'text')
    // NULLs never collide in a unique constraint (both dialects), so phone-only and e-mail-only accounts coexist.
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('phone', 'text', (c) => c.unique())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret_sealed', 'text')
    .addColumn('totp_pending_secret_sealed', 'text')
    .addColumn('totp_last_step', 'integer')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('vi'))
    .addColumn('notify_email', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('notify_sms', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_sign_in_at', instantType(dialect))
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addColumn('updated_at', instantType(dialect), (c) => c.notNull())
    .addPrimaryKeyConstraint('auth_users_pk', ['commune_id', 'id'])
    .execute();
  await db.schema.createIndex('auth_users_kind_idx').on('auth_users').columns(['commune_id', 'kind', 'display_name']).execute();

  await db.schema
    .createTable('auth_role_grants')
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id'))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('auth_users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('area_id', 'text')
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addPrimaryKeyConstraint('auth_role_grants_pk', ['commune_id', 'id'])
    .execute();
  await db.schema.createIndex('auth_role_grants_user_idx').on('auth_role_grants').columns(['commune_id', 'user_id']).execute();
  // Resolving a session knows the user but not yet the commune(s) they act in.
  await db.schema.createIndex('auth_role_grants_by_user_idx').on('auth_role_grants').columns(['user_id']).execute();

  await db.schema
    .createTable('auth_sessions')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('auth_users.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addColumn('last_seen_at', instantType(dialect), (c) => c.notNull())
    .addColumn('expires_at', instantType(dialect), (c) => c.notNull())
    .addPrimaryKeyConstraint('auth_sessions_pk', ['commune_id', 'id'])
    .execute();
  await db.schema.createIndex('auth_sessions_user_idx').on('auth_sessions').columns(['commune_id', 'user_id']).execute();
  await db.schema.createIndex('auth_sessions_by_user_idx').on('auth_sessions').columns(['user_id']).execute();

  // Not tenant-scoped: an identifier or an IP address is throttled whichever commune it targets.
  await db.schema
    .createTable('auth_login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', instantType(dialect), (c) => c.notNull())
    .addColumn('next_allowed_at', instantType(dialect))
    .addColumn('locked_until', instantType(dialect))
    .execute();

  await db.schema
    .createTable('auth_password_reset_tokens')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('auth_users.id').onDelete('cascade'))
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addColumn('expires_at', instantType(dialect), (c) => c.notNull())
    .addColumn('used_at', instantType(dialect))
    .addPrimaryKeyConstraint('auth_password_reset_tokens_pk', ['commune_id', 'id'])
    .execute();
  await db.schema.createIndex('auth_password_reset_tokens_user_idx').on('auth_password_reset_tokens').columns(['commune_id', 'user_id']).execute();
}
