import { sql, type Kysely } from 'kysely';

// Issue 3 point 2a: the public status now shows a case's map point, as Open311 publishes lat/long,
// except on sealed kinds (LAW-DENUNC-11). Stored views of cases that have a point were rendered
// without it: mark them stale as 20261127T2230 does (`names_vi = ''`: served live from now on,
// re-rendered by the bounded job `cases.rerender-stale-public-status`). The sealed kinds are written
// out here, frozen in time; their views render the same as before (no point), so they are left alone.
// Down leaves the rows as they are: a re-rendered view is what the app renders anyway.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE cases_public_status SET names_vi = '' WHERE case_id IN (SELECT id FROM cases_items WHERE latitude IS NOT NULL AND longitude IS NOT NULL AND kind NOT IN ('denunciation', 'corruption_report'))`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(_db: Kysely<any>): Promise<void> {}
