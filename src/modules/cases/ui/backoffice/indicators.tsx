/**
 * Case indicators (`/staff/cases/indicators`, permission `cases.indicators`): how the commune answers
 * what residents send, aligned with PAPI (issue 3, point 14). Period and grouping live in the
 * address (yyyy-mm-dd, so links and reloads keep them); dates are typed day first (dd/mm/yyyy).
 * One table row per group, by human name, then the commune-wide row; the same table downloads as CSV.
 * Open cases past their deadline count against the on-time rate, as the national portal scores late
 * items (LAW-PAKN-08); the chairman's periodic reports (LAW-RECEP-02) and the Front's supervision of
 * how cases are resolved (LAW-DEMO-56) read these figures.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { formatShortDate, parseShortDate } from '../../../../core/calendar/format-local-date.js';
import { toLocalDate, type LocalDate } from '../../../../core/calendar/local-date.js';
import { formatNumber, type Locale, type Translate } from '../../../../core/i18n/translate.js';
import { ApiError, useApiQuery, type FieldErrors } from '../../../../core/ui/api-client.js';
import { StaffTable } from '../../../../core/ui/components/staff.js';
import { caseIndicatorsViewSchema, indicatorGroupBySchema, type CaseIndicatorsView } from '../../contract.js';
import { CASE_KINDS, CASE_STATUSES, INDICATOR_COLUMNS, INDICATOR_FRACTION_DIGITS, indicatorCellValue, isPercentColumn, orderIndicatorGroups, type IndicatorColumn, type IndicatorFigures } from '../../domain/index.js';
import { ErrorSummary, Field, useAdminI18n } from './admin-kit.js';
import { QUICK_PERIODS, quickPeriod } from './indicators-period.js';
import { CasePage, goTo, LoadState, searchToRecord, StaffLink } from './kit.js';

export const INDICATORS_PATH = '/cases/indicators';
const API = '/api/v1/cases/indicators';
const GROUP_BY_CHOICES = indicatorGroupBySchema.options;
type GroupBy = (typeof GROUP_BY_CHOICES)[number];

interface Filters {
  from: LocalDate;
  to: LocalDate;
  groupBy: GroupBy;
}

function toSearch(filters: Filters): string {
  return `?${new URLSearchParams({ from: filters.from, to: filters.to, groupBy: filters.groupBy }).toString()}`;
}

/** A date from the address shown as typed (dd/mm/yyyy); anything unreadable is shown as it came. */
const typedDate = (value: string) => (parseShortDate(value) === value ? formatShortDate(value) : value);

/** A figure in the page's language: `92,5 %` in Vietnamese, `92.5%` in English; no figure reads "—". */
function FigureCell({ figures, column, locale, t }: { figures: IndicatorFigures; column: IndicatorColumn; locale: Locale; t: Translate }) {
  const value = indicatorCellValue(figures, column);
  if (value === null) {
    return (
      <td className="td-num">
        <span aria-hidden="true">—</span>
        <span className="td-visually-hidden">{t('cases.backoffice.indicators.noValue')}</span>
      </td>
    );
  }
  const text = formatNumber(value, locale, INDICATOR_FRACTION_DIGITS[column]);
  return <td className="td-num">{isPercentColumn(column) ? (locale === 'vi' ? `${text} %` : `${text}%`) : text}</td>;
}

