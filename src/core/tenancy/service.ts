import type { Actor } from '../auth/roles.js';
import { appendAudit } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { conflict, notFound } from '../contract/errors.js';
import { newId } from '../contract/ids.js';
import { inTransaction } from '../db/database.js';
import type { Area, CreateArea, CreateUnit, Unit, UpdateArea, UpdateUnit } from './contract.js';
import * as repository from './repository.js';

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? '') + String((error as { code?: string })?.code ?? '');
  return /UNIQUE|unique|23505/.test(text);
}

/** Create a hamlet or residential group; codes are unique within the commune. */
export async function createArea(ctx: AppContext, actor: Actor, input: CreateArea, requestId?: string): Promise<Area> {
  const id = newId();
  const now = ctx.clock().toISOString();
  try {
    await inTransaction(ctx.db, async (tx) => {
      await repository.insertArea(tx, actor.communeId, id, input, now);
      await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'tenancy.area.created', entityType: 'area', entityId: id, details: { code: input.code }, requestId: requestId ?? null, at: now });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('tenancy.errors.codeTaken', { code: input.code });
    throw error;
  }
  return (await repository.findAreaById(ctx.db, actor.communeId, id))!;
}

export async function updateArea(ctx: AppContext, actor: Actor, id: string, input: UpdateArea, requestId?: string): Promise<Area> {
  const now = ctx.clock().toISOString();
  try {
    await inTransaction(ctx.db, async (tx) => {
      if (!(await repository.findAreaById(tx, actor.communeId, id))) throw notFound();
      await repository.updateArea(tx, actor.communeId, id, input, now);
      await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'tenancy.area.updated', entityType: 'area', entityId: id, details: { fields: Object.keys(input) }, requestId: requestId ?? null, at: now });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('tenancy.errors.codeTaken', { code: input.code ?? '' });
    throw error;
  }
  return (await repository.findAreaById(ctx.db, actor.communeId, id))!;
}

/** Create a unit of the committee (or a supervising body: Fatherland Front, People's Inspection Board). */
export async function createUnit(ctx: AppContext, actor: Actor, input: CreateUnit, requestId?: string): Promise<Unit> {
  const id = newId();
  const now = ctx.clock().toISOString();
  try {
    await inTransaction(ctx.db, async (tx) => {
      await repository.insertUnit(tx, actor.communeId, id, input, now);
      await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'tenancy.unit.created', entityType: 'unit', entityId: id, details: { code: input.code }, requestId: requestId ?? null, at: now });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('tenancy.errors.codeTaken', { code: input.code });
    throw error;
  }
  return (await repository.findUnitById(ctx.db, actor.communeId, id))!;
}

export async function updateUnit(ctx: AppContext, actor: Actor, id: string, input: UpdateUnit, requestId?: string): Promise<Unit> {
  const now = ctx.clock().toISOString();
  try {
    await inTransaction(ctx.db, async (tx) => {
      if (!(await repository.findUnitById(tx, actor.communeId, id))) throw notFound();
      await repository.updateUnit(tx, actor.communeId, id, input, now);
      await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'tenancy.unit.updated', entityType: 'unit', entityId: id, details: { fields: Object.keys(input) }, requestId: requestId ?? null, at: now });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('tenancy.errors.codeTaken', { code: input.code ?? '' });
    throw error;
  }
  return (await repository.findUnitById(ctx.db, actor.communeId, id))!;
}
