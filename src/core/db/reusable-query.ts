import { sql, type CompiledQuery, type Compilable } from 'kysely';
import { sqliteStatementsOf, type Db, type Tx } from './database.js';
import { directStatementsOf, executeDirectly } from './direct-statements.js';

const marker = (index: number) => `\u0000reusable-parameter-${index}\u0000`;

/**
 * Build and compile a parameterised Kysely query once per dialect, then run it with new values.
 * For the few hot read paths (a status lookup by tracking code): building and compiling the query
 * cost more than SQLite's own work. `build` must produce the same SQL text whatever the values
 * (no IN lists or branches on values); markers passed as the values locate each parameter.
 */
export function reusableQuery<Row, Params extends unknown[]>(build: (db: Db | Tx, ...params: Params) => Compilable<Row>) {
  const compiledByDialect = new Map<string, { compiled: CompiledQuery<Row>; positions: number[] }>();
  return async (db: Db | Tx, ...params: Params): Promise<Row[]> => {
    const dialectKey = db.getExecutor().adapter.constructor.name;
    let entry = compiledByDialect.get(dialectKey);
    if (!entry) {
      const markers = params.map((_value, index) => marker(index)) as Params;
      const compiled = build(db, ...markers).compile();
      const positions = compiled.parameters.map((value) => (typeof value === 'string' ? markers.indexOf(value) : -1));
      if (markers.some((value) => !compiled.parameters.includes(value))) throw new Error('reusableQuery: a parameter was not bound as a value');
      entry = { compiled, positions };
      compiledByDialect.set(dialectKey, entry);
    }
    const { compiled, positions } = entry;
    const parameters = compiled.parameters.map((value, index) => (positions[index]! >= 0 ? params[positions[index]!] : value));
    const direct = directStatementsOf(db);
    if (direct) return executeDirectly<Row>(direct, compiled.sql, parameters);
    const idle = idleReader(db, compiled.sql);
    if (idle) return idle.all(parameters) as Row[];
    const result = await db.executeQuery<Row>({ query: compiled.query, queryId: compiled.queryId, sql: compiled.sql, parameters });
    return result.rows;
  };
}

/**
 * A read on SQLite's one connection while no transaction is open on it sees exactly the committed
 * rows, whoever holds Kysely's connection mutex at that moment: it may run at once on the cached
 * prepared statement, without queueing behind the mutex and its promise hops (a few microseconds of
 * a status lookup's ~100). Inside a transaction the read would see that transaction's uncommitted
 * writes, so it waits its turn through Kysely as before. Writes always go through Kysely.
 */
function idleReader(db: Db | Tx, text: string) {
  const statements = sqliteStatementsOf(db as Db);
  if (!statements || statements.inTransaction) return undefined;
  const statement = statements.prepare(text);
  return statement.reader ? statement : undefined;
}

/**
 * An INSERT of one row into `table`, compiled once per dialect and set of columns, then run with each
 * row's values. For hot write paths whose rows always carry the same columns (a case at intake).
 * Columns left out keep their database defaults, as with a plain Kysely insert. With
 * `skipOnConflictWith`, a row whose value in that unique column is taken is not inserted (no error,
 * so no aborted transaction on PostgreSQL); the returned rows then say whether it was: one row, or none.
 */
export function reusableInsert<Row extends object>(table: string, options: { skipOnConflictWith?: keyof Row & string } = {}) {
  const bySignature = new Map<string, { columns: string[]; run: (db: Db | Tx, ...values: unknown[]) => Promise<unknown[]> }>();
  return async (db: Db | Tx, row: Row): Promise<unknown[]> => {
    const columns = Object.keys(row).filter((column) => (row as Record<string, unknown>)[column] !== undefined);
    const signature = columns.join(',');
    let entry = bySignature.get(signature);
    if (!entry) {
      const run = reusableQuery((target: Db | Tx, ...values: unknown[]) => {
        const insert = target.insertInto(table).values(Object.fromEntries(columns.map((column, index) => [column, values[index]])));
        const conflictColumn = options.skipOnConflictWith;
        return conflictColumn ? insert.onConflict((conflict) => conflict.column(conflictColumn).doNothing()).returning(sql<number>`1`.as('inserted')) : insert;
      });
      entry = { columns, run };
      bySignature.set(signature, entry);
    }
    return entry.run(db, ...entry.columns.map((column) => (row as Record<string, unknown>)[column]));
  };
}
