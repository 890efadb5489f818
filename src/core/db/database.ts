import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { startCheckpointer } from './checkpointer.js';
import { walSyncer, type WalSyncer } from './wal-sync.js';

/**
 * Every module types the database with its own tables (`Kysely<CasesTables>`); the composition
 * root holds one untyped handle and each repository narrows it with {@link typed}.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = Transaction<any>;
export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: Dialect;
  close(): Promise<void>;
  /**
   * SQLite only: read these tables and their indexes into the connection's page cache (PostgreSQL's
   * pg_prewarm). Returns how many rows the tables hold and how long it took.
   */
  prewarm?(tables: readonly string[]): { rows: number; milliseconds: number };
}

/** Narrow the shared handle to a module's own table interfaces. */
export function typed<Tables>(db: Db | Tx): Kysely<Tables> {
  return db as unknown as Kysely<Tables>;
}

let pgTypesConfigured = false;

/**
 * pg returns bigint, numeric, timestamptz and date in shapes SQLite never produces; parse them once
 * so both dialects give the same values (numbers, ISO-8601 strings, YYYY-MM-DD strings).
 */
function configurePgTypes(): void {
  if (pgTypesConfigured) return;
  pgTypesConfigured = true;
  pg.types.setTypeParser(20, (value) => Number(value)); // int8 (count(*))
  pg.types.setTypeParser(1700, (value) => Number(value)); // numeric
  pg.types.setTypeParser(1184, (value) => new Date(value).toISOString()); // timestamptz
  pg.types.setTypeParser(1114, (value) => new Date(`${value}Z`).toISOString()); // timestamp
  pg.types.setTypeParser(1082, (value) => value); // date stays YYYY-MM-DD
}

export interface SqliteOptions {
  /** ':memory:' for tests. */
  file: string;
  /** How often the worker checkpoints (default 1 s). */
  checkpointIntervalMs?: number;
  /** WAL frames (pages) beyond which the app's connection finishes a checkpoint so the WAL starts over (default 16,384: 64 MiB). */
  walRestartFrames?: number;
  /** Upper bound of the connection's page cache in MiB (default 64); memory is taken only as pages are read. */
  cacheMb?: number;
}

/** Open SQLite the durable way: WAL with synchronous=FULL so an acknowledged write survives a power loss. */
export function openSqlite({ file, checkpointIntervalMs = 1000, walRestartFrames = 16_384, cacheMb = 64 }: SqliteOptions): DatabaseHandle {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Reads at province scale touch random pages of a multi-gigabyte file. They are served from this
  // connection's own page cache, not from the kernel's: a memory map or read() leaves the pages to
  // the kernel, and this VM's memory manager (DAMON, pageout of pages it sees as cold) dropped the
  // pages of the status read model as fast as random lookups used them, so about one lookup in
  // twelve waited for the disk (1,150 re-reads a second; bench/README.md, 2026-11-27). The process's
  // own memory is not paged out (no swap). No memory map, then: pages read through one are not kept
  // in this cache.
  database.pragma(`cache_size = ${-Math.round(cacheMb * 1024)}`);
  database.pragma('mmap_size = 0');
  database.pragma('temp_store = MEMORY');
  const wal = file === ':memory:' ? undefined : walSyncer(file);
  const statements = withStatementCache(database, wal);
  const db = new Kysely({ dialect: new SqliteDialect({ database: statements }) });
  sqliteStatementsByDb.set(db, statements);
  const prewarm = (tables: readonly string[]) => prewarmSqlite(database, tables);
  if (file === ':memory:') return { db, dialect: 'sqlite', close: () => db.destroy(), prewarm };
  // Checkpoints run in a worker thread, never inside a request's commit (see checkpointer.ts).
  database.pragma('wal_autocheckpoint = 0');
  // The WAL starts over from its first frame only when a write begins after a checkpoint that left
  // nothing behind. Under a steady stream of submissions a pass every second never gets there: each
  // copies the frames that existed when it began while new ones arrive, and the WAL grew without
  // bound (750 MB in 30 s of load), making every page lookup search a longer WAL index. So once the
  // WAL is longer than `walRestartFrames`, the worker passes again every 2 ms: one of those short
  // passes falls between two group commits, leaves nothing behind, and the next write starts the WAL
  // over; the file is then cut back to the same size (journal_size_limit). Only if the worker still
  // falls far behind (four times the threshold) does the app's connection, between two
  // transactions, checkpoint what the worker left. It used to do so at the threshold: each of those
  // passes (with its two fsyncs) held every request in flight for 3–17 ms, and submission p99 at 50
  // connections was 48–54 ms against 35–45 ms without them (bench/README.md, 2026-11-27).
  database.pragma(`journal_size_limit = ${walRestartFrames * (database.pragma('page_size', { simple: true }) as number)}`);
  const checkpointer = startCheckpointer(file, {
    intervalMs: checkpointIntervalMs,
    chaseFrames: walRestartFrames,
    onCheckpoint: ({ log }) => {
      if (log < 4 * walRestartFrames || database.inTransaction || !database.open) return;
      try {
        database.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Nothing is lost: the WAL keeps every commit, and the worker's next pass tries again.
      }
    },
  });
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await checkpointer.stop();
      await db.destroy();
      wal?.close();
    },
    prewarm,
  };
}

