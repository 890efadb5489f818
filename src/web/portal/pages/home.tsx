import { formatVietnamesePhone } from '../../../core/contract/phone.js';
import { Button, PostButton, MarkedText, Notice, PortalLayout, TextField, VietnameseText, markedCommitteeName, type PortalContext } from '../../../core/ui/index.js';

/**
 * `/`: what residents can do here, in plain words, each with one clear action; a reminder while the
 * account's e-mail is unverified; the account's phone and whether it is verified, with a link to verify it.
 */
export function HomePage({ portal, isEmailUnverified = false, phone }: { portal: PortalContext; isEmailUnverified?: boolean; phone?: { phone: string; isVerified: boolean } | undefined }) {
  const { t, commune, actor } = portal;
  const committee = markedCommitteeName(commune, t);
  return (
    <PortalLayout portal={portal} title={t('portal.home.title')}>
      {isEmailUnverified ? (
        <Notice>
          <p>{t('portal.verifyEmail.unverifiedNotice')}</p>
          <PostButton action="/xac-nhan-email/gui-lai" csrfToken={portal.csrfToken}>
            {t('portal.verifyEmail.resend')}
          </PostButton>
        </Notice>
      ) : null}
      <h1>
        <MarkedText text={t('portal.home.heading')} pageLocale={portal.locale} />
      </h1>
      <p className="td-lead">
        <MarkedText text={t('portal.home.lead', { committee })} pageLocale={portal.locale} />
      </p>
      <p>{t('portal.home.privacy')}</p>
      <Button href="/gui-phan-anh">{t('portal.home.submit.action')}</Button>

      <ul className="td-cards">
        <li className="td-card">
          <h2>{t('portal.home.submit.title')}</h2>
          <p>{t('portal.home.submit.body')}</p>
          <p>
            <a href="/gui-phan-anh">{t('portal.home.submit.action')}</a>
          </p>
        </li>
        <li className="td-card">
          <h2>{t('portal.home.complaint.title')}</h2>
          <p>
            <MarkedText text={t('portal.home.complaint.body')} pageLocale={portal.locale} />
          </p>
          <p>
            <a href="/gui-phan-anh">{t('portal.home.complaint.action')}</a>
          </p>
        </li>
        <li className="td-card">
          <h2 id="track-heading">{t('portal.home.track.title')}</h2>
          <form method="get" action="/tra-cuu" aria-labelledby="track-heading">
            <TextField id="ma" name="ma" label={t('portal.home.track.label')} hint={t('portal.home.track.hint')} autoComplete="off" spellCheck={false} maxLength={40} />
            <Button>{t('portal.home.track.action')}</Button>
          </form>
        </li>
        <li className="td-card">
          <h2>{t('portal.home.questions.title')}</h2>
          <p>{t('portal.home.questions.body')}</p>
          <p>
            <a href="/hoi-dap">{t('portal.home.questions.action')}</a>
          </p>
        </li>
        <li className="td-card">
          <h2>{t('portal.home.reception.title')}</h2>
          <dl>
            <dt className="td-label">{t('portal.home.reception.place')}</dt>
            <dd>
              <VietnameseText pageLocale={portal.locale}>{commune.contact.receptionPlace}</VietnameseText>
            </dd>
            <dt className="td-label">{t('portal.home.reception.hours')}</dt>
            <dd>
              <VietnameseText pageLocale={portal.locale}>{commune.contact.receptionHours}</VietnameseText>
            </dd>
          </dl>
        </li>
        <li className="td-card">
          <h2>{t('portal.home.account.title')}</h2>
          {actor ? (
            <>
              <p>{t('portal.home.account.signedIn', { name: actor.displayName })}</p>
              {actor.kind === 'resident' && phone ? (
                <p id="phone-status">
                  {t(phone.isVerified ? 'portal.home.account.phoneVerified' : 'portal.home.account.phoneUnverified', { phone: formatVietnamesePhone(phone.phone) })}
                  {phone.isVerified ? null : (
                    <>
                      {' '}
                      <a href="/xac-minh-so-dien-thoai">{t('portal.home.account.verifyPhone')}</a>
                    </>
                  )}
                </p>
              ) : null}
              {actor.kind === 'resident' ? (
                <ul>
                  <li>
                    <a href="/ho-so-cua-toi">{t('portal.home.account.myCases')}</a>
                  </li>
                  <li>
                    <a href="/ho-so-toi-theo-doi">{t('portal.home.account.followedCases')}</a>
                  </li>
                </ul>
              ) : null}
            </>
          ) : (
            <>
              <p>{t('portal.home.account.body')}</p>
              <p>
                <a href="/dang-ky">{t('portal.home.account.signUp')}</a> · <a href="/dang-nhap">{t('common.signIn')}</a>
              </p>
            </>
          )}
        </li>
      </ul>
    </PortalLayout>
  );
}
