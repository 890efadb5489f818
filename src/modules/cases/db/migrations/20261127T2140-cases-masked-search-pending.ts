import { sql, type Kysely } from 'kysely';

// LAW-DENUNC-12: sealed cases filed before intake wrote `masked_search_text` got only their folded
// code from migration 20261127T1710 (the safe side). They now get the real masked text (description
// with personal data cut out) from the job `cases.backfill-masked-search-text`, which needs the app's
// redaction rules and so cannot run here (migrations are frozen in time). This migration:
// - turns those code-only placeholders back into null, the mark of "not computed yet" for a sealed
//   kind (intake now always writes the masked text of a sealed case, also when nothing was cut);
//   the staff search finds such a row, for readers who may not open its identity, by nothing until
//   the job (first worker tick after startup) fills it;
// - indexes the rows left to fill (partial index, both dialects), so the job's hourly check costs
//   one index probe once the backfill is done. The predicate names the kinds literally, and the
//   job's query repeats it literally (db/text-search.ts isSealedKindSql), so the planners use it.
// Irreversible in part: down drops the index but cannot tell a filled row from one intake wrote.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE cases_items SET masked_search_text = NULL WHERE kind IN ('denunciation', 'corruption_report') AND masked_search_text = lower(code)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS cases_items_sealed_unmasked_idx ON cases_items (id) WHERE masked_search_text IS NULL AND kind IN ('denunciation', 'corruption_report')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS cases_items_sealed_unmasked_idx`.execute(db);
}
