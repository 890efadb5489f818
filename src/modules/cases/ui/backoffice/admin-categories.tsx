/**
 * Case categories of the commune (`/staff/admin/case-categories`): the list, and one form to create
 * or edit a category — PAPI dimension and sub-dimension, default unit, allowed kinds, Open311
 * publication, and the commune's own (shorter) deadlines. Checked with the API's own schema first.
 */
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { isSupervisorUnit, unitSchema } from '../../../../core/tenancy/contract.js';
import { apiRequest, type FieldErrors, useApiQuery } from '../../../../core/ui/api-client.js';
import { toOptionalNumber, validateWith } from '../../../../core/ui/client-form.js';
import {
  adminCategorySchema,
  CATEGORY_CODE_MAX,
  CATEGORY_DESCRIPTION_MAX,
  CATEGORY_NAME_MAX,
  CATEGORY_OVERRIDE_AMOUNT_MAX,
  CATEGORY_OVERRIDES_MAX,
  CATEGORY_SORT_ORDER_MAX,
  PAPI_DIMENSIONS,
  saveCategorySchema,
  type AdminCategory,
} from '../../contract.js';
import { CASE_KINDS, type CaseKind } from '../../domain/index.js';
import { kindLabel } from '../components/case-words.js';
import { adminFieldId, ErrorSummary, failureOf, Field, useAdminI18n } from './admin-kit.js';
import { CasePage, goTo, LoadState, StaffLink } from './kit.js';
import { StaffTable, Tag } from '../../../../core/ui/components/staff.js';

export const CATEGORIES_PATH = '/admin/case-categories';
const API = '/api/v1/admin/cases/categories';
const categoryListSchema = z.array(adminCategorySchema);
const unitListSchema = z.array(unitSchema);

export function CaseCategoriesPage({ search }: { params: Readonly<Record<string, string>>; search: string }) {
  const { t, locale } = useAdminI18n();
  const saved = new URLSearchParams(search).get('saved');
  const categories = useApiQuery(API, categoryListSchema);
  const units = useApiQuery('/api/v1/admin/units', unitListSchema);
  const [message, setMessage] = useState<string | null>(null);
  const unitName = (id: string | null) => (id ? (units.data?.find((unit) => unit.id === id)?.name ?? '—') : '—');
  const toggle = async (category: AdminCategory) => {
    setMessage(null);
    try {
      await apiRequest('POST', `${API}/${category.id}/${category.isActive ? 'deactivate' : 'activate'}`, { schema: adminCategorySchema });
      setMessage(t(category.isActive ? 'cases.backoffice.categories.deactivated' : 'cases.backoffice.categories.activated', { name: category.nameVi }));
      categories.reload();
    } catch (caught) {
      setMessage(failureOf(caught).message ?? String(caught));
    }
  };
  return (
    <CasePage title={t('cases.backoffice.categories.title')}>
      <p>{t('cases.backoffice.categories.intro')}</p>
      <p>
        <StaffLink to={`${CATEGORIES_PATH}/new`} className="bo-button">
          {t('cases.backoffice.categories.create')}
        </StaffLink>
      </p>
      {message || saved ? (
        <p className="bo-notice bo-notice--success" role="status">
          {message ?? t('cases.backoffice.categories.saved', { code: saved ?? '' })}
        </p>
      ) : null}
      <LoadState loaded={categories} t={t} />
      {categories.data ? (
        <StaffTable label={t('cases.backoffice.categories.title')} caption={t('cases.backoffice.categories.caption', { count: categories.data.length })} columns={[t('cases.backoffice.categories.field.name'), t('cases.backoffice.categories.field.code'), t('cases.backoffice.categories.field.kinds'), t('cases.backoffice.categories.field.papi'), t('cases.backoffice.categories.field.defaultUnit'), t('cases.backoffice.categories.field.open311'), t('cases.backoffice.categories.field.status'), t('cases.backoffice.categories.field.actions')]}>
          {categories.data.map((category) => (
            <tr key={category.id}>
              <th scope="row">
                <StaffLink to={`${CATEGORIES_PATH}/${category.id}`}>
                  {locale === 'en' ? category.nameEn : category.nameVi}
                  <span className="td-visually-hidden"> ({t('cases.backoffice.categories.edit')})</span>
                </StaffLink>
              </th>
              <td>{category.code}</td>
              <td>{category.kinds.map((kind) => kindLabel(kind, t)).join(', ')}</td>
              <td>{[category.papiDimension, category.papiSubdimension].filter(Boolean).join(' · ')}</td>
              <td>{unitName(category.defaultUnitId)}</td>
              <td>{category.isPublicOpen311 ? t('cases.backoffice.categories.yes') : t('cases.backoffice.categories.no')}</td>
              <td>{category.isActive ? <Tag tone="info">{t('cases.backoffice.categories.active')}</Tag> : <Tag tone="muted">{t('cases.backoffice.categories.inactive')}</Tag>}</td>
              <td>
                <button type="button" className={category.isActive ? 'bo-button bo-button--secondary' : 'bo-button'} onClick={() => void toggle(category)}>
                  {t(category.isActive ? 'cases.backoffice.categories.deactivate' : 'cases.backoffice.categories.activate')}
                  <span className="td-visually-hidden"> {locale === 'en' ? category.nameEn : category.nameVi}</span>
                </button>
              </td>
            </tr>
          ))}
        </StaffTable>
      ) : null}
    </CasePage>
  );
}

