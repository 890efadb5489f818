import type { ReactNode } from 'react';
import { useT } from '../i18n-context.js';

/** What every single control shares: an id (the error summary links to `#id`), a label, a hint and an error. */
export interface FieldProps {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Already-translated message; the field turns red, gets `aria-invalid` and the text "Lỗi:" before it. */
  error?: string | undefined;
  /** Appends "(không bắt buộc)" to the label. */
  optional?: boolean;
  /** Render the label as the page's h1 (one question per page). */
  isPageHeading?: boolean;
}

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

function describedBy(id: string, hint: ReactNode | undefined, error: string | undefined, extra?: string): string | undefined {
  const ids = [hint ? hintId(id) : null, extra ?? null, error ? errorId(id) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label({ id, label, optional, isPageHeading }: Pick<FieldProps, 'id' | 'label' | 'optional' | 'isPageHeading'>) {
  const t = useT();
  const inner = (
    <label className={isPageHeading ? 'td-label td-label--page' : 'td-label'} htmlFor={id}>
      {label}
      {optional ? <span className="td-secondary"> {t('common.optional')}</span> : null}
    </label>
  );
  return isPageHeading ? <h1 className="td-label-wrapper">{inner}</h1> : inner;
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="td-hint">
      {children}
    </div>
  );
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  const t = useT();
  return (
    <p id={id} className="td-error-message">
      <span className="td-visually-hidden">{t('ui.errorPrefix')}</span> {children}
    </p>
  );
}

function Group({ error, children }: { error?: string | undefined; children: ReactNode }) {
  return <div className={error ? 'td-form-group td-form-group--error' : 'td-form-group'}>{children}</div>;
}

export interface TextFieldProps extends FieldProps {
  value?: string | undefined;
  type?: 'text' | 'email' | 'tel' | 'password' | 'search' | 'number' | 'url' | 'date';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'tel' | 'email' | 'search' | 'decimal' | 'url';
  spellCheck?: boolean;
  maxLength?: number;
  /** `short` (≈12 characters) or `code` (a 6-digit code); full width by default. */
  width?: 'full' | 'short' | 'code';
  pattern?: string;
  required?: boolean;
}

export function TextField(props: TextFieldProps) {
  const { id, name, hint, error, value, type = 'text', autoComplete, inputMode, spellCheck, maxLength, width = 'full', pattern, required } = props;
  const classes = ['td-input', width === 'short' ? 'td-input--short' : '', width === 'code' ? 'td-input--code' : '', error ? 'td-input--error' : ''].filter(Boolean).join(' ');
  return (
    <Group error={error}>
      <Label {...props} />
      {hint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={errorId(id)}>{error}</ErrorMessage> : null}
      <input
        className={classes}
        id={id}
        name={name}
        type={type}
        defaultValue={type === 'password' ? undefined : value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={spellCheck}
        maxLength={maxLength}
        pattern={pattern}
        required={required}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </Group>
  );
}

export interface TextAreaProps extends FieldProps {
  value?: string | undefined;
  /** Required: every free-text field has a named limit, shown to the resident. */
  maxLength: number;
  rows?: number;
  spellCheck?: boolean;
}

export function TextArea(props: TextAreaProps) {
  const t = useT();
  const { id, name, hint, error, value, maxLength, rows = 6, spellCheck } = props;
  const countId = `${id}-limit`;
  return (
    <Group error={error}>
      <Label {...props} />
      {hint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={errorId(id)}>{error}</ErrorMessage> : null}
      <textarea
        className={error ? 'td-textarea td-textarea--error' : 'td-textarea'}
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        spellCheck={spellCheck}
        defaultValue={value}
        aria-describedby={describedBy(id, hint, error, countId)}
        aria-invalid={error ? true : undefined}
      />
      <span id={countId} className="td-char-count" data-char-limit={maxLength}>
        {t('ui.charLimit', { max: maxLength })}
      </span>
    </Group>
  );
}

export interface Option {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

export interface SelectProps extends FieldProps {
  options: readonly Option[];
  value?: string | undefined;
  /** A first empty option ("Chọn…"); chosen when nothing is selected. */
  placeholder?: string;
  autoComplete?: string;
}

export function Select(props: SelectProps) {
  const { id, name, hint, error, options, value, placeholder, autoComplete } = props;
  return (
    <Group error={error}>
      <Label {...props} />
      {hint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={errorId(id)}>{error}</ErrorMessage> : null}
      <select
        className={error ? 'td-select td-select--error' : 'td-select'}
        id={id}
        name={name}
        defaultValue={value ?? ''}
        autoComplete={autoComplete}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {typeof option.label === 'string' ? option.label : String(option.value)}
          </option>
        ))}
      </select>
    </Group>
  );
}

