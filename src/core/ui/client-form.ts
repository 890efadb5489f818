/**
 * Browser form helpers shared by the back office shell and the modules' back office pages: check
 * values with the contract's own schema before sending, focus the error summary after a failed
 * submit, and read number inputs so the schema (not the browser) words the problem.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { z } from 'zod';
import { safeParseReportingInput, zodIssuesToFieldErrors } from '../contract/validation.js';
import type { Translate } from '../i18n/translate.js';
import type { FieldErrors } from './api-client.js';

export type Validation<T> = { success: true; data: T } | { success: false; errors: FieldErrors };

/**
 * Check form values with the very schema the server uses, and word each problem with the shared
 * messages (core/contract/validation), the first message of each field winning. When
 * `hasOwnMessage` says the contract named its own message key on an issue (e.g.
 * `auth.errors.totpFormat` on a regex), that more specific message wins.
 */
export function validateWith<T>(schema: z.ZodType<T>, values: unknown, t: Translate, hasOwnMessage: (key: string) => boolean = () => false): Validation<T> {
  const parsed = safeParseReportingInput(schema, values);
  if (parsed.success) return { success: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const isOwn = hasOwnMessage(issue.message);
    for (const fieldError of zodIssuesToFieldErrors([issue])) errors[fieldError.field] ??= isOwn ? t(issue.message) : t(fieldError.messageKey, fieldError.params);
  }
  return { success: false, errors };
}

/**
 * Focus an error summary each time a submit fails, so keyboard and screen-reader users land on the
 * list of problems: pass what changes on every failure (the failure object, or a counter bumped on
 * each one; falsy = no failure) and attach the ref to the summary (`tabIndex={-1}`).
 */
export function useFocusOnFailure<T extends HTMLElement>(failure: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (failure) ref.current?.focus();
  }, [failure]);
  return ref;
}

/**
 * Field errors in the order the form shows its fields (`fieldOrder`, e.g. the keys of its labels),
 * so the error summary reads top to bottom like the form whatever order the schema or the server
 * reported them in. A nested field (`deadlineOverrides.0.kind`) sorts with its top-level field;
 * fields the order does not know come last, in their original order.
 */
export function orderFieldErrors(errors: FieldErrors, fieldOrder: readonly string[]): Array<[string, string]> {
  const rank = (field: string) => {
    const index = fieldOrder.indexOf(field);
    const top = index >= 0 ? index : fieldOrder.indexOf(field.split('.')[0] ?? field);
    return top >= 0 ? top : fieldOrder.length;
  };
  return Object.entries(errors)
    .map((entry, position) => ({ entry, position, rank: rank(entry[0]) }))
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map(({ entry }) => entry);
}

/** Digits grouped by thousands the Vietnamese way: "1.000", "12 500" (also a no-break or narrow space). */
const GROUPED_INTEGER = /^-?\d{1,3}(?:([.\u0020\u00a0\u202f])\d{3})(?:\1\d{3})*$/u;

/**
 * "" → null, "12" → 12, "1.000" or "1 000" (Vietnamese thousands separators) → 1000, "2.5" or "2,5"
 * (one or two decimals, a dot or the Vietnamese decimal comma) → 2.5, so that a whole-number field
 * says "whole number" as the API does; anything else → the text itself (the schema reports "wrong
 * type"). "1,000" stays text: three digits after the separator read as thousands, never as 1.
 */
export function toOptionalNumber(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
  if (GROUPED_INTEGER.test(trimmed)) return Number(trimmed.replace(/[.\u0020\u00a0\u202f]/gu, ''));
  return /^-?\d+[.,]\d{1,2}$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : trimmed;
}
