import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { ServiceRegistry, type AppContext } from '../../core/context.js';
import { FieldVault } from '../../core/crypto/field-vault.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';
import { resealSealedIdentities } from './server/index.js';

describe('key rotation of sealed identities (LAW-DENUNC-11)', () => {
  let t: CasesTestApp;
  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => t?.close());

  it('re-seals every identity under the new key; old and new keyrings both read it, only the new one is needed after', async () => {
    const created = (
      await t.inject('POST', '/api/v1/cases', t.anonymous, {
        kind: 'denunciation',
        categoryId: t.categoryIds.CONDUCT,
        title: 'Tố cáo cán bộ thu tiền sai quy định',
        description: 'Cán bộ yêu cầu nộp thêm tiền khi làm hồ sơ.',
        privacy: 'handler_only',
        submitter: { fullName: 'Lương Văn Khoá', address: 'Thôn Lạc Cầu', phone: '0977111222' },
      })
    ).json();
    const oldKey = t.ctx.config.encryptionKeys[0]!;
    const newKey = { id: 'rotated', key: randomBytes(32) };
    const services = new ServiceRegistry();
    services.provide('vault', new FieldVault([newKey, oldKey]));
    const rotatedCtx: AppContext = { ...t.ctx, services };

    expect(await resealSealedIdentities(rotatedCtx)).toEqual([{ communeId: t.communeId, resealed: 1 }]);
    expect(await resealSealedIdentities(rotatedCtx)).toEqual([]);
    const stored = (await sql<{ sealed_identity: string }>`SELECT sealed_identity FROM cases_items WHERE id = ${created.id}`.execute(t.ctx.db)).rows[0]!.sealed_identity;
    expect(stored.split('.')[1]).toBe('rotated');
    expect(stored).not.toContain('Khoá');
    const onlyNew = new FieldVault([newKey]);
    expect(JSON.parse(onlyNew.open(stored, created.id)).fullName).toBe('Lương Văn Khoá');
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.sealed-identity.resealed', limit: 10, offset: 0 });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).not.toContain('Khoá');
  });
});
