/**
 * The work queue (`/staff/cases`): mine / my unit / all, filters kept in the address (so they stay
 * on reload, back and shared links), due soonest first, overdue marked in words and colour. The
 * scope tabs and the filter form compose: each keeps what the other put in the address. Without a
 * scope in the address, leaders and other commune-wide roles start on "all", officers on "my unit".
 * Staff search by unit and by the day a case was received (issue 3, point 9): dates are typed day
 * first (dd/mm/yyyy) and kept in the address as yyyy-mm-dd. The filter form is a real GET form: its
 * plain submission gives the same address the script builds.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { formatShortDate, parseShortDate } from '../../../../core/calendar/format-local-date.js';
import { formatDateTime, formatDeadline } from '../../../../core/i18n/translate.js';
import { areaSchema, isSupervisorUnit, unitSchema } from '../../../../core/tenancy/contract.js';
import { ApiError, useApiQuery, type FieldErrors } from '../../../../core/ui/api-client.js';
import { caseListPageSchema, categorySchema } from '../../contract.js';
import { CASE_KINDS, CASE_STATUSES, type CaseKind, type CaseStatus } from '../../domain/index.js';
import { kindLabel, statusLabel } from '../components/case-words.js';
import { ErrorSummary, Field } from './admin-kit.js';
import { CasePage, goTo, LoadState, searchToRecord, StaffLink, staffHref, useCaseI18n, useStaffIdentity } from './kit.js';
import { caseHrefFromQueue, QUEUE_DATE_KEYS, QUEUE_PATH, sanitiseQueueFilters, toQueueSearch, type QueueFilters } from './queue-filters.js';
import { effectiveQueueScope, HANDLING_ROLES, isQueueScope, queueKindsFor, queueScopesFor } from './queue-scope.js';
import { StaffTable, Tag } from '../../../../core/ui/components/staff.js';

const PAGE_SIZE = 25;
const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'accepted', 'assigned', 'forwarded', 'awaiting_information', 'in_progress', 'answer_drafted', 'answer_approved', 'reopened'];
type DateKey = (typeof QUEUE_DATE_KEYS)[number];

/** A date from the address shown as typed (dd/mm/yyyy); anything unreadable is shown as it came. */
const typedDate = (value: string | undefined) => (value === undefined ? '' : parseShortDate(value) ? formatShortDate(parseShortDate(value)!) : value);
/** The API's yyyy-mm-dd for a date from the address (either spelling). */
const apiDate = (value: string | undefined) => (value ? (parseShortDate(value) ?? undefined) : undefined);


