import type { Tx } from './database.js';

/**
 * Values a transaction has learnt about its own writes (an audit chain's head after an append), kept
 * for the rest of that transaction so the next write need not read them back. Forgotten whenever
 * part of the transaction is rolled back (`forgetTransactionMemo`, called by the group commit after
 * ROLLBACK TO SAVEPOINT); a transaction that rolls back entirely takes its memo with it (the key is
 * the transaction object, held weakly).
 */
const memos = new WeakMap<Tx, Map<string, unknown>>();

export function recallInTransaction<T>(tx: Tx, key: string): T | undefined {
  return memos.get(tx)?.get(key) as T | undefined;
}

/** Remember `value` until the transaction ends or part of it is rolled back. Call only after the write it describes succeeded. */
export function rememberInTransaction(tx: Tx, key: string, value: unknown): void {
  let memo = memos.get(tx);
  if (!memo) {
    memo = new Map();
    memos.set(tx, memo);
  }
  memo.set(key, value);
}

export function forgetTransactionMemo(tx: Tx): void {
  memos.delete(tx);
}
