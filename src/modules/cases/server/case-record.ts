/**
 * Pure glue between stored rows and the domain: (de)serialising CaseState, computing a case's
 * deadlines from the rules frozen at receipt, and mapping signed-in actors to domain actors.
 */
import type { Actor } from '../../../core/auth/roles.js';
import type { WorkingCalendar } from '../../../core/calendar/index.js';
import {
  computeDeadline,
  resolveDeadlineRule,
  type CaseActor,
  type CaseKind,
  type CaseState,
  type CategoryDeadlineOverride,
  type DeadlineResult,
  type DeadlineRule,
  type DeadlineVariant,
  type ExplanationStep,
} from '../domain/index.js';

/** Serialise a CaseState (Dates become ISO strings). */
export function serialiseState(state: CaseState): string {
  return JSON.stringify(state);
}

const toDate = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(String(value)));

/** Parse a stored CaseState, reviving every instant. */
export function parseState(json: string): CaseState {
  const raw = JSON.parse(json) as Record<string, unknown> & CaseState;
  // The parsed object is ours: its dates are revived in place (no `{ ...raw, … }` copy on a hot path).
  return Object.assign(raw, {
    receivedAt: new Date(String(raw.receivedAt)),
    acceptedAt: toDate(raw.acceptedAt),
    stepDeadline: toDate(raw.stepDeadline),
    answeredAt: toDate(raw.answeredAt),
    closedAt: toDate(raw.closedAt),
    pauses: (raw.pauses ?? []).map((pause) => ({ from: new Date(String(pause.from)), to: toDate(pause.to) })),
    extensions: (raw.extensions ?? []).map((extension) => Object.assign(extension, { approvedAt: new Date(String(extension.approvedAt)) })),
    partialWithdrawals: (raw.partialWithdrawals ?? []).map((entry) => Object.assign(entry, { at: new Date(String(entry.at)) })),
    // Records written before the draft's author was kept have no such field.
    draftedByUserId: raw.draftedByUserId ?? null,
    withdrawalRequest: raw.withdrawalRequest ? Object.assign(raw.withdrawalRequest, { at: new Date(String(raw.withdrawalRequest.at)) }) : null,
  });
}

/** The deadline rules frozen on the case at receipt (LAW-BASE-07), plus the complexity variant. */
export interface RuleRef {
  variant: DeadlineVariant;
  acceptance: DeadlineRule | null;
  resolution: DeadlineRule | null;
}

/** Select the acceptance and resolution rules in force at receipt, with the category's override. */
export function resolveRuleRef(input: {
  rules: readonly DeadlineRule[];
  overrides: readonly CategoryDeadlineOverride[];
  kind: CaseKind;
  categoryId: string;
  receivedAt: Date;
  variant?: DeadlineVariant;
}): RuleRef {
  const variant = input.variant ?? 'standard';
  // Two literals rather than `{ ...common, stage }` (Node 20 and object spread: bench/README.md).
  return {
    variant,
    acceptance: resolveDeadlineRule({ rules: input.rules, overrides: input.overrides, caseKind: input.kind, receivedAt: input.receivedAt, categoryId: input.categoryId, stage: 'acceptance' }),
    resolution: resolveDeadlineRule({ rules: input.rules, overrides: input.overrides, caseKind: input.kind, receivedAt: input.receivedAt, categoryId: input.categoryId, stage: 'resolution', variant }),
  };
}

export function parseRuleRef(json: string | null): RuleRef {
  return json ? (JSON.parse(json) as RuleRef) : { variant: 'standard', acceptance: null, resolution: null };
}

/** Human-readable reference of the resolution rule, e.g. "feedback.resolution v1 (LAW-PAKN-08)". */
export function describeRuleRef(ruleRef: RuleRef): string | null {
  const rule = ruleRef.resolution;
  return rule ? `${rule.id} v${rule.version}${rule.variant === 'standard' ? '' : ` [${rule.variant}]`} (${rule.legalRef})` : null;
}

