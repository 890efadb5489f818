import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../../core/db/columns.js';

// SQLite only (PostgreSQL's GIN indexes have nothing to tune here). Every write transaction adds a
// small segment to the trigram FTS5 tables of 20261126T1820-cases-search-index; merging a level
// only once 16 segments wait on it (FTS5's default is 4) rewrites each entry fewer times. Measured
// on 300,000 cases with 10,000 single-case writes: about half the index work per case write, and
// queries no slower. The setting is stored in each table's config, so it survives restarts.

const SEARCH_TABLES = ['cases_items_search', 'cases_items_qa_search'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function setAutomerge(db: Kysely<any>, segments: number): Promise<void> {
  if ((await dialectOf(db)) !== 'sqlite') return;
  for (const table of SEARCH_TABLES) {
    const fts = sql.table(table);
    await sql`INSERT INTO ${fts}(${fts}, rank) VALUES ('automerge', ${sql.lit(segments)})`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await setAutomerge(db, 16);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await setAutomerge(db, 4);
}
