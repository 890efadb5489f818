/**
 * Category administration (permission `cases.configure`): list, create, replace, deactivate and
 * reactivate a commune's categories. Every write and its audit row commit in one transaction.
 */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { DomainError, forbidden, notFound, validationFailed, type FieldError } from '../../../../core/contract/errors.js';
import { newId } from '../../../../core/contract/ids.js';
import { inTransaction, type Tx } from '../../../../core/db/database.js';
import { findUnitById, isSupervisorUnit } from '../../../../core/tenancy/index.js';
import type { AdminCategory, CategoryDeadlineOverrideInput, SaveCategory } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { checkCategoryOverride, type CategoryDeadlineOverride } from '../../domain/index.js';
import { deadlineRulesOf, loadCaseModuleSettings } from '../settings.js';
import { toCategory } from './read-cases.js';
import { invalidateCommuneReference } from '../reference-data.js';

/** Only commune administrators configure the module (the route checks it too). */
export function requireConfigure(ctx: AppContext, actor: Actor): void {
  if (!ctx.permissions.allows(actor, 'cases.configure', actor.communeId)) throw forbidden();
}

function parseOverrides(json: string | null): CategoryDeadlineOverrideInput[] {
  if (!json) return [];
  return (JSON.parse(json) as CategoryDeadlineOverride[]).flatMap((override) =>
    override.caseKind !== 'reception' && (override.stage === 'acceptance' || override.stage === 'resolution')
      ? [{ kind: override.caseKind, stage: override.stage, amount: override.amount, unit: override.unit }]
      : [],
  );
}

export function toAdminCategory(row: repository.CategoryRow): AdminCategory {
  return { ...toCategory(row), deadlineOverrides: parseOverrides(row.deadline_overrides), createdAt: row.created_at };
}

/** Every category of the actor's commune, inactive ones included, in display order. */
export async function listAdminCategories(ctx: AppContext, actor: Actor): Promise<AdminCategory[]> {
  requireConfigure(ctx, actor);
  return (await repository.findCategories(ctx.db, actor.communeId, { includeInactive: true })).map(toAdminCategory);
}


const codeTaken = () => new DomainError('conflict', 'cases.errors.categoryCodeTaken', {}, [{ field: 'code', messageKey: 'cases.errors.categoryCodeTaken' }]);

/** Checks the schema cannot make: code unique in the commune, unit of the commune, overrides within the law. */
async function checkCategory(ctx: AppContext, tx: Tx, communeId: string, input: SaveCategory, exceptId: string | null): Promise<void> {
  const sameCode = await repository.findCategoryByCode(tx, communeId, input.code);
  if (sameCode && sameCode.id !== exceptId) throw codeTaken();
  const errors: FieldError[] = [];
  if (input.defaultUnitId) {
    const unit = await findUnitById(tx, communeId, input.defaultUnitId);
    if (!unit || !unit.isActive) errors.push({ field: 'defaultUnitId', messageKey: 'cases.errors.unitUnknown' });
    // The Fatherland Front and the People's Inspection Board supervise the committee's handling; they
    // never handle cases themselves (product: supervisors only read and note).
    else if (isSupervisorUnit(unit)) errors.push({ field: 'defaultUnitId', messageKey: 'cases.errors.unitSupervisory' });
  }
  const rules = deadlineRulesOf(await loadCaseModuleSettings(tx, communeId));
  input.deadlineOverrides.forEach((override, index) => {
    const check = checkCategoryOverride(rules, override, ctx.clock());
    if (check.ok) return;
    if (check.reason === 'no_rule') errors.push({ field: `deadlineOverrides.${index}.stage`, messageKey: 'cases.errors.overrideNoRule' });
    else errors.push({ field: `deadlineOverrides.${index}.amount`, messageKey: `cases.errors.overrideLongerThanLaw.${check.legal.unit}`, params: { max: check.legal.amount } });
  });
  if (errors.length > 0) throw validationFailed(errors);
}