interface OverrideDraft {
  kind: string;
  stage: string;
  amount: string;
  unit: string;
}

interface Draft {
  code: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  kinds: CaseKind[];
  papiDimension: string;
  papiSubdimension: string;
  defaultUnitId: string;
  deadlineOverrides: OverrideDraft[];
  isPublicOpen311: boolean;
  sortOrder: string;
}

function draftOf(category: AdminCategory | undefined): Draft {
  return {
    code: category?.code ?? '',
    nameVi: category?.nameVi ?? '',
    nameEn: category?.nameEn ?? '',
    descriptionVi: category?.descriptionVi ?? '',
    descriptionEn: category?.descriptionEn ?? '',
    kinds: category ? [...category.kinds] : ['feedback', 'question'],
    papiDimension: category?.papiDimension ?? 'D6',
    papiSubdimension: category?.papiSubdimension ?? '',
    defaultUnitId: category?.defaultUnitId ?? '',
    deadlineOverrides: (category?.deadlineOverrides ?? []).map((override) => ({ kind: override.kind, stage: override.stage, amount: String(override.amount), unit: override.unit })),
    isPublicOpen311: category?.isPublicOpen311 ?? false,
    sortOrder: String(category?.sortOrder ?? 0),
  };
}

/** What the form sends: blank optional text becomes null, numbers become numbers. */
function bodyOf(draft: Draft): Record<string, unknown> {
  const blank = (value: string) => (value.trim() === '' ? null : value);
  return {
    code: draft.code,
    nameVi: draft.nameVi,
    nameEn: draft.nameEn,
    descriptionVi: blank(draft.descriptionVi),
    descriptionEn: blank(draft.descriptionEn),
    kinds: draft.kinds,
    papiDimension: draft.papiDimension,
    papiSubdimension: blank(draft.papiSubdimension),
    defaultUnitId: blank(draft.defaultUnitId),
    deadlineOverrides: draft.deadlineOverrides.map((override) => ({ kind: override.kind, stage: override.stage, amount: toOptionalNumber(override.amount), unit: override.unit })),
    isPublicOpen311: draft.isPublicOpen311,
    sortOrder: toOptionalNumber(draft.sortOrder) ?? 0,
  };
}

/** Create (`/admin/case-categories/new`) or edit (`/admin/case-categories/:id`) one category. */
export function CaseCategoryFormPage({ params }: { params: Readonly<Record<string, string>>; search: string }) {
  const { t } = useAdminI18n();
  const isNew = !params.id;
  const categories = useApiQuery(isNew ? null : API, categoryListSchema);
  const category = categories.data?.find((candidate) => candidate.id === params.id);
  const title = t(isNew ? 'cases.backoffice.categories.createTitle' : 'cases.backoffice.categories.editTitle');
  return (
    <CasePage title={category ? `${title}: ${category.nameVi}` : title} back={{ to: CATEGORIES_PATH, label: t('cases.backoffice.categories.title') }}>
      {isNew ? <CategoryForm /> : null}
      {!isNew ? <LoadState loaded={categories} t={t} /> : null}
      {categories.data && !category ? <p>{t('cases.errors.categoryNotFound')}</p> : null}
      {category ? <CategoryForm key={category.id} category={category} /> : null}
    </CasePage>
  );
}

