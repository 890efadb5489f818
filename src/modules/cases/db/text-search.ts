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
 * text they are shown, `masked_search_text` (personal data cut out), where it is set (migration
 * 20261127T1800; a GIN pg_trgm index on PostgreSQL too). Where it is null nothing was cut and
 * `search_text` serves everyone.
 */
import { sql, type RawBuilder } from 'kysely';

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
 * for a case with a `masked_search_text` that the reader may not open, which must match that instead.
 * A masked text is the raw text with pieces cut out, so `masked LIKE w` implies `raw LIKE w` and the
 * second arm never finds what the reader could not see; on PostgreSQL each arm has its own index.
 */
export function visibleTextSearchOf(folded: string, reader: SealedTextReader): Array<RawBuilder<boolean>> {
  if (reader.kind === 'all') return textSearchOf('search_text', folded);
  const raw = sql.ref('cases_items.search_text');
  const masked = sql.ref('cases_items.masked_search_text');
  const mayReadRaw = reader.officerId ? sql`(${masked} is null or ${sql.ref('cases_items.assigned_officer_id')} = ${reader.officerId})` : sql`${masked} is null`;
  return searchWordsOf(folded).map((word) => {
    const pattern = `%${escapeLike(word)}%`;
    return sql<boolean>`((${mayReadRaw} and ${raw} like ${pattern} escape '\\') or ${masked} like ${pattern} escape '\\')`;
  });
}
