import { formatVietnamesePhone } from '../../../core/contract/phone.js';
import { Button, CsrfField, PostButton, ErrorSummary, Notice, PortalLayout, TextField, textValue, type PortalContext } from '../../../core/ui/index.js';
import type { FormState } from './auth.js';

/** What `/xac-minh-so-dien-thoai` shows: the code form, the proof that it is done, or that there is nothing to verify. */
export type VerifyPhonePageState = 'form' | 'verified' | 'none';

/**
 * `/xac-minh-so-dien-thoai`: the signed-in resident types the 6-digit code sent by SMS to the account's
 * phone, or asks for a new one. Two plain forms, so it works without JavaScript.
 */
export function VerifyPhonePage({
  portal,
  state,
  phone,
  minutes,
  isSent = false,
  form = {},
}: {
  portal: PortalContext;
  state: VerifyPhonePageState;
  phone: string | null;
  minutes: number;
  isSent?: boolean;
  form?: FormState;
}) {
  const { t } = portal;
  const shownPhone = phone ? formatVietnamesePhone(phone) : '';
  const hasErrors = (form.summary?.length ?? 0) > 0;
  return (
    <PortalLayout portal={portal} title={t('portal.verifyPhone.title')} hasErrors={hasErrors}>
      <div className="td-two-thirds">
        <ErrorSummary errors={form.summary ?? []} />
        {isSent && state === 'form' ? <Notice variant="success">{t('portal.verifyPhone.sent', { phone: shownPhone })}</Notice> : null}
        {state === 'verified' ? (
          <>
            <h1>{t('portal.verifyPhone.doneTitle')}</h1>
            <Notice variant="success">{t('portal.verifyPhone.done', { phone: shownPhone })}</Notice>
            <p>
              <a href="/">{t('portal.verifyPhone.home')}</a>
            </p>
          </>
        ) : state === 'none' ? (
          <>
            <h1>{t('portal.verifyPhone.title')}</h1>
            <p>{t('portal.verifyPhone.none')}</p>
          </>
        ) : (
          <>
            <h1>{t('portal.verifyPhone.title')}</h1>
            <p>{t('portal.verifyPhone.intro', { phone: shownPhone, minutes })}</p>
            <form method="post" action="/xac-minh-so-dien-thoai" noValidate>
              <CsrfField token={portal.csrfToken} />
              <TextField
                id="code"
                name="code"
                label={t('portal.verifyPhone.code')}
                hint={t('portal.verifyPhone.codeHint')}
                value={textValue(form.values, 'code')}
                error={form.errors?.code}
                autoComplete="one-time-code"
                inputMode="numeric"
                spellCheck={false}
                maxLength={20}
                width="code"
              />
              <Button preventDoubleClick>{t('portal.verifyPhone.action')}</Button>
            </form>
            <h2>{t('portal.verifyPhone.resendTitle')}</h2>
            <p>{t('portal.verifyPhone.resendBody')}</p>
            <PostButton action="/xac-minh-so-dien-thoai/gui-lai" csrfToken={portal.csrfToken}>
              {t('portal.verifyPhone.resend')}
            </PostButton>
            <p className="td-inset">{t('portal.verifyPhone.why')}</p>
          </>
        )}
      </div>
    </PortalLayout>
  );
}
