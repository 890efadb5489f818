/**
 * Deadline rules as versioned data (LAW-BASE-10). Logic never hard-codes a number of days: it selects
 * the rule version in force when the case was received (LAW-BASE-07) and applies category overrides.
 */
import { z } from 'zod';
import { toLocalDate } from '../../../core/calendar/index.js';
import type { CaseKind } from './case-types.js';

/** What a deadline rule is about: a case kind or a reception visit. */
export type DeadlineSubject = CaseKind | 'reception';
/** Which clock: acceptance/initial processing, final resolution, or an internal step (transfer, forward). */
export type DeadlineStage = 'acceptance' | 'resolution' | 'step';
/** Unit of a deadline amount. */
export type DeadlineUnit = 'working_days' | 'calendar_days';
/** C = confirmed, S = secondary source, UNCONFIRMED = needs legal review (see vn-legal-requirements §0). */
export type RuleConfidence = 'C' | 'S' | 'UNCONFIRMED';
/** Case-level variants that select a different amount (LAW-COMPLAINT-07, LAW-DENUNC-06). */
export type DeadlineVariant = 'standard' | 'complex' | 'especially_complex' | 'remote' | 'remote_complex';

/** Zod schema of a deadline rule (used to validate admin-edited rule sets). */
export const deadlineRuleSchema = z.object({
  id: z.string().min(1),
  version: z.number().int().positive(),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  caseKind: z.enum(['feedback', 'question', 'complaint', 'denunciation', 'corruption_report', 'reception']),
  stage: z.enum(['acceptance', 'resolution', 'step']),
  variant: z.enum(['standard', 'complex', 'especially_complex', 'remote', 'remote_complex']).default('standard'),
  amount: z.number().int().positive(),
  unit: z.enum(['working_days', 'calendar_days']),
  legalRef: z.string(),
  confidence: z.enum(['C', 'S', 'UNCONFIRMED']),
  extension: z
    .object({ maxCount: z.number().int().nonnegative(), maxAmountEach: z.number().int().positive(), unit: z.enum(['working_days', 'calendar_days']) })
    .optional(),
  categoryId: z.string().optional(),
});

/** A versioned deadline rule. */
export interface DeadlineRule {
  id: string;
  version: number;
  effectiveFrom: string;
  caseKind: DeadlineSubject;
  stage: DeadlineStage;
  variant: DeadlineVariant;
  amount: number;
  unit: DeadlineUnit;
  legalRef: string;
  confidence: RuleConfidence;
  extension?: { maxCount: number; maxAmountEach: number; unit: DeadlineUnit };
  /** Set when a category override changed amount/unit. */
  categoryId?: string;
}

const rule = (fields: Omit<DeadlineRule, 'variant'> & { variant?: DeadlineVariant }): DeadlineRule => ({ variant: 'standard', ...fields });

