import { useState, type FormEvent } from 'react';
import { calendarOverrideFormSchema, calendarOverrideKinds, calendarOverrideListSchema, CALENDAR_NOTE_MAX, savedCalendarOverrideSchema, type CalendarOverride, type CalendarOverrideKind, type SavedCalendarOverride } from '../../../core/calendar/contract.js';
import { formatLongDate, parseShortDate } from '../../../core/calendar/format-local-date.js';
import { isLocalDate } from '../../../core/calendar/local-date.js';
import { MarkedText } from '../../../core/ui/components/content.js';
import { api, apiRequest, useApiQuery } from '../api.js';
import { ErrorSummary, fieldId, TextField, toFormFailure, validateWith, type FormFailure } from '../form.js';
import { useI18n } from '../i18n.js';
import { LoadError, Loading, Page, StaffTable } from '../layout.js';

const overridesPath = '/api/v1/admin/calendar/overrides';

type Outcome = { tone: 'success' | 'error'; text: string };

/**
 * The commune's working calendar: public holidays (Tết included) are computed; admins only record
 * each year's official swaps (days off) and make-up working days. Deadlines follow in a job.
 */
export function CalendarPage() {
  const { t, locale } = useI18n();
  const overrides = useApiQuery(overridesPath, calendarOverrideListSchema);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const dateLabel = (date: string) => (isLocalDate(date) ? formatLongDate(date, locale) : date);

  const remove = async (override: CalendarOverride) => {
    const date = dateLabel(override.date);
    if (!window.confirm(t('backoffice.calendar.deleteConfirm', { date }))) return;
    try {
      await apiRequest('DELETE', `${overridesPath}/${override.date}`);
      setOutcome({ tone: 'success', text: t('backoffice.calendar.deleted', { date }) });
    } catch (error) {
      setOutcome({ tone: 'error', text: toFormFailure(error).message ?? '' });
    }
    overrides.reload();
  };

  return (
    <Page title={t('backoffice.nav.calendar')}>
      <p>
        <MarkedText text={t('backoffice.calendar.intro')} pageLocale={locale} />
      </p>
      <div aria-live="polite">{outcome ? <div className={`td-notice bo-notice--${outcome.tone}`}>{outcome.text}</div> : null}</div>
      <h2>{t('backoffice.calendar.listTitle')}</h2>
      {overrides.error ? <LoadError error={overrides.error} onRetry={overrides.reload} /> : null}
      {overrides.isLoading ? <Loading /> : null}
      {overrides.data && overrides.data.length === 0 ? <p>{t('backoffice.calendar.empty')}</p> : null}
      {overrides.data && overrides.data.length > 0 ? (
        <StaffTable label={t('backoffice.calendar.listTitle')} caption={t('backoffice.calendar.caption', { count: overrides.data.length })} columns={[t('backoffice.calendar.field.date'), t('backoffice.calendar.field.kind'), t('backoffice.calendar.field.note'), t('backoffice.actions')]}>
          {overrides.data.map((override) => (
            <tr key={override.date}>
              <th scope="row">{dateLabel(override.date)}</th>
              <td>{t(`backoffice.calendar.kind.${override.kind}`)}</td>
              <td className="bo-break">{override.note}</td>
              <td>
                <button type="button" className="td-button td-button--warning bo-button--small" onClick={() => void remove(override)}>
                  {t('backoffice.calendar.delete')}
                  <span className="td-visually-hidden"> {dateLabel(override.date)}</span>
                </button>
              </td>
            </tr>
          ))}
        </StaffTable>
      ) : null}
      <h2>{t('backoffice.calendar.addTitle')}</h2>
      <OverrideForm
        onSaved={(saved) => {
          // Re-entering a listed date replaces its kind and note: say "updated", not "saved".
          setOutcome({ tone: 'success', text: t(saved.isCreated ? 'backoffice.calendar.saved' : 'backoffice.calendar.updated', { date: dateLabel(saved.date) }) });
          overrides.reload();
        }}
      />
    </Page>
  );
}

