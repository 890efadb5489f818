import { z } from 'zod';
import type { GrantInput } from '../../../core/auth/contract.js';
import { areaRoles, unitRoles } from '../../../core/auth/grant-rules.js';
import { staffRoles, type Role } from '../../../core/auth/roles.js';
import { areaSchema, supervisorUnitKinds, unitSchema } from '../../../core/tenancy/contract.js';
import { useApiQuery, type FieldErrors } from '../api.js';
import { SelectField } from '../form.js';
import { useI18n } from '../i18n.js';

/** One row of the editor: empty strings stand for "not chosen yet". */
export interface GrantDraft {
  role: Role;
  unitId: string;
  areaId: string;
}

export const emptyGrant = (): GrantDraft => ({ role: 'officer', unitId: '', areaId: '' });

/** Drafts → the contract's GrantInput: a unit only for unit roles, an area only for area roles. */
export function toGrantInputs(drafts: readonly GrantDraft[]): GrantInput[] {
  return drafts.map((draft) => ({
    role: draft.role,
    unitId: unitRoles.includes(draft.role) ? draft.unitId || null : null,
    areaId: areaRoles.includes(draft.role) ? draft.areaId || null : null,
  }));
}

export interface GrantsEditorProps {
  /** Field path prefix of the rows in error keys: "grants" → "grants.0.unitId". */
  field: string;
  grants: readonly GrantDraft[];
  onChange: (grants: GrantDraft[]) => void;
  errors: FieldErrors | undefined;
}

const unitListSchema = z.array(unitSchema);
const areaListSchema = z.array(areaSchema);

/**
 * Role grants of a staff account: officers and supervisors name their unit, area heads their
 * hamlet, the other roles neither (core/auth/grant-rules decides, on both sides).
 */
export function GrantsEditor({ field, grants, onChange, errors }: GrantsEditorProps) {
  const { t } = useI18n();
  const units = useApiQuery('/api/v1/admin/units', unitListSchema);
  const areas = useApiQuery('/api/v1/admin/areas', areaListSchema);
  const update = (index: number, patch: Partial<GrantDraft>) => onChange(grants.map((grant, position) => (position === index ? { ...grant, ...patch } : grant)));
  const remove = (index: number) => onChange(grants.filter((_grant, position) => position !== index));
  const choose = t('backoffice.grants.choose');

  return (
    <div className="bo-grants">
      {grants.length === 0 ? <p className="td-hint">{t('backoffice.grants.none')}</p> : null}
      {grants.map((grant, index) => {
        const path = `${field}.${index}`;
        // Supervisors act for the Fatherland Front or the People's Inspection Board only.
        const unitOptions = (units.data ?? []).filter((unit) => unit.isActive && (grant.role !== 'supervisor' || (supervisorUnitKinds as readonly string[]).includes(unit.kind)));
        return (
          <fieldset key={index} className="td-fieldset bo-grant">
            <legend className="td-legend">{t('backoffice.grants.legend', { number: index + 1 })}</legend>
            <SelectField name={`${path}.role`} label={t('backoffice.grants.role')} value={grant.role} onValueChange={(role) => update(index, { role: role as Role })} error={errors?.[`${path}.role`]} options={staffRoles.map((role) => ({ value: role, label: t(`auth.role.${role}`) }))} />
            {unitRoles.includes(grant.role) ? (
              <SelectField name={`${path}.unitId`} label={t('backoffice.grants.unit')} value={grant.unitId} onValueChange={(unitId) => update(index, { unitId })} error={errors?.[`${path}.unitId`]} options={[{ value: '', label: choose }, ...unitOptions.map((unit) => ({ value: unit.id, label: unit.name }))]} />
            ) : null}
            {areaRoles.includes(grant.role) ? (
              <SelectField name={`${path}.areaId`} label={t('backoffice.grants.area')} value={grant.areaId} onValueChange={(areaId) => update(index, { areaId })} error={errors?.[`${path}.areaId`]} options={[{ value: '', label: choose }, ...(areas.data ?? []).filter((area) => area.isActive).map((area) => ({ value: area.id, label: area.name }))]} />
            ) : null}
            <button type="button" className="td-button td-button--secondary bo-button--small" onClick={() => remove(index)}>
              {t('backoffice.grants.remove', { number: index + 1 })}
            </button>
          </fieldset>
        );
      })}
      {errors?.[field] ? <p className="td-error-message">{errors[field]}</p> : null}
      <button type="button" className="td-button td-button--secondary" onClick={() => onChange([...grants, emptyGrant()])}>
        {t('backoffice.grants.add')}
      </button>
    </div>
  );
}
