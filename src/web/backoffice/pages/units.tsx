import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { AREA_CODE_MAX, createUnitSchema, UNIT_NAME_MAX, unitKinds, unitSchema, updateUnitSchema, type Unit } from '../../../core/tenancy/contract.js';
import { api, useApiQuery } from '../api.js';
import { CheckboxField, ErrorSummary, SelectField, TextField, validateWith, type FormFailure } from '../form.js';
import { useI18n } from '../i18n.js';
import { LoadError, Loading, Page, RecordFormPage, saveRecord, StaffTable, Tag } from '../layout.js';
import { Link } from '../router.js';
import type { RouteProps } from '../route-types.js';

const unitsPath = '/api/v1/admin/units';
const unitListSchema = z.array(unitSchema);

/** Units of the committee and the supervising bodies, active and inactive. */
export function UnitsPage() {
  const { t } = useI18n();
  const units = useApiQuery(unitsPath, unitListSchema);
  return (
    <Page
      title={t('backoffice.nav.units')}
      actions={
        <Link to="/admin/units/new" className="td-button">
          {t('backoffice.units.create')}
        </Link>
      }
    >
      <p>{t('backoffice.units.intro')}</p>
      {units.error ? <LoadError error={units.error} onRetry={units.reload} /> : null}
      {units.isLoading ? <Loading /> : null}
      {units.data ? (
        <StaffTable label={t('backoffice.nav.units')} caption={t('backoffice.units.caption', { count: units.data.length })} columns={[t('backoffice.units.field.name'), t('backoffice.units.field.code'), t('backoffice.units.field.kind'), t('backoffice.field.contact'), t('backoffice.field.status')]}>
          {units.data.map((unit) => (
            <tr key={unit.id}>
              <th scope="row">
                <Link to={`/admin/units/${unit.id}`}>
                  {unit.name}
                  <span className="td-visually-hidden"> ({t('backoffice.edit')})</span>
                </Link>
              </th>
              <td>{unit.code}</td>
              <td>{t(`tenancy.unit.kind.${unit.kind}`)}</td>
              <td className="bo-break">{[unit.email, unit.phone].filter(Boolean).join(' · ') || '—'}</td>
              <td>{unit.isActive ? <Tag tone="success">{t('backoffice.status.active')}</Tag> : <Tag tone="muted">{t('backoffice.status.inactive')}</Tag>}</td>
            </tr>
          ))}
        </StaffTable>
      ) : null}
    </Page>
  );
}

/** Create ("/admin/units/new") or edit ("/admin/units/:id") one unit. */
export function UnitFormPage({ params }: RouteProps) {
  const { t } = useI18n();
  return (
    <RecordFormPage
      id={params.id}
      listPath={unitsPath}
      listSchema={unitListSchema}
      createTitle={t('backoffice.units.createTitle')}
      editTitle={t('backoffice.units.editTitle')}
      backTo={{ to: '/admin/units', label: t('backoffice.nav.units') }}
      renderForm={(unit) => (unit ? <UnitForm unit={unit} /> : <UnitForm />)}
    />
  );
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

function UnitForm({ unit }: { unit?: Unit }) {
  const { t } = useI18n();
  const [values, setValues] = useState({ code: unit?.code ?? '', name: unit?.name ?? '', kind: unit?.kind ?? 'specialised', email: unit?.email ?? '', phone: unit?.phone ?? '', isActive: unit?.isActive ?? true });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const set = <K extends keyof typeof values>(key: K) => (value: (typeof values)[K]) => setValues((current) => ({ ...current, [key]: value }));
  const labels: Record<string, string> = {
    // In the form's order: the error summary lists problems in this order.
    name: t('backoffice.units.field.name'),
    code: t('backoffice.units.field.code'),
    kind: t('backoffice.units.field.kind'),
    email: t('common.email'),
    phone: t('common.phone'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { code: values.code, name: values.name, kind: values.kind, email: blankToNull(values.email), phone: blankToNull(values.phone) };
    const checked = unit ? validateWith(updateUnitSchema, { ...input, isActive: values.isActive }, t) : validateWith(createUnitSchema, input, t);
    if (!checked.success) {
      setFailure({ fields: checked.errors });
      return;
    }
    await saveRecord(() => (unit ? api.patch(`${unitsPath}/${unit.id}`, checked.data, { schema: unitSchema }) : api.post(unitsPath, checked.data, { schema: unitSchema })), {
      flash: (saved) => t(unit ? 'backoffice.units.saved' : 'backoffice.units.created', { name: saved.name }),
      listRoute: '/admin/units',
      setFailure,
      setIsSaving,
    });
  };

  return (
    <form className="bo-form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary failure={failure} labels={labels} />
      <TextField name="name" label={labels.name!} value={values.name} onValueChange={set('name')} error={failure?.fields.name} maxLength={UNIT_NAME_MAX} required />
      <TextField name="code" label={labels.code!} value={values.code} onValueChange={set('code')} error={failure?.fields.code} maxLength={AREA_CODE_MAX} hint={t('backoffice.areas.hint.code')} className="td-input--short" spellCheck={false} required />
      <SelectField name="kind" label={labels.kind!} value={values.kind} onValueChange={(value) => set('kind')(value as Unit['kind'])} error={failure?.fields.kind} options={unitKinds.map((kind) => ({ value: kind, label: t(`tenancy.unit.kind.${kind}`) }))} />
      <TextField name="email" type="email" label={labels.email!} value={values.email} onValueChange={set('email')} error={failure?.fields.email} autoComplete="off" spellCheck={false} isOptional />
      <TextField name="phone" type="tel" label={labels.phone!} value={values.phone} onValueChange={set('phone')} error={failure?.fields.phone} className="td-input--short" isOptional />
      {unit ? <CheckboxField name="isActive" label={t('backoffice.units.field.isActive')} checked={values.isActive} onCheckedChange={set('isActive')} /> : null}
      <div className="bo-form-actions">
        <button type="submit" className="td-button" disabled={isSaving}>
          {t(unit ? 'common.save' : 'backoffice.units.create')}
        </button>
        <Link to="/admin/units" className="td-button td-button--secondary">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
