import { useState, type FormEvent } from 'react';
import { DISPLAY_NAME_MAX, EMAIL_MAX, setGrantsSchema, updateUserSchema, userWithGrantsSchema, type UserWithGrants } from '../../../core/auth/contract.js';
import { findGrantShapeErrors } from '../../../core/auth/grant-rules.js';
import { api, useApiQuery } from '../api.js';
import { CheckboxField, ErrorSummary, TextField, toFormFailure, validateWith, type FormFailure } from '../form.js';
import { useI18n } from '../i18n.js';
import { LoadError, Loading, Page, Tag } from '../layout.js';
import type { RouteProps } from '../route-types.js';
import { useSession } from '../session.js';
import { GrantsEditor, toGrantInputs, type GrantDraft } from './grants-editor.js';

/** One account: its details and lock switch, its role grants, and a two-factor reset. */
export function UserEditPage({ params }: RouteProps) {
  const { t } = useI18n();
  const user = useApiQuery(`/api/v1/admin/users/${encodeURIComponent(params.id ?? '')}`, userWithGrantsSchema);
  // Each save returns the account; keep that copy so the page shows what the server stored.
  const [saved, setSaved] = useState<UserWithGrants | null>(null);
  const current = saved ?? user.data;
  return (
    <Page title={current ? `${t('backoffice.users.editTitle')}: ${current.displayName}` : t('backoffice.users.editTitle')} backTo={{ to: '/admin/users', label: t('backoffice.nav.users') }}>
      {user.error ? <LoadError error={user.error} onRetry={user.reload} /> : null}
      {user.isLoading ? <Loading /> : null}
      {current ? (
        <>
          <DetailsForm user={current} onSaved={setSaved} />
          {current.kind === 'staff' ? <GrantsForm user={current} onSaved={setSaved} /> : null}
          {current.kind === 'staff' ? <TotpReset user={current} onSaved={setSaved} /> : null}
        </>
      ) : null}
    </Page>
  );
}

interface SectionProps {
  user: UserWithGrants;
  onSaved: (user: UserWithGrants) => void;
}

function DetailsForm({ user, onSaved }: SectionProps) {
  const { t } = useI18n();
  const session = useSession();
  const [values, setValues] = useState({ displayName: user.displayName, email: user.email ?? '', phone: user.phone ?? '', isActive: user.isActive });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [message, setMessage] = useState('');
  const set = <K extends keyof typeof values>(key: K) => (value: (typeof values)[K]) => setValues((current) => ({ ...current, [key]: value }));
  const labels: Record<string, string> = { displayName: t('backoffice.users.field.displayName'), email: t('common.email'), phone: t('common.phone') };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    const checked = validateWith(updateUserSchema, { displayName: values.displayName, email: values.email.trim() || null, phone: values.phone.trim() || null, isActive: values.isActive }, t);
    if (!checked.success) {
      setFailure({ fields: checked.errors });
      return;
    }
    try {
      onSaved(await api.patch(`/api/v1/admin/users/${user.id}`, checked.data, { schema: userWithGrantsSchema }));
      setFailure(null);
      setMessage(t('backoffice.users.saved'));
    } catch (error) {
      setFailure(toFormFailure(error));
    }
  };
  return (
    <section className="td-card" aria-labelledby="user-details">
      <h2 id="user-details">{t('backoffice.users.details')}</h2>
      <form className="bo-form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary failure={failure} labels={labels} />
        <TextField name="displayName" label={labels.displayName!} value={values.displayName} onValueChange={set('displayName')} error={failure?.fields.displayName} maxLength={DISPLAY_NAME_MAX} autoComplete="off" />
        <TextField name="email" type="email" label={labels.email!} value={values.email} onValueChange={set('email')} error={failure?.fields.email} maxLength={EMAIL_MAX} autoComplete="off" spellCheck={false} isOptional />
        <TextField name="phone" type="tel" label={labels.phone!} value={values.phone} onValueChange={set('phone')} error={failure?.fields.phone} className="td-input--short" autoComplete="off" isOptional />
        {user.id !== session.user.id ? <CheckboxField name="isActive" label={t('backoffice.users.field.isActive')} checked={values.isActive} onCheckedChange={set('isActive')} /> : null}
        <SaveActions label={t('common.save')} message={message} />
      </form>
    </section>
  );
}

