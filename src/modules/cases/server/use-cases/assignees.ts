/** Who a case can be assigned to: officers and leaders of a unit (the assign form's choices). */
import { findStaffByUnit } from '../../../../core/auth/index.js';
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { validationFailed } from '../../../../core/contract/errors.js';
import { findUnitById } from '../../../../core/tenancy/index.js';
import type { Assignee } from '../../contract.js';

export async function listAssignees(ctx: AppContext, actor: Actor, unitId: string): Promise<Assignee[]> {
  if (!(await findUnitById(ctx.db, actor.communeId, unitId))) throw validationFailed([{ field: 'unitId', messageKey: 'cases.errors.unitUnknown' }]);
  return findStaffByUnit(ctx.db, actor.communeId, unitId);
}
