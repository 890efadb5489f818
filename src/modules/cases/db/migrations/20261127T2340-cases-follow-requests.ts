import type { Kysely } from 'kysely';
import { dialectOf, instantType } from '../../../../core/db/columns.js';

// A signed-in resident whose account e-mail is not verified asks to follow a case: the follow itself
// is the address's (a pending `cases_followers` row naming no account, LAW-PDP-05), so the account's
// request is kept apart, here, for the resident's "cases I follow" page to list it as waiting for the
// e-mail confirmation. One row per account and case, written whatever the address's row looks like, so
// the list tells nobody whether the address already followed the case. It lapses at `expires_at` (the
// confirmation period) and is purged once that is older than the configured grace period.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const instant = instantType(await dialectOf(db));
  await db.schema
    .createTable('cases_follow_requests')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('auth_users.id').onDelete('cascade'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('cases_follow_requests_pk', ['commune_id', 'id'])
    .addUniqueConstraint('cases_follow_requests_unique', ['commune_id', 'case_id', 'user_id'])
    .execute();
  await db.schema.createIndex('cases_follow_requests_user_idx').on('cases_follow_requests').columns(['commune_id', 'user_id', 'expires_at']).execute();
  await db.schema.createIndex('cases_follow_requests_expires_idx').on('cases_follow_requests').columns(['expires_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cases_follow_requests').execute();
}
