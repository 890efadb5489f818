/**
 * "Hồ sơ của tôi" (`/ho-so-cua-toi`): a signed-in resident's own cases as a list of cards (no
 * sideways scrolling at 360 px), each with its code linking to the status page, where the signed-in
 * submitter finds their actions (rate, reopen, withdraw).
 */
import { formatDate, type Translate } from '../../../../core/i18n/translate.js';
import { Pager, PortalLayout, SummaryList, VietnameseText } from '../../../../core/ui/index.js';
import type { PortalContext } from '../../../../core/ui/types.js';
import type { MyCasesPage } from '../../contract.js';
import { DueDateText, kindLabel, statusLabel } from '../components/case-words.js';
import { FOLLOWED_CASES_PATH } from './followed-cases-page.js';
import { casePath, MY_CASES_PATH } from './status-pages.js';
import { SUBMIT_PATH } from './submit-pages.js';

export function MyCasesListPage({ portal, t, page }: { portal: PortalContext; t: Translate; page: MyCasesPage }) {
  const title = t('cases.portal.mine.title');
  const pageCount = Math.max(1, Math.ceil(page.total / page.pageSize));
  const link = (target: number) => `${MY_CASES_PATH}?${new URLSearchParams({ trang: String(target) }).toString()}`;
  return (
    <PortalLayout portal={portal} title={title}>
      <h1>{title}</h1>
      {page.total === 0 ? (
        // One line: nothing yet, and what to do instead.
        <p role="status">
          {t('cases.portal.mine.empty')} <a href={SUBMIT_PATH}>{t('cases.portal.mine.emptyAction')}</a>
        </p>
      ) : (
        <>
          <p className="td-lead">{t('cases.portal.mine.intro')}</p>
          <p role="status">{t('cases.portal.mine.count', { count: page.total })}</p>
          <ul className="td-cards td-cards--list">
            {page.items.map((item) => (
              <li key={item.code} className="td-card">
                <h2>
                  <a href={casePath(item.code)}>{item.code}</a>
                </h2>
                <VietnameseText pageLocale={portal.locale} as="p">
                  {item.title}
                </VietnameseText>
                <SummaryList
                  rows={[
                    { key: t('cases.portal.mine.kind'), value: kindLabel(item.kind, t) },
                    { key: t('cases.portal.status.statusLabel'), value: statusLabel(item.status, t) },
                    { key: t('cases.portal.status.receivedAt'), value: formatDate(item.receivedAt) },
                    { key: t('cases.portal.mine.dueAt'), value: <DueDateText dueAt={item.dueAt} isOverdue={item.isOverdue} isPaused={item.status === 'awaiting_information'} t={t} locale={portal.locale} /> },
                  ]}
                />
              </li>
            ))}
          </ul>
          <p className="td-secondary">{t('cases.portal.mine.notListed')}</p>
        </>
      )}
      <p>
        <a href={FOLLOWED_CASES_PATH}>{t('cases.portal.mine.toFollowing')}</a>
      </p>
      <Pager label={t('cases.portal.mine.paging')} page={page.page} pageCount={pageCount} href={link} pageOf={t('cases.portal.mine.pageOf', { page: page.page, pageCount })} previous={t('cases.portal.mine.previous')} next={t('cases.portal.mine.next')} />
    </PortalLayout>
  );
}