/** A section's save button, and what the last save did (announced to screen readers). */
function SaveActions({ label, message }: { label: string; message: string }) {
  return (
    <div className="bo-form-actions">
      <button type="submit" className="td-button">
        {label}
      </button>
      {message ? (
        <p className="bo-inline-status" role="status">
          {message}
        </p>
      ) : null}
    </div>
  );
}

function GrantsForm({ user, onSaved }: SectionProps) {
  const { t } = useI18n();
  const [grants, setGrants] = useState<GrantDraft[]>(() => user.grants.map((grant) => ({ role: grant.role, unitId: grant.unitId ?? '', areaId: grant.areaId ?? '' })));
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [message, setMessage] = useState('');
  const labels: Record<string, string> = {};
  grants.forEach((_grant, index) => {
    const legend = t('backoffice.grants.legend', { number: index + 1 });
    labels[`grants.${index}.role`] = legend;
    labels[`grants.${index}.unitId`] = `${legend} – ${t('backoffice.grants.unit')}`;
    labels[`grants.${index}.areaId`] = `${legend} – ${t('backoffice.grants.area')}`;
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    const grantInputs = toGrantInputs(grants);
    const checked = validateWith(setGrantsSchema, { grants: grantInputs }, t);
    const fields = checked.success ? {} : { ...checked.errors };
    for (const error of findGrantShapeErrors('staff', grantInputs)) fields[error.field] ??= t(error.messageKey, error.params);
    if (!checked.success || Object.keys(fields).length > 0) {
      setFailure({ fields });
      return;
    }
    try {
      onSaved(await api.put(`/api/v1/admin/users/${user.id}/grants`, checked.data, { schema: userWithGrantsSchema }));
      setFailure(null);
      setMessage(t('backoffice.grants.saved'));
    } catch (error) {
      setFailure(toFormFailure(error));
    }
  };
  return (
    <section className="td-card" aria-labelledby="user-grants">
      <h2 id="user-grants">{t('backoffice.grants.title')}</h2>
      <form className="bo-form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary failure={failure} labels={labels} />
        <GrantsEditor field="grants" grants={grants} onChange={setGrants} errors={failure?.fields} />
        <SaveActions label={t('backoffice.grants.save')} message={message} />
      </form>
    </section>
  );
}

function TotpReset({ user, onSaved }: SectionProps) {
  const { t } = useI18n();
  const [error, setError] = useState('');
  const reset = async () => {
    if (!window.confirm(t('backoffice.users.totpResetConfirm', { name: user.displayName }))) return;
    try {
      onSaved(await api.post(`/api/v1/admin/users/${user.id}/totp/reset`, {}, { schema: userWithGrantsSchema }));
      setError('');
    } catch (caught) {
      setError(toFormFailure(caught).message ?? '');
    }
  };
  return (
    <section className="td-card" aria-labelledby="user-totp">
      <h2 id="user-totp">{t('backoffice.users.twoFactor')}</h2>
      <p>{user.hasTotp ? <Tag tone="success">{t('backoffice.users.totpOn')}</Tag> : <Tag tone="muted">{t('backoffice.users.totpOff')}</Tag>}</p>
      {user.hasTotp ? (
        <>
          <p>{t('backoffice.users.totpResetHelp')}</p>
          <button type="button" className="td-button td-button--warning" onClick={() => void reset()}>
            {t('backoffice.users.totpReset')}
          </button>
        </>
      ) : null}
      {error ? (
        <p className="td-error-message" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
