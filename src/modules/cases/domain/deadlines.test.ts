import { describe, expect, it } from 'vitest';
import { applyCategoryOverride, defaultDeadlineRules, parseDeadlineRules, resolveDeadlineRule, selectRule } from './deadlines.js';

const at = (local: string): Date => new Date(`${local}+07:00`);

describe('deadline rules as data', () => {
  it('default rules are valid against the schema and unique per id/version/variant', () => {
    const parsed = parseDeadlineRules(defaultDeadlineRules);
    expect(parsed).toHaveLength(defaultDeadlineRules.length);
    const keys = defaultDeadlineRules.map((rule) => `${rule.id}@${rule.version}/${rule.variant}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(() => parseDeadlineRules([{ id: 'x', version: 0 }])).toThrow();
  });

  it('carries the figures of the legal reference', () => {
    const pick = (kind: Parameters<typeof selectRule>[1], stage: Parameters<typeof selectRule>[2], variant?: Parameters<typeof selectRule>[4]) =>
      selectRule(defaultDeadlineRules, kind, stage, at('2026-03-01T08:00:00'), variant);
    expect(pick('feedback', 'acceptance')).toMatchObject({ amount: 2, unit: 'working_days', legalRef: 'LAW-PAKN-08' });
    expect(pick('feedback', 'resolution')).toMatchObject({ amount: 15, unit: 'working_days', confidence: 'S' });
    expect(pick('question', 'resolution')).toMatchObject({ amount: 15, unit: 'working_days' });
    expect(pick('complaint', 'resolution', 'complex')).toMatchObject({ amount: 45, legalRef: 'LAW-COMPLAINT-07' });
    expect(pick('complaint', 'resolution', 'remote')).toMatchObject({ amount: 45 });
    expect(pick('denunciation', 'acceptance')).toMatchObject({ amount: 7, extension: { maxCount: 1, maxAmountEach: 3 } });
    expect(pick('denunciation', 'resolution', 'especially_complex')).toMatchObject({ amount: 30, extension: { maxCount: 2, maxAmountEach: 30 } });
    expect(pick('corruption_report', 'resolution')).toMatchObject({ amount: 15, confidence: 'UNCONFIRMED' });
    expect(pick('reception', 'resolution')).toMatchObject({ amount: 10, unit: 'working_days', legalRef: 'LAW-RECEP-10' });
  });

  it('LAW-BASE-07 / LAW-COMPLAINT-06: the version in force at receipt (UTC+7) applies', () => {
    const before = selectRule(defaultDeadlineRules, 'complaint', 'acceptance', at('2026-06-30T23:59:00'));
    expect(before).toMatchObject({ version: 1, amount: 10, unit: 'calendar_days', confidence: 'C' });
    // 17:30 UTC on 30 June is already 1 July in Vietnam.
    const after = selectRule(defaultDeadlineRules, 'complaint', 'acceptance', new Date('2026-06-30T17:30:00Z'));
    expect(after).toMatchObject({ version: 2, amount: 7, unit: 'working_days', confidence: 'UNCONFIRMED' });
    expect(selectRule(defaultDeadlineRules, 'complaint', 'acceptance', at('2010-01-01T08:00:00'))).toBeNull();
  });

  it('falls back to the standard variant', () => {
    expect(selectRule(defaultDeadlineRules, 'feedback', 'resolution', at('2026-03-01T08:00:00'), 'complex')).toMatchObject({ id: 'feedback.resolution', variant: 'standard' });
  });

  it('applies category overrides without losing the legal reference', () => {
    const overrides = [{ categoryId: 'water', caseKind: 'feedback' as const, stage: 'resolution' as const, amount: 5, unit: 'working_days' as const }];
    const resolved = resolveDeadlineRule({ rules: defaultDeadlineRules, overrides, caseKind: 'feedback', stage: 'resolution', receivedAt: at('2026-03-01T08:00:00'), categoryId: 'water' });
    expect(resolved).toMatchObject({ id: 'feedback.resolution', amount: 5, legalRef: 'LAW-PAKN-08', categoryId: 'water' });
    const base = resolved && { ...resolved, amount: 15, categoryId: undefined };
    expect(base && applyCategoryOverride(base, overrides, 'roads').amount).toBe(15);
    expect(base && applyCategoryOverride(base, overrides, null).amount).toBe(15);
  });
});
