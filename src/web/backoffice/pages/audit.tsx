import { useState, type FormEvent } from 'react';
import { AUDIT_ACTION_MAX, AUDIT_ENTITY_TYPE_MAX, auditListSchema } from '../../../core/audit/contract.js';
import { formatShortDate, parseShortDate } from '../../../core/calendar/format-local-date.js';
import { isLocalDate } from '../../../core/calendar/local-date.js';
import { formatDateTime } from '../../../core/i18n/translate.js';
import { ApiError } from '../../../core/ui/api-client.js';
import { useApiQuery } from '../api.js';
import { auditActionLabel, auditRoleLabels } from '../audit-labels.js';
import { ErrorSummary, TextField } from '../form.js';
import { useI18n } from '../i18n.js';
import { LoadError, Loading, Page, StaffTable } from '../layout.js';
import { Link, navigate } from '../router.js';
import type { RouteProps } from '../route-types.js';

const PAGE_SIZE = 50;
const DATE_KEYS = ['from', 'to'] as const;
type DateKey = (typeof DATE_KEYS)[number];

interface AuditFilters {
  action: string;
  entityType: string;
  /** Calendar days in Vietnam, yyyy-mm-dd in the address; typed dd/mm/yyyy in the form. */
  from: string;
  to: string;
  actorUserId: string;
  page: number;
}

