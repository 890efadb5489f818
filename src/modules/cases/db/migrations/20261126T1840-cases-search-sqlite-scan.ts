import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../../core/db/columns.js';

// SQLite only: the trigram FTS5 tables of 20261126T1820 are dropped again. Kept in step by
// triggers, they cost about 0.3–0.4 ms of CPU on every case write, which halved durable
// submissions per second (bench:cases: ~1,000/s with them, ~1,700/s without, against a budget of a
// third of a bare insert route, ~4,600/s here). SQLite is the embedded, one-commune database, where a
// scan of the folded column over a commune's cases takes milliseconds; province scale runs on
// PostgreSQL, whose pg_trgm GIN indexes (kept) serve the same LIKE conditions with cheap writes.
// `down` restores the tables, their triggers and their contents.

const TABLES = [
  { table: 'cases_items_search', column: 'search_text' },
  { table: 'cases_items_qa_search', column: 'qa_search_text' },
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) !== 'sqlite') return;
  for (const { table } of TABLES) {
    for (const event of ['insert', 'delete', 'update']) await sql`DROP TRIGGER IF EXISTS ${sql.id(`${table}_after_${event}`)}`.execute(db);
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) !== 'sqlite') return;
  for (const { table, column } of TABLES) {
    const fts = sql.table(table);
    const text = sql.ref(column);
    await sql`CREATE VIRTUAL TABLE ${fts} USING fts5(${text}, content='cases_items', tokenize='trigram', detail=none)`.execute(db);
    await sql`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`.execute(db);
    await sql`INSERT INTO ${fts}(${fts}, rank) VALUES ('automerge', 16)`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_after_insert`)} AFTER INSERT ON cases_items BEGIN
        INSERT INTO ${fts}(rowid, ${text}) VALUES (new.rowid, new.${text});
      END`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_after_delete`)} AFTER DELETE ON cases_items BEGIN
        INSERT INTO ${fts}(${fts}, rowid, ${text}) VALUES ('delete', old.rowid, old.${text});
      END`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_after_update`)} AFTER UPDATE ON cases_items
      WHEN old.rowid IS NOT new.rowid OR old.${text} IS NOT new.${text} BEGIN
        INSERT INTO ${fts}(${fts}, rowid, ${text}) VALUES ('delete', old.rowid, old.${text});
        INSERT INTO ${fts}(rowid, ${text}) VALUES (new.rowid, new.${text});
      END`.execute(db);
  }
}
