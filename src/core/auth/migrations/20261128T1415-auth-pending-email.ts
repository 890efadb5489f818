import type { Kysely } from 'kysely';

// A resident's new e-mail waits in `pending_email` until its owner opens a link mailed to it; only then
// does it replace `email` (a typo or a hijacked session must not move password reset mail to a stranger).
// A verification link records the address it proves (`email`; NULL: the account's current address), so
// a link for an address the account no longer asks for proves nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('auth_users').addColumn('pending_email', 'text').execute();
  await db.schema.alterTable('auth_email_verification_tokens').addColumn('email', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('auth_email_verification_tokens').dropColumn('email').execute();
  await db.schema.alterTable('auth_users').dropColumn('pending_email').execute();
}
