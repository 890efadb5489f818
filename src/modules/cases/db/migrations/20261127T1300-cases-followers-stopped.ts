import type { Kysely } from 'kysely';
import { dialectOf, instantType } from '../../../../core/db/columns.js';

// A follower who used the "stop these messages" link keeps their row, marked with the moment they
// stopped (LAW-PDP-04/05: the withdrawal is kept, so following the case again by e-mail, merging it
// or a repeated click never turns the messages back on).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const instant = instantType(await dialectOf(db));
  await db.schema.alterTable('cases_followers').addColumn('stopped_at', instant).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases_followers').dropColumn('stopped_at').execute();
}