/** Default rule set; a commune may replace it through settings after legal sign-off. */
export const defaultDeadlineRules: readonly DeadlineRule[] = [
  // LAW-PAKN-08: refuse within 2 working days, answer within 15 working days (Decision 766 scoring norms).
  rule({ id: 'feedback.acceptance', version: 1, effectiveFrom: '2022-06-23', caseKind: 'feedback', stage: 'acceptance', amount: 2, unit: 'working_days', legalRef: 'LAW-PAKN-08', confidence: 'S' }),
  rule({ id: 'feedback.resolution', version: 1, effectiveFrom: '2022-06-23', caseKind: 'feedback', stage: 'resolution', amount: 15, unit: 'working_days', legalRef: 'LAW-PAKN-08', confidence: 'S' }),
  // LAW-PAKN-04: out-of-competence feedback is transferred within 5 working days.
  rule({ id: 'feedback.transfer', version: 1, effectiveFrom: '2008-03-01', caseKind: 'feedback', stage: 'step', amount: 5, unit: 'working_days', legalRef: 'LAW-PAKN-04', confidence: 'C' }),
  // Questions have no statutory deadline; the commune's service standard mirrors PAKN (configurable).
  rule({ id: 'question.resolution', version: 1, effectiveFrom: '2000-01-01', caseKind: 'question', stage: 'resolution', amount: 15, unit: 'working_days', legalRef: 'LAW-PAKN-08 (by analogy)', confidence: 'S' }),
  // LAW-COMPLAINT-06: 10 days (law says "ngày"); 7 working days reported from 01/07/2026.
  rule({ id: 'complaint.acceptance', version: 1, effectiveFrom: '2012-07-01', caseKind: 'complaint', stage: 'acceptance', amount: 10, unit: 'calendar_days', legalRef: 'LAW-COMPLAINT-06', confidence: 'C' }),
  rule({ id: 'complaint.acceptance', version: 2, effectiveFrom: '2026-07-01', caseKind: 'complaint', stage: 'acceptance', amount: 7, unit: 'working_days', legalRef: 'LAW-COMPLAINT-06 (ND 155/2026)', confidence: 'UNCONFIRMED' }),
  // LAW-COMPLAINT-07: 30 days, complex 45; remote areas 45, complex 60 — counted from acceptance.
  rule({ id: 'complaint.resolution', version: 1, effectiveFrom: '2012-07-01', caseKind: 'complaint', stage: 'resolution', amount: 30, unit: 'calendar_days', legalRef: 'LAW-COMPLAINT-07', confidence: 'C' }),
  rule({ id: 'complaint.resolution', version: 1, effectiveFrom: '2012-07-01', caseKind: 'complaint', stage: 'resolution', variant: 'complex', amount: 45, unit: 'calendar_days', legalRef: 'LAW-COMPLAINT-07', confidence: 'C' }),
  rule({ id: 'complaint.resolution', version: 1, effectiveFrom: '2012-07-01', caseKind: 'complaint', stage: 'resolution', variant: 'remote', amount: 45, unit: 'calendar_days', legalRef: 'LAW-COMPLAINT-07', confidence: 'C' }),
  rule({ id: 'complaint.resolution', version: 1, effectiveFrom: '2012-07-01', caseKind: 'complaint', stage: 'resolution', variant: 'remote_complex', amount: 60, unit: 'calendar_days', legalRef: 'LAW-COMPLAINT-07', confidence: 'C' }),
  // LAW-DENUNC-02: initial processing 7 working days, up to 10 when checks at several places are needed.
  rule({ id: 'denunciation.acceptance', version: 1, effectiveFrom: '2019-01-01', caseKind: 'denunciation', stage: 'acceptance', amount: 7, unit: 'working_days', legalRef: 'LAW-DENUNC-02', confidence: 'C', extension: { maxCount: 1, maxAmountEach: 3, unit: 'working_days' } }),
  // LAW-DENUNC-03: transfer to the competent body within 5 working days.
  rule({ id: 'denunciation.transfer', version: 1, effectiveFrom: '2019-01-01', caseKind: 'denunciation', stage: 'step', amount: 5, unit: 'working_days', legalRef: 'LAW-DENUNC-03', confidence: 'C' }),
  // LAW-DENUNC-06: 30 days; complex 1 × 30-day extension; especially complex 2 × 30.
  rule({ id: 'denunciation.resolution', version: 1, effectiveFrom: '2019-01-01', caseKind: 'denunciation', stage: 'resolution', amount: 30, unit: 'calendar_days', legalRef: 'LAW-DENUNC-06', confidence: 'C', extension: { maxCount: 0, maxAmountEach: 30, unit: 'calendar_days' } }),
  rule({ id: 'denunciation.resolution', version: 1, effectiveFrom: '2019-01-01', caseKind: 'denunciation', stage: 'resolution', variant: 'complex', amount: 30, unit: 'calendar_days', legalRef: 'LAW-DENUNC-06', confidence: 'C', extension: { maxCount: 1, maxAmountEach: 30, unit: 'calendar_days' } }),
  rule({ id: 'denunciation.resolution', version: 1, effectiveFrom: '2019-01-01', caseKind: 'denunciation', stage: 'resolution', variant: 'especially_complex', amount: 30, unit: 'calendar_days', legalRef: 'LAW-DENUNC-06', confidence: 'C', extension: { maxCount: 2, maxAmountEach: 30, unit: 'calendar_days' } }),
  // LAW-DENUNC-04: no statutory period for checking anonymous information — commune setting.
  rule({ id: 'corruption_report.resolution', version: 1, effectiveFrom: '2019-01-01', caseKind: 'corruption_report', stage: 'resolution', amount: 15, unit: 'working_days', legalRef: 'LAW-DENUNC-04', confidence: 'UNCONFIRMED' }),
  // LAW-RECEP-10: answer the visitor within 10 working days.
  rule({ id: 'reception.resolution', version: 1, effectiveFrom: '2014-07-01', caseKind: 'reception', stage: 'resolution', amount: 10, unit: 'working_days', legalRef: 'LAW-RECEP-10', confidence: 'C' }),
];

