import type { FieldError } from '../contract/errors.js';

/**
 * C0 control characters other than tab, line feed and carriage return. Nobody types them; they
 * arrive from a paste or a broken client. PostgreSQL refuses NUL in text (a 500 where SQLite would
 * store it), XML 1.0 cannot carry any of them (Open311's XML answers), and they are invisible on a
 * page. So every string a request brings is checked once, before any handler sees it.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this file's purpose
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// eslint-disable-next-line no-control-regex -- as above
const controlCharactersGlobal = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** The dotted paths of the strings in `value` that hold a control character (at most `limit`). */
export function fieldsWithControlCharacters(value: unknown, prefix = '', found: string[] = [], limit = 20): string[] {
  if (found.length >= limit) return found;
  if (typeof value === 'string') {
    if (controlCharacters.test(value)) found.push(prefix || '(body)');
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) fieldsWithControlCharacters(value[index], prefix ? `${prefix}.${index}` : String(index), found, limit);
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const key of Object.keys(value)) {
      if (controlCharacters.test(key)) found.push(prefix ? `${prefix}.${key}` : key);
      else fieldsWithControlCharacters((value as Record<string, unknown>)[key], prefix ? `${prefix}.${key}` : key, found, limit);
    }
  }
  return found;
}

/**
 * Remove control characters from every string of a form's fields, in place (a server-rendered
 * form keeps what the person typed; the invisible characters are all that goes).
 */
export function stripControlCharacters(value: unknown): unknown {
  if (typeof value === 'string') return controlCharacters.test(value) ? value.replace(controlCharactersGlobal, '') : value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) value[index] = stripControlCharacters(value[index]);
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const cleanKey = controlCharacters.test(key) ? key.replace(controlCharactersGlobal, '') : key;
      const cleaned = stripControlCharacters(record[key]);
      if (cleanKey !== key) delete record[key];
      record[cleanKey] = cleaned;
    }
  }
  return value;
}

/** Field errors naming each field that holds a control character (`errors.field.controlCharacters`). */
export function controlCharacterErrors(fields: readonly string[]): FieldError[] {
  return fields.map((field) => ({ field, messageKey: 'errors.field.controlCharacters' }));
}
