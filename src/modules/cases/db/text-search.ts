/**
 * Conditions for the folded-text searches of `cases_items` (staff search on `search_text`, public
 * Q&A search on `qa_search_text`), used by the repository.
 *
 * Meaning, identical on both dialects: every distinct word of the folded query (foldVietnamese:
 * "Đường  nước" → "duong nuoc") occurs as a substring of the folded column, i.e. one
 * `column LIKE '%word%'` per word, ANDed. The indexes (migration 20261126T1820) only find rows fast:
 * - PostgreSQL: GIN pg_trgm indexes serve those LIKEs directly.
 * - SQLite: trigram FTS5 tables give the candidate rows (those holding every trigram of the words
 *   of ≥ 3 characters), and the LIKEs re-check each candidate, so the result is exactly the LIKE
 *   result whatever the tokenizer folds (and a stale index entry could never surface a wrong row).
 *   Shorter words have no trigram: LIKE alone, on the rows the other conditions leave.
 */
import { sql, SqliteAdapter, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../../../core/db/database.js';

export type SearchColumn = 'search_text' | 'qa_search_text';

/** The trigram tokenizer indexes 3-character windows: a shorter word matches nothing in FTS5. */
export const TRIGRAM_LENGTH = 3;

const FTS_TABLES: Record<SearchColumn, string> = { search_text: 'cases_items_search', qa_search_text: 'cases_items_qa_search' };

export interface TextSearch {
  /** SQLite with at least one word of ≥ 3 characters: the FTS5 candidates drive the query. */
  isIndexDriven: boolean;
  conditions: Array<RawBuilder<boolean>>;
}

/** The distinct words of an already folded query (folding collapsed the whitespace). */
export function searchWordsOf(folded: string): string[] {
  return [...new Set(folded.split(' ').filter((word) => word !== ''))];
}

/** `%` and `_` typed by a user are literal characters, not wildcards (with `escape '\'`, which SQLite needs explicitly). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * An FTS5 query for rows holding every trigram of every word: "duong nuoc" → `"duo" AND "uon" AND
 * "ong" AND "nuo" AND "uoc"` (each quoted, quotes doubled, so nothing a user types is FTS syntax).
 * The tables keep no positions (detail=none), so this finds a superset of the substring matches;
 * the LIKE conditions keep the exact ones.
 */
export function ftsQueryOf(words: readonly string[]): string {
  const trigrams = new Set<string>();
  for (const word of words) {
    const characters = [...word];
    for (let index = 0; index + TRIGRAM_LENGTH <= characters.length; index += 1) trigrams.add(characters.slice(index, index + TRIGRAM_LENGTH).join(''));
  }
  return [...trigrams].map((trigram) => `"${trigram.replaceAll('"', '""')}"`).join(' AND ');
}

/** Every word of `folded` must occur in `column` (see the file comment for how each dialect finds the rows fast). */
export function textSearchOf(db: Db | Tx, column: SearchColumn, folded: string): TextSearch {
  const words = searchWordsOf(folded);
  const likes = words.map((word) => sql<boolean>`${sql.ref(`cases_items.${column}`)} like ${`%${escapeLike(word)}%`} escape '\\'`);
  // Code points, as the tokenizer counts them (not UTF-16 units).
  const indexedWords = words.filter((word) => [...word].length >= TRIGRAM_LENGTH);
  if (!(db.getExecutor().adapter instanceof SqliteAdapter) || indexedWords.length === 0) return { isIndexDriven: false, conditions: likes };
  const fts = sql.table(FTS_TABLES[column]);
  const candidates = sql<boolean>`cases_items.rowid in (select rowid from ${fts} where ${fts} match ${ftsQueryOf(indexedWords)})`;
  return { isIndexDriven: true, conditions: [candidates, ...likes] };
}

/**
 * `commune_id = ?`, written `+commune_id = ?` when the FTS5 candidates drive the query: the unary
 * plus keeps SQLite from using a commune_id-led index instead. Without ANALYZE statistics SQLite
 * takes an equality on an indexed column to be selective and would walk every case of the commune
 * (most of a province database), testing each against the candidate list.
 */
export function communeIdEquals(search: TextSearch | null, communeId: string): RawBuilder<boolean> {
  return search?.isIndexDriven ? sql<boolean>`+cases_items.commune_id = ${communeId}` : sql<boolean>`cases_items.commune_id = ${communeId}`;
}
