/** Who a case can be assigned to: officers and leaders of a unit (the assign form's choices). */
import { findStaffByUnit } from '../../../../core/auth/index.js';
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { validationFailed } from '../../../../core/contract/errors.js';
import { findUnitById, isSupervisorUnit } from '../../../../core/tenancy/index.js';
import type { Assignee } from '../../contract.js';

export async function listAssignees(ctx: AppContext, actor: Actor, unitId: string): Promise<Assignee[]> {
  const unit = await findUnitById(ctx.db, actor.communeId, unitId);
  if (!unit) throw validationFailed([{ field: 'unitId', messageKey: 'cases.errors.unitUnknown' }]);
  // Nobody of a supervising body is given a case (LAW-BASE-13): the assign form never lists them.
  if (isSupervisorUnit(unit)) throw validationFailed([{ field: 'unitId', messageKey: 'cases.errors.unitSupervisory' }]);
  return findStaffByUnit(ctx.db, actor.communeId, unitId);
}
