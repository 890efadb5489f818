import { sql, type Kysely } from 'kysely';

// The deadline explanation of a complaint or denunciation dated its resolution period from receipt
// before acceptance, called the acceptance day "the day of receipt" after it, and said a calendar-day
// period received on a day off starts at the next working day. Both kinds now say the resolution
// period counts from acceptance (provisional until then) and word the start by the rule's unit. Their stored public views are dropped: a lookup without a stored
// view renders the live one (read-cases.ts), and the next change to the case stores it again.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM cases_public_status WHERE case_id IN (SELECT id FROM cases_items WHERE kind IN ('complaint', 'denunciation'))`.execute(db);
}

// Nothing to restore: the dropped rows were a cache of what the live view renders.
export async function down(): Promise<void> {}
