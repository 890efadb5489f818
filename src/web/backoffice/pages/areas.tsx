import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { formatNumber, stripVietnameseMarks } from '../../../core/i18n/translate.js';
import { MarkedText, VietnameseText } from '../../../core/ui/components/content.js';
import { areaKinds, areaSchema, createAreaSchema, updateAreaSchema, AREA_CODE_MAX, AREA_NAME_MAX, type Area } from '../../../core/tenancy/contract.js';
import { api, useApiQuery } from '../api.js';
import { CheckboxField, ErrorSummary, SelectField, TextField, toOptionalNumber, validateWith, type FormFailure } from '../form.js';
import { useI18n } from '../i18n.js';
import { LoadError, Loading, Page, RecordFormPage, saveRecord, StaffTable, Tag } from '../layout.js';
import { Link } from '../router.js';
import type { RouteProps } from '../route-types.js';

const areasPath = '/api/v1/admin/areas';
const areaListSchema = z.array(areaSchema);

/** Hamlets and residential groups of the commune, active and inactive. */
export function AreasPage() {
  const { t, locale } = useI18n();
  const areas = useApiQuery(areasPath, areaListSchema);
  const count = (value: number | null) => (value === null ? '—' : formatNumber(value, locale));
  return (
    <Page
      title={t('backoffice.nav.areas')}
      actions={
        <Link to="/admin/areas/new" className="td-button">
          {t('backoffice.areas.create')}
        </Link>
      }
    >
      <p>{t('backoffice.areas.intro')}</p>
      {areas.error ? <LoadError error={areas.error} onRetry={areas.reload} /> : null}
      {areas.isLoading ? <Loading /> : null}
      {areas.data ? (
        <StaffTable label={t('backoffice.nav.areas')} caption={t('backoffice.areas.caption', { count: areas.data.length })} columns={[t('backoffice.areas.field.name'), t('backoffice.areas.field.code'), t('backoffice.areas.field.kind'), { header: t('backoffice.areas.field.householdCount'), isNumeric: true }, { header: t('backoffice.areas.field.population'), isNumeric: true }, t('backoffice.field.status')]}>
          {areas.data.map((area) => (
            <tr key={area.id}>
              <th scope="row">
                <Link to={`/admin/areas/${area.id}`}>
                  <VietnameseText pageLocale={locale}>{area.name}</VietnameseText>
                  <span className="td-visually-hidden"> ({t('backoffice.edit')})</span>
                </Link>
              </th>
              <td>{area.code}</td>
              <td>
                <MarkedText text={t(`tenancy.area.kind.${area.kind}`)} pageLocale={locale} />
              </td>
              <td className="td-num">{count(area.householdCount)}</td>
              <td className="td-num">{count(area.population)}</td>
              <td>{area.isActive ? <Tag tone="success">{t('backoffice.status.active')}</Tag> : <Tag tone="muted">{t('backoffice.status.inactive')}</Tag>}</td>
            </tr>
          ))}
        </StaffTable>
      ) : null}
    </Page>
  );
}

/** Create ("/admin/areas/new") or edit ("/admin/areas/:id") one area. */
export function AreaFormPage({ params }: RouteProps) {
  const { t } = useI18n();
  return (
    <RecordFormPage
      id={params.id}
      listPath={areasPath}
      listSchema={areaListSchema}
      createTitle={t('backoffice.areas.createTitle')}
      editTitle={t('backoffice.areas.editTitle')}
      backTo={{ to: '/admin/areas', label: t('backoffice.nav.areas') }}
      renderForm={(area) => (area ? <AreaForm area={area} /> : <AreaForm />)}
    />
  );
}

const numberFields = ['householdCount', 'population'] as const;

function AreaForm({ area }: { area?: Area }) {
  const { t, locale } = useI18n();
  const [values, setValues] = useState({
    code: area?.code ?? '',
    name: area?.name ?? '',
    kind: area?.kind ?? 'thon',
    householdCount: area?.householdCount?.toString() ?? '',
    population: area?.population?.toString() ?? '',
    isActive: area?.isActive ?? true,
  });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const set = <K extends keyof typeof values>(key: K) => (value: (typeof values)[K]) => setValues((current) => ({ ...current, [key]: value }));
  const labels: Record<string, string> = {
    // In the form's order: the error summary lists problems in this order.
    name: t('backoffice.areas.field.name'),
    code: t('backoffice.areas.field.code'),
    kind: t('backoffice.areas.field.kind'),
    householdCount: t('backoffice.areas.field.householdCount'),
    population: t('backoffice.areas.field.population'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { code: values.code, name: values.name, kind: values.kind, householdCount: toOptionalNumber(values.householdCount), population: toOptionalNumber(values.population) };
    // The same schema the server validates with; edits may also switch the area off.
    const checked = area ? validateWith(updateAreaSchema, { ...input, isActive: values.isActive }, t) : validateWith(createAreaSchema, input, t);
    if (!checked.success) {
      for (const field of numberFields) if (typeof input[field] === 'string') checked.errors[field] = t('backoffice.form.wholeNumber');
      setFailure({ fields: checked.errors });
      return;
    }
    await saveRecord(() => (area ? api.patch(`${areasPath}/${area.id}`, checked.data, { schema: areaSchema }) : api.post(areasPath, checked.data, { schema: areaSchema })), {
      flash: (saved) => t(area ? 'backoffice.areas.saved' : 'backoffice.areas.created', { name: saved.name }),
      listRoute: '/admin/areas',
      setFailure,
      setIsSaving,
    });
  };

  return (
    <form className="bo-form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary failure={failure} labels={labels} />
      <TextField name="name" label={labels.name!} value={values.name} onValueChange={set('name')} error={failure?.fields.name} maxLength={AREA_NAME_MAX} hint={<MarkedText text={t('backoffice.areas.hint.name')} pageLocale={locale} />} required />
      <TextField name="code" label={labels.code!} value={values.code} onValueChange={set('code')} error={failure?.fields.code} maxLength={AREA_CODE_MAX} hint={t('backoffice.areas.hint.code')} className="td-input--short" autoCapitalize="characters" spellCheck={false} required />
      {/* An <option> holds text only: there the marks go and the Vietnamese word stays. */}
      <SelectField name="kind" label={labels.kind!} value={values.kind} onValueChange={(value) => set('kind')(value as Area['kind'])} error={failure?.fields.kind} options={areaKinds.map((kind) => ({ value: kind, label: stripVietnameseMarks(t(`tenancy.area.kind.${kind}`)) }))} />
      <TextField name="householdCount" label={labels.householdCount!} value={values.householdCount} onValueChange={set('householdCount')} error={failure?.fields.householdCount} inputMode="numeric" className="td-input--short" isOptional />
      <TextField name="population" label={labels.population!} value={values.population} onValueChange={set('population')} error={failure?.fields.population} inputMode="numeric" className="td-input--short" isOptional />
      {area ? <CheckboxField name="isActive" label={t('backoffice.areas.field.isActive')} checked={values.isActive} onCheckedChange={set('isActive')} /> : null}
      <div className="bo-form-actions">
        <button type="submit" className="td-button" disabled={isSaving}>
          {t(area ? 'common.save' : 'backoffice.areas.create')}
        </button>
        <Link to="/admin/areas" className="td-button td-button--secondary">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
