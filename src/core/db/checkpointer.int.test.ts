import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from './database.js';

const directory = mkdtempSync(join(tmpdir(), 'tiengdan-checkpoint-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Rows visible in the main database file alone (a copy without its WAL): only checkpointed pages are there. */
function rowsInMainFile(file: string): number {
  const copy = join(directory, `copy-${Date.now()}-${Math.random()}.db`);
  copyFileSync(file, copy);
  const database = new SQLite(copy, { readonly: true });
  try {
    const exists = database.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'notes'").get() as { n: number };
    return exists.n === 0 ? 0 : (database.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n;
  } finally {
    database.close();
  }
}

describe('SQLite WAL checkpoints run in a worker thread, not in a commit', () => {
  it('never checkpoints on the app connection, and the worker moves committed pages into the main file', async () => {
    const file = join(directory, 'app.db');
    const handle = openSqlite({ file });
    try {
      const [setting] = (await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(handle.db)).rows;
      expect(setting?.wal_autocheckpoint).toBe(0);
      await sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(handle.db);
      for (let index = 0; index < 200; index += 1) await sql`INSERT INTO notes (body) VALUES (${`ghi chú ${index}`})`.execute(handle.db);
      // Committed (durable in the WAL); the checkpoint worker copies it into the main file within its interval.
      const deadline = Date.now() + 10_000;
      let inMainFile = rowsInMainFile(file);
      while (inMainFile < 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        inMainFile = rowsInMainFile(file);
      }
      expect(inMainFile).toBe(200);
    } finally {
      await handle.close();
    }
  });
});

/** The WAL header's checkpoint sequence number: SQLite increments it each time the WAL starts over. */
function walSequence(file: string): number {
  const header = readFileSync(`${file}-wal`).subarray(0, 16);
  return header.length < 16 ? 0 : header.readUInt32BE(12);
}

describe('SQLite WAL under a steady stream of writes', () => {
  it('starts the WAL over and keeps the file short, although the writer never pauses', async () => {
    const file = join(directory, 'steady.db');
    // Small figures for a test: checkpoint every 20 ms, start over beyond 256 frames (1 MiB).
    const handle = openSqlite({ file, checkpointIntervalMs: 20, walRestartFrames: 256 });
    try {
      await sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(handle.db);
      const body = 'x'.repeat(3000);
      const firstSequence = walSequence(file);
      let largestWal = 0;
      const until = Date.now() + 1500;
      let written = 0;
      // A writer that never waits for an idle moment: the next transaction follows at once, with only a
      // turn of the event loop (setImmediate) in between for the checkpointer's messages.
      while (Date.now() < until) {
        await handle.db.transaction().execute(async (tx) => {
          for (let index = 0; index < 20; index += 1) await sql`INSERT INTO notes (body) VALUES (${body})`.execute(tx);
        });
        written += 20;
        largestWal = Math.max(largestWal, statSync(`${file}-wal`).size);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const writtenBytes = written * body.length;
      expect(writtenBytes).toBeGreaterThan(8 * 1024 * 1024);
      expect(walSequence(file)).toBeGreaterThan(firstSequence);
      // Bounded by the restart threshold plus what one checkpoint interval writes, far below all that was written.
      expect(largestWal).toBeLessThan(writtenBytes / 2);
      const [{ n } = { n: 0 }] = (await sql<{ n: number }>`SELECT count(*) AS n FROM notes`.execute(handle.db)).rows;
      expect(n).toBe(written);
    } finally {
      await handle.close();
    }
  });
});
