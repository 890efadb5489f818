/**
 * Form helpers of the cases admin pages: words for every message a form can show (the module's own,
 * the API's and the shared field errors) and the small field components the three admin pages share.
 * Client-side checks with the contract's schema come from core/ui/client-form.
 */
import { useMemo, type ReactNode } from 'react';
import coreEn from '../../../../core/i18n/messages/en.json' with { type: 'json' };
import coreVi from '../../../../core/i18n/messages/vi.json' with { type: 'json' };
import { createTranslate, mergeCatalogs, type Locale, type Translate } from '../../../../core/i18n/translate.js';
import { ApiError, type FieldErrors } from '../../../../core/ui/api-client.js';
import { orderFieldErrors } from '../../../../core/ui/client-form.js';
import { StaffErrorSummary } from '../../../../core/ui/components/staff.js';
import casesEn from '../../messages/en.json' with { type: 'json' };
import casesVi from '../../messages/vi.json' with { type: 'json' };
import { FieldError, useCaseI18n } from './kit.js';

const formCatalogs = mergeCatalogs([
  { vi: coreVi, en: coreEn },
  { vi: casesVi, en: casesEn },
]);
const formTranslators = new Map<Locale, Translate>();

/** `t` of the cases pages, falling back to the core and server messages (field errors, problem titles). */
export function useAdminI18n(): { t: Translate; locale: Locale } {
  const { t, locale } = useCaseI18n();
  const form = formTranslators.get(locale) ?? createTranslate(formCatalogs, locale);
  formTranslators.set(locale, form);
  return { t: (key, params) => (key.startsWith('cases.backoffice.') || key.startsWith('cases.portal.') ? t(key, params) : form(key, params)), locale };
}

/** What a failed save shows: the server's field errors, else its message. */
export function failureOf(error: unknown): { message: string | null; errors: FieldErrors } {
  if (error instanceof ApiError) return { message: Object.keys(error.fieldErrors).length > 0 ? null : error.message, errors: error.fieldErrors };
  return { message: error instanceof Error ? error.message : String(error), errors: {} };
}

export const adminFieldId = (name: string) => `admin-${name.replace(/[^\w-]/g, '-')}`;

/**
 * The staff form error summary (core/ui StaffErrorSummary), with the admin pages' field ids and
 * labels; `labels` lists the fields in the form's order, which the summary follows.
 */
export function ErrorSummary({ message, errors, labels, t }: { message: string | null; errors: FieldErrors; labels: Record<string, string>; t: Translate }) {
  const entries = orderFieldErrors(errors, Object.keys(labels));
  const isShown = Boolean(message) || entries.length > 0;
  const failure = useMemo(() => (isShown ? { message, errors } : null), [isShown, message, errors]);
  return (
    <StaffErrorSummary
      title={t('cases.backoffice.errorSummary')}
      message={message}
      focusKey={failure}
      entries={entries.map(([field, text]) => {
        const label = labels[field] ?? labels[field.split('.')[0] ?? ''];
        return { key: field, targetId: adminFieldId(field), text: label ? `${label}: ${text}` : text };
      })}
    />
  );
}

interface FieldProps {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  isOptional?: boolean;
  t: Translate;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

/** Label, hint, error and the control, wired for screen readers. */
export function Field({ name, label, error, hint, isOptional, t, children }: FieldProps) {
  const id = adminFieldId(name);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'bo-field bo-field--error' : 'bo-field'}>
      <label className="bo-label" htmlFor={id}>
        {label}
        {isOptional ? <span className="bo-optional"> {t('cases.backoffice.optional')}</span> : null}
      </label>
      {hint ? (
        <p className="bo-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} message={error} />
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
    </div>
  );
}
