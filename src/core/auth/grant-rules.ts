import type { FieldError } from '../contract/errors.js';
import type { GrantInput } from './contract.js';
import type { Role } from './roles.js';

/** Roles that act for one unit, and roles that act for one area. */
export const unitRoles: readonly Role[] = ['officer', 'supervisor'];
export const areaRoles: readonly Role[] = ['area_head'];

/**
 * Shape rules for a set of grants given to one account: residents hold only `resident`, staff never
 * do; officers and supervisors name their unit, area heads their area, other roles neither; no
 * duplicates. Whether the unit or area exists in the commune is checked by the caller.
 */
export function findGrantShapeErrors(kind: 'staff' | 'resident', grants: readonly GrantInput[], field = 'grants'): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  grants.forEach((grant, index) => {
    const path = `${field}.${index}`;
    if ((kind === 'resident') !== (grant.role === 'resident')) errors.push({ field: `${path}.role`, messageKey: kind === 'resident' ? 'auth.errors.grantResidentOnly' : 'auth.errors.grantStaffOnly' });
    if (unitRoles.includes(grant.role) && !grant.unitId) errors.push({ field: `${path}.unitId`, messageKey: 'auth.errors.grantUnitRequired' });
    if (!unitRoles.includes(grant.role) && grant.unitId) errors.push({ field: `${path}.unitId`, messageKey: 'auth.errors.grantUnitNotAllowed' });
    if (areaRoles.includes(grant.role) && !grant.areaId) errors.push({ field: `${path}.areaId`, messageKey: 'auth.errors.grantAreaRequired' });
    if (!areaRoles.includes(grant.role) && grant.areaId) errors.push({ field: `${path}.areaId`, messageKey: 'auth.errors.grantAreaNotAllowed' });
    const key = `${grant.role}|${grant.unitId ?? ''}|${grant.areaId ?? ''}`;
    if (seen.has(key)) errors.push({ field: `${path}.role`, messageKey: 'auth.errors.grantDuplicate' });
    seen.add(key);
  });
  return errors;
}
