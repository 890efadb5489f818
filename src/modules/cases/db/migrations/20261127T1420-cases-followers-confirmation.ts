import type { Kysely } from 'kysely';
import { dialectOf, instantType } from '../../../../core/db/columns.js';

// Double opt-in for followers (LAW-PDP-05: consent is given by the data subject, silence is not
// consent). An address typed on the portal gets status messages only once its owner clicked the
// confirmation link (`confirmed_at`); the pending confirmation lapses at `confirm_expires_at`.
// Existing rows: a signed-in resident's follow (their own account) and a phone copied from a merged
// case's submitter count as confirmed, and so does a stopped row (kept as the record of the withdrawal,
// it gets nothing anyway); an e-mail typed before this change was never confirmed, so it
// is marked lapsed now and the sweep deletes it (it receives nothing more). Not reversible for those.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const instant = instantType(await dialectOf(db));
  await db.schema.alterTable('cases_followers').addColumn('confirmed_at', instant).execute();
  await db.schema.alterTable('cases_followers').addColumn('confirm_expires_at', instant).execute();
  await db
    .updateTable('cases_followers')
    .set((eb) => ({ confirmed_at: eb.ref('created_at') }))
    .where((eb) => eb.or([eb('user_id', 'is not', null), eb('stopped_at', 'is not', null), eb.and([eb('email', 'is', null), eb('phone', 'is not', null)])]))
    .execute();
  await db
    .updateTable('cases_followers')
    .set((eb) => ({ confirm_expires_at: eb.ref('created_at') }))
    .where('confirmed_at', 'is', null)
    .execute();
  // The per-address cap on pending confirmations and the sweep of lapsed ones look rows up by address and expiry.
  await db.schema.createIndex('cases_followers_email_idx').on('cases_followers').columns(['commune_id', 'email']).execute();
  await db.schema.createIndex('cases_followers_pending_idx').on('cases_followers').columns(['confirm_expires_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_followers_pending_idx').execute();
  await db.schema.dropIndex('cases_followers_email_idx').execute();
  await db.schema.alterTable('cases_followers').dropColumn('confirm_expires_at').execute();
  await db.schema.alterTable('cases_followers').dropColumn('confirmed_at').execute();
}
