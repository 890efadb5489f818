import { useState, type FormEvent } from 'react';
import { USER_SEARCH_MAX, userPageSchema, userKinds } from '../../../core/auth/contract.js';
import { useApiQuery } from '../api.js';
import { SelectField, TextField } from '../form.js';
import { useI18n } from '../i18n.js';
import { LoadError, Loading, Page, Pagination, StaffTable, Tag } from '../layout.js';
import { Link, navigate } from '../router.js';
import type { RouteProps } from '../route-types.js';

const PAGE_SIZE = 20;

/** The filters live in the address, so they survive a reload and the back button. */
function readFilters(search: string) {
  const params = new URLSearchParams(search);
  const kind = params.get('kind');
  const page = Number(params.get('page') ?? '1');
  return {
    q: params.get('q') ?? '',
    kind: kind === 'all' ? '' : (userKinds as readonly string[]).includes(kind ?? '') ? kind! : 'staff',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function toSearch(filters: { q: string; kind: string; page: number }): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  params.set('kind', filters.kind || 'all');
  if (filters.page > 1) params.set('page', String(filters.page));
  return `?${params.toString()}`;
}

/** Accounts of the commune: search by name, e-mail or phone; staff first. */
export function UsersPage({ search }: RouteProps) {
  const { t } = useI18n();
  const filters = readFilters(search);
  const [draft, setDraft] = useState({ q: filters.q, kind: filters.kind });
  const users = useApiQuery('/api/v1/admin/users', userPageSchema, { q: filters.q || undefined, kind: filters.kind || undefined, page: filters.page, pageSize: PAGE_SIZE });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/admin/users${toSearch({ ...draft, page: 1 })}`);
  };
  return (
    <Page
      title={t('backoffice.nav.users')}
      actions={
        <Link to="/admin/users/new" className="td-button">
          {t('backoffice.users.create')}
        </Link>
      }
    >
      <form className="bo-filters" role="search" onSubmit={submit}>
        <TextField name="q" type="search" label={t('backoffice.users.search')} hint={t('backoffice.users.searchHint')} value={draft.q} onValueChange={(q) => setDraft((current) => ({ ...current, q }))} maxLength={USER_SEARCH_MAX} />
        <SelectField
          name="kind"
          label={t('backoffice.users.kind')}
          value={draft.kind}
          onValueChange={(kind) => setDraft((current) => ({ ...current, kind }))}
          options={[
            { value: 'staff', label: t('backoffice.users.kind.staff') },
            { value: 'resident', label: t('backoffice.users.kind.resident') },
            { value: '', label: t('backoffice.users.kind.all') },
          ]}
        />
        <div className="bo-filters__submit">
          <button type="submit" className="td-button">
            {t('common.search')}
          </button>
        </div>
      </form>
      {users.error ? <LoadError error={users.error} onRetry={users.reload} /> : null}
      {users.isLoading ? <Loading /> : null}
      {users.data ? (
        <>
          <p role="status">{t('backoffice.users.found', { total: users.data.total })}</p>
          {users.data.items.length > 0 ? (
            <StaffTable label={t('backoffice.nav.users')} caption={t('backoffice.nav.users')} columns={[t('backoffice.users.field.displayName'), t('common.email'), t('common.phone'), t('backoffice.users.kind'), t('backoffice.users.twoFactor'), t('backoffice.field.status')]}>
              {users.data.items.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    <Link to={`/admin/users/${user.id}`}>
                      {user.displayName}
                      <span className="td-visually-hidden"> ({t('backoffice.edit')})</span>
                    </Link>
                  </th>
                  <td className="bo-break">{user.email ?? '—'}</td>
                  <td>{user.phone ?? '—'}</td>
                  <td>{t(`backoffice.users.kind.${user.kind}`)}</td>
                  <td>{user.hasTotp ? <Tag tone="success">{t('backoffice.users.totpOn')}</Tag> : <Tag tone="muted">{t('backoffice.users.totpOff')}</Tag>}</td>
                  <td>{user.isActive ? <Tag tone="success">{t('backoffice.status.active')}</Tag> : <Tag tone="error">{t('backoffice.status.locked')}</Tag>}</td>
                </tr>
              ))}
            </StaffTable>
          ) : null}
          <Pagination page={users.data.page} pageSize={users.data.pageSize} total={users.data.total} onPage={(page) => navigate(`/admin/users${toSearch({ ...filters, page })}`)} />
        </>
      ) : null}
    </Page>
  );
}
