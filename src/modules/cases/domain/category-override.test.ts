import { describe, expect, it } from 'vitest';
import { checkCategoryOverride } from './category-override.js';
import { defaultDeadlineRules } from './deadlines.js';

const at = new Date('2026-11-26T03:00:00.000Z');

describe('checkCategoryOverride', () => {
  it('accepts a shorter service standard and refuses a longer one than the law', () => {
    expect(checkCategoryOverride(defaultDeadlineRules, { kind: 'feedback', stage: 'resolution', amount: 5, unit: 'working_days' }, at).ok).toBe(true);
    expect(checkCategoryOverride(defaultDeadlineRules, { kind: 'feedback', stage: 'resolution', amount: 15, unit: 'working_days' }, at).ok).toBe(true);
    const longer = checkCategoryOverride(defaultDeadlineRules, { kind: 'feedback', stage: 'resolution', amount: 16, unit: 'working_days' }, at);
    expect(longer).toMatchObject({ ok: false, reason: 'longer_than_law' });
  });

  it('compares working and calendar days conservatively', () => {
    // Complaints: 30 calendar days; 20 working days ≈ 28 calendar days fits, 22 (≈ 31) does not.
    expect(checkCategoryOverride(defaultDeadlineRules, { kind: 'complaint', stage: 'resolution', amount: 20, unit: 'working_days' }, at).ok).toBe(true);
    expect(checkCategoryOverride(defaultDeadlineRules, { kind: 'complaint', stage: 'resolution', amount: 22, unit: 'working_days' }, at).ok).toBe(false);
    // Feedback: 15 working days ≈ 21 calendar days.
    expect(checkCategoryOverride(defaultDeadlineRules, { kind: 'feedback', stage: 'resolution', amount: 21, unit: 'calendar_days' }, at).ok).toBe(true);
    expect(checkCategoryOverride(defaultDeadlineRules, { kind: 'feedback', stage: 'resolution', amount: 22, unit: 'calendar_days' }, at).ok).toBe(false);
  });

  it('refuses an override of a stage the law does not time', () => {
    expect(checkCategoryOverride(defaultDeadlineRules, { kind: 'question', stage: 'acceptance', amount: 2, unit: 'working_days' }, at)).toEqual({ ok: false, reason: 'no_rule' });
  });
});
