/** Staff intake (`/staff/cases/intake`): an officer enters a case on a resident's behalf (walk-in, phone, letter…). */
import { useRef, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { areaSchema } from '../../../../core/tenancy/contract.js';
import { ApiError, apiRequest, useApiQuery } from '../../../../core/ui/api-client.js';
import { parseShortDateTime } from '../../../../core/calendar/format-local-date.js';
import { formatDateTime, formatDeadline, formatNumber, markVietnamese, type Locale } from '../../../../core/i18n/translate.js';
import { MarkedText } from '../../../../core/ui/components/content.js';
import { StaffErrorSummary } from '../../../../core/ui/components/staff.js';
import { CASE_ADDRESS_MAX, CASE_ATTACHMENT_TYPES, CASE_DESCRIPTION_MAX, CASE_EMAIL_MAX, CASE_NAME_MAX, CASE_PHONE_MAX, CASE_TITLE_MAX, categorySchema, RECIPIENT_LOCALES, STAFF_INTAKE_CHANNELS, staffIntakeLimitsSchema, staffIntakeResultSchema, type StaffIntakeResult } from '../../contract.js';
import { CASE_KINDS, getCaseKindPolicy, MAP_POINT_TEXT_MAX, parseMapPoint, VIETNAM_MAP_BOUNDS, type CaseKind, type PrivacyChoice } from '../../domain/index.js';
import { locationError } from '../portal/submit-flow.js';
import { formatMegabytes } from '../components/case-words.js';
import { kindLabel, privacyLabel, whoSeesWhat } from '../components/case-words.js';
import { CasePage, FieldError, StaffLink, useCaseI18n } from './kit.js';

/** The form's fields in the order it shows them (the error summary follows it). */
const FIELD_ORDER = ['channel', 'receivedAt', 'kind', 'categoryId', 'areaId', 'address', 'location', 'title', 'description', 'privacy', 'submitter.fullName', 'submitter.phone', 'submitter.email', 'submitter.address', 'recipientLocale', 'attachments'] as const;
/** Each language named in itself (and marked as such, WCAG 3.1.2), as a language switch does. */
const LOCALE_AUTONYMS: Readonly<Record<(typeof RECIPIENT_LOCALES)[number], string>> = { vi: 'Tiếng Việt', en: 'English' };
const INITIAL_VALUES = { channel: 'walk_in', kind: 'feedback', privacy: 'handler_only', recipientLocale: 'vi' };
const MB = 1024 * 1024;

/** A file's size as people read it: "12,3 kB" / "1,5 MB" in Vietnamese, "12.3 kB" in English. */
function formatFileSize(bytes: number, locale: Locale): string {
  return bytes >= MB ? `${formatNumber(bytes / MB, locale, 1)} MB` : `${formatNumber(Math.max(bytes, 1) / 1024, locale, 1)} kB`;
}


/**
 * The server names a refused file `attachments.<n>` (type, size) or the list `attachments` (count);
 * a file over the upload cap of the multipart parser comes back as a bare 413, a refused body as 415.
 * All of them are shown next to the one file field (LAW-COMPLAINT-13: the case file keeps what the resident brought).
 */
function attachmentErrorOf(error: ApiError, fallback: { tooLarge: string; type: string }): string | undefined {
  const own = error.fieldErrors.attachments ?? Object.entries(error.fieldErrors).find(([field]) => field.startsWith('attachments.'))?.[1];
  if (own) return own;
  if (error.status === 413) return fallback.tooLarge;
  if (error.status === 415) return fallback.type;
  return undefined;
}

export function CaseIntakePage(_props: { params: Readonly<Record<string, string>>; search: string }) {
  const { t, locale } = useCaseI18n();
  const categories = useApiQuery('/api/v1/cases/categories', z.array(categorySchema));
  const areas = useApiQuery('/api/v1/areas', z.array(areaSchema));
  // The commune's limits, the same settings the portal form states and the upload checks (issue 3 point 11).
  const limits = useApiQuery('/api/v1/cases/intake/limits', staffIntakeLimitsSchema);
  // The scanned letter, photos (LAW-COMPLAINT-01 related documents): only names, sizes and the count are read here.
  const [files, setFiles] = useState<File[]>([]);
  const [values, setValues] = useState<Record<string, string>>(INITIAL_VALUES);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [result, setResult] = useState<StaffIntakeResult | null>(null);
  // Bumped on every failed submit, so the error summary takes focus each time (not only the first).
  const [failureCount, setFailureCount] = useState(0);
  const [isSaving, setIsSaving] = useState(false);
  const savingRef = useRef(false);
  const kind = (values.kind ?? 'feedback') as CaseKind;
  const policy = getCaseKindPolicy(kind);
  const privacy = (policy.allowedPrivacy.includes(values.privacy as PrivacyChoice) ? values.privacy : policy.defaultPrivacy) as PrivacyChoice;
  const set = (name: string) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value }));
  const optional = (name: string) => ((values[name] ?? '').trim() === '' ? null : (values[name] ?? '').trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // One case per click: a double click (or Enter pressed twice) must not file it twice.
    if (savingRef.current) return;
    setErrors({});
    setMessage(null);
    const asksIdentity = policy.isIdentityAsked && privacy !== 'anonymous';
    // Typed day first in Vietnam time (not a native field, which shows the browser's own order and
    // reads the computer's time zone).
    const typedReceivedAt = optional('receivedAt');
    const receivedAt = typedReceivedAt === null ? null : parseShortDateTime(typedReceivedAt);
    if (typedReceivedAt !== null && receivedAt === null) {
      setErrors({ receivedAt: t('cases.backoffice.intake.receivedAtFormat') });
      setFailureCount((count) => count + 1);
      return;
    }
    const limit = limits.data;
    // The same reading and messages as the portal's field (a pasted point or map link, the commune's box).
    const bounds = limit?.mapBounds ?? VIETNAM_MAP_BOUNDS;
    const typedLocation = optional('location');
    const locationProblem = typedLocation === null ? null : locationError(typedLocation, bounds);
    if (locationProblem) {
      setErrors({ location: t(locationProblem.key, locationProblem.params) });
      setFailureCount((count) => count + 1);
      return;
    }
    const located = typedLocation === null ? null : parseMapPoint(typedLocation, bounds);
    const point = located?.ok ? located.point : null;
    if (limit && files.length > limit.maxAttachments) {
      setErrors({ attachments: t('cases.backoffice.intake.attachmentsTooMany', { count: limit.maxAttachments }) });
      setFailureCount((count) => count + 1);
      return;
    }
    const tooLarge = limit ? files.findIndex((file) => file.size > limit.attachmentMaxBytes) : -1;
    if (limit && tooLarge >= 0) {
      setErrors({ attachments: t('cases.backoffice.intake.attachmentTooLarge', { name: files[tooLarge]?.name ?? '', megabytes: formatMegabytes(limit.attachmentMaxBytes, locale) }) });
      setFailureCount((count) => count + 1);
      return;
    }
    savingRef.current = true;
    setIsSaving(true);
    try {
      const payload = {
        channel: values.channel,
        kind,
        categoryId: values.categoryId ?? '',
        areaId: optional('areaId'),
        address: optional('address'),
        latitude: point?.latitude ?? null,
        longitude: point?.longitude ?? null,
        title: (values.title ?? '').trim(),
        description: (values.description ?? '').trim(),
        privacy,
        ...(asksIdentity ? { submitter: { fullName: optional('fullName'), phone: optional('phone'), email: optional('email'), address: optional('submitterAddress') }, recipientLocale: values.recipientLocale ?? 'vi' } : {}),
        ...(receivedAt ? { receivedAt: receivedAt.toISOString() } : {}),
      };
      // JSON as before without files; with files, multipart: the case in `payload`, then each file.
      let body: unknown = payload;
      if (files.length > 0) {
        const form = new FormData();
        form.append('payload', JSON.stringify(payload));
        for (const file of files) form.append('attachments', file, file.name);
        body = form;
      }
      const created = await apiRequest('POST', '/api/v1/cases/intake', { schema: staffIntakeResultSchema, body });
      setResult(created);
    } catch (caught) {
      if (caught instanceof ApiError) {
        const attachmentError = attachmentErrorOf(caught, {
          tooLarge: limits.data ? t('cases.backoffice.intake.attachmentsTooLargeAny', { megabytes: formatMegabytes(limits.data.attachmentMaxBytes, locale) }) : caught.message,
          type: t('cases.backoffice.intake.attachmentsType'),
        });
        setErrors(attachmentError ? Object.assign({}, caught.fieldErrors, { attachments: attachmentError }) : caught.fieldErrors);
        setMessage(caught.message);
      } else setMessage(String(caught));
      setFailureCount((count) => count + 1);
    } finally {
      savingRef.current = false;
      setIsSaving(false);
    }
  };

  if (result) {
    return (
      <CasePage title={t('cases.backoffice.intake.done')} back={{ to: '/cases', label: t('cases.backoffice.queue.title') }}>
        <div className="bo-notice bo-notice--success" role="status">
          <p>{t('cases.backoffice.intake.code')}</p>
          <p className="bo-code">{result.code}</p>
        </div>
        <p>{t('cases.backoffice.intake.tellResident')}</p>
        <ul>
          <li>{t('cases.backoffice.intake.receivedAtDone', { date: formatDateTime(result.receivedAt) })}</li>
          {result.acceptanceDueAt ? <li>{t('cases.backoffice.intake.acceptanceDue', { date: formatDeadline(result.acceptanceDueAt, locale) })}</li> : null}
          {result.dueAt ? <li>{t('cases.backoffice.intake.resolutionDue', { date: formatDeadline(result.dueAt, locale) })}</li> : null}
        </ul>
        {result.assignedUnitName ? (
          <p>
            {/* The unit's name exists only in Vietnamese (WCAG 3.1.2 on the English page). */}
            <MarkedText text={t('cases.backoffice.intake.sentTo', { unit: markVietnamese(result.assignedUnitName) })} pageLocale={locale} />
          </p>
        ) : null}
        {/* An officer of another unit (the reception desk) may not open it: no link to a "not found" page. */}
        <p>{result.canOpen ? <StaffLink to={`/cases/${result.id}`}>{t('cases.backoffice.intake.openCase')}</StaffLink> : t('cases.backoffice.intake.notYours')}</p>
        <button type="button" className="bo-button bo-button--secondary" onClick={() => { setResult(null); setFiles([]); setValues(Object.assign({}, INITIAL_VALUES, { channel: values.channel ?? 'walk_in' })); }}>
          {t('cases.backoffice.intake.another')}
        </button>
      </CasePage>
    );
  }

  const fieldId = (name: string) => `intake-${name.replace('.', '-')}`;
  // One label per field, shown above it and naming it in the error summary.
  const labels: Record<(typeof FIELD_ORDER)[number], string> = {
    channel: t('cases.backoffice.field.channel'),
    receivedAt: t('cases.backoffice.intake.receivedAt'),
    kind: t('cases.backoffice.field.kind'),
    categoryId: t('cases.backoffice.field.category'),
    areaId: t('cases.backoffice.field.area'),
    address: t('cases.backoffice.field.address'),
    location: t('cases.portal.submit.location.label'),
    title: t('cases.backoffice.field.title'),
    description: t('cases.backoffice.field.description'),
    privacy: t('cases.backoffice.field.privacy'),
    'submitter.fullName': t('cases.portal.submit.fullName.label'),
    'submitter.phone': t('cases.portal.submit.phone.label'),
    'submitter.email': t('cases.portal.submit.email.label'),
    // The portal asks "your address"; here the officer writes down the resident's.
    'submitter.address': t('cases.backoffice.intake.residentAddress'),
    recipientLocale: t('cases.backoffice.intake.recipientLocale'),
    attachments: t('cases.backoffice.intake.attachments'),
  };
  const errorFor = (name: string) => errors[name] ?? errors[`submitter.${name}`];
  const summary = FIELD_ORDER.filter((field) => errors[field]);
  const text = (name: string, label: string, max: number, options: { type?: string; isOptional?: boolean; errorKey?: string; hint?: string } = {}) => {
    const error = errorFor(options.errorKey ?? name);
    const describedBy = [options.hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div className={error ? 'bo-field bo-field--error' : 'bo-field'}>
        <label className="bo-label" htmlFor={fieldId(name)}>
          {label}
          {options.isOptional ? <span className="bo-optional"> {t('cases.backoffice.optional')}</span> : null}
        </label>
        {options.hint ? <p className="bo-hint" id={`${fieldId(name)}-hint`}>{options.hint}</p> : null}
        <FieldError id={fieldId(name)} message={error} />
        <input id={fieldId(name)} className="bo-input" type={options.type ?? 'text'} maxLength={max} value={values[name] ?? ''} onChange={set(name)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      </div>
    );
  };
  const select = (name: string, label: string, options: ReadonlyArray<{ value: string; label: string }>, placeholder?: string) => (
    <div className={errors[name] ? 'bo-field bo-field--error' : 'bo-field'}>
      <label className="bo-label" htmlFor={fieldId(name)}>{label}</label>
      <FieldError id={fieldId(name)} message={errors[name]} />
      <select id={fieldId(name)} className="bo-select" value={values[name] ?? ''} onChange={set(name)} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `${fieldId(name)}-error` : undefined}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
    </div>
  );

  return (
    <CasePage title={t('cases.backoffice.intake.title')} back={{ to: '/cases', label: t('cases.backoffice.queue.title') }}>
      <p>{t('cases.backoffice.intake.intro')}</p>
      <StaffErrorSummary
        title={t('cases.backoffice.errorSummary')}
        message={message}
        focusKey={failureCount}
        entries={summary.map((field) => ({ key: field, targetId: field === 'recipientLocale' ? `${fieldId('recipientLocale')}-vi` : fieldId(field === 'submitter.address' ? 'submitterAddress' : field.replace('submitter.', '')), text: `${labels[field]}: ${errors[field]}` }))}
      />
      <form onSubmit={(event) => void submit(event)} noValidate>
        {select('channel', labels.channel, STAFF_INTAKE_CHANNELS.map((channel) => ({ value: channel, label: t(`cases.backoffice.channel.${channel}`) })))}
        {text('receivedAt', labels.receivedAt, 20, { isOptional: true, hint: t('cases.backoffice.intake.receivedAtHint') })}
        {select('kind', labels.kind, CASE_KINDS.map((value) => ({ value, label: kindLabel(value, t) })))}
        {select('categoryId', labels.categoryId, (categories.data ?? []).filter((category) => category.isActive && category.kinds.includes(kind)).map((category) => ({ value: category.id, label: locale === 'en' ? category.nameEn : category.nameVi })), t('cases.backoffice.choose'))}
        {select('areaId', labels.areaId, (areas.data ?? []).map((area) => ({ value: area.id, label: area.name })), t('cases.portal.submit.area.none'))}
        {text('address', labels.address, CASE_ADDRESS_MAX, { isOptional: true })}
        {text('location', labels.location, MAP_POINT_TEXT_MAX, { isOptional: true, hint: t('cases.backoffice.intake.locationHint') })}
        {text('title', labels.title, CASE_TITLE_MAX)}
        <div className={errors.description ? 'bo-field bo-field--error' : 'bo-field'}>
          <label className="bo-label" htmlFor={fieldId('description')}>{labels.description}</label>
          <p className="bo-hint" id={`${fieldId('description')}-hint`}>{t('cases.backoffice.intake.descriptionHint', { max: CASE_DESCRIPTION_MAX })}</p>
          <FieldError id={fieldId('description')} message={errors.description} />
          <textarea id={fieldId('description')} className="bo-textarea" rows={8} maxLength={CASE_DESCRIPTION_MAX} value={values.description ?? ''} onChange={set('description')} aria-invalid={errors.description ? true : undefined} aria-describedby={errors.description ? `${fieldId('description')}-hint ${fieldId('description')}-error` : `${fieldId('description')}-hint`} />
        </div>
        {policy.allowedPrivacy.length > 1 ? select('privacy', labels.privacy, policy.allowedPrivacy.map((value) => ({ value, label: privacyLabel(value, t, 'staff') }))) : null}
        <div className="bo-notice">
          <p><strong>{t('cases.backoffice.privacy.whoSeesTitle')}</strong></p>
          <ul>
            {whoSeesWhat(kind, privacy, t, 'staff').map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
        {policy.isIdentityAsked && privacy !== 'anonymous' ? (
          <fieldset className="bo-fieldset">
            <legend>{t('cases.backoffice.intake.resident')}</legend>
            {text('fullName', labels['submitter.fullName'], CASE_NAME_MAX, { isOptional: !policy.requiredIdentityFields.includes('fullName') })}
            {text('phone', labels['submitter.phone'], CASE_PHONE_MAX, { type: 'tel', isOptional: true })}
            {text('email', labels['submitter.email'], CASE_EMAIL_MAX, { type: 'email', isOptional: true })}
            {text('submitterAddress', labels['submitter.address'], CASE_ADDRESS_MAX, { isOptional: !policy.requiredIdentityFields.includes('address'), errorKey: 'submitter.address' })}
            {/* The resident's e-mail and SMS are written in this language (cases_items.locale), not the officer's. */}
            <fieldset className={errors.recipientLocale ? 'bo-fieldset bo-field--error' : 'bo-fieldset'} aria-describedby={[`${fieldId('recipientLocale')}-hint`, errors.recipientLocale ? `${fieldId('recipientLocale')}-error` : ''].filter(Boolean).join(' ')}>
              <legend>{labels.recipientLocale}</legend>
              <p className="bo-hint" id={`${fieldId('recipientLocale')}-hint`}>{t('cases.backoffice.intake.recipientLocaleHint')}</p>
              <FieldError id={fieldId('recipientLocale')} message={errors.recipientLocale} />
              {RECIPIENT_LOCALES.map((option) => (
                <div key={option} className="bo-radio">
                  <input type="radio" id={`${fieldId('recipientLocale')}-${option}`} name="recipientLocale" value={option} checked={(values.recipientLocale ?? 'vi') === option} onChange={set('recipientLocale')} />
                  <label htmlFor={`${fieldId('recipientLocale')}-${option}`} lang={option}>{LOCALE_AUTONYMS[option]}</label>
                </div>
              ))}
            </fieldset>
          </fieldset>
        ) : null}
        <div className={errors.attachments ? 'bo-field bo-field--error' : 'bo-field'}>
          <label className="bo-label" htmlFor={fieldId('attachments')}>
            {labels.attachments}
            <span className="bo-optional"> {t('cases.backoffice.optional')}</span>
          </label>
          <p className="bo-hint" id={`${fieldId('attachments')}-hint`}>
            {limits.data
              ? t('cases.backoffice.intake.attachmentsHint', { count: limits.data.maxAttachments, megabytes: formatMegabytes(limits.data.attachmentMaxBytes, locale) })
              : t('cases.backoffice.intake.attachmentsHintTypes')}
          </p>
          <FieldError id={fieldId('attachments')} message={errors.attachments} />
          <input
            id={fieldId('attachments')}
            className="bo-input"
            type="file"
            multiple
            accept={CASE_ATTACHMENT_TYPES.join(',')}
            onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
            aria-invalid={errors.attachments ? true : undefined}
            aria-describedby={[`${fieldId('attachments')}-hint`, errors.attachments ? `${fieldId('attachments')}-error` : '', files.length > 0 ? `${fieldId('attachments')}-chosen` : ''].filter(Boolean).join(' ')}
          />
          {files.length > 0 ? (
            <div id={`${fieldId('attachments')}-chosen`}>
              <p>{t('cases.backoffice.intake.attachmentsChosen', { count: files.length })}</p>
              <ul className="bo-file-list">
                {files.map((file, index) => (
                  <li key={`${index}-${file.name}`}>
                    {file.name} ({formatFileSize(file.size, locale)})
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
        <button type="submit" className="bo-button" disabled={isSaving} aria-busy={isSaving || undefined}>{t('cases.backoffice.intake.submit')}</button>
      </form>
    </CasePage>
  );
}