function readFilters(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  const page = Number(params.get('page') ?? '1');
  return {
    action: params.get('action') ?? '',
    entityType: params.get('entityType') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    actorUserId: params.get('actorUserId') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function toSearch(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const key of ['action', 'entityType', 'from', 'to', 'actorUserId'] as const) if (filters[key].trim()) params.set(key, filters[key].trim());
  if (filters.page > 1) params.set('page', String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A day from the address shown as people type it (dd/mm/yyyy); anything else as it came. */
const typedDay = (value: string) => (isLocalDate(value) ? formatShortDate(value) : value);

/**
 * The append-only audit log, newest first: filterable by action, kind of record, the person who acted
 * (a name in the list filters by that person) and the days it happened (dd/mm/yyyy, Vietnam time).
 */
export function AuditPage({ search }: RouteProps) {
  const { t } = useI18n();
  const filters = readFilters(search);
  const [draft, setDraft] = useState({ action: filters.action, entityType: filters.entityType, from: typedDay(filters.from), to: typedDay(filters.to) });
  const [typingErrors, setTypingErrors] = useState<Record<string, string>>({});
  const [shownSearch, setShownSearch] = useState(search);
  if (shownSearch !== search) {
    // The address changed (a name clicked, back, paging): the form follows it.
    setShownSearch(search);
    setDraft({ action: filters.action, entityType: filters.entityType, from: typedDay(filters.from), to: typedDay(filters.to) });
    setTypingErrors({});
  }
  const audit = useApiQuery('/api/v1/admin/audit', auditListSchema, {
    action: filters.action || undefined,
    entityType: filters.entityType || undefined,
    actorUserId: filters.actorUserId || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    page: filters.page,
    pageSize: PAGE_SIZE,
  });
  // The server's refusals (a period that ends before it starts, a day that does not exist) land on their field.
  const apiErrors = audit.error instanceof ApiError ? Object.fromEntries(Object.entries(audit.error.fieldErrors).map(([field, message]) => [field.replace(/^querystring\./, ''), message])) : {};
  const errors = Object.keys(typingErrors).length > 0 ? typingErrors : apiErrors;
  const hasFieldErrors = Object.keys(errors).length > 0;
  const labels: Record<string, string> = { action: t('backoffice.audit.action'), entityType: t('backoffice.audit.entityType'), from: t('backoffice.audit.from'), to: t('backoffice.audit.to'), actorUserId: t('backoffice.audit.actor') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const unreadable: Record<string, string> = {};
    const days: Partial<Record<DateKey, string>> = {};
    for (const key of DATE_KEYS) {
      const typed = draft[key].trim();
      if (typed === '') continue;
      const parsed = parseShortDate(typed);
      if (parsed) days[key] = parsed;
      else unreadable[key] = t('backoffice.audit.dateFormat');
    }
    setTypingErrors(unreadable);
    if (Object.keys(unreadable).length > 0) return;
    navigate(`/admin/audit${toSearch({ ...filters, action: draft.action, entityType: draft.entityType, from: days.from ?? '', to: days.to ?? '', page: 1 })}`);
  };
  const actorName = audit.data?.items.find((row) => row.actorUserId === filters.actorUserId)?.actorName ?? null;
  const items = audit.data?.items ?? [];
  return (
    <Page title={t('backoffice.nav.audit')}>
      <p>{t('backoffice.audit.intro')}</p>
      <form className="bo-filters" role="search" onSubmit={submit} noValidate>
        <ErrorSummary failure={hasFieldErrors ? { fields: errors } : null} labels={labels} />
        <TextField name="action" label={t('backoffice.audit.action')} hint={t('backoffice.audit.actionHint')} value={draft.action} error={errors.action} onValueChange={(action) => setDraft((current) => ({ ...current, action }))} maxLength={AUDIT_ACTION_MAX} spellCheck={false} />
        <TextField name="entityType" label={t('backoffice.audit.entityType')} hint={t('backoffice.audit.entityTypeHint')} value={draft.entityType} error={errors.entityType} onValueChange={(entityType) => setDraft((current) => ({ ...current, entityType }))} maxLength={AUDIT_ENTITY_TYPE_MAX} spellCheck={false} />
        {DATE_KEYS.map((key) => (
          <TextField key={key} name={key} label={labels[key]!} hint={t('backoffice.audit.dateHint')} value={draft[key]} error={errors[key]} onValueChange={(value) => setDraft((current) => ({ ...current, [key]: value }))} className="td-input--short" maxLength={10} autoComplete="off" spellCheck={false} />
        ))}
        <div className="bo-filters__submit">
          <button type="submit" className="td-button">
            {t('backoffice.filter')}
          </button>
        </div>
      </form>
      {filters.actorUserId ? (
        <p>
          {actorName ? t('backoffice.audit.byActor', { name: actorName }) : t('backoffice.audit.byOneActor')}{' '}
          <Link to={`/admin/audit${toSearch({ ...filters, actorUserId: '', page: 1 })}`}>{t('backoffice.audit.allActors')}</Link>
        </p>
      ) : null}
      {audit.error && !hasFieldErrors ? <LoadError error={audit.error} onRetry={audit.reload} /> : null}
      {audit.isLoading ? <Loading /> : null}
      {audit.data ? (
        <>
          {items.length === 0 ? <p>{t('backoffice.audit.empty')}</p> : null}
          {items.length > 0 ? (
            <StaffTable label={t('backoffice.nav.audit')} caption={t('backoffice.nav.audit')} columns={[{ header: '#', isNumeric: true }, t('backoffice.audit.at'), t('backoffice.audit.action'), t('backoffice.audit.entity'), t('backoffice.audit.actor'), t('backoffice.audit.details')]}>
              {items.map((row) => (
                <tr key={row.id}>
                  <td className="td-num">{row.sequence}</td>
                  <td>{formatDateTime(row.at)}</td>
                  <td className="bo-break">
                    {/* Words for the reader; the raw key stays on a second line for auditors (and the filter above). */}
                    {auditActionLabel(row.action, t)}
                    <br />
                    <code className="bo-muted">{row.action}</code>
                  </td>
                  <td className="bo-break">
                    {row.entityType}
                    {row.entityId ? <span className="bo-muted"> {row.entityId}</span> : null}
                  </td>
                  <td className="bo-break" title={row.actorRole ?? undefined}>
                    {row.actorUserId && row.actorName ? (
                      <>
                        {/* The name filters the log by that person. */}
                        <Link to={`/admin/audit${toSearch({ ...filters, actorUserId: row.actorUserId, page: 1 })}`}>{row.actorName}</Link>
                        <br />
                      </>
                    ) : null}
                    <span className={row.actorName ? 'bo-muted' : undefined}>{row.actorRole ? auditRoleLabels(row.actorRole, t).join(', ') : t('backoffice.audit.system')}</span>
                  </td>
                  <td className="bo-break">
                    <code>{JSON.stringify(row.details)}</code>
                  </td>
                </tr>
              ))}
            </StaffTable>
          ) : null}
          <nav className="bo-pagination" aria-label={t('backoffice.paging.label')}>
            <button type="button" className="td-button td-button--secondary" disabled={filters.page <= 1} onClick={() => navigate(`/admin/audit${toSearch({ ...filters, page: filters.page - 1 })}`)}>
              {t('backoffice.paging.previous')}
            </button>
            <span>{t('backoffice.paging.page', { page: filters.page })}</span>
            <button type="button" className="td-button td-button--secondary" disabled={items.length < PAGE_SIZE} onClick={() => navigate(`/admin/audit${toSearch({ ...filters, page: filters.page + 1 })}`)}>
              {t('backoffice.paging.next')}
            </button>
          </nav>
        </>
      ) : null}
    </Page>
  );
}
