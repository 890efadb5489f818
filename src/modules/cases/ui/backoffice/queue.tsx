/**
 * The work queue (`/staff/cases`): mine / my unit / all, filters kept in the address (so they stay
 * on reload, back and shared links), due soonest first, overdue marked in words and colour. The
 * scope tabs and the filter form compose: each keeps what the other put in the address. Without a
 * scope in the address, leaders and other commune-wide roles start on "all", officers on "my unit".
 */
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { formatDateTime, formatDeadline } from '../../../../core/i18n/translate.js';
import { areaSchema } from '../../../../core/tenancy/contract.js';
import { useApiQuery } from '../../../../core/ui/api-client.js';
import { caseListPageSchema, categorySchema } from '../../contract.js';
import { CASE_KINDS, CASE_STATUSES, type CaseKind, type CaseStatus } from '../../domain/index.js';
import { kindLabel, statusLabel } from '../components/case-words.js';
import { CasePage, goTo, LoadState, searchToRecord, StaffLink, useCaseI18n, useStaffIdentity } from './kit.js';
import { caseHrefFromQueue, QUEUE_PATH, toQueueSearch, type QueueFilters } from './queue-filters.js';
import { effectiveQueueScope, HANDLING_ROLES, isQueueScope, queueKindsFor, queueScopesFor } from './queue-scope.js';
import { StaffTable, Tag } from '../../../../core/ui/components/staff.js';

const PAGE_SIZE = 25;
const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'accepted', 'assigned', 'forwarded', 'awaiting_information', 'in_progress', 'answer_drafted', 'answer_approved', 'reopened'];


export function CaseQueuePage({ search, titleKey = 'cases.backoffice.queue.title' }: { params: Readonly<Record<string, string>>; search: string; titleKey?: string }) {
  const { t, locale } = useCaseI18n();
  const me = useStaffIdentity();
  const filters: QueueFilters = searchToRecord(search);
  // The scope chosen in the tabs (kept in the address), else the user's default once known.
  const scopeParam = isQueueScope(filters.scope) ? filters.scope : undefined;
  const scope = effectiveQueueScope(scopeParam, me);
  const categories = useApiQuery('/api/v1/cases/categories', z.array(categorySchema));
  const areas = useApiQuery('/api/v1/areas', z.array(areaSchema));
  // "My unit": every unit the officer belongs to.
  const unitId = scope === 'unit' && me && me.unitIds.length > 0 ? me.unitIds.join(',') : undefined;
  const list = useApiQuery(me && scope ? '/api/v1/cases' : null, caseListPageSchema, {
    page: filters.page ?? '1',
    pageSize: String(PAGE_SIZE),
    status: filters.status === 'open' || !filters.status ? OPEN_STATUSES.join(',') : filters.status === 'any' ? undefined : filters.status,
    kind: filters.kind,
    categoryId: filters.categoryId,
    areaId: filters.areaId,
    isOverdue: filters.overdue === '1' ? 'true' : undefined,
    q: filters.q,
    unitId,
    assignedOfficerId: scope === 'mine' ? 'me' : undefined,
  });
  // The form edits a draft of the filters; when the address changes (a scope tab, back, a link) the
  // draft follows it, so submitting never brings back what the address no longer says.
  const [draft, setDraft] = useState<QueueFilters>(filters);
  const [draftSearch, setDraftSearch] = useState(search);
  if (draftSearch !== search) {
    setDraftSearch(search);
    setDraft(filters);
  }
  // The form never changes the scope: it keeps the one the tabs put in the address.
  const apply = (next: QueueFilters) => goTo(`${QUEUE_PATH}${toQueueSearch({ ...next, scope: scopeParam, page: undefined })}`);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
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
      <form className="bo-filters" onSubmit={onSubmit} role="search" aria-label={t('cases.backoffice.queue.filters')}>
        <div className="bo-field">
          <label className="bo-label" htmlFor="filter-q">{t('cases.backoffice.queue.search')}</label>
          <input id="filter-q" className="bo-input" type="search" value={draft.q ?? ''} onChange={(event) => set('q', event.target.value)} />
        </div>
        <div className="bo-field">
          <label className="bo-label" htmlFor="filter-status">{t('cases.backoffice.field.status')}</label>
          <select id="filter-status" className="bo-select" value={draft.status ?? 'open'} onChange={(event) => set('status', event.target.value)}>
            <option value="open">{t('cases.backoffice.queue.openStatuses')}</option>
            <option value="any">{t('cases.backoffice.queue.anyStatus')}</option>
            {CASE_STATUSES.map((status) => (
              <option key={status} value={status}>{statusLabel(status, t)}</option>
            ))}
          </select>
        </div>
        <div className="bo-field">
          <label className="bo-label" htmlFor="filter-kind">{t('cases.backoffice.field.kind')}</label>
          <select id="filter-kind" className="bo-select" value={draft.kind ?? ''} onChange={(event) => set('kind', event.target.value)}>
            <option value="">{t('cases.backoffice.queue.any')}</option>
            {queueKindsFor(me, CASE_KINDS).map((kind) => (
              <option key={kind} value={kind}>{kindLabel(kind, t)}</option>
            ))}
          </select>
        </div>
        <div className="bo-field">
          <label className="bo-label" htmlFor="filter-category">{t('cases.backoffice.field.category')}</label>
          <select id="filter-category" className="bo-select" value={draft.categoryId ?? ''} onChange={(event) => set('categoryId', event.target.value)}>
            <option value="">{t('cases.backoffice.queue.any')}</option>
            {(categories.data ?? []).map((category) => (
              <option key={category.id} value={category.id}>{locale === 'en' ? category.nameEn : category.nameVi}</option>
            ))}
          </select>
        </div>
        <div className="bo-field">
          <label className="bo-label" htmlFor="filter-area">{t('cases.backoffice.field.area')}</label>
          <select id="filter-area" className="bo-select" value={draft.areaId ?? ''} onChange={(event) => set('areaId', event.target.value)}>
            <option value="">{t('cases.backoffice.queue.any')}</option>
            {(areas.data ?? []).map((area) => (
              <option key={area.id} value={area.id}>{area.name}</option>
            ))}
          </select>
        </div>
        <div className="bo-field bo-checkbox">
          <input id="filter-overdue" type="checkbox" checked={draft.overdue === '1'} onChange={(event) => set('overdue', event.target.checked ? '1' : '')} />
          <label htmlFor="filter-overdue">{t('cases.backoffice.queue.overdueOnly')}</label>
        </div>
        <div className="bo-actions">
          <button type="submit" className="bo-button">{t('cases.backoffice.queue.apply')}</button>
          <button type="button" className="bo-button bo-button--secondary" onClick={() => { setDraft({ scope: scopeParam }); apply({}); }}>
            {t('cases.backoffice.queue.reset')}
          </button>
        </div>
      </form>
      <LoadState loaded={list} t={t} />
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
