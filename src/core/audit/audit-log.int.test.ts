import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testDialect, type TestApp } from '../../../test/kit/app.js';
import { inTransaction } from '../db/database.js';
import { WriteBatcher } from '../db/group-commit.js';
import { appendAudit, GENESIS_HASH, verifyAuditChain } from './audit-log.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const append = (communeId: string, action: string) =>
  inTransaction(t.ctx.db, (tx) => appendAudit(tx, t.ctx.dialect, { communeId, actor: null, action, entityType: 'test', entityId: action, at: new Date().toISOString() }));

describe(`audit log chain on ${testDialect}`, () => {
  it('chains rows per commune and verifies them', async () => {
    for (const action of ['a.one', 'a.two', 'a.three']) await append('commune-a', action);
    await append('commune-b', 'b.one');
    const rows = await sql<{ sequence: number; previous_hash: string; hash: string }>`SELECT sequence, previous_hash, hash FROM audit_log WHERE commune_id = 'commune-a' ORDER BY sequence`.execute(t.ctx.db);
    expect(rows.rows.map((row) => Number(row.sequence))).toEqual([1, 2, 3]);
    expect(rows.rows[0]!.previous_hash).toBe(GENESIS_HASH);
    expect(rows.rows[1]!.previous_hash).toBe(rows.rows[0]!.hash);
    const results = await verifyAuditChain(t.ctx.db);
    expect(results.find((result) => result.communeId === 'commune-a')).toEqual({ communeId: 'commune-a', rows: 3, firstBroken: null });
  });

  it('keeps the chain whole when writes sharing one transaction append and one of them is rolled back', async () => {
    // Appends after the first in a transaction reuse the head it remembered; a rolled-back write must not leave it behind.
    const batcher = new WriteBatcher(t.ctx.db);
    const audit = (action: string) => (tx: Parameters<Parameters<WriteBatcher['run']>[0]>[0]) =>
      appendAudit(tx, t.ctx.dialect, { communeId: 'commune-c', actor: null, action, entityType: 'test', entityId: action, at: new Date().toISOString() });
    const results = await Promise.allSettled([
      batcher.run(audit('c.one')),
      batcher.run(async (tx) => {
        await audit('c.rolled-back')(tx);
        await audit('c.rolled-back-too')(tx);
        throw new Error('fails after appending');
      }),
      batcher.run(audit('c.two')),
      batcher.run(audit('c.three')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const rows = await sql<{ sequence: number; action: string }>`SELECT sequence, action FROM audit_log WHERE commune_id = 'commune-c' ORDER BY sequence`.execute(t.ctx.db);
    expect(rows.rows.map((row) => [Number(row.sequence), row.action])).toEqual([[1, 'c.one'], [2, 'c.two'], [3, 'c.three']]);
    expect((await verifyAuditChain(t.ctx.db)).find((result) => result.communeId === 'commune-c')).toEqual({ communeId: 'commune-c', rows: 3, firstBroken: null });
  });

  it('refuses UPDATE and DELETE at the database level', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE commune_id = 'commune-a'`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE commune_id = 'commune-a'`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('names the first broken row when someone bypasses the guard', async () => {
    if (t.ctx.dialect === 'postgres') {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(t.ctx.db);
      await sql`UPDATE audit_log SET action = 'tampered' WHERE commune_id = 'commune-a' AND sequence = 2`.execute(t.ctx.db);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(t.ctx.db);
    } else {
      await sql`DROP TRIGGER audit_log_no_update`.execute(t.ctx.db);
      await sql`UPDATE audit_log SET action = 'tampered' WHERE commune_id = 'commune-a' AND sequence = 2`.execute(t.ctx.db);
    }
    const results = await verifyAuditChain(t.ctx.db);
    const broken = results.find((result) => result.communeId === 'commune-a')!;
    expect(broken.firstBroken).toMatchObject({ sequence: 2, reason: 'hash_mismatch' });
    expect(results.find((result) => result.communeId === 'commune-b')!.firstBroken).toBeNull();
  });
});
