/** Open311 API clients: keys are generated here, shown once, and stored as sha256 only. */
import { randomBytes } from 'node:crypto';
import { appendAudit } from '../../../../core/audit/audit-log.js';
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { DomainError, notFound } from '../../../../core/contract/errors.js';
import { foldVietnamese } from '../../../../core/contract/text-fold.js';
import { newId } from '../../../../core/contract/ids.js';
import { inTransaction } from '../../../../core/db/database.js';
import type { CreatedOpen311Client, CreateOpen311Client, Open311Client } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { requireConfigure } from './configure-categories.js';
import { sha256Hex } from './shared.js';

/** The client and commune an Open311 `api_key` belongs to, or null when unknown or inactive. */
export async function verifyOpen311ApiKey(ctx: AppContext, apiKey: string): Promise<{ clientId: string; communeId: string; name: string } | null> {
  if (!apiKey || apiKey.length > 200) return null;
  const row = await repository.findOpen311ClientByKeyHash(ctx.db, sha256Hex(apiKey));
  return row ? { clientId: row.id, communeId: row.commune_id, name: row.name } : null;
}

function toClient(row: repository.Open311ClientRow): Open311Client {
  return { id: row.id, name: row.name, isActive: row.is_active === 1, createdAt: row.created_at };
}

/** The commune's partner clients (never their keys). */
export async function listOpen311Clients(ctx: AppContext, actor: Actor): Promise<Open311Client[]> {
  requireConfigure(ctx, actor);
  return (await repository.findOpen311Clients(ctx.db, actor.communeId)).map(toClient);
}

/**
 * Register a partner: 32 random bytes as the key, returned this once. Two active partners may not
 * share a name (compared without case, diacritics or extra spaces), or the audit trail and the list
 * could not tell them apart; a revoked partner's name may be reused by its replacement.
 */
export async function createOpen311Client(ctx: AppContext, actor: Actor, input: CreateOpen311Client, requestId: string | null = null): Promise<CreatedOpen311Client> {
  requireConfigure(ctx, actor);
  const communeId = actor.communeId;
  const id = newId();
  const apiKey = `td311_${randomBytes(32).toString('base64url')}`;
  const now = ctx.clock().toISOString();
  const nameTaken = (name: string) => new DomainError('conflict', 'cases.errors.open311ClientNameTaken', { name }, [{ field: 'name', messageKey: 'cases.errors.open311ClientNameTaken', params: { name } }]);
  try {
    await inTransaction(ctx.db, async (tx) => {
      const folded = foldVietnamese(input.name);
      const clash = (await repository.findOpen311Clients(tx, communeId)).find((row) => row.is_active === 1 && foldVietnamese(row.name) === folded);
      if (clash) throw nameTaken(clash.name);
      await repository.insertOpen311Client(tx, { commune_id: communeId, id, name: input.name, api_key_hash: sha256Hex(apiKey), is_active: 1, is_demo: 0, created_at: now });
      await appendAudit(tx, ctx.dialect, { communeId, actor, action: 'cases.open311-client.created', entityType: 'cases.open311-client', entityId: id, details: { name: input.name }, requestId, at: now });
    });
  } catch (error) {
    // The unique index on the folded name (active clients) caught a clash two concurrent saves made.
    if (!(error instanceof DomainError) && repository.isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
  return { client: { id, name: input.name, isActive: true, createdAt: now }, apiKey };
}

/** Revoke a partner's key for good (a new key means a new client). */
export async function deactivateOpen311Client(ctx: AppContext, actor: Actor, id: string, requestId: string | null = null): Promise<Open311Client> {
  requireConfigure(ctx, actor);
  const communeId = actor.communeId;
  const now = ctx.clock().toISOString();
  return inTransaction(ctx.db, async (tx) => {
    const row = await repository.findOpen311ClientById(tx, communeId, id);
    if (!row) throw notFound('cases.errors.open311ClientNotFound');
    if (row.is_active === 1) {
      await repository.deactivateOpen311Client(tx, communeId, id);
      await appendAudit(tx, ctx.dialect, { communeId, actor, action: 'cases.open311-client.deactivated', entityType: 'cases.open311-client', entityId: id, details: { name: row.name }, requestId, at: now });
    }
    return { ...toClient(row), isActive: false };
  });
}
