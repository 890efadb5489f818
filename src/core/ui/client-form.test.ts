import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { safeParseReportingInput, zodIssuesToFieldErrors } from '../contract/validation.js';
import { orderFieldErrors, toOptionalNumber } from './client-form.js';

describe('toOptionalNumber', () => {
  it('reads integers written the Vietnamese way, with dots or spaces between thousands', () => {
    expect(toOptionalNumber('1.000')).toBe(1000);
    expect(toOptionalNumber('1 000')).toBe(1000);
    expect(toOptionalNumber(' 12.500.000 ')).toBe(12_500_000);
    expect(toOptionalNumber('1\u00a0250')).toBe(1250);
    expect(toOptionalNumber('742')).toBe(742);
    expect(toOptionalNumber('')).toBeNull();
  });

  it('reads one or two decimals (dot or comma) as a number, so a whole-number field says "whole number"', () => {
    expect(toOptionalNumber('2.5')).toBe(2.5);
    expect(toOptionalNumber('2,5')).toBe(2.5);
    expect(toOptionalNumber('1.25')).toBe(1.25);
    const parsed = safeParseReportingInput(z.object({ days: z.number().int() }), { days: toOptionalNumber('2.5') });
    expect(zodIssuesToFieldErrors(parsed.error!.issues)).toEqual([{ field: 'days', messageKey: 'errors.field.integer' }]);
  });

  it('leaves mixed separators, thousands after a comma and words as text, so the schema reports the wrong type', () => {
    for (const text of ['1.0000', '1.000 000', '1..000', '.000', 'năm', '1,000', '2.5.1']) expect(toOptionalNumber(text), text).toBe(text);
  });
});

describe('orderFieldErrors', () => {
  it('lists errors in the form’s field order, nested fields with their parent, unknown fields last', () => {
    const errors = { code: 'a', 'overrides.1.kind': 'b', extra: 'c', name: 'd', 'overrides.0.kind': 'e' };
    expect(orderFieldErrors(errors, ['name', 'code', 'overrides']).map(([field]) => field)).toEqual(['name', 'code', 'overrides.1.kind', 'overrides.0.kind', 'extra']);
  });
});