/**
 * Read every page of these tables and of their indexes once, so the lookups that follow find them in
 * the page cache. `count(*)` walks a B-tree's pages without decoding its rows: once over the table,
 * once over each index. Tables are quoted names from the code (module descriptors), never input.
 */
function prewarmSqlite(database: SQLite.Database, tables: readonly string[]): { rows: number; milliseconds: number } {
  const started = performance.now();
  let rows = 0;
  for (const table of tables) {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    rows += (database.prepare(`SELECT count(*) AS n FROM ${quoted} NOT INDEXED`).get() as { n: number }).n;
    for (const index of database.pragma(`index_list(${quoted})`) as Array<{ name: string }>) {
      database.prepare(`SELECT count(*) FROM ${quoted} INDEXED BY "${index.name.replaceAll('"', '""')}"`).get();
    }
  }
  return { rows, milliseconds: Math.round(performance.now() - started) };
}

export const STATEMENT_CACHE_SIZE = 500;

/** Prepared statements of an SQLite handle, cached by SQL text (see withStatementCache). */
export interface SqliteStatements {
  prepare(text: string): SQLite.Statement;
  /** The database file's WAL syncer (absent for ':memory:'). */
  readonly wal?: WalSyncer;
  /** Whether a transaction is open on the connection (whoever opened it). */
  readonly inTransaction: boolean;
}
const sqliteStatementsByDb = new WeakMap<Db, SqliteStatements>();

/** The statement cache behind an SQLite handle; undefined on PostgreSQL. */
export function sqliteStatementsOf(db: Db): SqliteStatements | undefined {
  return sqliteStatementsByDb.get(db);
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running a primary-key
 * lookup. Keep the most recently used prepared statements by SQL text (the SQL is parameterised,
 * so the number of distinct texts is bounded by the code, not by the data).
 */
function withStatementCache(database: SQLite.Database, wal: WalSyncer | undefined) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    wal,
    get inTransaction() {
      return database.inTransaction;
    },
    close: () => database.close(),
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (statement) {
        statements.delete(text);
      } else {
        statement = database.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}

export interface PostgresOptions {
  url: string;
  max?: number;
}

/** Connect to PostgreSQL with synchronous_commit left on (durable acknowledgements). */
export function openPostgres({ url, max = 10 }: PostgresOptions): DatabaseHandle {
  configurePgTypes();
  const pool = new pg.Pool({ connectionString: url, max });
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

export function openDatabase(config: { dialect: 'sqlite'; file: string; cacheMb?: number } | { dialect: 'postgres'; url: string }): DatabaseHandle {
  return config.dialect === 'sqlite' ? openSqlite({ file: config.file, ...(config.cacheMb !== undefined ? { cacheMb: config.cacheMb } : {}) }) : openPostgres({ url: config.url });
}

/** Run `work` in one transaction: everything it writes commits together or not at all. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
