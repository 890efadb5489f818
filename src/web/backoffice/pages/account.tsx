import { useState, type FormEvent, type ReactNode } from 'react';
import { totpCodeBodySchema, totpSetupResultSchema, totpStatusSchema, TOTP_CODE_LENGTH, type TotpSetupResult } from '../../../core/auth/contract.js';
import { api } from '../api.js';
import { ErrorSummary, TextField, toFormFailure, validateWith, type FormFailure } from '../form.js';
import { useI18n } from '../i18n.js';
import { Page, Tag } from '../layout.js';
import { useSession } from '../session.js';

/** The signed-in person's account: who they are, their roles, and two-factor sign-in. */
export function AccountPage() {
  const { t } = useI18n();
  const session = useSession();
  const { user } = session;
  return (
    <Page title={t('backoffice.nav.account')}>
      <section className="td-card" aria-labelledby="account-who">
        <h2 id="account-who">{t('backoffice.account.who')}</h2>
        <dl className="td-summary-list">
          <div className="td-summary-list__row">
            <dt className="td-summary-list__key">{t('backoffice.users.field.displayName')}</dt>
            <dd className="td-summary-list__value">{user.displayName}</dd>
          </div>
          <div className="td-summary-list__row">
            <dt className="td-summary-list__key">{t('common.email')}</dt>
            <dd className="td-summary-list__value bo-break">{user.email ?? '—'}</dd>
          </div>
          <div className="td-summary-list__row">
            <dt className="td-summary-list__key">{t('common.phone')}</dt>
            <dd className="td-summary-list__value">{user.phone ?? '—'}</dd>
          </div>
          <div className="td-summary-list__row">
            <dt className="td-summary-list__key">{t('backoffice.account.roles')}</dt>
            <dd className="td-summary-list__value">{session.roles.map((role) => t(`auth.role.${role}`)).join(', ') || '—'}</dd>
          </div>
        </dl>
      </section>
      <TwoFactorSection />
    </Page>
  );
}

function TwoFactorSection() {
  const { t } = useI18n();
  const session = useSession();
  const [setup, setSetup] = useState<TotpSetupResult | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<FormFailure | null>(null);

  const start = async () => {
    setMessage('');
    setFailure(null);
    try {
      setSetup(await api.post('/api/v1/auth/totp/setup', {}, { schema: totpSetupResultSchema }));
    } catch (error) {
      setFailure(toFormFailure(error));
    }
  };
  const finish = async (text: string) => {
    setSetup(null);
    setFailure(null);
    setMessage(text);
    await session.refresh();
  };

  return (
    <section className="td-card" aria-labelledby="account-totp">
      <h2 id="account-totp">{t('backoffice.totp.title')}</h2>
      <p>{t('backoffice.totp.intro')}</p>
      <p>
        {t('backoffice.totp.status')} {session.user.hasTotp ? <Tag tone="success">{t('backoffice.users.totpOn')}</Tag> : <Tag tone="muted">{t('backoffice.users.totpOff')}</Tag>}
      </p>
      <div aria-live="polite">{message ? <div className="td-notice td-notice--success">{message}</div> : null}</div>
      {!session.user.hasTotp && !setup ? (
        <>
          <ErrorSummary failure={failure} labels={{}} />
          <button type="button" className="td-button" onClick={() => void start()}>
            {t('backoffice.totp.start')}
          </button>
        </>
      ) : null}
      {!session.user.hasTotp && setup ? <EnableForm setup={setup} onDone={() => void finish(t('backoffice.totp.enabled'))} onCancel={() => setSetup(null)} /> : null}
      {session.user.hasTotp ? <DisableForm onDone={() => void finish(t('backoffice.totp.disabled'))} /> : null}
    </section>
  );
}

function CodeForm({ action, submitLabel, onDone, children }: { action: 'enable' | 'disable'; submitLabel: string; onDone: () => void; children?: ReactNode }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const labels = { code: t('backoffice.totp.code') };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateWith(totpCodeBodySchema, { code: code.replace(/\s/g, '') }, t);
    if (!checked.success) {
      setFailure({ fields: checked.errors });
      return;
    }
    setIsSaving(true);
    try {
      await api.post(`/api/v1/auth/totp/${action}`, checked.data, { schema: totpStatusSchema });
      onDone();
    } catch (error) {
      const next = toFormFailure(error);
      // A wrong code comes back as a problem without a field: it still belongs to the code box.
      if (!next.fields.code && next.message) next.fields = { ...next.fields, code: next.message };
      setFailure(next);
      setIsSaving(false);
    }
  };
  return (
    <form className="bo-form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary failure={failure} labels={labels} />
      <TextField
        name="code"
        label={labels.code}
        hint={t('backoffice.totp.codeHint', { length: TOTP_CODE_LENGTH })}
        value={code}
        onValueChange={setCode}
        error={failure?.fields.code}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={TOTP_CODE_LENGTH + 2}
        className="td-input--short"
      />
      <div className="bo-form-actions">
        <button type="submit" className={action === 'disable' ? 'td-button td-button--warning' : 'td-button'} disabled={isSaving}>
          {submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}

function EnableForm({ setup, onDone, onCancel }: { setup: TotpSetupResult; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <ol className="bo-steps">
        <li>{t('backoffice.totp.step1')}</li>
        <li>
          {t('backoffice.totp.step2')}
          <dl className="td-summary-list">
            <div className="td-summary-list__row">
              <dt className="td-summary-list__key">{t('backoffice.totp.secret')}</dt>
              <dd className="td-summary-list__value">
                <code className="bo-secret" id="totp-secret">
                  {setup.secret}
                </code>
              </dd>
            </div>
            <div className="td-summary-list__row">
              <dt className="td-summary-list__key">{t('backoffice.totp.uri')}</dt>
              <dd className="td-summary-list__value bo-break">
                <code id="totp-uri">{setup.uri}</code>
              </dd>
            </div>
          </dl>
        </li>
        <li>{t('backoffice.totp.step3')}</li>
      </ol>
      <CodeForm action="enable" submitLabel={t('backoffice.totp.enable')} onDone={onDone}>
        <button type="button" className="td-button td-button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </CodeForm>
    </>
  );
}

function DisableForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <p>{t('backoffice.totp.disableHelp')}</p>
      <CodeForm action="disable" submitLabel={t('backoffice.totp.disable')} onDone={onDone} />
    </>
  );
}
