import type { Kysely } from 'kysely';

// The hourly purge of expired single-use tokens and sessions (auth.purge-expired-tokens) finds them
// by expiry: one index each, so a run reads only what it deletes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('auth_email_verification_tokens_expires_idx').on('auth_email_verification_tokens').columns(['expires_at']).execute();
  await db.schema.createIndex('auth_password_reset_tokens_expires_idx').on('auth_password_reset_tokens').columns(['expires_at']).execute();
  await db.schema.createIndex('auth_sessions_expires_idx').on('auth_sessions').columns(['expires_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('auth_sessions_expires_idx').execute();
  await db.schema.dropIndex('auth_password_reset_tokens_expires_idx').execute();
  await db.schema.dropIndex('auth_email_verification_tokens_expires_idx').execute();
}
