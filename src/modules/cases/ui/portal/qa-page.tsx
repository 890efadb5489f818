/** The public questions-and-answers page (`/hoi-dap`): published, redacted Q&A with search and paging. */
import { formatDate, type Translate } from '../../../../core/i18n/translate.js';
import { Button, Pager, PortalLayout, TextField, VietnameseText } from '../../../../core/ui/index.js';
import type { PortalContext } from '../../../../core/ui/types.js';
import { CASE_SEARCH_QUERY_MAX, type QaPage } from '../../contract.js';
import { splitPublishedQuestion } from '../../domain/index.js';

export const QA_PATH = '/hoi-dap';

export function QaListPage({ portal, t, page, query }: { portal: PortalContext; t: Translate; page: QaPage; query: string }) {
  const title = t('cases.portal.qa.title');
  const pageCount = Math.max(1, Math.ceil(page.total / page.pageSize));
  const link = (target: number) => `${QA_PATH}?${new URLSearchParams({ ...(query ? { q: query } : {}), trang: String(target) }).toString()}`;
  return (
    <PortalLayout portal={portal} title={title}>
      <h1>{title}</h1>
      <p className="td-lead">{t('cases.portal.qa.intro')}</p>
      <form method="get" action={QA_PATH} role="search" className="td-search">
        <TextField id="q" name="q" type="search" label={t('cases.portal.qa.searchLabel')} hint={t('cases.portal.qa.searchHint')} value={query} maxLength={CASE_SEARCH_QUERY_MAX} />
        <Button>{t('common.search')}</Button>
      </form>
      {/* One line either way: the count, or (when there is nothing) what to do instead — never "0 …" plus "none". */}
      <p role="status">
        {page.total === 0 ? (query ? t('cases.portal.qa.noResults') : t('cases.portal.qa.empty')) : query ? t('cases.portal.qa.resultsFor', { count: page.total, query }) : t('cases.portal.qa.count', { count: page.total })}
      </p>
      {page.items.map((item) => {
        // The heading is the published (redacted) title; the question text below it is shown once.
        const { body } = splitPublishedQuestion(item.question);
        return (
          <article key={item.code} className="td-qa">
            <h2>
              <VietnameseText pageLocale={portal.locale}>{item.title}</VietnameseText>
            </h2>
            <p className="td-secondary td-small">
              {item.categoryName} · {t('cases.portal.qa.publishedAt', { date: formatDate(item.publishedAt) })} · <a href={`/tra-cuu/${encodeURIComponent(item.code)}`}>{item.code}</a>
            </p>
            {body ? (
              <>
                <h3>{t('cases.portal.qa.question')}</h3>
                <VietnameseText pageLocale={portal.locale} as="div">
                  {body.split(/\n+/).map((paragraph, index) => (
                    <p key={`q${index}`}>{paragraph}</p>
                  ))}
                </VietnameseText>
              </>
            ) : null}
            <h3>{t('cases.portal.qa.answer')}</h3>
            <VietnameseText pageLocale={portal.locale} as="div" className="td-inset">
              {item.answer.split(/\n+/).map((paragraph, index) => (
                <p key={`a${index}`}>{paragraph}</p>
              ))}
            </VietnameseText>
          </article>
        );
      })}
      <Pager label={t('cases.portal.qa.paging')} page={page.page} pageCount={pageCount} href={link} pageOf={t('cases.portal.qa.pageOf', { page: page.page, pageCount })} previous={t('cases.portal.qa.previous')} next={t('cases.portal.qa.next')} />
    </PortalLayout>
  );
}