/** Validates an admin-supplied rule set; throws a ZodError on bad data. */
export function parseDeadlineRules(input: unknown): DeadlineRule[] {
  return z.array(deadlineRuleSchema).parse(input);
}

/**
 * The rule version in force on the local date of receipt (LAW-BASE-07): greatest effectiveFrom not after
 * receipt. Falls back to the 'standard' variant when the requested one is not defined.
 */
export function selectRule(
  rules: readonly DeadlineRule[],
  caseKind: DeadlineSubject,
  stage: DeadlineStage,
  receivedAt: Date,
  variant: DeadlineVariant = 'standard',
): DeadlineRule | null {
  const receivedOn = toLocalDate(receivedAt);
  const pick = (wanted: DeadlineVariant): DeadlineRule | null => {
    let best: DeadlineRule | null = null;
    for (const candidate of rules) {
      if (candidate.caseKind !== caseKind || candidate.stage !== stage || candidate.variant !== wanted) continue;
      if (candidate.effectiveFrom > receivedOn) continue;
      if (best === null || candidate.effectiveFrom > best.effectiveFrom || (candidate.effectiveFrom === best.effectiveFrom && candidate.version > best.version)) {
        best = candidate;
      }
    }
    return best;
  };
  return pick(variant) ?? (variant === 'standard' ? null : pick('standard'));
}

/** A category's own amount/unit for a kind and stage (e.g. water-supply feedback answered in 5 working days). */
export interface CategoryDeadlineOverride {
  categoryId: string;
  caseKind: DeadlineSubject;
  stage: DeadlineStage;
  amount: number;
  unit: DeadlineUnit;
}

/** Applies the matching category override to a rule, keeping id/version/legal ref for the audit trail. */
export function applyCategoryOverride(
  baseRule: DeadlineRule,
  overrides: readonly CategoryDeadlineOverride[],
  categoryId: string | null,
): DeadlineRule {
  if (categoryId === null) return baseRule;
  const override = overrides.find(
    (candidate) => candidate.categoryId === categoryId && candidate.caseKind === baseRule.caseKind && candidate.stage === baseRule.stage,
  );
  if (!override) return baseRule;
  return Object.assign({}, baseRule, { amount: override.amount, unit: override.unit, categoryId });
}

/** selectRule + applyCategoryOverride in one call. */
export function resolveDeadlineRule(input: {
  rules: readonly DeadlineRule[];
  overrides?: readonly CategoryDeadlineOverride[];
  caseKind: DeadlineSubject;
  stage: DeadlineStage;
  receivedAt: Date;
  variant?: DeadlineVariant;
  categoryId?: string | null;
}): DeadlineRule | null {
  const selected = selectRule(input.rules, input.caseKind, input.stage, input.receivedAt, input.variant ?? 'standard');
  if (selected === null) return null;
  return applyCategoryOverride(selected, input.overrides ?? [], input.categoryId ?? null);
}
