/**
 * Case settings of the commune (`/staff/admin/case-settings`): reopening, automatic closing,
 * deadline reminders, attachment limits, how long a follower's e-mail has to confirm and the box a map
 * point must fall in. Checked with the API's own schema before saving.
 */
import { useState, type FormEvent } from 'react';
import {
  CASE_ATTACHMENT_MAX_BYTES_HARD_CAP,
  CASE_ATTACHMENT_MIN_BYTES,
  CASE_AUTO_CLOSE_DAYS_MAX,
  CASE_FOLLOW_CONFIRMATION_DAYS_MAX,
  CASE_MAX_ATTACHMENTS_HARD_CAP,
  CASE_MAX_REOPEN_COUNT_MAX,
  CASE_REMINDER_DAY_MAX,
  CASE_REMINDERS_MAX,
  CASE_REOPEN_WINDOW_MAX,
  CASE_SUPERVISION_ANSWER_DAYS_MAX,
  caseSettingsViewSchema,
  updateCaseSettingsSchema,
  type CaseSettingsView,
} from '../../contract.js';
import { formatDateTime } from '../../../../core/i18n/translate.js';
import { apiRequest, type FieldErrors, useApiQuery } from '../../../../core/ui/api-client.js';
import { toOptionalNumber, validateWith } from '../../../../core/ui/client-form.js';
import { ErrorSummary, failureOf, Field, useAdminI18n } from './admin-kit.js';
import { CasePage, LoadState } from './kit.js';

const API = '/api/v1/admin/cases/settings';
const MB = 1024 * 1024;
const BOX_SIDES = ['south', 'north', 'west', 'east'] as const;

/** A typed coordinate as the API takes it (a decimal comma read as a dot); anything else is sent as typed, for the schema to name. */
function toCoordinate(text: string): number | string | null {
  const value = text.trim().replace(',', '.');
  if (value === '') return null;
  return /^-?\d{1,3}(\.\d+)?$/.test(value) ? Number(value) : value;
}

export function CaseSettingsPage(_props: { params: Readonly<Record<string, string>>; search: string }) {
  const { t } = useAdminI18n();
  const loaded = useApiQuery(API, caseSettingsViewSchema);
  return (
    <CasePage title={t('cases.backoffice.settings.title')}>
      <p>{t('cases.backoffice.settings.intro')}</p>
      <LoadState loaded={loaded} t={t} />
      {loaded.data ? <SettingsForm key={loaded.data.updatedAt ?? 'defaults'} settings={loaded.data} /> : null}
    </CasePage>
  );
}

