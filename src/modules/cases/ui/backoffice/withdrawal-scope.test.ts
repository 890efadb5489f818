import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../../../core/i18n/translate.js';
import { caseUiCatalogs } from '../i18n.js';
import { withdrawalScopeChoices } from './withdrawal-scope.js';

/** The staff written-withdrawal form offers "partial" only where `isPartialWithdrawalAllowed` does (LAW-COMPLAINT-04, LAW-DENUNC-08). */
describe('withdrawalScopeChoices', () => {
  const vi = createTranslate(caseUiCatalogs, 'vi');
  const en = createTranslate(caseUiCatalogs, 'en');

  it('offers both choices when part of the case may be withdrawn', () => {
    const choices = withdrawalScopeChoices({ kind: 'denunciation', canWithdrawPartially: true }, vi);
    expect(choices.options).toEqual([
      { value: 'whole', label: 'Toàn bộ nội dung' },
      { value: 'partial', label: 'Một phần nội dung', isDisabled: false },
    ]);
    expect(choices.hint).toBeUndefined();
  });

  it('disables "partial" with the reason for a kind that is withdrawn whole only (feedback, question)', () => {
    const choices = withdrawalScopeChoices({ kind: 'feedback', canWithdrawPartially: false }, vi);
    expect(choices.options.find((option) => option.value === 'partial')?.isDisabled).toBe(true);
    expect(choices.options.find((option) => option.value === 'whole')?.isDisabled).toBeUndefined();
    expect(choices.hint).toBe('Hồ sơ loại này chỉ có thể rút toàn bộ, không rút một phần.');
    expect(withdrawalScopeChoices({ kind: 'question', canWithdrawPartially: false }, en).hint).toBe('This kind of case can only be withdrawn as a whole, not in part.');
  });

  it('LAW-COMPLAINT-04: says a complaint cannot yet be withdrawn in part on this date', () => {
    const choices = withdrawalScopeChoices({ kind: 'complaint', canWithdrawPartially: false }, en);
    expect(choices.options.find((option) => option.value === 'partial')?.isDisabled).toBe(true);
    expect(choices.hint).toBe('Part of a complaint cannot be withdrawn on this date yet; only a whole withdrawal can be recorded.');
  });
});
