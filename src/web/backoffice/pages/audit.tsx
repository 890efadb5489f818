import { useState, type FormEvent } from 'react';
import { AUDIT_ACTION_MAX, AUDIT_ENTITY_TYPE_MAX, auditListSchema } from '../../../core/audit/contract.js';
import { formatDateTime } from '../../../core/i18n/translate.js';
import { useApiQuery } from '../api.js';
import { auditActionLabel, auditRoleLabels } from '../audit-labels.js';
import { TextField } from '../form.js';
import { useI18n } from '../i18n.js';
import { LoadError, Loading, Page, StaffTable } from '../layout.js';
import { navigate } from '../router.js';
import type { RouteProps } from '../route-types.js';

const PAGE_SIZE = 50;

function readFilters(search: string) {
  const params = new URLSearchParams(search);
  const page = Number(params.get('page') ?? '1');
  return { action: params.get('action') ?? '', entityType: params.get('entityType') ?? '', page: Number.isInteger(page) && page > 0 ? page : 1 };
}

function toSearch(filters: { action: string; entityType: string; page: number }): string {
  const params = new URLSearchParams();
  if (filters.action.trim()) params.set('action', filters.action.trim());
  if (filters.entityType.trim()) params.set('entityType', filters.entityType.trim());
  if (filters.page > 1) params.set('page', String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The append-only audit log, newest first, filterable by action and kind of record. */
export function AuditPage({ search }: RouteProps) {
  const { t } = useI18n();
  const filters = readFilters(search);
  const [draft, setDraft] = useState({ action: filters.action, entityType: filters.entityType });
  const audit = useApiQuery('/api/v1/admin/audit', auditListSchema, { action: filters.action || undefined, entityType: filters.entityType || undefined, page: filters.page, pageSize: PAGE_SIZE });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/admin/audit${toSearch({ ...draft, page: 1 })}`);
  };
  const items = audit.data?.items ?? [];
  return (
    <Page title={t('backoffice.nav.audit')}>
      <p>{t('backoffice.audit.intro')}</p>
      <form className="bo-filters" role="search" onSubmit={submit}>
        <TextField name="action" label={t('backoffice.audit.action')} hint={t('backoffice.audit.actionHint')} value={draft.action} onValueChange={(action) => setDraft((current) => ({ ...current, action }))} maxLength={AUDIT_ACTION_MAX} spellCheck={false} />
        <TextField name="entityType" label={t('backoffice.audit.entityType')} hint={t('backoffice.audit.entityTypeHint')} value={draft.entityType} onValueChange={(entityType) => setDraft((current) => ({ ...current, entityType }))} maxLength={AUDIT_ENTITY_TYPE_MAX} spellCheck={false} />
        <div className="bo-filters__submit">
          <button type="submit" className="td-button">
            {t('backoffice.filter')}
          </button>
        </div>
      </form>
      {audit.error ? <LoadError error={audit.error} onRetry={audit.reload} /> : null}
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
                    {row.actorRole ? auditRoleLabels(row.actorRole, t).join(', ') : t('backoffice.audit.system')}
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
