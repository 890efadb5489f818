/** The denouncer's sealed identity (LAW-DENUNC-11, LAW-DENUNC-12): one gate, every read audited. */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import { hasRole, type Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { forbidden, notFound } from '../../../../core/contract/errors.js';
import type { FieldVault } from '../../../../core/crypto/field-vault.js';
import { inTransaction } from '../../../../core/db/database.js';
import type { SealedIdentity } from '../../contract.js';
import * as repository from '../../db/repository.js';

/**
 * Open the sealed identity of a case for a leader of its commune or the officer it is assigned to.
 * The audit row `cases.sealed-identity.read` is written in the same transaction as the read, every time.
 */
export async function readSealedIdentity(ctx: AppContext, actor: Actor, caseId: string, requestId?: string | null): Promise<SealedIdentity> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await repository.findCaseById(tx, actor.communeId, caseId);
    if (!row) throw notFound('cases.errors.notFound');
    const isLeader = hasRole(actor, 'leader', row.commune_id);
    const isAssignedOfficer = hasRole(actor, 'officer', row.commune_id) && row.assigned_officer_id === actor.userId;
    if (!isLeader && !isAssignedOfficer) throw forbidden('cases.errors.sealedForbidden');
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
