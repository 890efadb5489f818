import { sql, type Kysely } from 'kysely';

// A case whose submitter chose "Công khai tên của tôi" now shows their name and its details (personal
// data redacted) on the public status, as the portal told them (LAW-PDP-05). Their stored public
// views, rendered without either, are dropped: a lookup without a stored view renders the live one
// (read-cases.ts), and the next change to the case stores it again.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM cases_public_status WHERE case_id IN (SELECT id FROM cases_items WHERE privacy = 'public_name')`.execute(db);
}

// Nothing to restore: the dropped rows were a cache of what the live view renders.
export async function down(): Promise<void> {}
