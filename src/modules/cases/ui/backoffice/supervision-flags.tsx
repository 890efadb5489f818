/**
 * Supervision recommendations (`/staff/supervision`): every flag of the commune with its case, its
 * status, its answer deadline and the committee's answer (LAW-BASE-13: recommendation tracker with
 * its answer clock). For the supervising bodies who raise flags and the leaders who answer them
 * (permission `cases.supervision.read`); the filter stays in the address. Overdue flags are marked
 * in words and colour.
 */
import { z } from 'zod';
import { formatDateTime, formatDeadline } from '../../../../core/i18n/translate.js';
import { useApiQuery } from '../../../../core/ui/api-client.js';
import { StaffTable } from '../../../../core/ui/components/staff.js';
import { SUPERVISION_FLAG_FILTERS, supervisionFlagItemSchema } from '../../contract.js';
import { kindLabel } from '../components/case-words.js';
import { CasePage, LoadState, searchToRecord, StaffLink, useCaseI18n } from './kit.js';
import { FlagAnswer, FlagStatus } from './supervision-notes.js';

export const SUPERVISION_PATH = '/supervision';
const flagListSchema = z.array(supervisionFlagItemSchema);
type Filter = (typeof SUPERVISION_FLAG_FILTERS)[number];
const isFilter = (value: string | undefined): value is Filter => (SUPERVISION_FLAG_FILTERS as readonly string[]).includes(value ?? '');

export function SupervisionFlagsPage({ search }: { params: Readonly<Record<string, string>>; search: string }) {
  const { t, locale } = useCaseI18n();
  const requested = searchToRecord(search).filter;
  const filter: Filter = isFilter(requested) ? requested : 'open';
  const flags = useApiQuery('/api/v1/cases/supervision-flags', flagListSchema, { filter });
  return (
    <CasePage title={t('cases.backoffice.supervision.listTitle')}>
      <p>{t('cases.backoffice.supervision.listIntro')}</p>
      <nav aria-label={t('cases.backoffice.supervision.filter')} className="bo-tabs">
        <ul>
          {SUPERVISION_FLAG_FILTERS.map((value) => (
            <li key={value}>
              <StaffLink to={`${SUPERVISION_PATH}?filter=${value}`} className={value === filter ? 'bo-tab bo-tab--current' : 'bo-tab'}>
                {t(`cases.backoffice.supervision.filter.${value}`)}
                {value === filter ? <span className="td-visually-hidden"> {t('cases.backoffice.queue.current')}</span> : null}
              </StaffLink>
            </li>
          ))}
        </ul>
      </nav>
      <LoadState loaded={flags} t={t} />
      {flags.data && flags.data.length === 0 ? <p>{t('cases.backoffice.supervision.listNone')}</p> : null}
      {flags.data && flags.data.length > 0 ? (
        <StaffTable
          label={t('cases.backoffice.supervision.listTitle')}
          caption={t('cases.backoffice.supervision.listCaption', { count: flags.data.length })}
          columns={[t('cases.backoffice.supervision.column.case'), t('cases.backoffice.supervision.column.body'), t('cases.backoffice.supervision.column.status'), t('cases.backoffice.supervision.column.dueAt'), t('cases.backoffice.supervision.column.answer')]}
        >
          {flags.data.map((flag) => (
            <tr key={flag.id} className={flag.isOverdue ? 'bo-row--overdue' : undefined}>
              <th scope="row">
                <StaffLink to={`/cases/${flag.caseId}`}>{flag.caseCode}</StaffLink>
                <br />
                <span className="bo-hint">{kindLabel(flag.caseKind, t)}</span>
              </th>
              <td>
                <span className="bo-hint">{formatDateTime(flag.createdAt)}</span>
                <p>{flag.body}</p>
              </td>
              <td>
                <FlagStatus note={{ ...flag, answerDueAt: null }} t={t} locale={locale} />
              </td>
              <td>{flag.answerDueAt ? formatDeadline(flag.answerDueAt, locale) : '—'}</td>
              <td>{flag.answerBody || flag.reviewComment ? <FlagAnswer note={flag} t={t} /> : '—'}</td>
            </tr>
          ))}
        </StaffTable>
      ) : null}
    </CasePage>
  );
}