function columnsOf(input: SaveCategory, categoryId: string) {
  const overrides: CategoryDeadlineOverride[] = input.deadlineOverrides.map((override) => ({ categoryId, caseKind: override.kind, stage: override.stage, amount: override.amount, unit: override.unit }));
  return {
    code: input.code,
    name_vi: input.nameVi,
    name_en: input.nameEn,
    description_vi: input.descriptionVi || null,
    description_en: input.descriptionEn || null,
    kinds: JSON.stringify(input.kinds),
    papi_dimension: input.papiDimension,
    papi_subdimension: input.papiSubdimension || null,
    default_unit_id: input.defaultUnitId ?? null,
    deadline_overrides: overrides.length > 0 ? JSON.stringify(overrides) : null,
    is_public_open311: input.isPublicOpen311 ? 1 : 0,
    sort_order: input.sortOrder,
  };
}

/** Run a write; a unique-index race on (commune, code) reads as the same "code taken" error. */
async function writeCategory<T>(ctx: AppContext, communeId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    const result = await inTransaction(ctx.db, work);
    invalidateCommuneReference(ctx, communeId);
    return result;
  } catch (error) {
    if (!(error instanceof DomainError) && repository.isUniqueViolation(error)) throw codeTaken();
    throw error;
  }
}

export async function createCategory(ctx: AppContext, actor: Actor, input: SaveCategory, requestId: string | null = null): Promise<AdminCategory> {
  requireConfigure(ctx, actor);
  const communeId = actor.communeId;
  const id = newId();
  const now = ctx.clock().toISOString();
  await writeCategory(ctx, communeId, async (tx) => {
    await checkCategory(ctx, tx, communeId, input, null);
    await repository.insertCategory(tx, { commune_id: communeId, id, ...columnsOf(input, id), is_active: 1, is_demo: 0, created_at: now, updated_at: now });
    await appendAudit(tx, ctx.dialect, { communeId, actor, action: 'cases.category.created', entityType: 'cases.category', entityId: id, details: { code: input.code }, requestId, at: now });
  });
  return toAdminCategory((await repository.findCategoryInCommune(ctx.db, communeId, id))!);
}

/** Replace a category's settings (cases already received keep the deadlines fixed at receipt). */
export async function updateCategory(ctx: AppContext, actor: Actor, id: string, input: SaveCategory, requestId: string | null = null): Promise<AdminCategory> {
  requireConfigure(ctx, actor);
  const communeId = actor.communeId;
  const now = ctx.clock().toISOString();
  await writeCategory(ctx, communeId, async (tx) => {
    const before = await repository.findCategoryInCommune(tx, communeId, id);
    if (!before) throw notFound('cases.errors.categoryNotFound');
    await checkCategory(ctx, tx, communeId, input, id);
    const columns = columnsOf(input, id);
    const changed = (Object.keys(columns) as Array<keyof typeof columns>).filter((column) => columns[column] !== before[column]);
    await repository.updateCategory(tx, communeId, id, { ...columns, updated_at: now });
    await appendAudit(tx, ctx.dialect, { communeId, actor, action: 'cases.category.updated', entityType: 'cases.category', entityId: id, details: { code: input.code, changed }, requestId, at: now });
  });
  return toAdminCategory((await repository.findCategoryInCommune(ctx.db, communeId, id))!);
}

/** Deactivate (no new cases; existing cases keep it) or reactivate a category. */
export async function setCategoryActive(ctx: AppContext, actor: Actor, id: string, isActive: boolean, requestId: string | null = null): Promise<AdminCategory> {
  requireConfigure(ctx, actor);
  const communeId = actor.communeId;
  const now = ctx.clock().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    const row = await repository.findCategoryInCommune(tx, communeId, id);
    if (!row) throw notFound('cases.errors.categoryNotFound');
    if ((row.is_active === 1) === isActive) return;
    await repository.updateCategory(tx, communeId, id, { is_active: isActive ? 1 : 0, updated_at: now });
    const action = isActive ? 'cases.category.activated' : 'cases.category.deactivated';
    await appendAudit(tx, ctx.dialect, { communeId, actor, action, entityType: 'cases.category', entityId: id, details: { code: row.code }, requestId, at: now });
  });
  invalidateCommuneReference(ctx, communeId);
  return toAdminCategory((await repository.findCategoryInCommune(ctx.db, communeId, id))!);
}