interface ChoiceGroupProps {
  /** Id of the first input (the error summary links here); other inputs get `${id}-2`, `${id}-3`… */
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly Option[];
  isPageHeading?: boolean;
  optional?: boolean;
}

function ChoiceGroup({ type, values, ...props }: ChoiceGroupProps & { type: 'radio' | 'checkbox'; values: readonly string[] }) {
  const t = useT();
  const { id, name, legend, hint, error, options, isPageHeading, optional } = props;
  const fieldsetDescribedBy = [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean).join(' ') || undefined;
  return (
    <Group error={error}>
      <fieldset className="td-fieldset" aria-describedby={fieldsetDescribedBy}>
        <legend className={isPageHeading ? 'td-legend td-legend--page' : 'td-legend'}>
          {isPageHeading ? <h1 className="td-legend-heading">{legend}</h1> : legend}
          {optional ? <span className="td-secondary"> {t('common.optional')}</span> : null}
        </legend>
        {hint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={errorId(id)}>{error}</ErrorMessage> : null}
        <div className="td-choices">
          {options.map((option, index) => {
            const inputId = index === 0 ? id : `${id}-${index + 1}`;
            const optionHintId = option.hint ? `${inputId}-item-hint` : undefined;
            return (
              <div className="td-choice" key={option.value}>
                <input
                  className="td-choice__input"
                  id={inputId}
                  name={name}
                  type={type}
                  value={option.value}
                  defaultChecked={values.includes(option.value)}
                  aria-describedby={optionHintId}
                  aria-invalid={error ? true : undefined}
                />
                <label className="td-choice__label" htmlFor={inputId}>
                  {option.label}
                  {option.hint ? (
                    <span id={optionHintId} className="td-choice__hint">
                      {option.hint}
                    </span>
                  ) : null}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </Group>
  );
}

export function RadioGroup({ value, ...props }: ChoiceGroupProps & { value?: string | undefined }) {
  return <ChoiceGroup {...props} type="radio" values={value ? [value] : []} />;
}

export function CheckboxGroup({ values = [], ...props }: ChoiceGroupProps & { values?: readonly string[] | undefined }) {
  return <ChoiceGroup {...props} type="checkbox" values={values} />;
}

export interface FileInputProps extends FieldProps {
  accept?: string;
  multiple?: boolean;
}

/** A file picker; the form around it needs `encType="multipart/form-data"`. */
export function FileInput(props: FileInputProps) {
  const { id, name, hint, error, accept, multiple } = props;
  return (
    <Group error={error}>
      <Label {...props} />
      {hint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={errorId(id)}>{error}</ErrorMessage> : null}
      <input className={error ? 'td-input td-input--error' : 'td-input'} id={id} name={name} type="file" accept={accept} multiple={multiple} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined} />
    </Group>
  );
}

export interface ButtonProps {
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'warning';
  type?: 'submit' | 'button';
  name?: string;
  value?: string;
  /** Renders a link that looks like a button (a start button, "Gửi phản ánh"). */
  href?: string;
  /** Prevents a double submit when islands are on; a no-op without JS. */
  preventDoubleClick?: boolean;
}

export function Button({ children, variant = 'primary', type = 'submit', name, value, href, preventDoubleClick }: ButtonProps) {
  const className = variant === 'primary' ? 'td-button' : `td-button td-button--${variant}`;
  if (href) {
    return (
      // A plain link styled as a button: it navigates, so it keeps the link role (Enter, not Space).
      <a className={className} href={href} draggable={false}>
        {children}
      </a>
    );
  }
  return (
    <button className={className} type={type} name={name} value={value} data-prevent-double-click={preventDoubleClick ? 'true' : undefined}>
      {children}
    </button>
  );
}

/** The hidden CSRF field every portal form carries (name `_csrf`). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** An action that takes no input (send the link again, cancel a request): a form of one button, posted without JavaScript. */
export function PostButton({ action, csrfToken, variant = 'secondary', children }: { action: string; csrfToken: string; variant?: ButtonProps['variant']; children: ReactNode }) {
  return (
    <form method="post" action={action} noValidate>
      <CsrfField token={csrfToken} />
      <Button variant={variant} preventDoubleClick>
        {children}
      </Button>
    </form>
  );
}
