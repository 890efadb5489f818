import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { zodIssuesToFieldErrors } from '../../core/contract/validation.js';
import { caseActionSchema, staffIntakeSchema, submitCaseSchema } from './contract.js';
import vi from './messages/vi.json' with { type: 'json' };

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  return Object.fromEntries(zodIssuesToFieldErrors(parsed.error?.issues ?? []).map((error) => [error.field, error.messageKey]));
};
const submission = { kind: 'feedback', categoryId: '', areaId: null, title: 'Đèn đường hỏng', description: 'Đèn đường đầu thôn hỏng đã hai tuần.', privacy: 'handler_only' };
const intake = { ...submission, channel: 'walk_in' };

describe('required choices name what to choose', () => {
  it('an empty category, kind, channel or privacy gives its own message, not the uuid/enum format message', () => {
    expect(errorsOf(staffIntakeSchema, { ...intake, kind: '', channel: '', privacy: '' })).toEqual({
      categoryId: 'cases.errors.categoryRequired',
      kind: 'cases.errors.kindRequired',
      channel: 'cases.errors.channelRequired',
      privacy: 'cases.errors.privacyRequired',
    });
    const { categoryId: _omitted, ...withoutCategory } = submission;
    expect(errorsOf(submitCaseSchema, withoutCategory)).toEqual({ categoryId: 'cases.errors.categoryRequired' });
    expect(vi['cases.errors.categoryRequired']).toBe('Vui lòng chọn lĩnh vực.');
  });

  it('a value that is present but wrong keeps the shared message', () => {
    expect(errorsOf(submitCaseSchema, { ...submission, categoryId: 'not-a-uuid', kind: 'nope' })).toEqual({ categoryId: 'errors.field.format.uuid', kind: 'errors.field.notAllowed' });
  });

  it('the unit, refusal ground and day unit of staff actions', () => {
    expect(errorsOf(caseActionSchema, { type: 'assign', unitId: '' })).toEqual({ unitId: 'cases.errors.unitRequired' });
    expect(errorsOf(caseActionSchema, { type: 'forward', toUnitId: '', stepDays: 3 })).toEqual({ toUnitId: 'cases.errors.unitRequired' });
    expect(errorsOf(caseActionSchema, { type: 'refuse', ground: '' })).toEqual({ ground: 'cases.errors.groundRequired' });
    expect(errorsOf(caseActionSchema, { type: 'extendDeadline', amount: 5, unit: '', reason: 'Cần xác minh thêm' })).toEqual({ unit: 'cases.errors.deadlineUnitRequired' });
  });

  it('every key a schema names exists in both catalogs', async () => {
    const en = (await import('./messages/en.json', { with: { type: 'json' } })).default as Record<string, string>;
    for (const key of ['categoryRequired', 'kindRequired', 'channelRequired', 'privacyRequired', 'unitRequired', 'groundRequired', 'deadlineUnitRequired']) {
      expect((vi as Record<string, string>)[`cases.errors.${key}`]).toBeTruthy();
      expect(en[`cases.errors.${key}`]).toBeTruthy();
    }
  });
});
