import { sql, type Kysely } from 'kysely';

// Issue 3 point 3 (LAW-PDP-06): a submitter who kept their name from the public is now also hidden
// where a note or title speaks of them by a kinship word and the given name alone ("anh Kiểm" for
// Nguyễn Văn Kiểm; redaction.ts findMarkedGivenNames). The stored public views of such cases were
// rendered without it: mark them stale as 20261127T2230 does (`names_vi = ''`, served live and
// redacted from now on, re-rendered by the bounded job `cases.rerender-stale-public-status`). Only
// cases with a submitter's name not shown by choice; the others render the same as before.
// Down leaves the rows as they are: a re-rendered view is what the app renders anyway.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE cases_public_status SET names_vi = '' WHERE case_id IN (SELECT id FROM cases_items WHERE submitter_name IS NOT NULL AND privacy <> 'public_name')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(_db: Kysely<any>): Promise<void> {}
