import type { Actor } from '../auth/roles.js';
import { appendAudit } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { DomainError, notFound, validationFailed } from '../contract/errors.js';
import { foldVietnamese } from '../contract/text-fold.js';
import { newId } from '../contract/ids.js';
import { inTransaction, type Db, type Tx } from '../db/database.js';
import { isPopulationBelowHouseholds, isSupervisorUnit, type Area, type CreateArea, type CreateUnit, type Unit, type UpdateArea, type UpdateUnit } from './contract.js';
import * as repository from './repository.js';
import { findUnitReferences } from './unit-references.js';

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? '') + String((error as { code?: string })?.code ?? '');
  return /UNIQUE|unique|23505/.test(text);
}

/** The database's own unique index on the folded name caught a clash the check above missed (two saves at once). */
const isNameKeyViolation = (error: unknown) => String((error as { message?: string })?.message ?? '').includes('name_key');

const codeTaken = (code: string) => new DomainError('conflict', 'tenancy.errors.codeTaken', { code }, [{ field: 'code', messageKey: 'tenancy.errors.codeTaken', params: { code } }]);
const nameTaken = (name: string) => new DomainError('conflict', 'tenancy.errors.nameTaken', { name }, [{ field: 'name', messageKey: 'tenancy.errors.nameTaken', params: { name } }]);

/**
 * Two areas (or two units) of one commune may not share a name: "Thôn Đông" and "thôn  dong" are
 * the same place to a resident picking it from a list, so names are compared folded (case,
 * diacritics and spacing ignored). Inactive rows count too: reactivate them instead.
 */
function findNameClash<T extends { id: string; name: string }>(rows: readonly T[], name: string, exceptId?: string): T | undefined {
  const folded = foldVietnamese(name);
  return rows.find((row) => row.id !== exceptId && foldVietnamese(row.name) === folded);
}

/**
 * The name an edit sends, when it really changes (beyond case, diacritics, spacing); undefined
 * otherwise, so an area or unit saved before names had to be unique can still be edited (e.g.
 * switched off) without being renamed, and keeps its stored key.
 */
const changedName = (name: string | undefined, current: string) => (name !== undefined && foldVietnamese(name) !== foldVietnamese(current) ? name : undefined);

async function assertAreaNameFree(tx: Db | Tx, communeId: string, name: string | undefined, exceptId?: string): Promise<void> {
  if (name === undefined) return;
  const clash = findNameClash(await repository.findAreas(tx, communeId, { includeInactive: true }), name, exceptId);
  if (clash) throw nameTaken(clash.name);
}

async function assertUnitNameFree(tx: Db | Tx, communeId: string, name: string | undefined, exceptId?: string): Promise<void> {
  if (name === undefined) return;
  const clash = findNameClash(await repository.findUnits(tx, communeId, { includeInactive: true }), name, exceptId);
  if (clash) throw nameTaken(clash.name);
}

/**
 * A unit becomes a supervising body (the Fatherland Front, the People's Inspection Board) only when
 * nothing routes cases to it any more: such a body never handles a case (LAW-BASE-13), so open cases
 * assigned to it or categories defaulting to it would be stranded. Each module says what of its rows
 * points at the unit (unit-references.ts); the refusal lists them all on the `kind` field.
 */
async function assertMaySupervise(ctx: AppContext, tx: Tx, unit: Unit, kind: Unit['kind']): Promise<void> {
  if (!isSupervisorUnit({ kind }) || isSupervisorUnit(unit)) return;
  const references = await findUnitReferences(ctx, tx, { communeId: unit.communeId, unitId: unit.id });
  if (references.length === 0) return;
  throw new DomainError(
    'conflict',
    'tenancy.errors.unitReferenced',
    { name: unit.name },
    references.map((reference) => ({ field: 'kind', messageKey: reference.messageKey, params: reference.params })),
  );
}

