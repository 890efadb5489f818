import { sql } from 'kysely';
import { inTransaction, sqliteStatementsOf, type Db, type Dialect, type Tx } from './database.js';
import { executeDirectly, runStatementsDirectly } from './direct-statements.js';
import type { WalSyncer } from './wal-sync.js';
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
 * and the transaction commits once. Each caller's promise settles only after that commit is on
 * disk: nothing is acknowledged before it would survive a power loss, exactly as with one
 * transaction per write under synchronous=FULL.
 *
 * On a database file the fsync itself leaves the event loop: the batch commits with
 * synchronous=NORMAL (SQLite writes the WAL frames but does not sync them; the setting is changed
 * while the batch holds the one connection, and set back to FULL before anything else can commit),
 * then `wal.sync()` fsyncs the WAL on libuv's thread pool and only then are the callers told. The
 * next batch runs meanwhile. Durability is the same as FULL (the commit frame is on disk before
 * success is reported); other connections may read the batch a millisecond before it is durable,
 * as a reader of PostgreSQL may with synchronous_commit=off, never a caller of this batch.
 */
export class WriteBatcher {
  private readonly queue: Pending[] = [];
  private isFlushing = false;
  private readonly wal: Pick<WalSyncer, 'sync'> | undefined;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 64,
    options: { wal?: Pick<WalSyncer, 'sync'> } = {},
  ) {
    this.wal = options.wal ?? sqliteStatementsOf(db)?.wal;
  }

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
    const wal = direct ? this.wal : undefined;
    const run = async (tx: Tx, statement: string) => {
      if (direct) executeDirectly(direct, statement, []);
      else await sql.raw(statement).execute(tx);
    };
    let commitError: { error: unknown } | undefined;
    try {
      await this.db.connection().execute(async (connection) => {
        // Holding the one connection: no other transaction can commit while the setting is NORMAL.
        if (wal) executeDirectly(direct!, 'PRAGMA synchronous = NORMAL', []);
        try {
          await connection.transaction().execute(async (tx) => {
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
        } finally {
          if (wal) executeDirectly(direct!, 'PRAGMA synchronous = FULL', []);
        }
      });
    } catch (error) {
      // The commit itself failed: none of the batch was written.
      commitError = { error };
    }
    // The next batch may run while this one's WAL is synced.
    if (this.queue.length > 0) setImmediate(() => void this.flush());
    else this.isFlushing = false;
    if (!commitError && wal) {
      try {
        await wal.sync();
      } catch (error) {
        // Committed but not known to be on disk: no caller may be told it succeeded.
        commitError = { error };
      }
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if (commitError) item.reject(commitError.error);
      else if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.error);
    });
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