function SettingsForm({ settings }: { settings: CaseSettingsView }) {
  const { t } = useAdminI18n();
  const [values, setValues] = useState<Record<string, string>>({
    reopenWindowDays: String(settings.reopenWindowDays),
    maxReopenCount: String(settings.maxReopenCount),
    autoCloseAfterDays: String(settings.autoCloseAfterDays),
    reminderDaysBefore: settings.reminderDaysBefore.join(', '),
    maxAttachments: String(settings.maxAttachments),
    attachmentMaxMb: String(Math.round((settings.attachmentMaxBytes / MB) * 10) / 10),
    followConfirmationDays: String(settings.followConfirmationDays),
    supervisionAnswerDays: String(settings.supervisionAnswerDays),
    supervisionAnswerUnit: settings.supervisionAnswerUnit,
    ...Object.fromEntries(BOX_SIDES.map((side) => [`mapBounds.${side}`, String(settings.mapBounds[side])])),
  });
  const [saved, setSaved] = useState<CaseSettingsView | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const labels: Record<string, string> = {
    reopenWindowDays: t('cases.backoffice.settings.reopenWindowDays', { max: CASE_REOPEN_WINDOW_MAX }),
    maxReopenCount: t('cases.backoffice.settings.maxReopenCount', { max: CASE_MAX_REOPEN_COUNT_MAX }),
    autoCloseAfterDays: t('cases.backoffice.settings.autoCloseAfterDays', { max: CASE_AUTO_CLOSE_DAYS_MAX }),
    reminderDaysBefore: t('cases.backoffice.settings.reminderDaysBefore'),
    maxAttachments: t('cases.backoffice.settings.maxAttachments', { max: CASE_MAX_ATTACHMENTS_HARD_CAP }),
    attachmentMaxBytes: t('cases.backoffice.settings.attachmentMaxMb', { min: CASE_ATTACHMENT_MIN_BYTES / 1024, max: CASE_ATTACHMENT_MAX_BYTES_HARD_CAP / MB }),
    followConfirmationDays: t('cases.backoffice.settings.followConfirmationDays', { max: CASE_FOLLOW_CONFIRMATION_DAYS_MAX }),
    supervisionAnswerDays: t('cases.backoffice.settings.supervisionAnswerDays', { max: CASE_SUPERVISION_ANSWER_DAYS_MAX }),
    supervisionAnswerUnit: t('cases.backoffice.settings.supervisionAnswerUnit'),
    ...Object.fromEntries(BOX_SIDES.map((side) => [`mapBounds.${side}`, t(`cases.backoffice.settings.mapBounds.${side}`)])),
  };

  const body = () => {
    const mb = values.attachmentMaxMb?.trim().replace(',', '.') ?? '';
    return {
      reopenWindowDays: toOptionalNumber(values.reopenWindowDays ?? ''),
      maxReopenCount: toOptionalNumber(values.maxReopenCount ?? ''),
      autoCloseAfterDays: toOptionalNumber(values.autoCloseAfterDays ?? ''),
      reminderDaysBefore: (values.reminderDaysBefore ?? '').split(/[\s,;]+/).filter(Boolean).map(toOptionalNumber),
      maxAttachments: toOptionalNumber(values.maxAttachments ?? ''),
      attachmentMaxBytes: mb === '' ? null : /^\d+(\.\d+)?$/.test(mb) ? Math.round(Number(mb) * MB) : mb,
      followConfirmationDays: toOptionalNumber(values.followConfirmationDays ?? ''),
      supervisionAnswerDays: toOptionalNumber(values.supervisionAnswerDays ?? ''),
      supervisionAnswerUnit: values.supervisionAnswerUnit,
      mapBounds: Object.fromEntries(BOX_SIDES.map((side) => [side, toCoordinate(values[`mapBounds.${side}`] ?? '')])),
    };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setSaved(null);
    const checked = validateWith(updateCaseSettingsSchema, body(), t);
    // A list's error goes on its field (reminderDaysBefore.1 → reminderDaysBefore); each side of the map box has its own.
    const toErrors = (fieldErrors: FieldErrors) => Object.fromEntries(Object.entries(fieldErrors).map(([field, text]) => [field.startsWith('mapBounds.') ? field : (field.split('.')[0] ?? field), text]));
    if (!checked.success) {
      setErrors(toErrors(checked.errors));
      return;
    }
    setErrors({});
    setIsBusy(true);
    try {
      setSaved(await apiRequest('PUT', API, { body: checked.data, schema: caseSettingsViewSchema }));
    } catch (caught) {
      const failure = failureOf(caught);
      setErrors(toErrors(failure.errors));
      setMessage(failure.message);
    } finally {
      setIsBusy(false);
    }
  };

  const numberInput = (name: string, hint?: string, valueKey: string = name, inputMode: 'numeric' | 'decimal' | 'text' = name === 'reminderDaysBefore' ? 'text' : 'numeric') => (
    <Field name={name} label={labels[name]!} error={errors[name]} hint={hint} t={t}>
      {(control) => <input {...control} className="bo-input bo-input--short" inputMode={inputMode} value={values[valueKey] ?? ''} onChange={(event) => setValues((current) => ({ ...current, [valueKey]: event.target.value }))} />}
    </Field>
  );

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ErrorSummary message={message} errors={errors} labels={labels} t={t} />
      {saved ? (
        <p className="bo-notice bo-notice--success" role="status">
          {t('cases.backoffice.settings.saved', { at: saved.updatedAt ? formatDateTime(saved.updatedAt) : '' })}
        </p>
      ) : null}
      <fieldset className="bo-fieldset">
        <legend>{t('cases.backoffice.settings.lifecycle')}</legend>
        {numberInput('reopenWindowDays', t('cases.backoffice.settings.reopenWindowDaysHint'))}
        {numberInput('maxReopenCount', t('cases.backoffice.settings.maxReopenCountHint'))}
        {numberInput('autoCloseAfterDays', t('cases.backoffice.settings.autoCloseAfterDaysHint'))}
      </fieldset>
      <fieldset className="bo-fieldset">
        <legend>{t('cases.backoffice.settings.reminders')}</legend>
        {numberInput('reminderDaysBefore', t('cases.backoffice.settings.reminderDaysBeforeHint', { count: CASE_REMINDERS_MAX, max: CASE_REMINDER_DAY_MAX }))}
      </fieldset>
      <fieldset className="bo-fieldset">
        <legend>{t('cases.backoffice.settings.attachments')}</legend>
        {numberInput('maxAttachments', t('cases.backoffice.settings.maxAttachmentsHint'))}
        {numberInput('attachmentMaxBytes', undefined, 'attachmentMaxMb')}
      </fieldset>
      <fieldset className="bo-fieldset">
        <legend>{t('cases.backoffice.settings.followers')}</legend>
        {numberInput('followConfirmationDays', t('cases.backoffice.settings.followConfirmationDaysHint'))}
      </fieldset>
      <fieldset className="bo-fieldset">
        <legend>{t('cases.backoffice.settings.supervision')}</legend>
        {numberInput('supervisionAnswerDays', t('cases.backoffice.settings.supervisionAnswerDaysHint'))}
        <Field name="supervisionAnswerUnit" label={labels.supervisionAnswerUnit!} error={errors.supervisionAnswerUnit} t={t}>
          {(control) => (
            <select {...control} className="bo-select" value={values.supervisionAnswerUnit ?? 'calendar_days'} onChange={(event) => setValues((current) => ({ ...current, supervisionAnswerUnit: event.target.value }))}>
              {(['calendar_days', 'working_days'] as const).map((unit) => (
                <option key={unit} value={unit}>
                  {t(`cases.backoffice.settings.unit.${unit}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <fieldset className="bo-fieldset">
        <legend>{t('cases.backoffice.settings.mapBounds')}</legend>
        <p className="bo-hint">{t('cases.backoffice.settings.mapBoundsHint')}</p>
        {BOX_SIDES.map((side) => numberInput(`mapBounds.${side}`, undefined, `mapBounds.${side}`, 'decimal'))}
      </fieldset>
      <button type="submit" className="bo-button" disabled={isBusy}>
        {t('cases.backoffice.settings.save')}
      </button>
    </form>
  );
}
