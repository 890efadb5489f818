/**
 * A commune's reference data as the cases module reads it on every request (categories, units,
 * areas, settings, the commune itself), cached per process for REFERENCE_TTL_MS. A status lookup
 * then costs its own rows only. Writes in this module invalidate at once; other processes and
 * other modules' changes (units, areas) are seen within the TTL.
 */
import { cacheRegistry, REFERENCE_TTL_MS } from '../../../core/cache/ttl-cache.js';
import type { AppContext } from '../../../core/context.js';
import type { Db, Tx } from '../../../core/db/database.js';
import { findAreas, findCommuneById, findUnits, type Area, type Commune, type Unit } from '../../../core/tenancy/index.js';
import type { CaseModuleSettings } from '../contract.js';
import * as repository from '../db/repository.js';
import { loadCaseModuleSettings } from './settings.js';

export interface CommuneReference {
  commune: Commune | undefined;
  categories: readonly repository.CategoryRow[];
  categoriesById: ReadonlyMap<string, repository.CategoryRow>;
  units: readonly Unit[];
  areas: readonly Area[];
  settings: CaseModuleSettings;
}

const referenceCacheOf = cacheRegistry<object, CommuneReference>(REFERENCE_TTL_MS);

async function loadReference(db: Db | Tx, communeId: string): Promise<CommuneReference> {
  const [commune, categories, units, areas, settings] = await Promise.all([
    findCommuneById(db, communeId),
    repository.findCategories(db, communeId, { includeInactive: true }),
    findUnits(db, communeId, { includeInactive: true }),
    findAreas(db, communeId, { includeInactive: true }),
    loadCaseModuleSettings(db, communeId),
  ]);
  return { commune, categories, categoriesById: new Map(categories.map((category) => [category.id, category])), units, areas, settings };
}

/** The commune's reference data, from the cache when fresh. */
export function communeReference(ctx: Pick<AppContext, 'db'>, communeId: string): Promise<CommuneReference> {
  return referenceCacheOf(ctx.db).get(communeId, () => loadReference(ctx.db, communeId));
}

/**
 * The same, for code running inside a transaction: on a cache miss it reads through the
 * transaction (SQLite has one connection; a read beside an open transaction would wait for it).
 */
export function communeReferenceIn(ctx: Pick<AppContext, 'db'>, tx: Db | Tx, communeId: string): Promise<CommuneReference> {
  return referenceCacheOf(ctx.db).get(communeId, () => loadReference(tx, communeId));
}

/** Call after changing categories or settings of a commune. */
export function invalidateCommuneReference(ctx: Pick<AppContext, 'db'>, communeId: string): void {
  referenceCacheOf(ctx.db).invalidate(communeId);
}

const categoryCommuneCacheOf = cacheRegistry<object, string | null>(REFERENCE_TTL_MS);

/**
 * A category with its commune's reference data, found by the category id alone (a submission names
 * only the category). Which commune a category belongs to never changes, so that lookup is cached too.
 */
export async function categoryWithReference(ctx: Pick<AppContext, 'db'>, categoryId: string): Promise<{ category: repository.CategoryRow; reference: CommuneReference } | undefined> {
  const communeId = await categoryCommuneCacheOf(ctx.db).get(categoryId, async () => (await repository.findCategoryById(ctx.db, categoryId))?.commune_id ?? null);
  if (!communeId) {
    categoryCommuneCacheOf(ctx.db).invalidate(categoryId);
    return undefined;
  }
  const reference = await communeReference(ctx, communeId);
  const category = reference.categoriesById.get(categoryId);
  return category ? { category, reference } : undefined;
}

/** Category display names in the locale. */
export function categoryNamesOf(reference: CommuneReference, locale: 'vi' | 'en'): Map<string, string> {
  return new Map(reference.categories.map((row) => [row.id, locale === 'en' ? row.name_en : row.name_vi]));
}
