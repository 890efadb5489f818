/**
 * Pure glue between stored rows and the domain: (de)serialising CaseState, computing a case's
 * deadlines from the rules frozen at receipt, and mapping signed-in actors to domain actors.
 */
import type { Actor } from '../../../core/auth/roles.js';
import { toLocalDate, type WorkingCalendar } from '../../../core/calendar/index.js';
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
  STEP_CLOCK_STATUSES,
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
    step: raw.step ? { from: new Date(String(raw.step.from)), days: raw.step.days } : null,
    answeredAt: toDate(raw.answeredAt),
    closedAt: toDate(raw.closedAt),
    pauses: (raw.pauses ?? []).map((pause) => ({ from: new Date(String(pause.from)), to: toDate(pause.to) })),
    extensions: (raw.extensions ?? []).map((extension) => Object.assign(extension, { approvedAt: new Date(String(extension.approvedAt)) })),
    partialWithdrawals: (raw.partialWithdrawals ?? []).map((entry) => Object.assign(entry, { at: new Date(String(entry.at)) })),
    // Records written before the draft's author was kept have no such field.
    draftedByUserId: raw.draftedByUserId ?? null,
    withdrawalRequest: raw.withdrawalRequest ? Object.assign(raw.withdrawalRequest, { at: new Date(String(raw.withdrawalRequest.at)) }) : null,
    transfer: raw.transfer ? Object.assign(raw.transfer, { at: new Date(String(raw.transfer.at)) }) : null,
    complexity: raw.complexity ? Object.assign(raw.complexity, { decidedAt: new Date(String(raw.complexity.decidedAt)) }) : null,
    // Records written before ratings, reopenings and acceptance extensions were kept have no such fields.
    earlierRatings: raw.earlierRatings ?? [],
    reopenedAt: toDate(raw.reopenedAt),
    acceptanceExtensions: (raw.acceptanceExtensions ?? []).map((extension) => Object.assign(extension, { approvedAt: new Date(String(extension.approvedAt)) })),
  });
}

/** Scores given before the case was reopened (read from the stored state without reviving all of it). */
export function earlierRatingsOf(json: string): number[] {
  const raw = JSON.parse(json) as { earlierRatings?: { score: number }[] };
  return (raw.earlierRatings ?? []).map((rating) => rating.score);
}

