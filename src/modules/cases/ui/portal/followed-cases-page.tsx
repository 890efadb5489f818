/**
 * "Hồ sơ tôi theo dõi" (`/ho-so-toi-theo-doi`): the cases a signed-in resident follows, as cards (no
 * sideways scrolling at 360 px), each with its code linking to the status page, the title and status
 * the public status shows, the due date, and a "stop following" form (a real POST with its CSRF token:
 * works with JavaScript off; LAW-PDP-04/05, withdrawal made electronically). Below, the follows asked
 * with an unverified account e-mail, which wait for the confirmation mail.
 */
import { formatDeadline, type Translate } from '../../../../core/i18n/translate.js';
import { Button, CsrfField, Notice, Pager, PortalLayout, SummaryList, VietnameseText } from '../../../../core/ui/index.js';
import type { PortalContext } from '../../../../core/ui/types.js';
import type { FollowedCasesPage } from '../../contract.js';
import { DueDateText, statusLabel } from '../components/case-words.js';
import { casePath, MY_CASES_PATH } from './status-pages.js';

export const FOLLOWED_CASES_PATH = '/ho-so-toi-theo-doi';
/** The hidden field of the stop form that brings the resident back to this page instead of the status page. */
export const RETURN_TO_FOLLOWED_FIELD = 'tro-ve';
export const RETURN_TO_FOLLOWED_VALUE = 'theo-doi';

function CaseTitle({ title, t, portal }: { title: string | null; t: Translate; portal: PortalContext }) {
  return title === null ? <p>{t('cases.portal.following.noTitle')}</p> : <VietnameseText pageLocale={portal.locale} as="p">{title}</VietnameseText>;
}

export function FollowedCasesListPage({ portal, t, page, flash }: { portal: PortalContext; t: Translate; page: FollowedCasesPage; flash?: string }) {
  const title = t('cases.portal.following.title');
  const pageCount = Math.max(1, Math.ceil(page.total / page.pageSize));
  const link = (target: number) => `${FOLLOWED_CASES_PATH}?${new URLSearchParams({ trang: String(target) }).toString()}`;
  return (
    <PortalLayout portal={portal} title={title}>
      <h1>{title}</h1>
      {flash ? <Notice variant="success">{flash}</Notice> : null}
      {page.total === 0 ? (
        <p role="status">{t('cases.portal.following.empty')}</p>
      ) : (
        <>
          <p className="td-lead">{t('cases.portal.following.intro')}</p>
          <p role="status">{t('cases.portal.following.count', { count: page.total })}</p>
          <ul className="td-cards td-cards--list">
            {page.items.map((item) => (
              <li key={item.code} className="td-card">
                <h2>
                  <a href={casePath(item.code)}>{item.code}</a>
                </h2>
                <CaseTitle title={item.title} t={t} portal={portal} />
                <SummaryList
                  rows={[
                    { key: t('cases.portal.status.statusLabel'), value: statusLabel(item.status, t) },
                    { key: t('cases.portal.mine.dueAt'), value: <DueDateText dueAt={item.dueAt} isOverdue={item.isOverdue} isPaused={item.isPaused} t={t} locale={portal.locale} /> },
                  ]}
                />
                <form method="post" action={`${casePath(item.code)}/ngung-theo-doi`} noValidate>
                  <CsrfField token={portal.csrfToken} />
                  <input type="hidden" name={RETURN_TO_FOLLOWED_FIELD} value={RETURN_TO_FOLLOWED_VALUE} />
                  {/* Each button names its case for screen-reader users moving from button to button. */}
                  <Button variant="secondary">
                    {t('cases.portal.follow.stop')}
                    <span className="td-visually-hidden"> {t('cases.portal.following.stopCase', { code: item.code })}</span>
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
      <Pager label={t('cases.portal.following.paging')} page={page.page} pageCount={pageCount} href={link} pageOf={t('cases.portal.mine.pageOf', { page: page.page, pageCount })} previous={t('cases.portal.mine.previous')} next={t('cases.portal.mine.next')} />
      {page.pending.length > 0 ? (
        <section aria-labelledby="cho-xac-nhan">
          <h2 id="cho-xac-nhan">{t('cases.portal.following.pendingTitle')}</h2>
          <p>{t('cases.portal.following.pendingIntro')}</p>
          <ul className="td-cards td-cards--list">
            {page.pending.map((item) => (
              <li key={item.code} className="td-card">
                <h3>
                  <a href={casePath(item.code)}>{item.code}</a>
                </h3>
                <CaseTitle title={item.title} t={t} portal={portal} />
                <SummaryList
                  rows={[
                    { key: t('cases.portal.status.statusLabel'), value: statusLabel(item.status, t) },
                  ]}
                />
                <p>{t('cases.portal.following.pendingUntil', { date: formatDeadline(item.expiresAt, portal.locale) })}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href={MY_CASES_PATH}>{t('cases.portal.following.toMine')}</a>
      </p>
    </PortalLayout>
  );
}
