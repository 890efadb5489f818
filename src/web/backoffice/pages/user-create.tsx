import { useState, type FormEvent } from 'react';
import { createStaffUserSchema, DISPLAY_NAME_MAX, EMAIL_MAX, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, userWithGrantsSchema } from '../../../core/auth/contract.js';
import { findGrantShapeErrors } from '../../../core/auth/grant-rules.js';
import { MarkedText } from '../../../core/ui/components/content.js';
import { api } from '../api.js';
import { blankToUndefined, ErrorSummary, TextField, toFormFailure, validateWith, type FormFailure } from '../form.js';
import { useI18n } from '../i18n.js';
import { Page, setFlash } from '../layout.js';
import { Link, navigate } from '../router.js';
import { emptyGrant, GrantsEditor, toGrantInputs, type GrantDraft } from './grants-editor.js';

/** A new staff account with its first password and roles; the person turns on two-factor later. */
export function UserCreatePage() {
  const { t, locale } = useI18n();
  const [values, setValues] = useState({ displayName: '', email: '', phone: '', password: '' });
  const [grants, setGrants] = useState<GrantDraft[]>([emptyGrant()]);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const set = (key: keyof typeof values) => (value: string) => setValues((current) => ({ ...current, [key]: value }));
  const labels: Record<string, string> = {
    displayName: t('backoffice.users.field.displayName'),
    email: t('common.email'),
    phone: t('common.phone'),
    password: t('backoffice.users.field.password'),
  };
  grants.forEach((_grant, index) => {
    labels[`grants.${index}.role`] = t('backoffice.grants.legend', { number: index + 1 });
    labels[`grants.${index}.unitId`] = `${t('backoffice.grants.legend', { number: index + 1 })} – ${t('backoffice.grants.unit')}`;
    labels[`grants.${index}.areaId`] = `${t('backoffice.grants.legend', { number: index + 1 })} – ${t('backoffice.grants.area')}`;
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const grantInputs = toGrantInputs(grants);
    const input = { displayName: values.displayName, email: blankToUndefined(values.email), phone: blankToUndefined(values.phone), password: values.password, grants: grantInputs };
    const checked = validateWith(createStaffUserSchema, input, t);
    const fields = checked.success ? {} : { ...checked.errors };
    for (const error of findGrantShapeErrors('staff', grantInputs)) fields[error.field] ??= t(error.messageKey, error.params);
    if (!checked.success || Object.keys(fields).length > 0) {
      setFailure({ fields });
      return;
    }
    setIsSaving(true);
    try {
      const user = await api.post('/api/v1/admin/users', checked.data, { schema: userWithGrantsSchema });
      setFlash(t('backoffice.users.created', { name: user.displayName }));
      navigate(`/admin/users/${user.id}`);
    } catch (error) {
      setFailure(toFormFailure(error));
      setIsSaving(false);
    }
  };

  return (
    <Page title={t('backoffice.users.createTitle')} backTo={{ to: '/admin/users', label: t('backoffice.nav.users') }}>
      <form className="bo-form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary failure={failure} labels={labels} />
        <TextField name="displayName" label={labels.displayName!} hint={<MarkedText text={t('backoffice.users.hint.displayName')} pageLocale={locale} />} value={values.displayName} onValueChange={set('displayName')} error={failure?.fields.displayName} maxLength={DISPLAY_NAME_MAX} autoComplete="off" required />
        <TextField name="email" type="email" label={labels.email!} hint={t('backoffice.users.hint.contact')} value={values.email} onValueChange={set('email')} error={failure?.fields.email} maxLength={EMAIL_MAX} autoComplete="off" spellCheck={false} />
        <TextField name="phone" type="tel" label={labels.phone!} value={values.phone} onValueChange={set('phone')} error={failure?.fields.phone} className="td-input--short" autoComplete="off" isOptional />
        <TextField name="password" type="password" label={labels.password!} hint={t('backoffice.users.hint.password', { min: PASSWORD_MIN_LENGTH })} value={values.password} onValueChange={set('password')} error={failure?.fields.password} maxLength={PASSWORD_MAX_LENGTH} autoComplete="new-password" required />
        <h2>{t('backoffice.grants.title')}</h2>
        <GrantsEditor field="grants" grants={grants} onChange={setGrants} errors={failure?.fields} />
        <div className="bo-form-actions">
          <button type="submit" className="td-button" disabled={isSaving}>
            {t('backoffice.users.create')}
          </button>
          <Link to="/admin/users" className="td-button td-button--secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}