function OverrideForm({ onSaved }: { onSaved: (saved: SavedCalendarOverride) => void }) {
  const { t } = useI18n();
  const [values, setValues] = useState<{ date: string; kind: CalendarOverrideKind | ''; note: string }>({ date: '', kind: '', note: '' });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const labels: Record<string, string> = {
    date: t('backoffice.calendar.field.date'),
    kind: t('backoffice.calendar.field.kind'),
    note: t('backoffice.calendar.field.note'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Blank fields are "not given", so the schema words them as missing rather than malformed. The
    // date is typed day first (dd/mm/yyyy), as everywhere in Vietnam; the API takes it as yyyy-mm-dd.
    const typedDate = values.date.trim();
    const date = typedDate === '' ? undefined : (parseShortDate(typedDate) ?? undefined);
    const checked = validateWith(calendarOverrideFormSchema, { date, kind: values.kind || undefined, note: values.note }, t);
    if (!checked.success) {
      // A date that could not be read is reported as such, not as missing (it stays first in the summary).
      const isUnreadable = typedDate !== '' && date === undefined;
      setFailure({ fields: isUnreadable ? { ...checked.errors, date: t('backoffice.calendar.errors.dateFormat') } : checked.errors });
      return;
    }
    setIsSaving(true);
    try {
      const { date, ...body } = checked.data;
      const saved = await api.put(`${overridesPath}/${date}`, body, { schema: savedCalendarOverrideSchema });
      setFailure(null);
      setValues({ date: '', kind: '', note: '' });
      onSaved(saved);
    } catch (error) {
      // The server's calendar rules (a make-up day on a working day, a date years away…) come back
      // as field errors on `date` or `kind` and show on those fields and in the summary.
      setFailure(toFormFailure(error));
    } finally {
      setIsSaving(false);
    }
  };

  const kindError = failure?.fields.kind;
  return (
    <form className="bo-form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary failure={failure} labels={labels} />
      <TextField name="date" label={labels.date!} hint={t('backoffice.calendar.hint.date')} autoComplete="off" spellCheck={false} maxLength={10} className="td-input--short" value={values.date} onValueChange={(date) => setValues((current) => ({ ...current, date }))} error={failure?.fields.date} required />
      <div className={kindError ? 'td-form-group td-form-group--error' : 'td-form-group'}>
        <fieldset className="td-fieldset" aria-describedby={kindError ? `${fieldId('kind')}-error` : undefined}>
          <legend className="td-legend">{labels.kind}</legend>
          {kindError ? (
            <p className="td-error-message" id={`${fieldId('kind')}-error`}>
              <span className="td-visually-hidden">{t('backoffice.form.errorPrefix')} </span>
              {kindError}
            </p>
          ) : null}
          {calendarOverrideKinds.map((kind, index) => {
            const id = index === 0 ? fieldId('kind') : `${fieldId('kind')}-${index + 1}`;
            return (
              <div key={kind} className="bo-radio">
                <input type="radio" id={id} name="kind" value={kind} checked={values.kind === kind} onChange={() => setValues((current) => ({ ...current, kind }))} aria-invalid={kindError ? true : undefined} />
                <label htmlFor={id}>{t(`backoffice.calendar.kind.${kind}`)}</label>
              </div>
            );
          })}
        </fieldset>
      </div>
      <TextField name="note" label={labels.note!} hint={t('backoffice.calendar.hint.note')} value={values.note} onValueChange={(note) => setValues((current) => ({ ...current, note }))} error={failure?.fields.note} maxLength={CALENDAR_NOTE_MAX} required />
      <div className="bo-form-actions">
        <button type="submit" className="td-button" disabled={isSaving}>
          {t('backoffice.calendar.add')}
        </button>
      </div>
    </form>
  );
}