export function CaseQueuePage({ search, titleKey = 'cases.backoffice.queue.title' }: { params: Readonly<Record<string, string>>; search: string; titleKey?: string }) {
  const { t, locale } = useCaseI18n();
  const me = useStaffIdentity();
  const raw = searchToRecord(search);
  // Only the queue's own, well-formed parameters (a plain form submission also sends empty ones).
  const filters: QueueFilters = sanitiseQueueFilters(raw);
  // A date in the address that is not a date is named on its field, not dropped in silence.
  const addressErrors: FieldErrors = {};
  for (const key of QUEUE_DATE_KEYS) if (raw[key] && !filters[key]) addressErrors[key] = t('cases.backoffice.queue.dateFormat');
  // The scope chosen in the tabs (kept in the address), else the user's default once known.
  const scopeParam = isQueueScope(filters.scope) ? filters.scope : undefined;
  const scope = effectiveQueueScope(scopeParam, me);
  const categories = useApiQuery('/api/v1/cases/categories', z.array(categorySchema));
  const areas = useApiQuery('/api/v1/areas', z.array(areaSchema));
  const units = useApiQuery('/api/v1/admin/units', z.array(unitSchema));
  // A unit chosen in the form; else, on "my unit", every unit the officer belongs to.
  const unitId = filters.unitId ?? (scope === 'unit' && me && me.unitIds.length > 0 ? me.unitIds.join(',') : undefined);
  const hasAddressErrors = Object.keys(addressErrors).length > 0;
  const list = useApiQuery(me && scope && !hasAddressErrors ? '/api/v1/cases' : null, caseListPageSchema, {
    page: filters.page ?? '1',
    pageSize: String(PAGE_SIZE),
    status: filters.status === 'open' || !filters.status ? OPEN_STATUSES.join(',') : filters.status === 'any' ? undefined : filters.status,
    kind: filters.kind,
    categoryId: filters.categoryId,
    areaId: filters.areaId,
    isOverdue: filters.overdue === '1' ? 'true' : undefined,
    isStepOverdue: filters.stepOverdue === '1' ? 'true' : undefined,
    q: filters.q,
    unitId,
    receivedFrom: apiDate(filters.receivedFrom),
    receivedTo: apiDate(filters.receivedTo),
    assignedOfficerId: scope === 'mine' ? 'me' : undefined,
  });
  // The API's own refusals (received "to" before "from") land on the field they name.
  const apiErrors = useMemo<FieldErrors>(() => {
    if (!(list.error instanceof ApiError)) return {};
    return Object.fromEntries(Object.entries(list.error.fieldErrors).map(([field, message]) => [field.replace(/^querystring\./, ''), message]));
  }, [list.error]);
  // The form edits a draft of the filters; when the address changes (a scope tab, back, a link) the
  // draft follows it, so submitting never brings back what the address no longer says.
  const draftOf = (from: QueueFilters): QueueFilters => ({ ...from, receivedFrom: typedDate(raw.receivedFrom ?? from.receivedFrom), receivedTo: typedDate(raw.receivedTo ?? from.receivedTo) });
  const [draft, setDraft] = useState<QueueFilters>(() => draftOf(filters));
  const [draftSearch, setDraftSearch] = useState(search);
  const [typingErrors, setTypingErrors] = useState<FieldErrors>({});
  if (draftSearch !== search) {
    setDraftSearch(search);
    setDraft(draftOf(filters));
    setTypingErrors({});
  }
  const errors = Object.keys(typingErrors).length > 0 ? typingErrors : hasAddressErrors ? addressErrors : apiErrors;
  const dateLabels: Record<DateKey, string> = { receivedFrom: t('cases.backoffice.queue.receivedFrom'), receivedTo: t('cases.backoffice.queue.receivedTo') };
  // The form never changes the scope: it keeps the one the tabs put in the address.
  const apply = (next: QueueFilters) => goTo(`${QUEUE_PATH}${toQueueSearch({ ...next, scope: scopeParam, page: undefined })}`);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // Dates are typed day first; the address keeps yyyy-mm-dd. An unreadable one stays on the form, named.
    const unreadable: FieldErrors = {};
    const dates: QueueFilters = {};
    for (const key of QUEUE_DATE_KEYS) {
      const typed = (draft[key] ?? '').trim();
      if (typed === '') continue;
      const parsed = parseShortDate(typed);
      if (parsed) dates[key] = parsed;
      else unreadable[key] = t('cases.backoffice.queue.dateFormat');
    }
    if (Object.keys(unreadable).length > 0) {
      setTypingErrors(unreadable);
      return;
    }
    setTypingErrors({});
    apply({ ...draft, receivedFrom: dates.receivedFrom, receivedTo: dates.receivedTo });
  };
  const dateField = (name: DateKey) => (
    <Field name={name} label={dateLabels[name]} hint={t('cases.backoffice.queue.dateHint')} error={errors[name]} t={t}>
      {(control) => <input {...control} name={name} className="bo-input bo-input--short" autoComplete="off" spellCheck={false} maxLength={10} value={draft[name] ?? ''} onChange={(event) => set(name, event.target.value)} />}
    </Field>
  );
  // A filter by one of the commune's own lists; the empty choice means any.
  const choiceFilter = (name: 'categoryId' | 'areaId' | 'unitId', id: string, labelKey: string, options: Array<{ value: string; label: string }>) => (
    <div className="bo-field">
      <label className="bo-label" htmlFor={id}>{t(labelKey)}</label>
      <select id={id} name={name} className="bo-select" value={draft[name] ?? ''} onChange={(event) => set(name, event.target.value)}>
        <option value="">{t('cases.backoffice.queue.any')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
    </div>
  );
  const items = list.data?.items ?? [];
  const page = Number(filters.page ?? '1');
  const pageCount = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const categoryName = (id: string) => categories.data?.find((category) => category.id === id)?.[locale === 'en' ? 'nameEn' : 'nameVi'];
  const areaName = (id: string | null) => (id ? (areas.data?.find((area) => area.id === id)?.name ?? '') : '—');
  const set = (key: keyof QueueFilters, value: string) => setDraft((current) => ({ ...current, [key]: value }));

  return (
    <CasePage title={t(titleKey)}>
      {/* Entering a case for a resident is for those who handle cases (cases.intake: officer, leader). */}
      {me?.roles.some((role) => HANDLING_ROLES.includes(role)) ? (
        <p>
          <StaffLink to="/cases/intake" className="bo-button">
            {t('cases.backoffice.intake.title')}
          </StaffLink>
        </p>
      ) : null}
      <nav aria-label={t('cases.backoffice.queue.scope')} className="bo-tabs">
        <ul>
          {queueScopesFor(me).map((value) => (
            <li key={value}>
              <StaffLink to={`${QUEUE_PATH}${toQueueSearch({ ...filters, scope: value, page: undefined })}`} className={scope === value ? 'bo-tab bo-tab--current' : 'bo-tab'}>
                {t(`cases.backoffice.queue.scope.${value}`)}
                {scope === value ? <span className="td-visually-hidden"> {t('cases.backoffice.queue.current')}</span> : null}
              </StaffLink>
            </li>
          ))}
        </ul>
      </nav>
      <form className="bo-filters" method="get" action={staffHref(QUEUE_PATH)} onSubmit={onSubmit} noValidate role="search" aria-label={t('cases.backoffice.queue.filters')}>
        <ErrorSummary message={null} errors={errors} labels={dateLabels} t={t} />
        {scopeParam ? <input type="hidden" name="scope" value={scopeParam} /> : null}
        <div className="bo-field">
          <label className="bo-label" htmlFor="filter-q">{t('cases.backoffice.queue.search')}</label>
          <input id="filter-q" name="q" className="bo-input" type="search" value={draft.q ?? ''} onChange={(event) => set('q', event.target.value)} />
        </div>
        <div className="bo-field">
          <label className="bo-label" htmlFor="filter-status">{t('cases.backoffice.field.status')}</label>
          <select id="filter-status" name="status" className="bo-select" value={draft.status ?? 'open'} onChange={(event) => set('status', event.target.value)}>
            <option value="open">{t('cases.backoffice.queue.openStatuses')}</option>
            <option value="any">{t('cases.backoffice.queue.anyStatus')}</option>
            {CASE_STATUSES.map((status) => (
              <option key={status} value={status}>{statusLabel(status, t)}</option>
            ))}
          </select>
        </div>
        <div className="bo-field">
          <label className="bo-label" htmlFor="filter-kind">{t('cases.backoffice.field.kind')}</label>
          <select id="filter-kind" name="kind" className="bo-select" value={draft.kind ?? ''} onChange={(event) => set('kind', event.target.value)}>
            <option value="">{t('cases.backoffice.queue.any')}</option>
            {queueKindsFor(me, CASE_KINDS).map((kind) => (
              <option key={kind} value={kind}>{kindLabel(kind, t)}</option>
            ))}
          </select>
        </div>
        {choiceFilter('categoryId', 'filter-category', 'cases.backoffice.field.category', (categories.data ?? []).map((category) => ({ value: category.id, label: locale === 'en' ? category.nameEn : category.nameVi })))}
        {choiceFilter('areaId', 'filter-area', 'cases.backoffice.field.area', (areas.data ?? []).map((area) => ({ value: area.id, label: area.name })))}
        {choiceFilter('unitId', 'filter-unit', 'cases.backoffice.field.unit', (units.data ?? []).filter((unit) => !isSupervisorUnit(unit)).map((unit) => ({ value: unit.id, label: unit.name })))}
        {dateField('receivedFrom')}
        {dateField('receivedTo')}
        <div className="bo-field bo-checkbox">
          <input id="filter-overdue" name="overdue" value="1" type="checkbox" checked={draft.overdue === '1'} onChange={(event) => set('overdue', event.target.checked ? '1' : '')} />
          <label htmlFor="filter-overdue">{t('cases.backoffice.queue.overdueOnly')}</label>
        </div>
        {/* A missed step (a forward's own deadline) is apart from the statutory deadline above (issue 3 point 4). */}
        <div className="bo-field bo-checkbox">
          <input id="filter-step-overdue" name="stepOverdue" value="1" type="checkbox" checked={draft.stepOverdue === '1'} onChange={(event) => set('stepOverdue', event.target.checked ? '1' : '')} />
          <label htmlFor="filter-step-overdue">{t('cases.backoffice.queue.stepOverdueOnly')}</label>
        </div>
        <div className="bo-actions">
          <button type="submit" className="bo-button">{t('cases.backoffice.queue.apply')}</button>
          <button type="button" className="bo-button bo-button--secondary" onClick={() => { setDraft({ scope: scopeParam }); setTypingErrors({}); apply({}); }}>
            {t('cases.backoffice.queue.reset')}
          </button>
        </div>
      </form>
      {/* A refused filter is shown on its field above, not as a failed load. */}
      {Object.keys(apiErrors).length === 0 ? <LoadState loaded={list} t={t} /> : null}
      {list.data ? (
        <>
          <p role="status">{t('cases.backoffice.queue.count', { count: list.data.total })}</p>
          <StaffTable label={t('cases.backoffice.queue.caption')} wide caption={t('cases.backoffice.queue.caption')} columns={[t('cases.backoffice.field.code'), t('cases.backoffice.field.title'), t('cases.backoffice.field.kind'), t('cases.backoffice.field.status'), t('cases.backoffice.field.category'), t('cases.backoffice.field.area'), t('cases.backoffice.field.received'), t('cases.backoffice.field.due')]}>
            {items.map((item) => (
              <tr key={item.id} className={item.isOverdue ? 'bo-row--overdue' : undefined}>
                <th scope="row">
                  {/* The case carries this page's filters, so its "back to the list" returns here. */}
                  <StaffLink to={caseHrefFromQueue(item.id, filters)}>{item.code}</StaffLink>
                </th>
                <td>{item.title}</td>
                <td>{kindLabel(item.kind as CaseKind, t)}</td>
                <td>{statusLabel(item.status as CaseStatus, t)}</td>
                <td>{categoryName(item.categoryId) ?? item.categoryName}</td>
                <td>{areaName(item.areaId)}</td>
                <td>{formatDateTime(item.receivedAt)}</td>
                <td>
                  {item.dueAt ? formatDeadline(item.dueAt, locale) : '—'}
                  {/* Waiting for the resident stops the clock: the date moves on when they answer. */}
                  {item.status === 'awaiting_information' ? (
                    <>
                      {' '}
                      <Tag tone="muted">{t('cases.backoffice.queue.paused')}</Tag>
                    </>
                  ) : null}
                  {item.isOverdue ? (
                    <>
                      {' '}
                      <strong className="bo-tag bo-tag--error">{t('cases.backoffice.overdue')}</strong>
                    </>
                  ) : null}
                  {/* A forwarded step has its own deadline (issue 3 point 4): a missed one is said apart. */}
                  {item.isStepOverdue ? (
                    <>
                      {' '}
                      <strong className="bo-tag bo-tag--error">{t('cases.backoffice.stepOverdue')}</strong>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </StaffTable>
          {items.length === 0 ? <p>{t('cases.backoffice.queue.empty')}</p> : null}
          {pageCount > 1 ? (
            <nav className="bo-pagination" aria-label={t('cases.backoffice.paging')}>
              {page > 1 ? <StaffLink to={`${QUEUE_PATH}${toQueueSearch({ ...filters, page: String(page - 1) })}`}>{t('cases.backoffice.previous')}</StaffLink> : null}
              <span>{t('cases.backoffice.pageOf', { page, pageCount })}</span>
              {page < pageCount ? <StaffLink to={`${QUEUE_PATH}${toQueueSearch({ ...filters, page: String(page + 1) })}`}>{t('cases.backoffice.next')}</StaffLink> : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </CasePage>
  );
}
