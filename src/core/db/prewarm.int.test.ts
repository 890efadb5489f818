import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, type DatabaseHandle } from './database.js';

// SQLite only: PostgreSQL keeps its own buffers (the handle has no prewarm there).
describe('SQLite page cache and prewarm', () => {
  let handle: DatabaseHandle | undefined;
  let folder: string | undefined;
  afterEach(async () => {
    await handle?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
    handle = undefined;
    folder = undefined;
  });

  it('sizes the page cache from cacheMb and reads no pages through a memory map', async () => {
    folder = mkdtempSync(join(tmpdir(), 'td-prewarm-'));
    handle = openSqlite({ file: join(folder, 'cache.db'), cacheMb: 300 });
    const cache = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(handle.db);
    expect(cache.rows[0]?.cache_size).toBe(-300 * 1024);
    const mmap = await sql<{ mmap_size: number }>`PRAGMA mmap_size`.execute(handle.db);
    expect(mmap.rows[0]?.mmap_size).toBe(0);
  });

  it('reads each hot table and its indexes once, counting their rows', async () => {
    folder = mkdtempSync(join(tmpdir(), 'td-prewarm-'));
    handle = openSqlite({ file: join(folder, 'warm.db') });
    await sql`CREATE TABLE "odd ""name""" (code TEXT PRIMARY KEY, view BLOB NOT NULL)`.execute(handle.db);
    await sql`CREATE INDEX "odd_view_idx" ON "odd ""name""" (length(view))`.execute(handle.db);
    await sql`CREATE TABLE other (id INTEGER PRIMARY KEY)`.execute(handle.db);
    await sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) INSERT INTO "odd ""name""" SELECT 'C' || i, randomblob(900) FROM n`.execute(handle.db);
    await sql`INSERT INTO other (id) VALUES (1), (2), (3)`.execute(handle.db);
    expect(handle.prewarm?.(['odd "name"', 'other'])).toEqual({ rows: 2503, milliseconds: expect.any(Number) });
    // A table named in a descriptor that does not exist is a programming error, not something to skip.
    expect(() => handle?.prewarm?.(['missing_table'])).toThrow(/no such table/);
  });
});
