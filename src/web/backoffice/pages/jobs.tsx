import { useState } from 'react';
import { jobPageSchema, jobStatuses, jobSummarySchema, type JobSummary } from '../../../core/jobs/contract.js';
import { formatDateTime } from '../../../core/i18n/translate.js';
import { api, useApiQuery } from '../api.js';
import { SelectField, toFormFailure } from '../form.js';
import { useI18n } from '../i18n.js';
import { LoadError, Loading, Page, Pagination, StaffTable, Tag } from '../layout.js';
import { navigate } from '../router.js';
import type { RouteProps } from '../route-types.js';

const PAGE_SIZE = 20;
const statusTone = { queued: 'info', running: 'info', succeeded: 'success', failed: 'error' } as const;

function readFilters(search: string) {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const page = Number(params.get('page') ?? '1');
  return { status: (jobStatuses as readonly string[]).includes(status ?? '') ? (status as JobSummary['status']) : 'failed', page: Number.isInteger(page) && page > 0 ? page : 1 };
}

/** Background jobs, failed ones first: what went wrong, how many tries, and a retry button. */
export function JobsPage({ search }: RouteProps) {
  const { t } = useI18n();
  const filters = readFilters(search);
  const jobs = useApiQuery('/api/v1/admin/jobs', jobPageSchema, { status: filters.status, page: filters.page, pageSize: PAGE_SIZE });
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const retry = async (job: JobSummary) => {
    try {
      await api.post(`/api/v1/admin/jobs/${job.id}/retry`, {}, { schema: jobSummarySchema });
      setOutcome({ tone: 'success', text: t('backoffice.jobs.retried', { name: job.name }) });
      jobs.reload();
    } catch (error) {
      setOutcome({ tone: 'error', text: toFormFailure(error).message ?? '' });
    }
  };
  return (
    <Page title={t('backoffice.nav.jobs')}>
      <p>{t('backoffice.jobs.intro')}</p>
      <div className="bo-filters">
        <SelectField name="status" label={t('backoffice.jobs.status')} value={filters.status} onValueChange={(status) => navigate(`/admin/jobs?status=${status}`)} options={jobStatuses.map((status) => ({ value: status, label: t(`backoffice.jobs.status.${status}`) }))} />
      </div>
      <div aria-live="polite">{outcome ? <div className={`td-notice bo-notice--${outcome.tone}`}>{outcome.text}</div> : null}</div>
      {jobs.error ? <LoadError error={jobs.error} onRetry={jobs.reload} /> : null}
      {jobs.isLoading ? <Loading /> : null}
      {jobs.data ? (
        <>
          <p>{t('backoffice.jobs.found', { total: jobs.data.total })}</p>
          {jobs.data.items.length > 0 ? (
            <StaffTable label={t('backoffice.nav.jobs')} caption={t('backoffice.nav.jobs')} columns={[t('backoffice.jobs.name'), t('backoffice.jobs.status'), { header: t('backoffice.jobs.attempts'), isNumeric: true }, t('backoffice.jobs.updatedAt'), t('backoffice.jobs.lastError'), <span className="td-visually-hidden">{t('backoffice.actions')}</span>]}>
              {jobs.data.items.map((job) => (
                <tr key={job.id}>
                  <th scope="row" className="bo-break">
                    <code>{job.name}</code>
                  </th>
                  <td>
                    <Tag tone={statusTone[job.status]}>{t(`backoffice.jobs.status.${job.status}`)}</Tag>
                  </td>
                  <td className="td-num">
                    {job.attempts}/{job.maxAttempts}
                  </td>
                  <td>{formatDateTime(job.updatedAt)}</td>
                  <td className="bo-break">{job.lastError ?? '—'}</td>
                  <td>
                    {job.status === 'failed' ? (
                      <button type="button" className="td-button td-button--secondary bo-button--small" onClick={() => void retry(job)}>
                        {t('backoffice.jobs.retry')}
                        <span className="td-visually-hidden"> {job.name}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </StaffTable>
          ) : null}
          <Pagination page={jobs.data.page} pageSize={jobs.data.pageSize} total={jobs.data.total} onPage={(page) => navigate(`/admin/jobs?status=${filters.status}&page=${page}`)} />
        </>
      ) : null}
    </Page>
  );
}
