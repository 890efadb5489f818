import { sql } from 'kysely';
import { inTransaction, sqliteStatementsOf, type Db, type Dialect, type Tx } from './database.js';
import { executeDirectly, runStatementsDirectly } from './direct-statements.js';
import { forgetTransactionMemo } from './transaction-memo.js';

interface Pending {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the embedded SQLite database. A durable commit costs one fsync of the WAL, and
 * on SQLite every writer waits its turn anyway; so writes that arrive together run one after the
 * other in ONE transaction, each inside its own savepoint (a failing write is rolled back alone),
 * and the transaction commits once. Each caller's promise settles only after that commit: nothing
 * is acknowledged before it would survive a power loss, exactly as with one transaction per write.
 */
export class WriteBatcher {
  private readonly queue: Pending[] = [];
  private isFlushing = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 64,
  ) {}

  /** Run `work` in a transaction shared with other writes arriving at the same moment. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.isFlushing) {
        this.isFlushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    const direct = sqliteStatementsOf(this.db);
    const run = async (tx: Tx, statement: string) => {
      if (direct) executeDirectly(direct, statement, []);
      else await sql.raw(statement).execute(tx);
    };
    try {
      await this.db.transaction().execute(async (tx) => {
        if (direct) runStatementsDirectly(tx, direct);
        for (const item of batch) {
          await run(tx, 'SAVEPOINT batched_write');
          try {
            const value = await item.work(tx);
            await run(tx, 'RELEASE SAVEPOINT batched_write');
            outcomes.push({ ok: true, value });
          } catch (error) {
            await run(tx, 'ROLLBACK TO SAVEPOINT batched_write');
            await run(tx, 'RELEASE SAVEPOINT batched_write');
            // What the transaction remembered may describe the rows just rolled back.
            forgetTransactionMemo(tx);
            outcomes.push({ ok: false, error });
          }
        }
      });
      batch.forEach((item, index) => {
        const outcome = outcomes[index]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    } catch (error) {
      // The commit itself failed: none of the batch is durable.
      for (const item of batch) item.reject(error);
    } finally {
      if (this.queue.length > 0) setImmediate(() => void this.flush());
      else this.isFlushing = false;
    }
  }
}

const batchers = new WeakMap<Db, WriteBatcher>();

/**
 * A durable write: grouped with concurrent writes into one commit on SQLite (see WriteBatcher);
 * its own transaction on PostgreSQL, whose commits already group on the server.
 */
export function durableWrite<T>(db: Db, dialect: Dialect, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (dialect !== 'sqlite') return inTransaction(db, work);
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new WriteBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher.run(work);
}
