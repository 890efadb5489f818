/**
 * Category service standards: a commune may promise residents a shorter deadline for a category
 * (e.g. clean-water feedback within 5 working days), never a longer one than the law sets.
 */
import type { CaseKind } from './case-types.js';
import { selectRule, type DeadlineRule, type DeadlineStage, type DeadlineUnit } from './deadlines.js';

export interface CategoryOverrideProposal {
  kind: CaseKind;
  stage: Extract<DeadlineStage, 'acceptance' | 'resolution'>;
  amount: number;
  unit: DeadlineUnit;
}

export type CategoryOverrideCheck = { ok: true; legal: DeadlineRule } | { ok: false; reason: 'no_rule' } | { ok: false; reason: 'longer_than_law'; legal: DeadlineRule };

/** Five working days make a calendar week: the conservative conversion between the two units. */
function asCalendarDays(amount: number, unit: DeadlineUnit, rounding: 'up' | 'down'): number {
  if (unit === 'calendar_days') return amount;
  const days = (amount * 7) / 5;
  return rounding === 'up' ? Math.ceil(days) : Math.floor(days);
}

/** Check one override against the legal rule in force on `at` (standard variant). */
export function checkCategoryOverride(rules: readonly DeadlineRule[], proposal: CategoryOverrideProposal, at: Date): CategoryOverrideCheck {
  const legal = selectRule(rules, proposal.kind, proposal.stage, at, 'standard');
  if (!legal) return { ok: false, reason: 'no_rule' };
  const isWithinLaw =
    legal.unit === proposal.unit ? proposal.amount <= legal.amount : asCalendarDays(proposal.amount, proposal.unit, 'up') <= asCalendarDays(legal.amount, legal.unit, 'down');
  return isWithinLaw ? { ok: true, legal } : { ok: false, reason: 'longer_than_law', legal };
}
