/**
 * Conditions for the folded-text searches of `cases_items` (staff search on `search_text`, public
 * Q&A search on `qa_search_text`), used by the repository.
 *
 * Meaning, identical on both dialects: every distinct word of the folded query (foldVietnamese:
 * "Đường  nước" → "duong nuoc") occurs as a substring of the folded column, i.e. one
 * `column LIKE '%word%'` per word, ANDed. How the rows are found:
 * - PostgreSQL (the province-scale database): GIN pg_trgm indexes (migration 20261126T1820) serve
 *   those LIKEs directly.
 * - SQLite (the embedded one-commune database): the LIKEs scan the commune's cases. Trigram FTS5
 *   tables were tried and dropped (migration 20261126T1840): they cost every case write more than
 *   they save at commune scale.
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