export interface CaseDeadlines {
  acceptance: DeadlineResult | null;
  resolution: DeadlineResult | null;
}

/**
 * Acceptance deadline counted from receipt; resolution deadline counted from acceptance for
 * complaints and denunciations (LAW-COMPLAINT-07, LAW-DENUNC-06: "from acceptance") and from
 * receipt otherwise. Pauses (awaiting information) and approved extensions move the due date.
 */
export function computeCaseDeadlines(state: CaseState, ruleRef: RuleRef, calendar: WorkingCalendar, now: Date): CaseDeadlines {
  const countsFromAcceptance = state.kind === 'complaint' || state.kind === 'denunciation';
  const resolutionStart = countsFromAcceptance ? (state.acceptedAt ?? state.receivedAt) : state.receivedAt;
  return {
    acceptance: ruleRef.acceptance
      ? computeDeadline({ rule: ruleRef.acceptance, start: state.receivedAt, calendar, pauses: state.acceptedAt ? [] : state.pauses, now })
      : null,
    resolution: ruleRef.resolution
      ? computeDeadline({ rule: ruleRef.resolution, start: resolutionStart, calendar, pauses: state.pauses, extensions: state.extensions, now })
      : null,
  };
}

/**
 * Whether the resolution deadline is only provisional: complaints and denunciations count it from
 * acceptance (LAW-COMPLAINT-07, LAW-DENUNC-06), and until then it is dated as if accepted at receipt.
 */
export function isResolutionProvisional(state: Pick<CaseState, 'kind' | 'acceptedAt'>): boolean {
  return (state.kind === 'complaint' || state.kind === 'denunciation') && state.acceptedAt === null;
}

/**
 * A resolution period counted from acceptance says so: its start is the acceptance day, or, before
 * acceptance, a provisional one (its start and due date marked). New step objects; the computed ones
 * are left as they are.
 */
function fromAcceptanceSteps(steps: readonly ExplanationStep[], isProvisional: boolean): ExplanationStep[] {
  return steps.map((step): ExplanationStep => {
    if (step.kind === 'start') return { kind: 'start', date: step.date, isWorkingDay: step.isWorkingDay, isFromAcceptance: true, isProvisional };
    if (step.kind === 'due' && isProvisional) return { kind: 'due', date: step.date, dueAt: step.dueAt, isProvisional: true };
    return step;
  });
}

/** The explanation of the deadline that matters now: acceptance while received, resolution afterwards. */
export function currentExplanation(state: CaseState, deadlines: CaseDeadlines): ExplanationStep[] {
  const resolution = deadlines.resolution?.explanation ?? [];
  const countsFromAcceptance = state.kind === 'complaint' || state.kind === 'denunciation';
  const resolutionSteps = countsFromAcceptance ? fromAcceptanceSteps(resolution, state.acceptedAt === null) : resolution;
  if (state.status === 'received' && deadlines.acceptance) return [...deadlines.acceptance.explanation, ...resolutionSteps];
  return resolutionSteps;
}

/**
 * Domain actors for a signed-in account in a commune, most privileged first: a user who is both
 * leader and officer may act in either capacity; the first role the state machine accepts wins.
 */
export function caseActorsOf(actor: Actor, communeId: string): CaseActor[] {
  const grants = actor.grants.filter((grant) => grant.communeId === communeId);
  const order = ['leader', 'officer', 'admin', 'supervisor', 'higher_level_viewer', 'area_head', 'resident'] as const;
  const result: CaseActor[] = [];
  for (const role of order) {
    for (const grant of grants.filter((candidate) => candidate.role === role)) {
      if (!result.some((existing) => existing.role === role && existing.unitId === (grant.unitId ?? null))) {
        result.push({ role, userId: actor.userId, unitId: grant.unitId ?? null });
      }
    }
  }
  if (actor.kind === 'resident' && !result.some((entry) => entry.role === 'resident')) result.push({ role: 'resident', userId: actor.userId, unitId: null });
  return result;
}
