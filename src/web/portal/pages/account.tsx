import { DISPLAY_NAME_MAX, EMAIL_MAX, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type AccountView } from '../../../core/auth/contract.js';
import { formatVietnamesePhone } from '../../../core/contract/phone.js';
import { Button, CsrfField, PostButton, ErrorSummary, MarkedText, Notice, PortalLayout, RadioGroup, TextField, textValue, type PortalContext } from '../../../core/ui/index.js';
import type { FormState } from './auth.js';

/** The four forms of `/tai-khoan`; the one just posted carries its errors and the typed values. */
export type AccountSection = 'name' | 'phone' | 'email' | 'password' | 'locale';

/** Input ids of fields whose names repeat across the page's forms. */
export const ACCOUNT_FIELD_IDS: Record<AccountSection, Record<string, string>> = {
  name: {},
  phone: {},
  email: { currentPassword: 'email-currentPassword' },
  password: {},
  locale: {},
};

/**
 * `/tai-khoan` ("Tài khoản của tôi"): the signed-in resident's name, e-mail, phone and language, and
 * one plain form per change, so every change works without JavaScript.
 */
export function AccountPage({ portal, account, section, form = {}, notice }: { portal: PortalContext; account: AccountView; section?: AccountSection | undefined; form?: FormState; notice?: string | undefined }) {
  const { t } = portal;
  const stateOf = (which: AccountSection): FormState => (which === section ? form : {});
  const name = stateOf('name');
  const phone = stateOf('phone');
  const email = stateOf('email');
  const password = stateOf('password');
  const language = stateOf('locale');
  const hasErrors = (form.summary?.length ?? 0) > 0;
  return (
    <PortalLayout portal={portal} title={t('portal.account.title')} hasErrors={hasErrors}>
      <div className="td-two-thirds">
        <ErrorSummary errors={form.summary ?? []} />
        {notice ? <Notice variant="success">{notice}</Notice> : null}
        <h1>{t('portal.account.title')}</h1>
        <dl className="td-summary-list">
          <div className="td-summary-list__row">
            <dt className="td-summary-list__key">{t('portal.account.displayName')}</dt>
            <dd className="td-summary-list__value">{account.displayName}</dd>
          </div>
          <div className="td-summary-list__row">
            <dt className="td-summary-list__key">{t('portal.account.email')}</dt>
            <dd className="td-summary-list__value">
              {account.email ? (
                <>
                  {account.email} ({account.isEmailVerified ? t('portal.account.verified') : t('portal.account.unverified')})
                </>
              ) : (
                t('portal.account.none')
              )}
              {account.pendingEmail ? <p>{t('portal.account.emailPending', { email: account.pendingEmail })}</p> : null}
              {(account.email && !account.isEmailVerified) || account.pendingEmail ? (
                <PostButton action="/xac-nhan-email/gui-lai" csrfToken={portal.csrfToken}>
                  {t('portal.account.resendEmail')}
                </PostButton>
              ) : null}
              {account.pendingEmail ? (
                <PostButton action="/tai-khoan/email/huy" csrfToken={portal.csrfToken}>
                  {t('portal.account.cancelEmail')}
                </PostButton>
              ) : null}
            </dd>
          </div>
          <div className="td-summary-list__row">
            <dt className="td-summary-list__key">{t('portal.account.phone')}</dt>
            <dd className="td-summary-list__value">
              {account.phone ? (
                <>
                  {formatVietnamesePhone(account.phone)} ({account.isPhoneVerified ? t('portal.account.verified') : t('portal.account.unverified')})
                  {account.isPhoneVerified ? null : (
                    <>
                      {' '}
                      <a href="/xac-minh-so-dien-thoai">{t('portal.account.verifyPhone')}</a>
                    </>
                  )}
                </>
              ) : (
                t('portal.account.none')
              )}
            </dd>
          </div>
          <div className="td-summary-list__row">
            <dt className="td-summary-list__key">{t('portal.account.language')}</dt>
            <dd className="td-summary-list__value">
              <MarkedText text={t(`portal.account.locale.${account.locale === 'en' ? 'en' : 'vi'}`)} pageLocale={portal.locale} />
            </dd>
          </div>
        </dl>

        <h2 id="doi-ho-ten">{t('portal.account.nameTitle')}</h2>
        <form method="post" action="/tai-khoan/ho-ten" noValidate>
          <CsrfField token={portal.csrfToken} />
          <TextField id="displayName" name="displayName" label={t('portal.account.newName')} hint={<MarkedText text={t('portal.account.nameHint')} pageLocale={portal.locale} />} value={textValue(name.values, 'displayName') ?? account.displayName} error={name.errors?.displayName} autoComplete="name" spellCheck={false} maxLength={DISPLAY_NAME_MAX} />
          <Button preventDoubleClick>{t('portal.account.nameAction')}</Button>
        </form>

        <h2 id="doi-so-dien-thoai">{t('portal.account.phoneTitle')}</h2>
        <p>{t('portal.account.phoneBody')}</p>
        <form method="post" action="/tai-khoan/so-dien-thoai" noValidate>
          <CsrfField token={portal.csrfToken} />
          <TextField id="phone" name="phone" type="tel" label={t('portal.account.newPhone')} hint={t('portal.account.phoneHint')} value={textValue(phone.values, 'phone')} error={phone.errors?.phone} autoComplete="tel" inputMode="tel" spellCheck={false} maxLength={20} />
          <Button preventDoubleClick>{t('portal.account.phoneAction')}</Button>
        </form>

        <h2 id="doi-email">{t('portal.account.emailTitle')}</h2>
        <p>{t('portal.account.emailBody')}</p>
        <form method="post" action="/tai-khoan/email" noValidate>
          <CsrfField token={portal.csrfToken} />
          <TextField id="email" name="email" type="email" label={t('portal.account.newEmail')} value={textValue(email.values, 'email')} error={email.errors?.email} autoComplete="email" spellCheck={false} maxLength={EMAIL_MAX} />
          <TextField id={ACCOUNT_FIELD_IDS.email.currentPassword!} name="currentPassword" type="password" label={t('portal.account.currentPassword')} error={email.errors?.currentPassword} autoComplete="current-password" maxLength={PASSWORD_MAX_LENGTH} />
          <Button preventDoubleClick>{t('portal.account.emailAction')}</Button>
        </form>

        <h2 id="doi-mat-khau">{t('portal.account.passwordTitle')}</h2>
        <p>{t('portal.account.passwordBody')}</p>
        <form method="post" action="/tai-khoan/mat-khau" noValidate>
          <CsrfField token={portal.csrfToken} />
          <TextField id="currentPassword" name="currentPassword" type="password" label={t('portal.account.currentPassword')} error={password.errors?.currentPassword} autoComplete="current-password" maxLength={PASSWORD_MAX_LENGTH} />
          <TextField id="newPassword" name="newPassword" type="password" label={t('portal.account.newPassword')} hint={t('portal.signUp.passwordHint', { min: PASSWORD_MIN_LENGTH })} error={password.errors?.newPassword} autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} />
          <Button preventDoubleClick>{t('portal.account.passwordAction')}</Button>
        </form>

        <h2 id="doi-ngon-ngu">{t('portal.account.localeTitle')}</h2>
        <form method="post" action="/tai-khoan/ngon-ngu" noValidate>
          <CsrfField token={portal.csrfToken} />
          <RadioGroup
            id="locale"
            name="locale"
            legend={t('portal.account.localeLegend')}
            hint={t('portal.account.localeHint')}
            value={textValue(language.values, 'locale') ?? account.locale}
            error={language.errors?.locale}
            options={[
              { value: 'vi', label: <MarkedText text={t('portal.account.locale.vi')} pageLocale={portal.locale} /> },
              { value: 'en', label: <MarkedText text={t('portal.account.locale.en')} pageLocale={portal.locale} /> },
            ]}
          />
          <Button preventDoubleClick>{t('portal.account.localeAction')}</Button>
        </form>
      </div>
    </PortalLayout>
  );
}
