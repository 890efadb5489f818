import type { z } from 'zod';
import type { FieldError } from '../contract/errors.js';
import { safeParseReportingInput, zodIssuesToFieldErrors } from '../contract/validation.js';
import type { Translate } from '../i18n/translate.js';
import type { SummaryError } from './components/content.js';

/** Raw form input as the resident typed it, kept to re-render the page after an error. */
export type FormValues = Record<string, string | string[] | undefined>;

export type ParseFormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldError[]; values: FormValues };

export interface ParseFormOptions {
  /** Fields that are lists (checkbox groups): a single value becomes a one-item list, a missing one `[]`. */
  arrays?: readonly string[];
  /** Fields that are yes/no checkboxes: present → true, absent → false. */
  booleans?: readonly string[];
}

const HIDDEN_FIELDS = new Set(['_csrf']);

/** Copy the urlencoded body as strings, without the CSRF field. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (HIDDEN_FIELDS.has(key)) continue;
    if (typeof raw === 'string') values[key] = raw;
    else if (Array.isArray(raw)) values[key] = raw.filter((item): item is string => typeof item === 'string');
  }
  return values;
}

/**
 * Validate a posted form with a Zod schema (the contract's, or a page schema built from it).
 * Empty text becomes "not given" so optional fields stay optional and required ones say
 * "Vui lòng nhập mục này."; unknown keys are dropped before parsing, so strict schemas work.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, options: ParseFormOptions = {}): ParseFormResult<z.output<S>> {
  const values = formValues(body);
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (Array.isArray(value)) input[key] = options.arrays?.includes(key) ? value.filter((item) => item !== '') : value.at(-1);
    else if (value === '' || value === undefined) continue;
    else input[key] = options.arrays?.includes(key) ? [value] : value;
  }
  for (const key of options.arrays ?? []) input[key] ??= [];
  for (const key of options.booleans ?? []) input[key] = values[key] !== undefined && values[key] !== '';
  const knownKeys = shapeKeys(schema);
  if (knownKeys) for (const key of Object.keys(input)) if (!knownKeys.has(key)) delete input[key];
  const result = safeParseReportingInput(schema, input);
  if (result.success) return { ok: true, data: result.data, values };
  return { ok: false, errors: zodIssuesToFieldErrors(result.error.issues), values };
}

/** The keys of an object schema (also through pipes and refinements), or null when unknown. */
function shapeKeys(schema: z.ZodType): Set<string> | null {
  let current: unknown = schema;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const def = (current as { _zod?: { def?: { shape?: Record<string, unknown>; in?: unknown; innerType?: unknown; type?: string } } })._zod?.def;
    if (!def) return null;
    if (def.shape) return new Set(Object.keys(def.shape));
    current = def.in ?? def.innerType;
  }
  return null;
}

/** First translated message per field: `{ displayName: 'Vui lòng nhập mục này.' }`. */
export function errorsByField(errors: readonly FieldError[], t: Translate): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const error of errors) byField[error.field] ??= t(error.messageKey, error.params);
  return byField;
}

export interface SummaryOptions {
  /** The page's field order; the summary follows it. */
  order?: readonly string[];
  /** Input id per field when it differs from the field name (e.g. a hidden `token` → `password`). */
  ids?: Record<string, string>;
  /** Translated label per field: the summary then reads "Họ và tên: Vui lòng nhập mục này." */
  labels?: Record<string, string>;
}

/** Entries for `<ErrorSummary>`, one per field, in page order, each linking to its input. */
export function summaryErrors(errors: readonly FieldError[], t: Translate, options: SummaryOptions = {}): SummaryError[] {
  const { order = [], ids = {}, labels = {} } = options;
  const byField = errorsByField(errors, t);
  const rank = (field: string) => {
    const index = order.indexOf(field);
    return index === -1 ? order.length : index;
  };
  return Object.keys(byField)
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => ({ fieldId: ids[field] ?? field, message: labels[field] ? `${labels[field]}: ${byField[field]!}` : byField[field]! }));
}

/** A single text value from kept form values (the last one when repeated). */
export function textValue(values: FormValues | undefined, name: string): string | undefined {
  const value = values?.[name];
  return Array.isArray(value) ? value.at(-1) : value;
}

/** A list value (checkbox group) from kept form values. */
export function listValue(values: FormValues | undefined, name: string): string[] {
  const value = values?.[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
