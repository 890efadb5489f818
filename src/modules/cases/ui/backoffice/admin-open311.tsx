/**
 * Open311 partners (`/staff/admin/open311-clients`): apps and portals that send cases through
 * GeoReport v2. A new partner's key is shown once, right after creating it; the server keeps only
 * its fingerprint, so a lost key means a new partner and deactivating the old one.
 */
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { formatDateTime } from '../../../../core/i18n/translate.js';
import { apiRequest, type FieldErrors, useApiQuery } from '../../../../core/ui/api-client.js';
import { validateWith } from '../../../../core/ui/client-form.js';
import { createdOpen311ClientSchema, createOpen311ClientSchema, OPEN311_CLIENT_NAME_MAX, open311ClientSchema, type CreatedOpen311Client, type Open311Client } from '../../contract.js';
import { ErrorSummary, failureOf, Field, useAdminI18n } from './admin-kit.js';
import { CasePage, LoadState } from './kit.js';
import { StaffTable, Tag } from '../../../../core/ui/components/staff.js';

const API = '/api/v1/admin/cases/open311-clients';
const clientListSchema = z.array(open311ClientSchema);

export function Open311ClientsPage(_props: { params: Readonly<Record<string, string>>; search: string }) {
  const { t } = useAdminI18n();
  const clients = useApiQuery(API, clientListSchema);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedOpen311Client | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const labels = { name: t('cases.backoffice.open311.name') };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setCreated(null);
    const checked = validateWith(createOpen311ClientSchema, { name }, t);
    if (!checked.success) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setIsBusy(true);
    try {
      setCreated(await apiRequest('POST', API, { body: checked.data, schema: createdOpen311ClientSchema }));
      setName('');
      clients.reload();
    } catch (caught) {
      const failure = failureOf(caught);
      setErrors(failure.errors);
      setMessage(failure.message);
    } finally {
      setIsBusy(false);
    }
  };

  const deactivate = async (client: Open311Client) => {
    if (!window.confirm(t('cases.backoffice.open311.confirmDeactivate', { name: client.name }))) return;
    setMessage(null);
    try {
      await apiRequest('POST', `${API}/${client.id}/deactivate`, { schema: open311ClientSchema });
      clients.reload();
    } catch (caught) {
      setMessage(failureOf(caught).message ?? String(caught));
    }
  };

  return (
    <CasePage title={t('cases.backoffice.open311.title')}>
      <p>{t('cases.backoffice.open311.intro')}</p>
      {created ? (
        <div className="bo-notice bo-notice--success" role="status">
          <p>{t('cases.backoffice.open311.created', { name: created.client.name })}</p>
          <p className="bo-code" tabIndex={0}>{created.apiKey}</p>
          <p><strong>{t('cases.backoffice.open311.keyOnce')}</strong></p>
        </div>
      ) : null}
      <LoadState loaded={clients} t={t} />
      {clients.data ? (
        clients.data.length === 0 ? (
          <p>{t('cases.backoffice.open311.none')}</p>
        ) : (
          <StaffTable label={t('cases.backoffice.open311.title')} caption={t('cases.backoffice.open311.caption', { count: clients.data.length })} columns={[t('cases.backoffice.open311.name'), t('cases.backoffice.open311.createdAt'), t('cases.backoffice.categories.field.status'), t('cases.backoffice.categories.field.actions')]}>
            {clients.data.map((client) => (
              <tr key={client.id}>
                <th scope="row">{client.name}</th>
                <td>{formatDateTime(client.createdAt)}</td>
                <td>{client.isActive ? <Tag tone="info">{t('cases.backoffice.categories.active')}</Tag> : <Tag tone="muted">{t('cases.backoffice.open311.revoked')}</Tag>}</td>
                <td>
                  {client.isActive ? (
                    <button type="button" className="bo-button bo-button--warning" onClick={() => void deactivate(client)}>
                      {t('cases.backoffice.open311.deactivate')}
                      <span className="td-visually-hidden"> {client.name}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </StaffTable>
        )
      ) : null}
      <h2>{t('cases.backoffice.open311.createTitle')}</h2>
      <form onSubmit={(event) => void create(event)} noValidate>
        <ErrorSummary message={message} errors={errors} labels={labels} t={t} />
        <Field name="name" label={labels.name} error={errors.name} hint={t('cases.backoffice.open311.nameHint')} t={t}>
          {(control) => <input {...control} className="bo-input" maxLength={OPEN311_CLIENT_NAME_MAX} value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <button type="submit" className="bo-button" disabled={isBusy}>
          {t('cases.backoffice.open311.create')}
        </button>
      </form>
    </CasePage>
  );
}
