import type { FieldError } from '../contract/errors.js';

/**
 * Text no person means to send (issue 3, "Bad input"), checked once for every string a request
 * brings, before any handler sees it:
 * - C0 control characters other than tab, line feed and carriage return. Nobody types them; they
 *   arrive from a paste or a broken client. PostgreSQL refuses NUL in text (a 500 where SQLite would
 *   store it), XML 1.0 cannot carry any of them (Open311's XML answers), and they are invisible.
 * - Characters that could not be read: a lone UTF-16 surrogate (`"\ud800"` in JSON; stored as bytes
 *   that are not UTF-8) and U+FFFD, which the decoder puts where the bytes were not UTF-8.
 * - Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): they make
 *   a text read differently from what it holds ("Trojan source").
 * Nested input is walked without recursion and only MAX_INPUT_DEPTH levels deep: deeper input is bad
 * input too (a stack overflow used to answer 500).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this file's purpose
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// eslint-disable-next-line no-control-regex -- as above
const controlCharactersGlobal = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
/** With the `u` flag a surrogate class matches only an unpaired one (a pair is one code point). */
const unreadableCharacters = /[\uD800-\uDFFF\uFFFD]/u;
const loneSurrogatesGlobal = /[\uD800-\uDFFF]/gu;
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;
const bidiControlsGlobal = /[\u202A-\u202E\u2066-\u2069]/g;
/** Zero-width characters: blank to a reader, so a text made only of them (and spaces) is empty. */
const blankOrZeroWidthOnly = /^[\s\u200B-\u200D\u2060\uFEFF]+$/;
const zeroWidth = /[\u200B-\u200D\u2060]/;

/** How deep request input may nest (objects and arrays); no form or contract of ours needs more than a few levels. */
export const MAX_INPUT_DEPTH = 32;

export const TEXT_PROBLEM_KEYS = {
  control: 'errors.field.controlCharacters',
  unreadable: 'errors.field.unreadableCharacters',
  bidi: 'errors.field.bidiControls',
  tooDeep: 'errors.field.tooDeep',
} as const;

/** The message key of what is wrong with `text`, or null when it is fine. */
export function textProblemOf(text: string): string | null {
  if (controlCharacters.test(text)) return TEXT_PROBLEM_KEYS.control;
  if (unreadableCharacters.test(text)) return TEXT_PROBLEM_KEYS.unreadable;
  if (bidiControls.test(text)) return TEXT_PROBLEM_KEYS.bidi;
  return null;
}

type Visit = { value: unknown; path: string; depth: number };

/**
 * Field errors for the strings in `value` (keys included) that hold text no one means to send, by
 * dotted path (at most `limit`); a single error on the deepest path reached when the input nests
 * deeper than MAX_INPUT_DEPTH. Iterative: any depth of input is walked without recursion.
 */
export function invalidTextErrors(value: unknown, prefix = '', limit = 20): FieldError[] {
  const found: FieldError[] = [];
  const stack: Visit[] = [{ value, path: prefix, depth: 0 }];
  while (stack.length > 0 && found.length < limit) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblemOf(current);
      if (problem) found.push({ field: path || '(body)', messageKey: problem });
      continue;
    }
    if (current === null || typeof current !== 'object' || Buffer.isBuffer(current)) continue;
    if (depth >= MAX_INPUT_DEPTH) return [{ field: path || '(body)', messageKey: TEXT_PROBLEM_KEYS.tooDeep, params: { max: MAX_INPUT_DEPTH } }];
    const children: Visit[] = [];
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index += 1) children.push({ value: current[index], path: path ? `${path}.${index}` : String(index), depth: depth + 1 });
    } else {
      for (const key of Object.keys(current)) {
        const childPath = path ? `${path}.${key}` : key;
        const problem = textProblemOf(key);
        if (problem) found.push({ field: childPath, messageKey: problem });
        else children.push({ value: (current as Record<string, unknown>)[key], path: childPath, depth: depth + 1 });
      }
    }
    // Pushed in reverse so the fields are reported in the order they were sent.
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]!);
  }
  return found.slice(0, limit);
}

/** Whether `value` nests deeper than MAX_INPUT_DEPTH (iterative). */
export function isNestedTooDeep(value: unknown): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}

function cleanText(text: string): string {
  let cleaned = controlCharacters.test(text) ? text.replace(controlCharactersGlobal, '') : text;
  if (bidiControls.test(cleaned)) cleaned = cleaned.replace(bidiControlsGlobal, '');
  if (unreadableCharacters.test(cleaned)) cleaned = cleaned.replace(loneSurrogatesGlobal, '');
  return cleaned;
}

/**
 * Remove control characters, bidirectional controls and lone surrogates from every string of a
 * form's fields, in place (a server-rendered form keeps what the person typed; the invisible
 * characters are all that goes). Iterative, MAX_INPUT_DEPTH levels deep (a form nests one level).
 */
export function stripControlCharacters(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object' || Buffer.isBuffer(current) || depth >= MAX_INPUT_DEPTH) continue;
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index += 1) {
        const item: unknown = current[index];
        if (typeof item === 'string') current[index] = cleanText(item);
        else stack.push({ value: item, depth: depth + 1 });
      }
      continue;
    }
    const record = current as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const cleanKey = cleanText(key);
      const item = record[key];
      const cleaned = typeof item === 'string' ? cleanText(item) : item;
      if (cleanKey !== key) delete record[key];
      record[cleanKey] = cleaned;
      if (typeof cleaned !== 'string') stack.push({ value: cleaned, depth: depth + 1 });
    }
  }
  return value;
}

/**
 * Replace, in place, every string that is only blanks and zero-width characters (U+200B–U+200D,
 * U+2060, U+FEFF) with '': a title of zero-width spaces is empty, and the contract's "required" and
 * minimum-length checks then say so.
 */
export function blankZeroWidthOnly(value: unknown): unknown {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object' || Buffer.isBuffer(current) || depth >= MAX_INPUT_DEPTH) continue;
    const record = current as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (typeof item === 'string') {
        if (zeroWidth.test(item) && blankOrZeroWidthOnly.test(item)) record[key] = '';
      } else stack.push({ value: item, depth: depth + 1 });
    }
  }
  return value;
}
