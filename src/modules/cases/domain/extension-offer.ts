/**
 * Whether a leader may extend a case's deadline now, and by how much at most (LAW-DENUNC-02,
 * LAW-DENUNC-06): the back office offers "Gia hạn" only when the rule in force allows one more
 * extension, and states that rule's cap per extension, not a generic maximum.
 */
import type { CaseState } from './case-state.js';
import { checkExtension } from './compute-deadline.js';
import type { DeadlineRule } from './deadlines.js';

export interface ExtensionOffer {
  /** The stage extended: the acceptance period while the case is `received`, else the resolution deadline. */
  stage: 'acceptance' | 'resolution';
  /** The longest single extension the rule allows (LAW-DENUNC-06: 30 days; LAW-DENUNC-02: 3 working days). */
  maxAmount: number;
  unit: DeadlineRule['unit'];
  /** Extensions still allowed after this one is granted. */
  remainingAfter: number;
}

/**
 * The extension one more request may take, or null when none is allowed: no rule, a rule without
 * extensions (feedback, questions, complaints, whose longer periods come from the complexity
 * decision), or every extension already used. `candidates` are the rules the request may invoke, the
 * one in force first; for a denunciation also the complex and especially complex variants a written
 * determination selects (LAW-DENUNC-06), the first that still allows one being offered.
 */
export function extensionOffer(state: Pick<CaseState, 'status' | 'extensions' | 'acceptanceExtensions'>, candidates: readonly (DeadlineRule | null | undefined)[]): ExtensionOffer | null {
  const stage = state.status === 'received' ? 'acceptance' : 'resolution';
  const used = stage === 'acceptance' ? state.acceptanceExtensions : state.extensions;
  for (const rule of candidates) {
    if (!rule || !rule.extension || !checkExtension(rule, used).allowed) continue;
    return { stage, maxAmount: rule.extension.maxAmountEach, unit: rule.extension.unit, remainingAfter: rule.extension.maxCount - used.length - 1 };
  }
  return null;
}
