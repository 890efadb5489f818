/**
 * Conditions for the folded-text searches of `cases_items` (staff search on `search_text`, or on
 * `masked_search_text` for a sealed case the reader may not open; public Q&A search on
 * `qa_search_text`), used by the repository.
 *
 * Meaning, identical on both dialects: every distinct word of the folded query (foldVietnamese:
 * "Đường  nước" → "duong nuoc") occurs as a substring of the folded column, i.e. one
 * `column LIKE '%word%'` per word, ANDed. How the rows are found:
 * - PostgreSQL (the province-scale database): GIN pg_trgm indexes (migration 20261126T1820) serve
 *   those LIKEs directly.
 * - SQLite (the embedded one-commune database): the LIKEs scan the commune's cases. Trigram FTS5
 *   tables were tried and dropped (migration 20261126T1840): they cost every case write more than
 *   they save at commune scale.
 *
 * Sealed cases (LAW-DENUNC-12): a reader who may not open a case's sealed identity matches only the
 * text they are shown, `masked_search_text` (personal data cut out; a GIN pg_trgm index on
 * PostgreSQL too), never `search_text`. A sealed case whose masked text is still null (filed before
 * intake wrote it, waiting for the backfill job `cases.backfill-masked-search-text`) is found by such
 * a reader by nothing: the safe side until the job fills it.
 */
import { sql, type RawBuilder } from 'kysely';
import { SEALED_CASE_KINDS } from '../domain/index.js';

/**
 * `kind in ('denunciation', 'corruption_report')` with the kinds as literals, not parameters: the
 * planners of both dialects match it against the partial index of the backfill (migration
 * 20261127T2140), which they cannot do with bound values.
 */
export function isSealedKindSql(): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref('cases_items.kind')} in (${sql.join(SEALED_CASE_KINDS.map((kind) => sql.lit(kind)))})`;
}

export type SearchColumn = 'search_text' | 'qa_search_text';

/** The distinct words of an already folded query (folding collapsed the whitespace). */
export function searchWordsOf(folded: string): string[] {
  return [...new Set(folded.split(' ').filter((word) => word !== ''))];
}

/** `%` and `_` typed by a user are literal characters, not wildcards (with `escape '\'`, which SQLite needs explicitly). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Every word of `folded` must occur in `column`: one condition per distinct word, to AND together. */
export function textSearchOf(column: SearchColumn, folded: string): Array<RawBuilder<boolean>> {
  return searchWordsOf(folded).map((word) => sql<boolean>`${sql.ref(`cases_items.${column}`)} like ${`%${escapeLike(word)}%`} escape '\\'`);
}

/**
 * Who reads a sealed case's text as written (LAW-DENUNC-12): `all` (a leader of the commune), or only
 * the cases assigned to `officerId` (null: none). Everyone else searches the masked text.
 */
export type SealedTextReader = { kind: 'all' } | { kind: 'assigned'; officerId: string | null };

/**
 * Every word of `folded` must occur in the text the reader may see: the raw `search_text`, except
 * for a sealed case the reader may not open, which must match its `masked_search_text` instead (and
 * matches nothing while that is null). A masked text is the raw text with pieces cut out, so
 * `masked LIKE w` implies `raw LIKE w` and the second arm never finds what the reader could not see;
 * on PostgreSQL each arm has its own index.
 */
export function visibleTextSearchOf(folded: string, reader: SealedTextReader): Array<RawBuilder<boolean>> {
  if (reader.kind === 'all') return textSearchOf('search_text', folded);
  const raw = sql.ref('cases_items.search_text');
  const masked = sql.ref('cases_items.masked_search_text');
  const notSealed = sql`not ${isSealedKindSql()}`;
  const mayReadRaw = reader.officerId ? sql`(${notSealed} or ${sql.ref('cases_items.assigned_officer_id')} = ${reader.officerId})` : notSealed;
  return searchWordsOf(folded).map((word) => {
    const pattern = `%${escapeLike(word)}%`;
    return sql<boolean>`((${mayReadRaw} and ${raw} like ${pattern} escape '\\') or ${masked} like ${pattern} escape '\\')`;
  });
}