function CategoryForm({ category }: { category?: AdminCategory }) {
  const { t } = useAdminI18n();
  const units = useApiQuery('/api/v1/admin/units', unitListSchema);
  const [draft, setDraft] = useState<Draft>(() => draftOf(category));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const setOverride = (index: number, key: keyof OverrideDraft, value: string) =>
    setDraft((current) => ({ ...current, deadlineOverrides: current.deadlineOverrides.map((override, at) => (at === index ? { ...override, [key]: value } : override)) }));
  const labels: Record<string, string> = {
    code: t('cases.backoffice.categories.field.code'),
    nameVi: t('cases.backoffice.categories.field.nameVi'),
    nameEn: t('cases.backoffice.categories.field.nameEn'),
    descriptionVi: t('cases.backoffice.categories.field.descriptionVi'),
    descriptionEn: t('cases.backoffice.categories.field.descriptionEn'),
    kinds: t('cases.backoffice.categories.field.kinds'),
    papiDimension: t('cases.backoffice.categories.field.papiDimension'),
    papiSubdimension: t('cases.backoffice.categories.field.papiSubdimension'),
    defaultUnitId: t('cases.backoffice.categories.field.defaultUnit'),
    deadlineOverrides: t('cases.backoffice.categories.overrides.title'),
    sortOrder: t('cases.backoffice.categories.field.sortOrder'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const checked = validateWith(saveCategorySchema, bodyOf(draft), t);
    if (!checked.success) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setIsBusy(true);
    try {
      const saved = category
        ? await apiRequest('PUT', `${API}/${category.id}`, { body: checked.data, schema: adminCategorySchema })
        : await apiRequest('POST', API, { body: checked.data, schema: adminCategorySchema });
      goTo(`${CATEGORIES_PATH}?saved=${encodeURIComponent(saved.code)}`);
    } catch (caught) {
      const failure = failureOf(caught);
      setErrors(failure.errors);
      setMessage(failure.message);
    } finally {
      setIsBusy(false);
    }
  };

  const textInput = (name: 'code' | 'nameVi' | 'nameEn' | 'papiSubdimension' | 'sortOrder', max: number, options: { isOptional?: boolean; hint?: string; inputMode?: 'numeric' } = {}) => (
    <Field name={name} label={labels[name]!} error={errors[name]} hint={options.hint} isOptional={options.isOptional} t={t}>
      {(control) => <input {...control} className="bo-input" maxLength={max} inputMode={options.inputMode} value={draft[name]} onChange={(event) => set(name, event.target.value)} />}
    </Field>
  );
  const textArea = (name: 'descriptionVi' | 'descriptionEn') => (
    <Field name={name} label={labels[name]!} error={errors[name]} isOptional t={t}>
      {(control) => <textarea {...control} className="bo-textarea" rows={3} maxLength={CATEGORY_DESCRIPTION_MAX} value={draft[name]} onChange={(event) => set(name, event.target.value)} />}
    </Field>
  );

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ErrorSummary message={message} errors={errors} labels={labels} t={t} />
      {textInput('code', CATEGORY_CODE_MAX, { hint: t('cases.backoffice.categories.hint.code') })}
      {textInput('nameVi', CATEGORY_NAME_MAX)}
      {textInput('nameEn', CATEGORY_NAME_MAX)}
      {textArea('descriptionVi')}
      {textArea('descriptionEn')}
      <fieldset className={errors.kinds ? 'bo-fieldset bo-field--error' : 'bo-fieldset'} id={adminFieldId('kinds')}>
        <legend>{labels.kinds}</legend>
        <p className="bo-hint">{t('cases.backoffice.categories.hint.kinds')}</p>
        {errors.kinds ? <p className="bo-error-message">{errors.kinds}</p> : null}
        {CASE_KINDS.map((kind) => (
          <div key={kind} className="bo-checkbox">
            <input
              type="checkbox"
              id={adminFieldId(`kind-${kind}`)}
              checked={draft.kinds.includes(kind)}
              onChange={(event) => set('kinds', event.target.checked ? [...draft.kinds, kind] : draft.kinds.filter((value) => value !== kind))}
            />
            <label htmlFor={adminFieldId(`kind-${kind}`)}>{kindLabel(kind, t)}</label>
          </div>
        ))}
      </fieldset>
      <Field name="papiDimension" label={labels.papiDimension!} error={errors.papiDimension} hint={t('cases.backoffice.categories.hint.papiDimension')} t={t}>
        {(control) => (
          <select {...control} className="bo-select" value={draft.papiDimension} onChange={(event) => set('papiDimension', event.target.value)}>
            {PAPI_DIMENSIONS.map((dimension) => (
              <option key={dimension} value={dimension}>
                {t(`cases.backoffice.categories.papi.${dimension}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {textInput('papiSubdimension', 5, { isOptional: true, hint: t('cases.backoffice.categories.hint.papiSubdimension') })}
      <Field name="defaultUnitId" label={labels.defaultUnitId!} error={errors.defaultUnitId} hint={t('cases.backoffice.categories.hint.defaultUnit')} isOptional t={t}>
        {(control) => (
          <select {...control} className="bo-select" value={draft.defaultUnitId} onChange={(event) => set('defaultUnitId', event.target.value)}>
            <option value="">{t('cases.backoffice.categories.noUnit')}</option>
            {(units.data ?? [])
              // A supervising body never handles cases (LAW-BASE-13); the server refuses it too.
              .filter((unit) => (unit.isActive || unit.id === draft.defaultUnitId) && !isSupervisorUnit(unit))
              .map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {unit.name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <fieldset className="bo-fieldset" id={adminFieldId('deadlineOverrides')}>
        <legend>{labels.deadlineOverrides}</legend>
        <p className="bo-hint">{t('cases.backoffice.categories.overrides.hint')}</p>
        {errors.deadlineOverrides ? <p className="bo-error-message">{errors.deadlineOverrides}</p> : null}
        {draft.deadlineOverrides.map((override, index) => (
          <div key={index} className="bo-override">
            <h3>{t('cases.backoffice.categories.overrides.item', { number: index + 1 })}</h3>
            <Field name={`deadlineOverrides.${index}.kind`} label={t('cases.backoffice.categories.overrides.kind')} error={errors[`deadlineOverrides.${index}.kind`]} t={t}>
              {(control) => (
                <select {...control} className="bo-select" value={override.kind} onChange={(event) => setOverride(index, 'kind', event.target.value)}>
                  {CASE_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {kindLabel(kind, t)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name={`deadlineOverrides.${index}.stage`} label={t('cases.backoffice.categories.overrides.stage')} error={errors[`deadlineOverrides.${index}.stage`]} t={t}>
              {(control) => (
                <select {...control} className="bo-select" value={override.stage} onChange={(event) => setOverride(index, 'stage', event.target.value)}>
                  <option value="acceptance">{t('cases.backoffice.categories.overrides.acceptance')}</option>
                  <option value="resolution">{t('cases.backoffice.categories.overrides.resolution')}</option>
                </select>
              )}
            </Field>
            <Field name={`deadlineOverrides.${index}.amount`} label={t('cases.backoffice.categories.overrides.amount', { max: CATEGORY_OVERRIDE_AMOUNT_MAX })} error={errors[`deadlineOverrides.${index}.amount`]} t={t}>
              {(control) => <input {...control} className="bo-input bo-input--short" inputMode="numeric" value={override.amount} onChange={(event) => setOverride(index, 'amount', event.target.value)} />}
            </Field>
            <Field name={`deadlineOverrides.${index}.unit`} label={t('cases.backoffice.action.unit')} error={errors[`deadlineOverrides.${index}.unit`]} t={t}>
              {(control) => (
                <select {...control} className="bo-select" value={override.unit} onChange={(event) => setOverride(index, 'unit', event.target.value)}>
                  <option value="working_days">{t('cases.backoffice.action.workingDays')}</option>
                  <option value="calendar_days">{t('cases.backoffice.action.calendarDays')}</option>
                </select>
              )}
            </Field>
            <button type="button" className="bo-button bo-button--secondary" onClick={() => set('deadlineOverrides', draft.deadlineOverrides.filter((_, at) => at !== index))}>
              {t('cases.backoffice.categories.overrides.remove', { number: index + 1 })}
            </button>
          </div>
        ))}
        {draft.deadlineOverrides.length < CATEGORY_OVERRIDES_MAX ? (
          <button type="button" className="bo-button bo-button--secondary" onClick={() => set('deadlineOverrides', [...draft.deadlineOverrides, { kind: draft.kinds[0] ?? 'feedback', stage: 'resolution', amount: '', unit: 'working_days' }])}>
            {t('cases.backoffice.categories.overrides.add')}
          </button>
        ) : null}
      </fieldset>
      <div className="bo-field bo-checkbox">
        <input type="checkbox" id={adminFieldId('isPublicOpen311')} checked={draft.isPublicOpen311} onChange={(event) => set('isPublicOpen311', event.target.checked)} />
        <label htmlFor={adminFieldId('isPublicOpen311')}>{t('cases.backoffice.categories.field.open311Long')}</label>
      </div>
      {textInput('sortOrder', String(CATEGORY_SORT_ORDER_MAX).length, { inputMode: 'numeric', hint: t('cases.backoffice.categories.hint.sortOrder') })}
      <button type="submit" className="bo-button" disabled={isBusy}>
        {t(category ? 'cases.backoffice.categories.save' : 'cases.backoffice.categories.create')}
      </button>
    </form>
  );
}
