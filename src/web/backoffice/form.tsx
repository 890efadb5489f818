import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import type { z } from 'zod';
import type { Translate } from '../../core/i18n/translate.js';
import { ApiError, type FieldErrors } from '../../core/ui/api-client.js';
import { orderFieldErrors, validateWith as validateWithSchema, type Validation } from '../../core/ui/client-form.js';
import { StaffErrorSummary } from '../../core/ui/components/staff.js';
import { catalogs, useI18n } from './i18n.js';

/** The id of a field's control, so the error summary can link to it. */
export const fieldId = (name: string) => `field-${name.replace(/[^\w-]/g, '-')}`;

export { toOptionalNumber, type Validation } from '../../core/ui/client-form.js';

/**
 * Check form values with the very schema the server uses, and word each problem with the shared
 * messages (core/contract/validation). Where the contract names its own message key (e.g.
 * `auth.errors.totpFormat` on a regex), that more specific message wins.
 */
export function validateWith<T>(schema: z.ZodType<T>, values: unknown, t: Translate): Validation<T> {
  return validateWithSchema(schema, values, t, (key) => key in catalogs.vi);
}

export interface FormFailure {
  /** Shown at the top when the problem is not about one field (conflict, forbidden, network). */
  message?: string;
  fields: FieldErrors;
}

/** Map anything a submit threw to what the form shows: server field errors, or its message. */
export function toFormFailure(error: unknown): FormFailure {
  if (error instanceof ApiError) {
    const hasFields = Object.keys(error.fieldErrors).length > 0;
    const general = error.fieldErrors['(body)'];
    return { message: hasFields ? general : error.detail, fields: error.fieldErrors };
  }
  return { message: error instanceof Error ? error.message : String(error), fields: {} };
}

export interface ErrorSummaryProps {
  failure: FormFailure | null;
  /** Field name → its label, for the links in the summary; listed in the form's order, which the summary follows. */
  labels: Record<string, string>;
}

/** The staff form error summary (core/ui StaffErrorSummary): one link per field error, labelled with its field. */
export function ErrorSummary({ failure, labels }: ErrorSummaryProps) {
  const { t } = useI18n();
  const entries = failure ? orderFieldErrors(failure.fields, Object.keys(labels)).filter(([field]) => field !== '(body)') : [];
  return (
    <StaffErrorSummary
      title={t('common.errorSummaryTitle')}
      message={failure?.message}
      focusKey={failure}
      entries={entries.map(([field, message]) => ({ key: field, targetId: fieldId(field), text: labels[field] ? `${labels[field]}: ${message}` : message }))}
    />
  );
}

interface FieldFrameProps {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  isOptional?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}

function FieldFrame({ name, label, hint, error, isOptional, children }: FieldFrameProps) {
  const { t } = useI18n();
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'td-form-group td-form-group--error' : 'td-form-group'}>
      <label className="td-label" htmlFor={id}>
        {label}
        {isOptional ? <span className="bo-optional"> {t('common.optional')}</span> : null}
      </label>
      {hint ? (
        <p className="td-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="td-error-message" id={`${id}-error`}>
          <span className="td-visually-hidden">{t('backoffice.form.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
      {children(describedBy)}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'onChange' | 'value'> & {
  name: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  isOptional?: boolean;
};

export function TextField({ name, label, value, onValueChange, hint, error, isOptional, className, ...input }: TextFieldProps) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} isOptional={isOptional}>
      {(describedBy) => (
        <input
          {...input}
          id={fieldId(name)}
          name={name}
          className={['td-input', error ? 'td-input--error' : '', className].filter(Boolean).join(' ')}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'onChange' | 'value'> & {
  name: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint?: ReactNode;
  error?: string;
  isOptional?: boolean;
};

export function SelectField({ name, label, value, onValueChange, options, hint, error, isOptional, ...select }: SelectFieldProps) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} isOptional={isOptional}>
      {(describedBy) => (
        <select {...select} id={fieldId(name)} name={name} className={error ? 'td-select td-select--error' : 'td-select'} value={value} onChange={(event) => onValueChange(event.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function CheckboxField({ name, label, checked, onCheckedChange }: { name: string; label: string; checked: boolean; onCheckedChange: (checked: boolean) => void }) {
  return (
    <div className="td-form-group">
      <div className="td-choice">
        <input type="checkbox" className="td-choice__input" id={fieldId(name)} name={name} checked={checked} onChange={(event) => onCheckedChange(event.target.checked)} />
        <label className="td-choice__label" htmlFor={fieldId(name)}>
          {label}
        </label>
      </div>
    </div>
  );
}

/** "" → undefined: optional text fields left blank are simply not sent. */
export const blankToUndefined = (value: string) => (value.trim() === '' ? undefined : value);
