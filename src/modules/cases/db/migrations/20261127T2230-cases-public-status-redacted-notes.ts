import { sql, type Kysely } from 'kysely';

// Issue 3 points 3 and 7 (LAW-PDP-06, LAW-DENUNC-11): the stored public views were rendered with the
// title and the staff-written public notes as written, and a sealed kind's notes shown. Rendering now
// redacts them (server/use-cases/public-status.ts), which needs the app's redaction rules, so it
// cannot run here (migrations are frozen in time). This migration:
// - marks every stored view stale (`names_vi = ''`, which no rendered view has: its names signature
//   always holds separators). A lookup compares that signature before serving the stored bytes, so
//   from this migration on every lookup of an old row gets the live view, already redacted: nothing
//   unredacted is served after the upgrade, and the rows stay (a DELETE would drop them for good
//   until each case's next write);
// - indexes the stale rows (partial index, both dialects), which the bounded job
//   `cases.rerender-stale-public-status` re-renders in short batches from the first worker tick
//   after startup; once done, its hourly check is one index probe and lookups are stored again.
// Irreversible in part: down drops the index; the re-rendered rows are what the app renders anyway.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE cases_public_status SET names_vi = ''`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS cases_public_status_stale_idx ON cases_public_status (case_id) WHERE names_vi = ''`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS cases_public_status_stale_idx`.execute(db);
}
