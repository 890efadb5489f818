import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testDialect, type TestApp } from '../../../test/kit/app.js';
import { newId } from '../contract/ids.js';
import { insertArea, insertCommune } from '../tenancy/repository.js';
import { demoCommune } from '../tenancy/demo.js';
import { typed } from './database.js';
import { reusableInsert, reusableQuery } from './reusable-query.js';
import type { TenancyTables } from '../tenancy/tables.js';

let t: TestApp;
const communeId = newId();
beforeAll(async () => {
  t = await buildTestApp();
  const now = new Date().toISOString();
  await insertCommune(t.ctx.db, { id: communeId, ...demoCommune, isDemo: false }, now);
  await insertArea(t.ctx.db, communeId, newId(), { code: 'A1', name: 'Thôn Một', kind: 'thon' }, now);
  await insertArea(t.ctx.db, communeId, newId(), { code: 'A2', name: 'Thôn Hai', kind: 'thon', householdCount: 5 }, now);
});
afterAll(async () => t?.close());

describe(`reusableQuery on ${testDialect}`, () => {
  const areaByCode = reusableQuery((db, commune: string, code: string) =>
    typed<TenancyTables>(db).selectFrom('areas').select(['code', 'name']).where('commune_id', '=', commune).where('code', '=', code).where('is_active', '=', 1),
  );

  it('runs the compiled query again with each call\'s values, keeping constant parameters', async () => {
    expect(await areaByCode(t.ctx.db, communeId, 'A1')).toEqual([{ code: 'A1', name: 'Thôn Một' }]);
    expect(await areaByCode(t.ctx.db, communeId, 'A2')).toEqual([{ code: 'A2', name: 'Thôn Hai' }]);
    expect(await areaByCode(t.ctx.db, communeId, 'missing')).toEqual([]);
    expect(await areaByCode(t.ctx.db, newId(), 'A1')).toEqual([]);
  });

  it('works inside a transaction too', async () => {
    const rows = await t.ctx.db.transaction().execute((tx) => areaByCode(tx, communeId, 'A2'));
    expect(rows).toEqual([{ code: 'A2', name: 'Thôn Hai' }]);
  });

  // On SQLite the one connection may be held by a writer; on PostgreSQL a pool serves both.
  const turnOfTheEventLoop = () => new Promise<'waited'>((resolve) => setImmediate(() => resolve('waited')));

  it('reads committed rows at once while another caller holds the connection outside a transaction', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    const holder = t.ctx.db.connection().execute(async () => {
      held();
      await gate;
    });
    await isHeld;
    try {
      const read = areaByCode(t.ctx.db, communeId, 'A1');
      // SQLite: on the held connection itself, before the event loop turns. PostgreSQL: another pooled connection.
      if (testDialect === 'sqlite') expect(await Promise.race([read, turnOfTheEventLoop()])).toEqual([{ code: 'A1', name: 'Thôn Một' }]);
      else expect(await read).toEqual([{ code: 'A1', name: 'Thôn Một' }]);
    } finally {
      release();
      await holder;
    }
  });

  it('never reads a transaction\'s uncommitted rows: the read waits until the transaction commits', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const isWritten = new Promise<void>((resolve) => (written = resolve));
    const now = new Date().toISOString();
    const writer = t.ctx.db.transaction().execute(async (tx) => {
      await insertArea(tx, communeId, newId(), { code: 'U1', name: 'Thôn Chưa Ghi', kind: 'thon' }, now);
      written();
      await gate;
    });
    await isWritten;
    const read = areaByCode(t.ctx.db, communeId, 'U1');
    if (testDialect === 'sqlite') {
      // The one connection is inside the writer's transaction: the read must queue, not run on it.
      expect(await Promise.race([read, turnOfTheEventLoop()])).toBe('waited');
      release();
      await writer;
      expect(await read).toEqual([{ code: 'U1', name: 'Thôn Chưa Ghi' }]);
    } else {
      // Another pooled connection: it sees only what is committed, i.e. not yet the new row.
      expect(await read).toEqual([]);
      release();
      await writer;
      expect(await areaByCode(t.ctx.db, communeId, 'U1')).toEqual([{ code: 'U1', name: 'Thôn Chưa Ghi' }]);
    }
  });

  it('refuses a builder that does not bind a parameter as a value', async () => {
    const broken = reusableQuery((db, _unused: string) => typed<TenancyTables>(db).selectFrom('areas').select('code'));
    await expect(broken(t.ctx.db, 'x')).rejects.toThrow(/not bound/);
  });

  it('reusableInsert inserts each row with its own values, and omitted columns keep their defaults', async () => {
    const insertArea = reusableInsert<Record<string, unknown>>('areas');
    const now = new Date().toISOString();
    const base = { commune_id: communeId, kind: 'thon', created_at: now, updated_at: now };
    await insertArea(t.ctx.db, { ...base, id: newId(), code: 'R1', name: 'Thôn Ba', household_count: 12 });
    await insertArea(t.ctx.db, { ...base, id: newId(), code: 'R2', name: 'Thôn Bốn', household_count: 7 });
    // A different set of columns compiles its own statement; undefined counts as omitted.
    await insertArea(t.ctx.db, { ...base, id: newId(), code: 'R3', name: 'Thôn Năm', household_count: undefined, is_active: 0 });
    const rows = await typed<TenancyTables>(t.ctx.db).selectFrom('areas').select(['code', 'name', 'household_count', 'is_active']).where('commune_id', '=', communeId).where('code', 'in', ['R1', 'R2', 'R3']).orderBy('code').execute();
    expect(rows).toEqual([
      { code: 'R1', name: 'Thôn Ba', household_count: 12, is_active: 1 },
      { code: 'R2', name: 'Thôn Bốn', household_count: 7, is_active: 1 },
      { code: 'R3', name: 'Thôn Năm', household_count: null, is_active: 0 },
    ]);
    await expect(insertArea(t.ctx.db, { ...base, id: newId(), code: 'R1', name: 'Trùng mã' })).rejects.toThrow();
  });
});
