import { sql, type Kysely } from 'kysely';

// A case entered by staff had its channel written twice: in the received event's payload, and as an
// internal note "channel:<code>" that the back office showed verbatim in the timeline ("Ghi chú nội
// bộ: channel:phone"). The channel stays in the payload and the case's facts; the notes go.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE cases_timeline SET internal_note = NULL WHERE event = 'cases.case.received' AND internal_note LIKE 'channel:%'`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`UPDATE cases_timeline SET internal_note = 'channel:' || (SELECT channel FROM cases_items WHERE cases_items.id = cases_timeline.case_id) WHERE event = 'cases.case.received' AND internal_note IS NULL AND EXISTS (SELECT 1 FROM cases_items WHERE cases_items.id = cases_timeline.case_id AND cases_items.channel <> 'portal' AND cases_items.channel <> 'open311')`.execute(db);
}
