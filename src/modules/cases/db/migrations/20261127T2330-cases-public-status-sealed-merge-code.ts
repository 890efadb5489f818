import { sql, type Kysely } from 'kysely';

// LAW-DENUNC-11: the public view of a merged denunciation or anonymous corruption report showed the
// code of the case it was merged into, the only key to another denouncer's status page. Rendering now
// leaves that code out on sealed kinds (server/use-cases/public-status.ts), which needs the app, so
// this migration only marks those stored views stale (`names_vi = ''`, as 20261127T2230 does): every
// lookup of them gets the live view until `cases.rerender-stale-public-status` re-renders them.
// The kinds are written out here, frozen in time: the sealed kinds when this migration was written.
// Nothing to reverse: a re-rendered view is what the app renders anyway.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE cases_public_status SET names_vi = '' WHERE case_id IN (SELECT id FROM cases_items WHERE status = 'merged' AND kind IN ('denunciation', 'corruption_report'))`.execute(db);
}

// Nothing to undo; stepping back before this migration (tests) leaves the rows as the app renders them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(_db: Kysely<any>): Promise<void> {}
