import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testDialect, type TestApp } from '../../../test/kit/app.js';
import type { Db, Tx } from './database.js';
import { durableWrite, WriteBatcher } from './group-commit.js';
import { reusableInsert, reusableQuery } from './reusable-query.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await sql`CREATE TABLE zz_group_commit (id text PRIMARY KEY, value text NOT NULL)`.execute(t.ctx.db);
});
afterAll(async () => t?.close());

const insert = (id: string) => (tx: Tx) => sql`INSERT INTO zz_group_commit (id, value) VALUES (${id}, 'v')`.execute(tx).then(() => id);
const ids = async () => (await sql<{ id: string }>`SELECT id FROM zz_group_commit ORDER BY id`.execute(t.ctx.db)).rows.map((row) => row.id);

describe(`group commit on ${testDialect}`, () => {
  it('commits concurrent writes together; a failing write is rolled back alone and its caller gets the error', async () => {
    const batcher = new WriteBatcher(t.ctx.db);
    const results = await Promise.allSettled([
      batcher.run(insert('a1')),
      batcher.run(async (tx) => {
        await insert('a2')(tx);
        throw new Error('second write fails after its insert');
      }),
      batcher.run(insert('a1')), // duplicate key: rolled back alone
      batcher.run(insert('a3')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toContain('second write fails');
    expect(await ids()).toEqual(['a1', 'a3']);
  });

  it('runs compiled statements inside the batch (straight on SQLite\'s prepared statements) with the same results and rollbacks', async () => {
    const insertRow = reusableInsert<{ id: string; value: string }>('zz_group_commit');
    const selectValue = reusableQuery((db: Db | Tx, id: string) => db.selectFrom('zz_group_commit').select(['id', 'value']).where('id', '=', id));
    const batcher = new WriteBatcher(t.ctx.db);
    const results = await Promise.allSettled([
      batcher.run(async (tx) => {
        await insertRow(tx, { id: 'd1', value: 'first' });
        return selectValue(tx, 'd1');
      }),
      batcher.run((tx) => insertRow(tx, { id: 'd1', value: 'duplicate' })),
      batcher.run(async (tx) => {
        await insertRow(tx, { id: 'd2', value: 'second' });
        return selectValue(tx, 'd1');
      }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseFulfilledResult<unknown>).value).toEqual([{ id: 'd1', value: 'first' }]);
    expect((results[2] as PromiseFulfilledResult<unknown>).value).toEqual([{ id: 'd1', value: 'first' }]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE|unique|duplicate/);
    expect((await ids()).filter((id) => id.startsWith('d'))).toEqual(['d1', 'd2']);
  });

  it('keeps serving later batches after a batch', async () => {
    const batcher = new WriteBatcher(t.ctx.db, 2);
    await Promise.all(['b1', 'b2', 'b3', 'b4', 'b5'].map((id) => batcher.run(insert(id))));
    expect((await ids()).filter((id) => id.startsWith('b'))).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);
  });

  it('durableWrite acknowledges only committed rows, on either dialect', async () => {
    const value = await durableWrite(t.ctx.db, t.ctx.dialect, insert('c1'));
    expect(value).toBe('c1');
    await expect(durableWrite(t.ctx.db, t.ctx.dialect, async (tx) => {
      await insert('c2')(tx);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect((await ids()).filter((id) => id.startsWith('c'))).toEqual(['c1']);
  });
});
