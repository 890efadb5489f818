import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside the commit that
 * crosses the threshold: that request (and, with one connection and a synchronous driver, every
 * request behind it) waits while pages are copied back into a multi-gigabyte file and fsynced. Here
 * the app's connection never checkpoints (`wal_autocheckpoint = 0`); a worker thread with its own
 * connection runs PASSIVE checkpoints, which never block the writer or readers. Durability is
 * unchanged: a commit is durable once its WAL frames are synced (synchronous=FULL), not when they
 * are checkpointed.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
let busy = false;
let chase = null;
const run = () => {
  if (busy) return;
  busy = true;
  let result;
  try {
    [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result) parentPort.postMessage({ log: result.log, checkpointed: result.checkpointed });
  } catch (error) { parentPort.postMessage({ error: String(error && error.message || error) }); }
  busy = false;
  // A long WAL: pass again shortly, until a pass ends with nothing left while no commit is under way
  // (the next write then starts the WAL over).
  if (result && result.log >= workerData.chaseFrames && !chase) chase = setTimeout(() => { chase = null; run(); }, workerData.chaseDelayMs);
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stop') { clearInterval(timer); if (chase) clearTimeout(chase); chase = null; workerData.chaseFrames = Infinity; run(); db.close(); parentPort.postMessage('stopped'); }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** What a PASSIVE checkpoint reports: frames in the WAL, and how many of them are now in the database file. */
export interface CheckpointResult {
  log: number;
  checkpointed: number;
}

export interface CheckpointerOptions {
  intervalMs?: number;
  /** From this many WAL frames on, the worker passes again every 2 ms instead of waiting for the interval. */
  chaseFrames?: number;
  onError?: (message: string) => void;
  /** Called on the app's thread after every checkpoint. */
  onCheckpoint?: (result: CheckpointResult) => void;
}

export function startCheckpointer(file: string, options: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs: options.intervalMs ?? 1000, chaseFrames: options.chaseFrames ?? Number.POSITIVE_INFINITY, chaseDelayMs: 2 } });
  worker.unref();
  worker.on('message', (message: unknown) => {
    if (message && typeof message === 'object' && 'error' in message) options.onError?.(String((message as { error: string }).error));
    else if (message && typeof message === 'object' && 'log' in message) options.onCheckpoint?.(message as CheckpointResult);
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => void worker.terminate().then(() => resolve());
        worker.once('message', done);
        worker.once('error', done);
        worker.postMessage('stop');
      }),
  };
}
