import { PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, DISPLAY_NAME_MAX, IDENTIFIER_MAX, EMAIL_MAX } from '../../../core/auth/contract.js';
import type { Area } from '../../../core/tenancy/contract.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, MarkedText, Notice, PortalLayout, Select, TextField, textValue, type FormValues, type PortalContext, type SummaryError } from '../../../core/ui/index.js';

export interface FormState {
  values?: FormValues;
  /** Translated message per field name. */
  errors?: Record<string, string>;
  summary?: SummaryError[];
}

const hasErrors = (state: FormState) => (state.summary?.length ?? 0) > 0;

/** `/dang-nhap`: phone or e-mail + password. */
export function SignInPage({ portal, state = {}, notice, next }: { portal: PortalContext; state?: FormState; notice?: string | undefined; next?: string | undefined }) {
  const { t } = portal;
  return (
    <PortalLayout portal={portal} title={t('portal.signIn.title')} hasErrors={hasErrors(state)}>
      <div className="td-two-thirds">
        <ErrorSummary errors={state.summary ?? []} />
        {notice ? <Notice variant="success">{notice}</Notice> : null}
        <h1>{t('portal.signIn.title')}</h1>
        <form method="post" action="/dang-nhap" noValidate>
          <CsrfField token={portal.csrfToken} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <TextField id="identifier" name="identifier" label={t('portal.signIn.identifier')} hint={t('portal.signIn.identifierHint')} value={textValue(state.values, 'identifier')} error={state.errors?.identifier} autoComplete="username" spellCheck={false} maxLength={IDENTIFIER_MAX} />
          <TextField id="password" name="password" type="password" label={t('portal.signIn.password')} error={state.errors?.password} autoComplete="current-password" maxLength={PASSWORD_MAX_LENGTH} />
          <Button preventDoubleClick>{t('portal.signIn.action')}</Button>
        </form>
        <p>
          <a href="/quen-mat-khau">{t('portal.signIn.forgot')}</a>
        </p>
        <p>
          {t('portal.signIn.noAccount')} <a href="/dang-ky">{t('portal.signIn.signUpLink')}</a>
        </p>
      </div>
    </PortalLayout>
  );
}

/** Second sign-in step for staff with two-factor sign-in. */
export function TotpPage({ portal, state = {}, next }: { portal: PortalContext; state?: FormState; next?: string | undefined }) {
  const { t } = portal;
  return (
    <PortalLayout portal={portal} title={t('portal.totp.title')} hasErrors={hasErrors(state)}>
      <div className="td-two-thirds">
        <ErrorSummary errors={state.summary ?? []} />
        <form method="post" action="/dang-nhap/ma-xac-thuc" noValidate>
          <CsrfField token={portal.csrfToken} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <TextField id="code" name="code" isPageHeading label={t('portal.totp.title')} hint={t('portal.totp.hint')} error={state.errors?.code} autoComplete="one-time-code" inputMode="numeric" spellCheck={false} maxLength={6} width="code" />
          <Button preventDoubleClick>{t('portal.totp.action')}</Button>
        </form>
        <p>
          <a href="/dang-nhap">{t('portal.totp.restart')}</a>
        </p>
      </div>
    </PortalLayout>
  );
}

/** `/dang-ky`: one name field, phone or e-mail, password, hamlet, consent per purpose. */
export function SignUpPage({ portal, areas, state = {} }: { portal: PortalContext; areas: readonly Area[]; state?: FormState }) {
  const { t } = portal;
  return (
    <PortalLayout portal={portal} title={t('portal.signUp.title')} hasErrors={hasErrors(state)}>
      <div className="td-two-thirds">
        <ErrorSummary errors={state.summary ?? []} />
        <h1>{t('portal.signUp.title')}</h1>
        <p>{t('portal.signUp.lead')}</p>
        <form method="post" action="/dang-ky" noValidate>
          <CsrfField token={portal.csrfToken} />
          <TextField id="displayName" name="displayName" label={t('portal.signUp.displayName')} hint={<MarkedText text={t('portal.signUp.displayNameHint')} pageLocale={portal.locale} />} value={textValue(state.values, 'displayName')} error={state.errors?.displayName} autoComplete="name" spellCheck={false} maxLength={DISPLAY_NAME_MAX} />
          <TextField id="contact" name="contact" label={t('portal.signUp.contact')} hint={t('portal.signUp.contactHint')} value={textValue(state.values, 'contact')} error={state.errors?.contact} autoComplete="username" spellCheck={false} maxLength={EMAIL_MAX} />
          <TextField id="password" name="password" type="password" label={t('portal.signUp.password')} hint={t('portal.signUp.passwordHint', { min: PASSWORD_MIN_LENGTH })} error={state.errors?.password} autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} />
          <Select
            id="areaId"
            name="areaId"
            optional
            label={t('portal.signUp.area')}
            hint={t('portal.signUp.areaHint')}
            placeholder={t('portal.signUp.areaChoose')}
            options={areas.map((area) => ({ value: area.id, label: area.name }))}
            value={textValue(state.values, 'areaId')}
            error={state.errors?.areaId}
          />
          <CheckboxGroup
            id="consent"
            name="consent"
            legend={t('portal.signUp.consentLegend')}
            hint={t('portal.signUp.consentHint')}
            options={[{ value: 'yes', label: t('portal.signUp.consent') }]}
            values={textValue(state.values, 'consent') ? ['yes'] : []}
            error={state.errors?.consent}
          />
          <Button preventDoubleClick>{t('portal.signUp.action')}</Button>
        </form>
        <p>
          {t('portal.signUp.haveAccount')} <a href="/dang-nhap">{t('common.signIn')}</a>
        </p>
      </div>
    </PortalLayout>
  );
}