export function CaseIndicatorsPage({ search }: { params: Readonly<Record<string, string>>; search: string }) {
  const { t, locale } = useAdminI18n();
  const today = toLocalDate(new Date());
  const params = searchToRecord(search);
  const yearToDate = quickPeriod('thisYear', today);
  const filters: Filters = {
    from: params.from ?? yearToDate.from,
    to: params.to ?? yearToDate.to,
    groupBy: GROUP_BY_CHOICES.includes(params.groupBy as GroupBy) ? (params.groupBy as GroupBy) : 'none',
  };
  const loaded = useApiQuery(API, caseIndicatorsViewSchema, { ...filters, lang: locale });

  // The form edits a draft; when the address changes (a quick choice, back) the draft follows it.
  const [draft, setDraft] = useState({ from: typedDate(filters.from), to: typedDate(filters.to), groupBy: filters.groupBy });
  const [draftSearch, setDraftSearch] = useState(search);
  const [typingErrors, setTypingErrors] = useState<FieldErrors>({});
  if (draftSearch !== search) {
    setDraftSearch(search);
    setDraft({ from: typedDate(filters.from), to: typedDate(filters.to), groupBy: filters.groupBy });
    setTypingErrors({});
  }
  // The API's own refusals (a period that ends before it starts) land on the field they name.
  const apiErrors = useMemo<FieldErrors>(() => {
    if (!(loaded.error instanceof ApiError)) return {};
    return Object.fromEntries(Object.entries(loaded.error.fieldErrors).map(([field, message]) => [field.replace(/^querystring\./, ''), message]));
  }, [loaded.error]);
  const errors = Object.keys(typingErrors).length > 0 ? typingErrors : apiErrors;
  const labels: Record<string, string> = {
    from: t('cases.backoffice.indicators.field.from'),
    to: t('cases.backoffice.indicators.field.to'),
    groupBy: t('cases.backoffice.indicators.field.groupBy'),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const from = parseShortDate(draft.from);
    const to = parseShortDate(draft.to);
    const unreadable: FieldErrors = {};
    if (!from) unreadable.from = t('cases.backoffice.indicators.errors.dateFormat');
    if (!to) unreadable.to = t('cases.backoffice.indicators.errors.dateFormat');
    if (!from || !to) {
      setTypingErrors(unreadable);
      return;
    }
    setTypingErrors({});
    goTo(`${INDICATORS_PATH}${toSearch({ from, to, groupBy: draft.groupBy })}`);
  };

  const dateField = (name: 'from' | 'to') => (
    <Field name={name} label={labels[name]!} hint={t('cases.backoffice.indicators.hint.date')} error={errors[name]} t={t}>
      {(control) => <input {...control} className="bo-input bo-input--short" autoComplete="off" spellCheck={false} maxLength={10} value={draft[name]} onChange={(event) => setDraft((current) => ({ ...current, [name]: event.target.value }))} />}
    </Field>
  );
  const hasFieldErrors = Object.keys(errors).length > 0;

  return (
    <CasePage title={t('cases.backoffice.indicators.title')}>
      <p>{t('cases.backoffice.indicators.intro')}</p>
      <nav aria-label={t('cases.backoffice.indicators.quick')} className="bo-tabs">
        <ul>
          {QUICK_PERIODS.map((choice) => {
            const period = quickPeriod(choice, today);
            const isCurrent = period.from === filters.from && period.to === filters.to;
            return (
              <li key={choice}>
                <StaffLink to={`${INDICATORS_PATH}${toSearch({ ...period, groupBy: filters.groupBy })}`} className={isCurrent ? 'bo-tab bo-tab--current' : 'bo-tab'}>
                  {t(`cases.backoffice.indicators.quick.${choice}`)}
                  {isCurrent ? <span className="td-visually-hidden"> {t('cases.backoffice.indicators.current')}</span> : null}
                </StaffLink>
              </li>
            );
          })}
        </ul>
      </nav>
      <form className="bo-filters" onSubmit={submit} noValidate aria-label={t('cases.backoffice.indicators.filters')}>
        <ErrorSummary message={null} errors={errors} labels={labels} t={t} />
        {dateField('from')}
        {dateField('to')}
        <Field name="groupBy" label={labels.groupBy!} t={t}>
          {(control) => (
            <select {...control} className="bo-select" value={draft.groupBy} onChange={(event) => setDraft((current) => ({ ...current, groupBy: event.target.value as GroupBy }))}>
              {GROUP_BY_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {t(`cases.backoffice.indicators.groupBy.${choice}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="bo-actions">
          <button type="submit" className="bo-button">
            {t('cases.backoffice.indicators.show')}
          </button>
        </div>
      </form>
      {/* Field errors are already in the summary above; anything else (network, 403) shows here. */}
      {hasFieldErrors ? null : <LoadState loaded={loaded} t={t} />}
      {loaded.data ? <IndicatorTables view={loaded.data} locale={locale} t={t} /> : null}
    </CasePage>
  );
}

function IndicatorTables({ view, locale, t }: { view: CaseIndicatorsView; locale: Locale; t: Translate }) {
  const period = { from: formatShortDate(view.from), to: formatShortDate(view.to) };
  const groupBy = view.groupBy;
  const keys = orderIndicatorGroups(groupBy, Object.keys(view.groups), (key) => view.groupNames[key] ?? key);
  const caption = groupBy === 'none' ? t('cases.backoffice.indicators.captionOverall', period) : t('cases.backoffice.indicators.caption', { ...period, group: t(`cases.backoffice.indicators.groupBy.${groupBy}`).toLocaleLowerCase(locale) });
  const groupHeader = groupBy === 'none' ? t('cases.backoffice.indicators.column.scope') : t(`cases.backoffice.indicators.groupBy.${groupBy}`);
  const csv = `${API}.csv?${new URLSearchParams({ from: view.from, to: view.to, groupBy, lang: locale }).toString()}`;
  const row = (key: string, name: ReactNode, figures: IndicatorFigures, className?: string) => (
    <tr key={key} className={className}>
      <th scope="row">{name}</th>
      {INDICATOR_COLUMNS.map((column) => (
        <FigureCell key={column} figures={figures} column={column} locale={locale} t={t} />
      ))}
    </tr>
  );
  const counts = (label: string, header: string, entries: ReadonlyArray<{ key: string; name: string; count: number }>) => (
    <StaffTable label={label} caption={label} columns={[header, { header: t('cases.backoffice.indicators.column.count'), isNumeric: true }]}>
      {entries.map((entry) => (
        <tr key={entry.key}>
          <th scope="row">{entry.name}</th>
          <td className="td-num">{formatNumber(entry.count, locale)}</td>
        </tr>
      ))}
    </StaffTable>
  );
  return (
    <section aria-labelledby="indicators-result">
      <h2 id="indicators-result">{t('cases.backoffice.indicators.period', period)}</h2>
      {view.overall.total === 0 ? <p>{t('cases.backoffice.indicators.empty')}</p> : null}
      <StaffTable label={t('cases.backoffice.indicators.tableLabel')} caption={caption} wide columns={[groupHeader, ...INDICATOR_COLUMNS.map((column) => ({ header: t(`cases.backoffice.indicators.column.${column}`), isNumeric: true }))]}>
        {keys.map((key) => row(key, view.groupNames[key] ?? key, view.groups[key]!))}
        {row('overall', <strong>{t('cases.backoffice.indicators.overall')}</strong>, view.overall, 'bo-row--total')}
      </StaffTable>
      {view.anonymousCorruptionReports > 0 ? <p>{t('cases.backoffice.indicators.anonymous', { count: formatNumber(view.anonymousCorruptionReports, locale) })}</p> : null}
      <p>
        <a className="bo-button bo-button--secondary" href={csv} download>
          {t('cases.backoffice.indicators.download')}
        </a>
      </p>
      <p className="bo-hint">{t('cases.backoffice.indicators.downloadHint')}</p>
      <details className="bo-details">
        <summary>{t('cases.backoffice.indicators.breakdown')}</summary>
        {counts(
          t('cases.backoffice.indicators.byStatus'),
          t('cases.backoffice.indicators.column.status'),
          CASE_STATUSES.filter((status) => (view.overall.byStatus[status] ?? 0) > 0).map((status) => ({ key: status, name: t(`cases.status.${status}`), count: view.overall.byStatus[status]! })),
        )}
        {counts(
          t('cases.backoffice.indicators.byKind'),
          t('cases.backoffice.indicators.column.kind'),
          CASE_KINDS.filter((kind) => (view.overall.byKind[kind] ?? 0) > 0).map((kind) => ({ key: kind, name: t(`cases.kind.${kind}`), count: view.overall.byKind[kind]! })),
        )}
      </details>
    </section>
  );
}
