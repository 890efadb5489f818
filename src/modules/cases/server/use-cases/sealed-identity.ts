/** The denouncer's sealed identity (LAW-DENUNC-11, LAW-DENUNC-12): one gate, every read audited. */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import { hasRole, type Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { forbidden, notFound } from '../../../../core/contract/errors.js';
import type { FieldVault } from '../../../../core/crypto/field-vault.js';
import { inTransaction, type Tx } from '../../../../core/db/database.js';
import type { SealedIdentity } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { canSeeCase } from './shared.js';

/**
 * Open the sealed identity of a case for a leader of its commune or the officer it is assigned to.
 * The audit row `cases.sealed-identity.read` is written in the same transaction as the read, every time.
 */
/** Who may open a sealed identity (LAW-DENUNC-12): a leader of the commune, or the officer the case is assigned to. */
export function mayReadSealedIdentity(actor: Actor, row: Pick<repository.CaseRow, 'commune_id' | 'assigned_officer_id'>): boolean {
  return hasRole(actor, 'leader', row.commune_id) || (hasRole(actor, 'officer', row.commune_id) && row.assigned_officer_id === actor.userId);
}

export async function readSealedIdentity(ctx: AppContext, actor: Actor, caseId: string, requestId?: string | null): Promise<SealedIdentity> {
  const candidate = await repository.findCaseById(ctx.db, actor.communeId, caseId);
  if (candidate && candidate.sealed_identity && !mayReadSealedIdentity(actor, candidate)) {
    // A refused attempt is recorded too (LAW-DENUNC-12 "log every access"), in its own transaction:
    // the refusal below must not roll it back.
    await inTransaction(ctx.db, (tx) =>
      appendAudit(tx, ctx.dialect, {
        communeId: candidate.commune_id,
        actor,
        action: 'cases.sealed-identity.refused',
        entityType: 'case',
        entityId: candidate.id,
        details: {},
        requestId: requestId ?? null,
        at: ctx.clock().toISOString(),
      }),
    );
    // Whoever may not even see the case gets the 404 of an unknown id, as on its page (loadVisibleCase): the refusal does not confirm it exists.
    throw canSeeCase(actor, candidate) ? forbidden('cases.errors.sealedForbidden') : notFound('cases.errors.notFound');
  }
  return inTransaction(ctx.db, async (tx) => {
    const row = await repository.findCaseById(tx, actor.communeId, caseId);
    if (!row || !canSeeCase(actor, row)) throw notFound('cases.errors.notFound');
    const isLeader = hasRole(actor, 'leader', row.commune_id);
    if (!mayReadSealedIdentity(actor, row)) throw forbidden('cases.errors.sealedForbidden');
    if (!row.sealed_identity) throw notFound('cases.errors.noSealedIdentity');
    const identity = JSON.parse(ctx.services.get<FieldVault>('vault').open(row.sealed_identity, row.id)) as Partial<SealedIdentity>;
    await appendAudit(tx, ctx.dialect, {
      communeId: row.commune_id,
      actor,
      action: 'cases.sealed-identity.read',
      entityType: 'case',
      entityId: row.id,
      details: { capacity: isLeader ? 'leader' : 'assigned_officer' },
      requestId: requestId ?? null,
      at: ctx.clock().toISOString(),
    });
    return { fullName: identity.fullName ?? null, address: identity.address ?? null, email: identity.email ?? null, phone: identity.phone ?? null, idNumber: identity.idNumber ?? null };
  });
}

/** The only part of a sealed identity the notification job may see: where to reach the denouncer. */
/**
 * The system (a job, never a person) opens a sealed identity for one stated purpose, and the read is
 * audited like a person's (`cases.sealed-identity.read`, capacity system, LAW-DENUNC-12 "log every
 * access"), naming the fields it uses, never their values.
 */
export async function openSealedIdentityAsSystem(
  ctx: AppContext,
  tx: Tx,
  row: { communeId: string; id: string; sealedIdentity: string },
  purpose: { reason: string; fields: ReadonlyArray<keyof SealedIdentity>; event?: string },
): Promise<Partial<SealedIdentity>> {
  const identity = JSON.parse(ctx.services.get<FieldVault>('vault').open(row.sealedIdentity, row.id)) as Partial<SealedIdentity>;
  await appendAudit(tx, ctx.dialect, {
    communeId: row.communeId,
    actor: null,
    action: 'cases.sealed-identity.read',
    entityType: 'case',
    entityId: row.id,
    details: { capacity: 'system', reason: purpose.reason, ...(purpose.event !== undefined ? { event: purpose.event } : {}), fields: [...purpose.fields] },
    requestId: null,
    at: ctx.clock().toISOString(),
  });
  return identity;
}

export interface SealedContact {
  email: string | null;
  phone: string | null;
}

/** Why the system opened a sealed identity; stored in the audit row, never any value from the vault. */
export const SYSTEM_NOTIFY_READ_REASON = 'notify submitter';

/**
 * Open the sealed contact of a case for the notification job (LAW-DENUNC-11, LAW-DENUNC-12): the
 * system, not a person, reads it to tell the denouncer their case moved. Only e-mail and phone leave
 * the vault (never name, address or id number), and the audit row `cases.sealed-identity.read`
 * (actor null, capacity `system`, reason "notify submitter", the event) commits before the values are
 * returned, so no read goes unrecorded. Returns null when the case has no sealed identity. The
 * caller must not store or log what it gets: it is for one delivery, addressed to the denouncer only.
 */
export async function openSealedContactForNotification(ctx: AppContext, input: { communeId: string; caseId: string; event: string }): Promise<SealedContact | null> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await repository.findCaseById(tx, input.communeId, input.caseId);
    if (!row?.sealed_identity) return null;
    const identity = await openSealedIdentityAsSystem(ctx, tx, { communeId: row.commune_id, id: row.id, sealedIdentity: row.sealed_identity }, { reason: SYSTEM_NOTIFY_READ_REASON, event: input.event, fields: ['email', 'phone'] });
    return { email: identity.email || null, phone: identity.phone || null };
  });
}

