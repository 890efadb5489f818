import type { SqliteStatements, Tx } from './database.js';

/**
 * SQLite transactions whose compiled statements may run straight on the cached prepared statements,
 * skipping Kysely's per-query executor (connection mutex, promise hops): a few microseconds each,
 * and a durable submission runs about ten. Only transactions registered by their owner: while a
 * Kysely transaction runs it holds SQLite's one connection, so nothing else can interleave.
 */
const directByTx = new WeakMap<Tx, SqliteStatements>();

export function runStatementsDirectly(tx: Tx, statements: SqliteStatements): void {
  directByTx.set(tx, statements);
}

export function directStatementsOf(db: unknown): SqliteStatements | undefined {
  return typeof db === 'object' && db !== null ? directByTx.get(db as Tx) : undefined;
}

/** Run compiled SQL on the statement cache the way Kysely's SQLite driver would: rows for readers, none for writes. */
export function executeDirectly<Row>(statements: SqliteStatements, text: string, parameters: readonly unknown[]): Row[] {
  const statement = statements.prepare(text);
  if (statement.reader) return statement.all(parameters) as Row[];
  statement.run(parameters);
  return [];
}