/** The deadline rules frozen on the case at receipt (LAW-BASE-07), plus the complexity variant. */
export interface RuleRef {
  variant: DeadlineVariant;
  acceptance: DeadlineRule | null;
  resolution: DeadlineRule | null;
  /** When staff changed the kind or category: the rules were re-selected, still from the receipt date. */
  reclassifiedAt?: string | null;
  /** When a leader decided a complaint's complexity / remote area (LAW-COMPLAINT-07/08), selecting `variant`. */
  variantDecidedAt?: string | null;
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
 * Acceptance deadline counted from receipt (with its own extensions, LAW-DENUNC-02); resolution
 * deadline counted from acceptance for complaints and denunciations (LAW-COMPLAINT-07, LAW-DENUNC-06:
 * "from acceptance") and from receipt otherwise. Pauses (awaiting information) and approved extensions
 * move the due date. A reopened case gets a new round under the same stored rule, counted from the
 * last reopening with only that round's pauses and extensions (no rule sets its own reopening period).
 */
export function computeCaseDeadlines(state: CaseState, ruleRef: RuleRef, calendar: WorkingCalendar, now: Date): CaseDeadlines {
  const countsFromAcceptance = state.kind === 'complaint' || state.kind === 'denunciation';
  const reopenedAt = state.reopenedAt;
  const resolutionStart = reopenedAt ?? (countsFromAcceptance ? (state.acceptedAt ?? state.receivedAt) : state.receivedAt);
  const pauses = reopenedAt ? state.pauses.filter((pause) => pause.from >= reopenedAt) : state.pauses;
  const extensions = reopenedAt ? state.extensions.filter((extension) => extension.approvedAt >= reopenedAt) : state.extensions;
  const deadlines = {
    acceptance: ruleRef.acceptance
      ? computeDeadline({ rule: ruleRef.acceptance, start: state.receivedAt, calendar, pauses: state.acceptedAt ? [] : state.pauses, extensions: state.acceptanceExtensions, now })
      : null,
    resolution: ruleRef.resolution
      ? computeDeadline({ rule: ruleRef.resolution, start: resolutionStart, calendar, pauses, extensions, now, isReopening: reopenedAt !== null })
      : null,
  };
  // Say why the rule is not the one chosen at intake, right after the rule itself.
  const notes: ExplanationStep[] = [];
  if (ruleRef.reclassifiedAt) notes.push({ kind: 'reclassified', date: toLocalDate(new Date(ruleRef.reclassifiedAt)) });
  if (ruleRef.variantDecidedAt) notes.push({ kind: 'variant_decided', variant: ruleRef.variant, date: toLocalDate(new Date(ruleRef.variantDecidedAt)) });
  if (notes.length > 0 && deadlines.resolution) deadlines.resolution.explanation.splice(1, 0, ...notes);
  return deadlines;
}

/**
 * The due date to show with a deadline's explanation: the stored one, except while the clock is
 * stopped. Then the date moves by each paused day (LAW-BASE-10) and the stored one, written when the
 * clock stopped, is behind; the computed one (provisional: as if the pause ended today) is shown,
 * the date the explanation ends with.
 */
export function shownDueAt(stored: string | null, deadline: DeadlineResult | null): string | null {
  return deadline?.isPaused ? deadline.dueAt.toISOString() : stored;
}

/** The stored columns a list row's shown due dates come from; `state` and `rule_ref` may be left out (null) for a case not paused. */
export interface ShownDueDateSource {
  status: string;
  acceptance_due_at: string | null;
  due_at: string | null;
  state: string | null;
  rule_ref: string | null;
}

/** Whether a case's clock is stopped: a pause runs only while it waits for the resident (every way out of that status ends it). */
export const isPausedStatus = (status: string): boolean => status === 'awaiting_information';

/**
 * The acceptance and resolution due dates a list shows: the same as the case page's (`shownDueAt`
 * on the computed deadlines). Only a paused case differs from its stored dates, so only its state is
 * read and its deadlines computed, on the commune's calendar (LAW-BASE-10).
 */
export function shownDueDates(row: ShownDueDateSource, calendar: WorkingCalendar | null, now: Date): { acceptanceDueAt: string | null; dueAt: string | null } {
  if (!isPausedStatus(row.status) || row.state === null || calendar === null) return { acceptanceDueAt: row.acceptance_due_at, dueAt: row.due_at };
  const deadlines = computeCaseDeadlines(parseState(row.state), parseRuleRef(row.rule_ref), calendar, now);
  return { acceptanceDueAt: shownDueAt(row.acceptance_due_at, deadlines.acceptance), dueAt: shownDueAt(row.due_at, deadlines.resolution) };
}

/**
 * The 5-working-day limit to transfer a case outside the commune's competence, counted from receipt
 * (LAW-PAKN-04, LAW-DENUNC-03), with the rule version in force at receipt; null for kinds without one.
 * The clock stops while the resident's information is awaited (LAW-BASE-10): the case's pauses go
 * through the same walk as the acceptance and resolution deadlines (computeDeadline), so each paused
 * working day inside the five moves the limit by one, and an open pause counts as ending today.
 */
export function computeTransferDeadline(state: CaseState, rules: readonly DeadlineRule[], calendar: WorkingCalendar, now: Date): DeadlineResult | null {
  const rule = resolveDeadlineRule({ rules, caseKind: state.kind, stage: 'step', receivedAt: state.receivedAt });
  return rule ? computeDeadline({ rule, start: state.receivedAt, calendar, pauses: state.pauses, now }) : null;
}

/**
 * Statuses in which a forwarded step runs: the unit it went to holds the case and has not yet sent an
 * answer up for approval (issue 3 point 4). While the resident's information is awaited it runs paused.
 */
const STEP_STATUSES: readonly string[] = [...STEP_CLOCK_STATUSES, 'awaiting_information'];
export const isStepRunning = (status: string): boolean => STEP_STATUSES.includes(status);

/**
 * Whether the step deadline passed while the step's clock runs (not while paused): shown to staff as a
 * missed step. The staff list's "Quá hạn bước" filter asks the same in SQL (`stepOverdueCondition`).
 */
export function isStepOverdue(row: { status: string; step_due_at: string | null }, nowIso: string): boolean {
  return (STEP_CLOCK_STATUSES as readonly string[]).includes(row.status) && row.step_due_at !== null && row.step_due_at < nowIso;
}

/**
 * The current step's deadline (issue 3 point 4): the working days the forwarder gave it, counted from
 * the forward on the commune's calendar, so it moves when the calendar changes (issue 3 point 5), and
 * by the days the clock stood still waiting for the resident (LAW-BASE-10). Null without a step, or
 * for a step stored before its days were kept (its stored date stands).
 */
export function computeStepDeadline(state: CaseState, calendar: WorkingCalendar, now: Date): DeadlineResult | null {
  const step = state.step;
  if (!step || state.stepDeadline === null) return null;
  const startDate = toLocalDate(step.from);
  const rule: DeadlineRule = { id: 'case.current-step', version: 1, effectiveFrom: startDate, caseKind: state.kind, stage: 'step', variant: 'standard', amount: step.days, unit: 'working_days', legalRef: '', confidence: 'S' };
  const result = computeDeadline({ rule, start: step.from, calendar, pauses: state.pauses, now });
  // No legal rule sets a step's days: the rule and start lines become one line saying who set them.
  result.explanation.splice(0, 2, { kind: 'step_start', date: startDate, amount: step.days, isWorkingDay: calendar.isWorkingDay(startDate) });
  return result;
}

/**
 * Whether the case still waits to be classified, so the transfer limit is the one that matters
 * (LAW-PAKN-04, LAW-DENUNC-03): received, or awaiting the resident's information asked for while received.
 */
export function isAwaitingClassification(state: Pick<CaseState, 'status' | 'resumeStatus'>): boolean {
  return state.status === 'received' || (state.status === 'awaiting_information' && state.resumeStatus === 'received');
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
    // A reopened case counts from the reopening, whatever its kind (computeCaseDeadlines).
    if (step.kind === 'start') return step.isReopening ? step : { kind: 'start', date: step.date, isWorkingDay: step.isWorkingDay, isFromAcceptance: true, isProvisional };
    if (step.kind === 'due' && isProvisional) return { kind: 'due', date: step.date, dueAt: step.dueAt, isProvisional: true };
    return step;
  });
}

/**
 * The explanation of the deadline that matters now: acceptance while received, resolution afterwards.
 * Staff also get the transfer limit (`transfer`, computeTransferDeadline) while the case waits to be
 * classified, as its own block after the acceptance one (LAW-PAKN-04, LAW-DENUNC-03).
 */
export function currentExplanation(state: CaseState, deadlines: CaseDeadlines, transfer: DeadlineResult | null = null): ExplanationStep[] {
  const resolution = deadlines.resolution?.explanation ?? [];
  const countsFromAcceptance = state.kind === 'complaint' || state.kind === 'denunciation';
  const resolutionSteps = countsFromAcceptance ? fromAcceptanceSteps(resolution, state.acceptedAt === null) : resolution;
  const transferSteps = transfer?.explanation ?? [];
  // Before acceptance, the acceptance deadline is explained first: also while the clock stops for information asked before it (LAW-BASE-10).
  const isBeforeAcceptance = state.status === 'received' || (state.status === 'awaiting_information' && state.resumeStatus === 'received');
  if (isBeforeAcceptance && deadlines.acceptance) return [...deadlines.acceptance.explanation, ...transferSteps, ...resolutionSteps];
  return [...transferSteps, ...resolutionSteps];
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