export interface ResealResult {
  communeId: string;
  resealed: number;
}

/**
 * Key rotation: re-seal every sealed identity still under an older key with the active key, in
 * batches, one transaction per batch with its audit row (`cases.sealed-identity.resealed`, counts
 * only). Nothing is decrypted outside the vault and nothing is logged. Run after prepending a new
 * key to FIELD_ENCRYPTION_KEYS; the old key can be removed once this reports zero left.
 */
export async function resealSealedIdentities(ctx: AppContext, options: { batchSize?: number } = {}): Promise<ResealResult[]> {
  const vault = ctx.services.get<FieldVault>('vault');
  const batchSize = options.batchSize ?? 500;
  const totals = new Map<string, number>();
  let afterId: string | null = null;
  for (;;) {
    const batch = await repository.findSealedIdentities(ctx.db, { afterId, limit: batchSize });
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1]!.id;
    const stale = batch.filter((row) => vault.needsRotation(row.sealed_identity));
    if (stale.length === 0) continue;
    await inTransaction(ctx.db, async (tx) => {
      const byCommune = new Map<string, number>();
      for (const row of stale) {
        await repository.updateSealedIdentity(tx, row.commune_id, row.id, vault.rotate(row.sealed_identity, row.id));
        byCommune.set(row.commune_id, (byCommune.get(row.commune_id) ?? 0) + 1);
      }
      const at = ctx.clock().toISOString();
      for (const [communeId, count] of byCommune) {
        await appendAudit(tx, ctx.dialect, { communeId, actor: null, action: 'cases.sealed-identity.resealed', entityType: 'case', entityId: null, details: { count, keyId: vault.activeKeyId }, at });
        totals.set(communeId, (totals.get(communeId) ?? 0) + count);
      }
    });
  }
  return [...totals].map(([communeId, resealed]) => ({ communeId, resealed }));
}
