import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { requiredField, safeParseReportingInput, zodIssuesToFieldErrors } from './validation.js';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return zodIssuesToFieldErrors(result.error.issues);
};

describe('zodIssuesToFieldErrors', () => {
  it('names missing, too long and unknown fields with message keys and limits', () => {
    const schema = z.strictObject({ name: z.string().min(1).max(5), count: z.number().int() });
    expect(issuesOf(schema, { name: 'abcdefg', extra: 1 })).toEqual([
      { field: 'name', messageKey: 'errors.field.tooLong', params: { max: 5 } },
      { field: 'count', messageKey: 'errors.field.required' },
      { field: 'extra', messageKey: 'errors.field.unknown' },
    ]);
  });

  it('keeps a message key the schema names itself, and ignores Zod sentences', () => {
    expect(issuesOf(z.object({ code: z.string().regex(/^\d{6}$/, 'auth.errors.totpFormat') }), { code: '12' })).toEqual([{ field: 'code', messageKey: 'auth.errors.totpFormat' }]);
    expect(issuesOf(z.object({ code: z.string().regex(/^\d{6}$/, 'Must be six digits.') }), { code: '12' })).toEqual([{ field: 'code', messageKey: 'errors.field.format.regex' }]);
    expect(issuesOf(z.object({ email: z.email() }), { email: 'x' })).toEqual([{ field: 'email', messageKey: 'errors.field.format.email' }]);
  });
});

describe('zodIssuesToFieldErrors on numbers past the safe range', () => {
  it("tells a whole number's own limit only, not also the 2^53 bound of int()", () => {
    const days = z.strictObject({ days: z.number().int().min(1).max(60) });
    expect(zodIssuesToFieldErrors(days.safeParse({ days: 1e308 }).error!.issues).map((error) => [error.field, error.messageKey, error.params])).toEqual([['days', 'errors.field.tooBig', { max: 60 }]]);
    expect(zodIssuesToFieldErrors(days.safeParse({ days: -1e308 }).error!.issues).map((error) => [error.field, error.messageKey, error.params])).toEqual([['days', 'errors.field.tooSmall', { min: 1 }]]);
    // A field with no limit of its own still says why it failed.
    expect(zodIssuesToFieldErrors(z.strictObject({ n: z.number().int() }).safeParse({ n: 1e308 }).error!.issues).map((error) => error.messageKey)).toEqual(['errors.field.tooBig']);
  });
});

describe('requiredField', () => {
  const title = z.strictObject({ title: z.string(requiredField('cases.errors.titleRequired')).trim().min(5, requiredField('cases.errors.titleRequired')).max(10) });

  it('names what to enter when the field is missing, empty or blank', () => {
    for (const value of [{}, { title: '' }, { title: '   ' }, { title: null }]) expect(issuesOf(title, value)).toEqual([{ field: 'title', messageKey: 'cases.errors.titleRequired' }]);
  });

  it('leaves a value that is there but wrong to the generic messages', () => {
    expect(issuesOf(title, { title: 'abc' })).toEqual([{ field: 'title', messageKey: 'errors.field.tooShort', params: { min: 5 } }]);
    expect(issuesOf(title, { title: 'x'.repeat(11) })).toEqual([{ field: 'title', messageKey: 'errors.field.tooLong', params: { max: 10 } }]);
  });
});

describe('safeParseReportingInput', () => {
  const count = z.strictObject({ count: z.number().int() });

  it('returns the parsed value of a valid input', () => {
    expect(safeParseReportingInput(count, { count: 3 })).toEqual({ success: true, data: { count: 3 } });
  });

  it('reports the wrong input on each issue, so a wrong value does not read as a missing one', () => {
    const result = safeParseReportingInput(count, { count: 'abc' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.input])).toEqual([['count', 'abc']]);
    expect(zodIssuesToFieldErrors(result.error!.issues)).toEqual([{ field: 'count', messageKey: 'errors.field.number' }]);
  });
});
