/**
 * What of the cases module points at a unit (core/tenancy's `UnitReferenceCheck`): open cases assigned
 * to it and categories defaulting to it. Tenancy refuses to make such a unit a supervising body, which
 * never handles a case (LAW-BASE-13), so no case or intake is left routed to a body that cannot take it.
 */
import type { Db, Tx } from '../../../../core/db/database.js';
import type { UnitReference } from '../../../../core/tenancy/index.js';
import * as repository from '../../db/repository.js';

/** The open cases and default categories pointing at the unit, as one message on the unit form's `kind` field; null when none. */
export async function findCaseReferencesToUnit(db: Db | Tx, unit: { communeId: string; unitId: string }): Promise<UnitReference | null> {
  const openCaseCount = await repository.countOpenCasesOfUnit(db, unit.communeId, unit.unitId);
  const categories = await repository.findCategoriesDefaultingToUnit(db, unit.communeId, unit.unitId);
  if (openCaseCount === 0 && categories.length === 0) return null;
  // Names in both languages: the message is rendered later, in the reader's language.
  const params = { count: openCaseCount, categoriesVi: categories.map((category) => category.name_vi).join(', '), categoriesEn: categories.map((category) => category.name_en).join(', ') };
  const messageKey = categories.length === 0 ? 'cases.errors.unitHasOpenCases' : openCaseCount === 0 ? 'cases.errors.unitIsCategoryDefault' : 'cases.errors.unitHasOpenCasesAndIsCategoryDefault';
  return { messageKey, params };
}
