import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { ServiceRegistry, type AppContext } from '../../core/context.js';
import { FieldVault } from '../../core/crypto/field-vault.js';
import { withoutPersonalData } from './domain/index.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';
import { backfillSealedNameDigests, resealSealedIdentities } from './server/index.js';
import { linkMac } from './server/use-cases/link-token.js';
import { knownSealedName } from './server/use-cases/sealed-name.js';

describe('key rotation of sealed identities (LAW-DENUNC-11)', () => {
  let t: CasesTestApp;
  const newKey = { id: 'rotated', key: randomBytes(32) };
  /** The app's context with the ring `keys` in place of its own. */
  const withKeys = (keys: ConstructorParameters<typeof FieldVault>[0]): AppContext => {
    const services = new ServiceRegistry();
    services.provide('vault', new FieldVault(keys));
    return { ...t.ctx, services };
  };
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
    const rotatedCtx = withKeys([newKey, oldKey]);

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

  it('re-makes the declared name\'s digest under the new key: the name stays masked through the rotation and after the old key is gone, whatever SESSION_SECRET becomes (LAW-DENUNC-12)', async () => {
    const NAME = 'CANARY-ROTATION-QRS';
    const text = `Ông ${NAME} tố cáo cán bộ địa chính; gọi canary rotation qrs khi cần.`;
    const created = (await t.inject('POST', '/api/v1/cases', t.anonymous, { kind: 'denunciation', categoryId: t.categoryIds.LAND, title: 'Tố cáo cán bộ địa chính', description: text, privacy: 'handler_only', submitter: { fullName: NAME, address: 'Thôn Lạc Cầu', phone: '0977111333' } })).json() as { id: string };
    const digestOf = async (id: string) => (await t.ctx.db.selectFrom('cases_items').select('sealed_name_digest').where('id', '=', id).executeTakeFirstOrThrow()).sealed_name_digest;
    const maskedFor = (ctx: AppContext, digest: string | null) => withoutPersonalData(text, knownSealedName(ctx, digest));
    const oldKey = t.ctx.config.encryptionKeys[0]!;
    const rotatedCtx = withKeys([newKey, oldKey]);
    const onlyNewCtx = withKeys([newKey]);

    const before = await digestOf(created.id);
    expect(before).toMatch(new RegExp(`^${oldKey.id}:3\\.[A-Za-z0-9_-]{22}$`));
    expect(maskedFor(t.ctx, before)).toBe('Ông   tố cáo cán bộ địa chính; gọi   khi cần.');
    // Keyed on the vault, not on SESSION_SECRET: a new session secret masks as before.
    const newSecretCtx: AppContext = { ...t.ctx, config: Object.freeze({ ...t.ctx.config, sessionSecret: randomBytes(32).toString('base64url') }) };
    expect(maskedFor(newSecretCtx, before)).not.toMatch(/canary/i);
    // While the old key is in the ring its digests still match; once it is gone they match nothing.
    expect(maskedFor(rotatedCtx, before)).not.toMatch(/canary/i);
    expect(maskedFor(onlyNewCtx, before)).toContain(NAME);

    await resealSealedIdentities(rotatedCtx);
    // Every named sealed case of this app is re-keyed (the previous test's too), each read audited.
    const readsBefore = (await findAuditRows(t.ctx.db, { communeId: t.communeId, entityId: created.id, action: 'cases.sealed-identity.read', limit: 10, offset: 0 })).length;
    expect(await backfillSealedNameDigests(rotatedCtx)).toEqual({ filled: 2, hasMore: false });
    expect(await backfillSealedNameDigests(rotatedCtx)).toEqual({ filled: 0, hasMore: false });
    const after = await digestOf(created.id);
    expect(after).toMatch(/^rotated:3\.[A-Za-z0-9_-]{22}$/);
    expect(maskedFor(onlyNewCtx, after)).toBe('Ông   tố cáo cán bộ địa chính; gọi   khi cần.');
    const reads = await findAuditRows(t.ctx.db, { communeId: t.communeId, entityId: created.id, action: 'cases.sealed-identity.read', limit: 10, offset: 0 });
    expect(reads).toHaveLength(readsBefore + 1);
    expect(JSON.stringify(reads)).not.toContain('CANARY');
  });

  it('reads a digest made on the session secret by the first version, and re-makes it under the active key', async () => {
    const NAME = 'Canary Legacy Tuv';
    const created = (await t.inject('POST', '/api/v1/cases', t.anonymous, { kind: 'denunciation', categoryId: t.categoryIds.LAND, title: 'Tố cáo', description: `Người làm đơn canary legacy tuv.`, privacy: 'handler_only', submitter: { fullName: NAME, address: 'Thôn Lạc Cầu', phone: '0977111444' } })).json() as { id: string };
    const legacy = `3.${linkMac(t.ctx, 'cases.sealed-name-digest.v1', 'canary legacy tuv')}`;
    await t.ctx.db.updateTable('cases_items').set({ sealed_name_digest: legacy }).where('id', '=', created.id).execute();
    expect(withoutPersonalData('Người làm đơn canary legacy tuv.', knownSealedName(t.ctx, legacy))).toBe('Người làm đơn  .');
    // The job re-makes it under the active key of the ring it runs with.
    const rotatedCtx = withKeys([newKey, t.ctx.config.encryptionKeys[0]!]);
    expect(await backfillSealedNameDigests(rotatedCtx)).toEqual({ filled: 1, hasMore: false });
    const after = (await t.ctx.db.selectFrom('cases_items').select('sealed_name_digest').where('id', '=', created.id).executeTakeFirstOrThrow()).sealed_name_digest;
    expect(after).toMatch(/^rotated:3\./);
  });
});
