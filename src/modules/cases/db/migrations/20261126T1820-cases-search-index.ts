import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../../core/db/columns.js';

// Indexed substring search on the folded columns `search_text` (staff search) and `qa_search_text`
// (public Q&A search). The queries stay `column LIKE '%word%'` per folded word on both dialects;
// these indexes only find the candidate rows quickly. Existing rows are indexed here.
//
// SQLite: two external-content FTS5 tables with the trigram tokenizer (SQLite ≥ 3.34) over
// `cases_items`, keyed by its rowid. External content stores no second copy of the text (it is read
// from `cases_items` when needed) and keeps FTS5's 'rebuild' and 'integrity-check' commands working
// against the real table. `detail=none` keeps only which rows hold each trigram, no positions: the
// index is about three times smaller and the repository asks for rows holding all trigrams of each
// word, then re-checks every candidate with LIKE (exact substring) anyway. Triggers keep the tables
// in sync, so no write path, present or future, can forget the index. One table per column: a Q&A
// search reads the trigrams of published answers only, not those of every case. Every row is
// indexed in both (a NULL indexes nothing), which keeps 'integrity-check' meaningful. The rowid of
// `cases_items` (no INTEGER PRIMARY KEY) is stable: no code updates it, VACUUM copies rowids, and the
// LIKE re-check means a stale entry could never produce a wrong hit. To rebuild an index from the
// table: INSERT INTO cases_items_search(cases_items_search) VALUES ('rebuild') (same for
// cases_items_qa_search).
//
// PostgreSQL: pg_trgm (a trusted extension since PostgreSQL 13: the database owner may create it)
// and GIN `gin_trgm_ops` indexes, which the planner uses for `LIKE '%…%'` directly. `IF NOT EXISTS`
// lets an operator build the indexes beforehand with CREATE INDEX CONCURRENTLY under the same names
// on a large live table; otherwise this migration holds a write lock on cases_items while it builds.

const SQLITE_INDEXES = [
  { table: 'cases_items_search', column: 'search_text' },
  { table: 'cases_items_qa_search', column: 'qa_search_text' },
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  if (dialect === 'postgres') {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    // The operator class lives in whichever schema the extension was installed in (public, or an
    // `extensions` schema on managed hosts): qualify it instead of relying on search_path.
    const { rows } = await sql<{ schema: string }>`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`.execute(db);
    const operatorClass = sql.id(rows[0]!.schema, 'gin_trgm_ops');
    await sql`CREATE INDEX IF NOT EXISTS cases_items_search_trgm_idx ON cases_items USING gin (search_text ${operatorClass})`.execute(db);
    // Partial like cases_items_qa_idx: the Q&A query always says `qa_published_at IS NOT NULL`.
    await sql`CREATE INDEX IF NOT EXISTS cases_items_qa_search_trgm_idx ON cases_items USING gin (qa_search_text ${operatorClass}) WHERE qa_published_at IS NOT NULL`.execute(db);
    return;
  }
  for (const { table, column } of SQLITE_INDEXES) {
    const fts = sql.table(table);
    const text = sql.ref(column);
    await sql`CREATE VIRTUAL TABLE ${fts} USING fts5(${text}, content='cases_items', tokenize='trigram', detail=none)`.execute(db);
    // Index the rows that exist already.
    await sql`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_after_insert`)} AFTER INSERT ON cases_items BEGIN
        INSERT INTO ${fts}(rowid, ${text}) VALUES (new.rowid, new.${text});
      END`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_after_delete`)} AFTER DELETE ON cases_items BEGIN
        INSERT INTO ${fts}(${fts}, rowid, ${text}) VALUES ('delete', old.rowid, old.${text});
      END`.execute(db);
    // Any UPDATE (not `UPDATE OF`, so a rowid change is covered too); the WHEN keeps status-only
    // updates, the common case, from touching the index.
    await sql`CREATE TRIGGER ${sql.id(`${table}_after_update`)} AFTER UPDATE ON cases_items
      WHEN old.rowid IS NOT new.rowid OR old.${text} IS NOT new.${text} BEGIN
        INSERT INTO ${fts}(${fts}, rowid, ${text}) VALUES ('delete', old.rowid, old.${text});
        INSERT INTO ${fts}(rowid, ${text}) VALUES (new.rowid, new.${text});
      END`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  if (dialect === 'postgres') {
    // The extension stays: other schemas or databases' objects may use it.
    await sql`DROP INDEX IF EXISTS cases_items_qa_search_trgm_idx`.execute(db);
    await sql`DROP INDEX IF EXISTS cases_items_search_trgm_idx`.execute(db);
    return;
  }
  for (const { table } of SQLITE_INDEXES) {
    for (const event of ['insert', 'delete', 'update']) await sql`DROP TRIGGER IF EXISTS ${sql.id(`${table}_after_${event}`)}`.execute(db);
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