/** Create a hamlet or residential group; codes and names are unique within the commune. */
export async function createArea(ctx: AppContext, actor: Actor, input: CreateArea, requestId?: string): Promise<Area> {
  const id = newId();
  const now = ctx.clock().toISOString();
  try {
    await inTransaction(ctx.db, async (tx) => {
      await assertAreaNameFree(tx, actor.communeId, input.name);
      await repository.insertArea(tx, actor.communeId, id, input, now);
      await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'tenancy.area.created', entityType: 'area', entityId: id, details: { code: input.code }, requestId: requestId ?? null, at: now });
    });
  } catch (error) {
    if (!(error instanceof DomainError) && isUniqueViolation(error)) throw isNameKeyViolation(error) ? nameTaken(input.name) : codeTaken(input.code);
    throw error;
  }
  return (await repository.findAreaById(ctx.db, actor.communeId, id))!;
}

export async function updateArea(ctx: AppContext, actor: Actor, id: string, input: UpdateArea, requestId?: string): Promise<Area> {
  const now = ctx.clock().toISOString();
  try {
    await inTransaction(ctx.db, async (tx) => {
      const current = await repository.findAreaById(tx, actor.communeId, id);
      if (!current) throw notFound();
      const newName = changedName(input.name, current.name);
      await assertAreaNameFree(tx, actor.communeId, newName, id);
      // An edit may change one of the two counts: check the pair as it will be stored.
      if (isPopulationBelowHouseholds({ householdCount: input.householdCount === undefined ? current.householdCount : input.householdCount, population: input.population === undefined ? current.population : input.population })) {
        throw validationFailed([{ field: 'population', messageKey: 'tenancy.errors.populationBelowHouseholds' }]);
      }
      await repository.updateArea(tx, actor.communeId, id, input, now, { isNameKeyChanged: newName !== undefined });
      await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'tenancy.area.updated', entityType: 'area', entityId: id, details: { fields: Object.keys(input) }, requestId: requestId ?? null, at: now });
    });
  } catch (error) {
    if (!(error instanceof DomainError) && isUniqueViolation(error)) throw isNameKeyViolation(error) ? nameTaken(input.name ?? '') : codeTaken(input.code ?? '');
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
      await assertUnitNameFree(tx, actor.communeId, input.name);
      await repository.insertUnit(tx, actor.communeId, id, input, now);
      await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'tenancy.unit.created', entityType: 'unit', entityId: id, details: { code: input.code }, requestId: requestId ?? null, at: now });
    });
  } catch (error) {
    if (!(error instanceof DomainError) && isUniqueViolation(error)) throw isNameKeyViolation(error) ? nameTaken(input.name) : codeTaken(input.code);
    throw error;
  }
  return (await repository.findUnitById(ctx.db, actor.communeId, id))!;
}

export async function updateUnit(ctx: AppContext, actor: Actor, id: string, input: UpdateUnit, requestId?: string): Promise<Unit> {
  const now = ctx.clock().toISOString();
  try {
    await inTransaction(ctx.db, async (tx) => {
      const current = await repository.findUnitById(tx, actor.communeId, id);
      if (!current) throw notFound();
      const newName = changedName(input.name, current.name);
      await assertUnitNameFree(tx, actor.communeId, newName, id);
      if (input.kind !== undefined && input.kind !== current.kind) await assertMaySupervise(ctx, tx, current, input.kind);
      await repository.updateUnit(tx, actor.communeId, id, input, now, { isNameKeyChanged: newName !== undefined });
      await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'tenancy.unit.updated', entityType: 'unit', entityId: id, details: { fields: Object.keys(input) }, requestId: requestId ?? null, at: now });
    });
  } catch (error) {
    if (!(error instanceof DomainError) && isUniqueViolation(error)) throw isNameKeyViolation(error) ? nameTaken(input.name ?? '') : codeTaken(input.code ?? '');
    throw error;
  }
  return (await repository.findUnitById(ctx.db, actor.communeId, id))!;
}