/** `/quen-mat-khau`: ask for a reset link by e-mail; `sent` shows the neutral confirmation. */
export function ForgotPasswordPage({ portal, state = {}, sent = false }: { portal: PortalContext; state?: FormState; sent?: boolean }) {
  const { t, commune } = portal;
  if (sent) {
    return (
      <PortalLayout portal={portal} title={t('portal.forgot.sentTitle')}>
        <div className="td-two-thirds">
          <h1>{t('portal.forgot.sentTitle')}</h1>
          <p>{t('auth.passwordReset.requested')}</p>
          <p>
            <a href="/dang-nhap">{t('common.signIn')}</a>
          </p>
        </div>
      </PortalLayout>
    );
  }
  return (
    <PortalLayout portal={portal} title={t('portal.forgot.title')} hasErrors={hasErrors(state)}>
      <div className="td-two-thirds">
        <ErrorSummary errors={state.summary ?? []} />
        <h1>{t('portal.forgot.title')}</h1>
        <p>{t('portal.forgot.lead')}</p>
        <form method="post" action="/quen-mat-khau" noValidate>
          <CsrfField token={portal.csrfToken} />
          <TextField id="email" name="email" type="email" label={t('portal.forgot.email')} value={textValue(state.values, 'email')} error={state.errors?.email} autoComplete="email" spellCheck={false} maxLength={EMAIL_MAX} />
          <Button preventDoubleClick>{t('portal.forgot.action')}</Button>
        </form>
        <p className="td-inset">{t('portal.forgot.phoneOnly', { phone: commune.contact.phone })}</p>
      </div>
    </PortalLayout>
  );
}

/** `/dat-lai-mat-khau?token=`: choose a new password. */
export function ResetPasswordPage({ portal, token, state = {} }: { portal: PortalContext; token: string | undefined; state?: FormState }) {
  const { t } = portal;
  return (
    <PortalLayout portal={portal} title={t('portal.reset.title')} hasErrors={hasErrors(state)}>
      <div className="td-two-thirds">
        <ErrorSummary errors={state.summary ?? []} />
        <h1>{t('portal.reset.title')}</h1>
        {token ? (
          <form method="post" action="/dat-lai-mat-khau" noValidate>
            <CsrfField token={portal.csrfToken} />
            <input type="hidden" name="token" value={token} />
            <TextField id="password" name="password" type="password" label={t('portal.reset.password')} hint={t('portal.signUp.passwordHint', { min: PASSWORD_MIN_LENGTH })} error={state.errors?.password} autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} />
            <Button preventDoubleClick>{t('portal.reset.action')}</Button>
          </form>
        ) : (
          <p>{t('portal.reset.noToken')}</p>
        )}
        <p>
          <a href="/quen-mat-khau">{t('portal.reset.requestNew')}</a>
        </p>
      </div>
    </PortalLayout>
  );
}

export type VerifyEmailPageState = 'valid' | 'verified' | 'used' | 'expired' | 'invalid' | 'sent';

/** `/xac-nhan-email?token=`: the button that confirms the account's e-mail, or why the link no longer works. */
export function VerifyEmailPage({ portal, state, token, error }: { portal: PortalContext; state: VerifyEmailPageState; token?: string | undefined; error?: string | undefined }) {
  const { t } = portal;
  const titles: Record<VerifyEmailPageState, string> = {
    valid: 'portal.verifyEmail.title',
    verified: 'portal.verifyEmail.doneTitle',
    used: 'portal.verifyEmail.usedTitle',
    expired: 'portal.verifyEmail.expiredTitle',
    invalid: 'portal.verifyEmail.invalidTitle',
    sent: 'portal.verifyEmail.sentTitle',
  };
  const bodies: Record<Exclude<VerifyEmailPageState, 'valid'>, string> = {
    verified: 'portal.verifyEmail.done',
    used: 'portal.verifyEmail.used',
    expired: 'portal.verifyEmail.expired',
    invalid: 'portal.verifyEmail.invalid',
    sent: 'portal.verifyEmail.sent',
  };
  const resendForm = (
    <form method="post" action="/xac-nhan-email/gui-lai" noValidate>
      <CsrfField token={portal.csrfToken} />
      {token ? <input type="hidden" name="token" value={token} /> : null}
      <Button variant="secondary" preventDoubleClick>
        {t('portal.verifyEmail.resend')}
      </Button>
    </form>
  );
  return (
    <PortalLayout portal={portal} title={t(titles[state])}>
      <div className="td-two-thirds">
        {error ? <Notice>{error}</Notice> : null}
        <h1>{t(titles[state])}</h1>
        {state === 'valid' ? (
          <>
            <p>
              <MarkedText text={t('portal.verifyEmail.intro')} pageLocale={portal.locale} />
            </p>
            <form method="post" action="/xac-nhan-email" noValidate>
              <CsrfField token={portal.csrfToken} />
              <input type="hidden" name="token" value={token ?? ''} />
              <Button preventDoubleClick>{t('portal.verifyEmail.action')}</Button>
            </form>
            <p className="td-inset">{t('portal.verifyEmail.notYou')}</p>
          </>
        ) : state === 'verified' || state === 'used' ? (
          <Notice variant="success">{t(bodies[state])}</Notice>
        ) : (
          <p>{t(bodies[state])}</p>
        )}
        {state === 'expired' ? resendForm : null}
        {state === 'invalid' && portal.actor?.kind === 'resident' ? resendForm : null}
        {state === 'invalid' && !portal.actor ? (
          <p>
            <a href="/dang-nhap?next=%2Fxac-nhan-email">{t('portal.verifyEmail.signInToResend')}</a>
          </p>
        ) : null}
      </div>
    </PortalLayout>
  );
}
