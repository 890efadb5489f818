import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite, sqliteStatementsOf, type Tx } from './database.js';
import { WriteBatcher } from './group-commit.js';
import { walSyncer } from './wal-sync.js';

const directory = mkdtempSync(join(tmpdir(), 'tiengdan-wal-sync-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const insert = (id: string) => (tx: Tx) => sql`INSERT INTO notes (id) VALUES (${id})`.execute(tx).then(() => id);

async function openWithNotes(name: string) {
  const handle = openSqlite({ file: join(directory, name) });
  await sql`CREATE TABLE notes (id text PRIMARY KEY)`.execute(handle.db);
  return handle;
}

describe('group commit on a SQLite file: no caller is told before the WAL is synced', () => {
  it('settles callers only after the WAL sync resolves, and leaves the connection at synchronous=FULL', async () => {
    const handle = await openWithNotes('order.db');
    try {
      const real = sqliteStatementsOf(handle.db)!.wal!;
      let releaseSync!: () => void;
      const syncStarted: string[] = [];
      const wal = {
        sync: async () => {
          syncStarted.push('sync');
          await new Promise<void>((resolve) => (releaseSync = resolve));
          await real.sync();
        },
      };
      const batcher = new WriteBatcher(handle.db, 64, { wal });
      let settled = 0;
      const writes = [batcher.run(insert('a')), batcher.run(insert('b'))].map((promise) => promise.then(() => (settled += 1)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Committed (another reader sees the rows) but not yet synced: nobody has been told.
      expect(syncStarted).toEqual(['sync']);
      expect(settled).toBe(0);
      expect((await sql<{ id: string }>`SELECT id FROM notes ORDER BY id`.execute(handle.db)).rows.map((row) => row.id)).toEqual(['a', 'b']);
      expect((await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(handle.db)).rows[0]!.synchronous).toBe(2);
      releaseSync();
      await Promise.all(writes);
      expect(settled).toBe(2);
    } finally {
      await handle.close();
    }
  });

  it('rejects every caller of the batch when the sync fails', async () => {
    const handle = await openWithNotes('failing.db');
    try {
      const batcher = new WriteBatcher(handle.db, 64, { wal: { sync: () => Promise.reject(new Error('EIO: fsync failed')) } });
      const results = await Promise.allSettled([batcher.run(insert('x')), batcher.run(insert('y'))]);
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
      expect(String((results[0] as PromiseRejectedResult).reason)).toContain('fsync failed');
      expect((await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(handle.db)).rows[0]!.synchronous).toBe(2);
    } finally {
      await handle.close();
    }
  });

  it('the real syncer syncs (fdatasync) the WAL file the database writes, and finds it again after it is replaced', async () => {
    const file = join(directory, 'real.db');
    const handle = await openWithNotes('real.db');
    const syncer = walSyncer(file);
    try {
      await new WriteBatcher(handle.db).run(insert('r1'));
      await expect(syncer.sync()).resolves.toBeUndefined();
      await handle.close();
      // Closing the last connection checkpoints and deletes the WAL: the syncer reports it plainly.
      await expect(syncer.sync()).rejects.toThrow(/ENOENT/);
      const reopened = openSqlite({ file });
      try {
        await new WriteBatcher(reopened.db).run(insert('r2'));
        await expect(syncer.sync()).resolves.toBeUndefined();
        expect((await sql<{ id: string }>`SELECT id FROM notes ORDER BY id`.execute(reopened.db)).rows.map((row) => row.id)).toEqual(['r1', 'r2']);
      } finally {
        await reopened.close();
      }
    } finally {
      syncer.close();
    }
  });
});
