/**
 * The case lifecycle as one pure function: `transition(state, action, ctx)` checks kind, status,
 * role and arguments, then returns the next state plus outbox events.
 */
import { toLocalDate } from '../../../core/calendar/index.js';
import {
  CASE_ACTION_TYPES,
  defaultCaseSettings,
  type CaseAction,
  type CaseActionType,
  type CaseActor,
  type CaseEvent,
  type CaseSettings,
  type CaseState,
  type CaseStatus,
  type TransitionContext,
  type TransitionFailure,
  type TransitionResult,
} from './case-state.js';
import type { CaseKind } from './case-types.js';
import { checkReclassification } from './classification.js';
import { checkExtension } from './compute-deadline.js';
import { isRefusalGroundValid } from './refusal-grounds.js';

const DAY_MS = 86_400_000;
const OPEN_BEFORE_ANSWER: readonly CaseStatus[] = ['received', 'accepted', 'assigned', 'forwarded', 'awaiting_information', 'in_progress'];

/**
 * Statuses in which a forwarded step's clock runs: the unit it went to holds the case, has not sent
 * an answer up for approval, and is not waiting for the resident (then it runs paused, LAW-BASE-10).
 * A missed step is one past its `step_due_at` in one of these (issue 3 point 4); the staff list's
 * filter and the page's tag read the same list.
 */
export const STEP_CLOCK_STATUSES: readonly CaseStatus[] = ['forwarded', 'assigned', 'in_progress'];

/** Statuses from which each action may start (withdraw and reopen are further limited by kind). */
export const ACTION_SOURCE_STATUSES: Readonly<Record<CaseActionType, readonly CaseStatus[]>> = {
  accept: ['received'],
  refuse: ['received'],
  assign: ['accepted', 'assigned', 'in_progress', 'reopened'],
  startWork: ['assigned', 'forwarded'],
  forward: ['assigned', 'forwarded', 'in_progress', 'reopened'],
  requestInformation: ['received', 'accepted', 'assigned', 'in_progress', 'reopened'],
  receiveInformation: ['awaiting_information'],
  direct: [...OPEN_BEFORE_ANSWER, 'answer_drafted', 'answer_approved', 'reopened'],
  extendDeadline: ['accepted', 'assigned', 'forwarded', 'awaiting_information', 'in_progress', 'answer_drafted', 'reopened'],
  draftAnswer: ['assigned', 'in_progress', 'reopened'],
  rejectDraft: ['answer_drafted'],
  recallDraft: ['answer_drafted'],
  approveAnswer: ['answer_drafted'],
  publishAnswer: ['answer_approved'],
  rate: ['answered'],
  reopen: ['answered', 'closed'],
  withdraw: [...OPEN_BEFORE_ANSWER, 'answer_drafted', 'answer_approved', 'reopened'],
  recordWithdrawal: [...OPEN_BEFORE_ANSWER, 'answer_drafted', 'answer_approved', 'reopened'],
  merge: [...OPEN_BEFORE_ANSWER, 'reopened'],
  close: ['answered'],
  // Before the answer is drafted: the kind and category decide who answers and by when.
  reclassify: ['received', 'accepted', 'assigned', 'forwarded', 'awaiting_information', 'in_progress'],
  // LAW-PAKN-04, LAW-DENUNC-03: found outside the commune's competence at any point before the answer
  // is sent: also while the resident's information is awaited (the pause ends with the transfer) and
  // once an answer is drafted or approved (the draft is discarded). Limited by kind: TRANSFER_SOURCE_BY_KIND.
  transferOut: [...OPEN_BEFORE_ANSWER, 'answer_drafted', 'answer_approved'],
  // LAW-COMPLAINT-07/08: decided in writing before the decision is signed.
  decideComplexity: ['received', 'accepted', 'assigned', 'forwarded', 'awaiting_information', 'in_progress', 'answer_drafted'],
};

/**
 * Withdrawal deadlines by kind: complaints until the decision (LAW-COMPLAINT-04) and denunciations
 * until the conclusion (LAW-DENUNC-08), i.e. before the leader signs; feedback/questions until answered.
 */
const WITHDRAW_SOURCE_BY_KIND: Readonly<Record<CaseKind, readonly CaseStatus[]>> = {
  feedback: ACTION_SOURCE_STATUSES.withdraw,
  question: ACTION_SOURCE_STATUSES.withdraw,
  complaint: [...OPEN_BEFORE_ANSWER, 'answer_drafted', 'reopened'],
  denunciation: [...OPEN_BEFORE_ANSWER, 'answer_drafted', 'reopened'],
  corruption_report: [...OPEN_BEFORE_ANSWER, 'answer_drafted', 'reopened'],
};

/**
 * Transfer deadlines by kind (LAW-PAKN-04, LAW-DENUNC-03): feedback and questions until the answer is
 * published (an approved answer not yet sent is discarded too). For denunciations and anonymous reports
 * the approved answer is the signed conclusion (LAW-DENUNC-09): the commune has resolved the matter
 * itself, so, as for withdrawal (LAW-DENUNC-08), the transfer ends when the leader signs.
 */
const TRANSFER_SOURCE_BY_KIND: Readonly<Record<CaseKind, readonly CaseStatus[]>> = {
  feedback: ACTION_SOURCE_STATUSES.transferOut,
  question: ACTION_SOURCE_STATUSES.transferOut,
  // Complaints are never transferred (TRANSFERABLE_KINDS); listed for completeness.
  complaint: [],
  denunciation: [...OPEN_BEFORE_ANSWER, 'answer_drafted'],
  corruption_report: [...OPEN_BEFORE_ANSWER, 'answer_drafted'],
};

/** Statuses holding an answer draft not yet sent: a transfer out discards it (LAW-PAKN-04, LAW-DENUNC-03). */
const DRAFT_STATUSES: readonly CaseStatus[] = ['answer_drafted', 'answer_approved'];

/** Whether a transfer out from this state throws away an answer drafted (and perhaps approved) but never sent. */
export function transferDiscardsDraft(state: Pick<CaseState, 'status'>): boolean {
  return DRAFT_STATUSES.includes(state.status);
}

const isSubmitter = (actor: CaseActor, state: CaseState): boolean =>
  actor.role === 'resident' && state.submitterUserId !== null && actor.userId === state.submitterUserId;
/** An officer of the assigned unit, or any officer while the case is unassigned (reception desk). */
const isHandlingOfficer = (actor: CaseActor, state: CaseState): boolean =>
  actor.role === 'officer' && (state.assignedUnitId === null || actor.unitId === state.assignedUnitId);
const isAssignedUnitOfficer = (actor: CaseActor, state: CaseState): boolean =>
  actor.role === 'officer' && state.assignedUnitId !== null && actor.unitId === state.assignedUnitId;
const isLeader = (actor: CaseActor): boolean => actor.role === 'leader';
/**
 * The officer who wrote the draft awaiting approval. Drafts recorded before the author was kept
 * (`draftedByUserId` null) fall back to the officers who could have drafted it: the assigned unit's.
 */
const isDraftingOfficer = (actor: CaseActor, state: CaseState): boolean =>
  actor.role === 'officer' && (state.draftedByUserId === null ? isAssignedUnitOfficer(actor, state) : actor.userId === state.draftedByUserId);

/** Who may perform each action (supervisor, area_head and higher_level_viewer only read). */
const PERMISSIONS: Readonly<Record<CaseActionType, (actor: CaseActor, state: CaseState) => boolean>> = {
  accept: (actor, state) => isHandlingOfficer(actor, state) || isLeader(actor),
  refuse: (actor, state) => isHandlingOfficer(actor, state) || isLeader(actor),
  assign: (actor, state) => isHandlingOfficer(actor, state) || isLeader(actor),
  startWork: isAssignedUnitOfficer,
  forward: (actor, state) => isAssignedUnitOfficer(actor, state) || isLeader(actor),
  requestInformation: (actor, state) => isHandlingOfficer(actor, state) || isLeader(actor),
  receiveInformation: (actor, state) => isSubmitter(actor, state) || isHandlingOfficer(actor, state),
  direct: isLeader,
  extendDeadline: isLeader,
  draftAnswer: isAssignedUnitOfficer,
  rejectDraft: isLeader,
  recallDraft: isDraftingOfficer,
  approveAnswer: isLeader,
  publishAnswer: isLeader,
  rate: isSubmitter,
  reopen: isSubmitter,
  withdraw: isSubmitter,
  // A withdrawal handed in or posted on paper is recorded by the staff who receive it.
  recordWithdrawal: (actor, state) => isHandlingOfficer(actor, state) || isLeader(actor),
  merge: (actor, state) => isHandlingOfficer(actor, state) || isLeader(actor),
  // The scheduler closes answered cases once the commune's auto-close period has passed.
  close: (actor, state) => isHandlingOfficer(actor, state) || isLeader(actor) || actor.role === 'admin' || actor.role === 'system',
  reclassify: (actor, state) => isHandlingOfficer(actor, state) || isLeader(actor),
  transferOut: (actor, state) => isHandlingOfficer(actor, state) || isLeader(actor),
  decideComplexity: isLeader,
};

/** Events the submitter is told about (never for anonymous information, LAW-DENUNC-04). */
const SUBMITTER_FACING: ReadonlySet<CaseActionType> = new Set<CaseActionType>([
  'accept', 'refuse', 'forward', 'requestInformation', 'extendDeadline', 'publishAnswer', 'reopen', 'withdraw', 'recordWithdrawal', 'merge', 'close',
  'reclassify', 'transferOut', 'decideComplexity',
]);

const EVENT_NAMES: Readonly<Record<CaseActionType, string>> = {
  accept: 'accepted', refuse: 'refused', assign: 'assigned', startWork: 'work_started', forward: 'forwarded',
  requestInformation: 'information_requested', receiveInformation: 'information_received', direct: 'directed',
  extendDeadline: 'deadline_extended', draftAnswer: 'answer_drafted', rejectDraft: 'draft_rejected', recallDraft: 'draft_recalled',
  approveAnswer: 'answer_approved', publishAnswer: 'answer_published', rate: 'rated', reopen: 'reopened',
  withdraw: 'withdrawn', recordWithdrawal: 'withdrawn', merge: 'merged', close: 'closed',
  reclassify: 'reclassified', transferOut: 'transferred_out', decideComplexity: 'complexity_decided',
};

/**
 * Kinds that may be sent to an outside competent body: feedback and questions (LAW-PAKN-04),
 * denunciations (LAW-DENUNC-03) and anonymous information (LAW-DENUNC-04, "forwarded for management
 * purposes"). A complaint outside competence is not accepted and its author is guided instead.
 */
const TRANSFERABLE_KINDS: readonly CaseKind[] = ['feedback', 'question', 'denunciation', 'corruption_report'];

/** Whether the action's kind-specific rules allow it at all for this case kind. */
function isActionAllowedForKind(kind: CaseKind, action: CaseAction, settings: CaseSettings, now: Date): boolean {
  if (action.type === 'reopen') return settings.reopenableKinds.includes(kind);
  if (action.type === 'transferOut') return TRANSFERABLE_KINDS.includes(kind);
  // LAW-COMPLAINT-07: the longer periods are the complaint law's; denunciations use extensions (LAW-DENUNC-06).
  if (action.type === 'decideComplexity') return kind === 'complaint';
  if (action.type !== 'withdraw' && action.type !== 'recordWithdrawal') return true;
  if (!settings.withdrawableKinds.includes(kind)) return false;
  return action.scope === 'whole' || isPartialWithdrawalAllowed(kind, settings, now);
}

/** Whether part of a case of this kind may be withdrawn now: LAW-DENUNC-08 always, LAW-COMPLAINT-04 only from 01/07/2026. */
export function isPartialWithdrawalAllowed(kind: CaseKind, settings: CaseSettings, now: Date): boolean {
  if (!settings.withdrawableKinds.includes(kind)) return false;
  if (kind === 'denunciation') return true;
  return kind === 'complaint' && toLocalDate(now) >= settings.partialComplaintWithdrawalFrom;
}

/**
 * LAW-DENUNC-02: a denunciation's initial processing takes 7 working days, extendable to 10 when checks
 * at several places are needed, so its acceptance deadline may be extended while it is still received.
 */
const EXTEND_FROM_RECEIVED_KINDS: readonly CaseKind[] = ['denunciation'];

function sourceStatuses(kind: CaseKind, type: CaseActionType): readonly CaseStatus[] {
  if (type === 'extendDeadline' && EXTEND_FROM_RECEIVED_KINDS.includes(kind)) return ['received', ...ACTION_SOURCE_STATUSES.extendDeadline];
  if (type === 'transferOut') return TRANSFER_SOURCE_BY_KIND[kind];
  return type === 'withdraw' || type === 'recordWithdrawal' ? WITHDRAW_SOURCE_BY_KIND[kind] : ACTION_SOURCE_STATUSES[type];
}

/** No one has assigned or forwarded the case yet: its unit is still the category's default from intake. */
const isNeverAssigned = (state: CaseState): boolean =>
  state.assignedOfficerId === null && ['received', 'accepted'].includes(state.status === 'awaiting_information' ? (state.resumeStatus ?? 'received') : state.status);

/** When an answered case may be closed without a rating: the commune's auto-close period after the answer. */
export function closeDueAt(answeredAt: Date, settings: CaseSettings): Date {
  return new Date(answeredAt.getTime() + settings.autoCloseAfterDays * DAY_MS);
}

/** Whether an answered case may be closed without a rating now (see closeDueAt). */
export function isCloseDue(state: CaseState, settings: CaseSettings, now: Date): boolean {
  return now >= closeDueAt(state.answeredAt ?? now, settings);
}

const closeOpenPause = (state: CaseState, now: Date): CaseState['pauses'] =>
  state.pauses.map((pause) => (pause.to ? pause : { ...pause, to: now }));

/** Applies an action whose kind, status and role checks passed; returns the new state or a failure. */
function apply(state: CaseState, action: CaseAction, ctx: TransitionContext, settings: CaseSettings): CaseState | TransitionFailure {
  const { now } = ctx;
  switch (action.type) {
    case 'accept':
      return { ...state, status: 'accepted', acceptedAt: now };
    case 'refuse':
      if (!isRefusalGroundValid(state.kind, action.ground)) return 'invalid_argument';
      return { ...state, status: 'refused', refusalGround: action.ground };
    case 'assign':
      if (action.unitId.trim() === '') return 'invalid_argument';
      return { ...state, status: 'assigned', assignedUnitId: action.unitId, assignedOfficerId: action.officerId ?? null };
    case 'startWork':
      return { ...state, status: 'in_progress', assignedOfficerId: state.assignedOfficerId ?? ctx.actor.userId };
    case 'forward':
      if (action.toUnitId.trim() === '' || action.stepDeadline.getTime() <= now.getTime()) return 'invalid_argument';
      return { ...state, status: 'forwarded', assignedUnitId: action.toUnitId, assignedOfficerId: null, stepDeadline: action.stepDeadline, step: action.stepDays ? { from: now, days: action.stepDays } : null };
    case 'requestInformation':
      // LAW-BASE-10: waiting for the citizen stops the clock.
      return { ...state, status: 'awaiting_information', resumeStatus: state.status, pauses: [...state.pauses, { from: now, to: null }] };
    case 'receiveInformation':
      return { ...state, status: state.resumeStatus ?? 'in_progress', resumeStatus: null, pauses: closeOpenPause(state, now) };
    case 'direct':
      return state;
    case 'extendDeadline': {
      // While received, the acceptance period is extended (LAW-DENUNC-02: 7 working days, at most 10 in total).
      const isAcceptance = state.status === 'received';
      const rule = isAcceptance ? ctx.acceptanceRule : ctx.deadlineRule;
      if (!rule || action.reason.trim() === '') return 'invalid_argument';
      // LAW-DENUNC-06: at most one (complex) or two (especially complex) extensions of ≤ 30 days.
      if (!checkExtension(rule, isAcceptance ? state.acceptanceExtensions : state.extensions, action).allowed) return 'extension_not_allowed';
      const extension = { amount: action.amount, unit: action.unit, approvedAt: now, reason: action.reason, decisionRef: action.decisionRef ?? null };
      if (isAcceptance) return { ...state, acceptanceExtensions: [...state.acceptanceExtensions, extension] };
      return { ...state, extensions: [...state.extensions, extension] };
    }
    case 'draftAnswer':
      return { ...state, status: 'answer_drafted', draftedByUserId: ctx.actor.userId };
    case 'rejectDraft':
      return { ...state, status: 'in_progress' };
    case 'recallDraft':
      // The officer takes the draft back to correct it before the leader decides; the draft text
      // stays on the case and the deadline keeps running (no pause: LAW-BASE-10 stops the clock
      // only while waiting for the citizen).
      return { ...state, status: 'in_progress' };
    case 'approveAnswer':
      return { ...state, status: 'answer_approved' };
    case 'publishAnswer':
      return { ...state, status: 'answered', answeredAt: now };
    case 'rate':
      if (!Number.isInteger(action.score) || action.score < 1 || action.score > 5) return 'invalid_argument';
      return { ...state, status: 'closed', closedAt: now, rating: { score: action.score, comment: action.comment ?? null } };
    case 'reopen': {
      if (action.reason.trim() === '') return 'invalid_argument';
      const refusal = reopenRefusal(state, settings, now);
      if (refusal) return refusal;
      // The rating of the answered round is kept (the indicators count it); the new round gets its own
      // resolution deadline, counted from now (see computeCaseDeadlines).
      const earlierRatings = state.rating ? [...state.earlierRatings, state.rating] : state.earlierRatings;
      // An earlier round's step (a forward) ended with its answer: the new round has no step deadline until it is forwarded again.
      return { ...state, status: 'reopened', closedAt: null, rating: null, earlierRatings, reopenedCount: state.reopenedCount + 1, reopenedAt: now, stepDeadline: null, step: null };
    }
    case 'withdraw':
      // LAW-DENUNC-08: whether a denunciation may end is the handler's decision (it must still be
      // resolved if the conduct appears unlawful or the withdrawal was coerced). The denouncer's
      // request is kept on the case, which goes on until staff record the withdrawal and decide.
      if (state.kind === 'denunciation') {
        if (action.scope === 'partial' && !action.description?.trim()) return 'invalid_argument';
        return { ...state, withdrawalRequest: { at: now, scope: action.scope, description: action.description?.trim() || null } };
      }
      return applyWithdrawal(state, action.scope, action.description, now);
    case 'recordWithdrawal': {
      // The letter cannot predate the case nor arrive after today.
      if (action.receivedOn > toLocalDate(now) || action.receivedOn < toLocalDate(state.receivedAt)) return 'invalid_argument';
      if (state.kind === 'denunciation') {
        if (action.continueHandling === undefined) return 'invalid_argument';
        // LAW-DENUNC-08: signs of a violation, or a withdrawal under threat or bribery: the case must
        // still be resolved, so the withdrawal is recorded and nothing of the case is dropped.
        if (action.continueHandling) return action.scope === 'partial' && !action.description?.trim() ? 'invalid_argument' : { ...state, withdrawalRequest: null };
      }
      const withdrawn = applyWithdrawal(state, action.scope, action.description, now);
      return typeof withdrawn === 'string' ? withdrawn : { ...withdrawn, withdrawalRequest: null };
    }
    case 'merge':
      if (action.intoCaseId === state.id || action.intoCaseId.trim() === '') return 'invalid_argument';
      return { ...state, status: 'merged', mergedIntoCaseId: action.intoCaseId, closedAt: now, pauses: closeOpenPause(state, now) };
    case 'close':
      if (!isCloseDue(state, settings, now)) return 'too_early_to_close';
      return { ...state, status: 'closed', closedAt: now };
    case 'reclassify': {
      if (action.reason.trim() === '') return 'invalid_argument';
      const refusal = checkReclassification(state.kind, action.toKind, action.privacy, action.providedIdentity);
      if (refusal) return refusal;
      // The unit the old category gave at intake follows the new category until someone assigns the case.
      const assignedUnitId = action.defaultUnitId !== undefined && isNeverAssigned(state) ? action.defaultUnitId : state.assignedUnitId;
      // A complaint's complexity determination belongs to the complaint rules only (LAW-COMPLAINT-07).
      return { ...state, kind: action.toKind, assignedUnitId, complexity: action.toKind === state.kind ? (state.complexity ?? null) : null };
    }
    case 'transferOut': {
      if (action.bodyName.trim() === '') return 'invalid_argument';
      const isLate = action.transferDueAt !== null && now.getTime() > action.transferDueAt.getTime();
      const transfer = { bodyName: action.bodyName.trim(), letterRef: action.letterRef?.trim() || null, at: now, isLate };
      // From awaiting_information the pause ends now and nothing is left to resume (LAW-BASE-10); a
      // drafted or approved answer is discarded, so no one holds a draft any more (see transferDiscardsDraft).
      const draftedByUserId = transferDiscardsDraft(state) ? null : state.draftedByUserId;
      return { ...state, status: 'transferred', closedAt: now, stepDeadline: null, pauses: closeOpenPause(state, now), resumeStatus: null, draftedByUserId, transfer };
    }
    case 'decideComplexity': {
      if (action.reason.trim() === '') return 'invalid_argument';
      const complexity = { isComplex: action.isComplex, isRemoteArea: action.isRemoteArea, decidedAt: now, reason: action.reason.trim(), decisionRef: action.decisionRef?.trim() || null };
      return { ...state, complexity };
    }
  }
}

/**
 * Why an answered or closed case may not be reopened now, or null: the commune's limit of reopenings
 * (`maxReopenCount`) is reached, or its period after the answer (`reopenWindowDays`) has passed
 * (issue 3 point 4: reopened within a configured period).
 */
export function reopenRefusal(state: Pick<CaseState, 'reopenedCount' | 'answeredAt'>, settings: Pick<CaseSettings, 'maxReopenCount' | 'reopenWindowDays'>, now: Date): 'reopen_limit_reached' | 'reopen_window_expired' | null {
  if (state.reopenedCount >= settings.maxReopenCount) return 'reopen_limit_reached';
  const answeredAt = state.answeredAt ?? now;
  if (now.getTime() > answeredAt.getTime() + settings.reopenWindowDays * DAY_MS) return 'reopen_window_expired';
  return null;
}

/** Whole withdrawal ends the case (its clock stops); a partial one drops the named content only. */
function applyWithdrawal(state: CaseState, scope: 'whole' | 'partial', description: string | undefined, now: Date): CaseState | TransitionFailure {
  if (scope === 'partial') {
    if (!description || description.trim() === '') return 'invalid_argument';
    return { ...state, partialWithdrawals: [...state.partialWithdrawals, { at: now, description }] };
  }
  return { ...state, status: 'withdrawn', closedAt: now, pauses: closeOpenPause(state, now) };
}

/** The event an action emits: withdrawals are named by what they did to the case. */
function eventNameOf(state: CaseState, action: CaseAction): string {
  if (action.type === 'withdraw' || action.type === 'recordWithdrawal') {
    if (action.type === 'recordWithdrawal' && state.kind === 'denunciation' && action.continueHandling) return 'handling_continued_after_withdrawal';
    if (action.type === 'withdraw' && state.kind === 'denunciation') return 'withdrawal_requested';
    if (action.scope === 'partial') return 'partially_withdrawn';
  }
  return EVENT_NAMES[action.type];
}

function buildPayload(state: CaseState, next: CaseState, action: CaseAction): Record<string, unknown> {
  const { type: _type, ...argumentsOfAction } = action;
  const payload: Record<string, unknown> = { fromStatus: state.status, toStatus: next.status, ...argumentsOfAction };
  return payload;
}

/** Applies one lifecycle action; pure — the caller supplies the clock, actor, settings and rule. */
export function transition(state: CaseState, action: CaseAction, ctx: TransitionContext): TransitionResult {
  const settings = ctx.settings ?? defaultCaseSettings;
  if (!isActionAllowedForKind(state.kind, action, settings, ctx.now)) return { ok: false, reason: 'not_allowed_for_kind' };
  if (!sourceStatuses(state.kind, action.type).includes(state.status)) return { ok: false, reason: 'invalid_transition' };
  if (!PERMISSIONS[action.type](ctx.actor, state)) return { ok: false, reason: 'forbidden' };
  const next = apply(state, action, ctx, settings);
  if (typeof next === 'string') return { ok: false, reason: next };
  const event: CaseEvent = {
    name: `cases.case.${eventNameOf(state, action)}`,
    caseId: state.id,
    occurredAt: ctx.now,
    actorUserId: ctx.actor.userId,
    shouldNotifySubmitter: SUBMITTER_FACING.has(action.type) && state.submitterUserId !== null && state.kind !== 'corruption_report',
    payload: buildPayload(state, next, action),
  };
  if (action.type !== 'transferOut' || !transferDiscardsDraft(state)) return { ok: true, state: next, events: [event] };
  // LAW-PAKN-04, LAW-DENUNC-03: the answer drafted for the commune is never sent; staff see it was discarded.
  const discarded: CaseEvent = {
    name: 'cases.case.draft_discarded',
    caseId: state.id,
    occurredAt: ctx.now,
    actorUserId: ctx.actor.userId,
    shouldNotifySubmitter: false,
    isInternal: true,
    payload: { fromStatus: state.status, toStatus: next.status, reason: 'transferred_out' },
  };
  return { ok: true, state: next, events: [event, discarded] };
}

/** Action types whose kind, status and role checks pass for this actor (for showing buttons). */
export function listAvailableActions(state: CaseState, actor: CaseActor, now: Date, settings: CaseSettings = defaultCaseSettings): CaseActionType[] {
  return CASE_ACTION_TYPES.filter((type) => {
    const probe = (type === 'withdraw' || type === 'recordWithdrawal' ? { type, scope: 'whole' } : { type }) as CaseAction;
    return (
      isActionAllowedForKind(state.kind, probe, settings, now) &&
      sourceStatuses(state.kind, type).includes(state.status) &&
      PERMISSIONS[type](actor, state) &&
      // Closing before the auto-close period would be refused (too_early_to_close): not offered.
      (type !== 'close' || isCloseDue(state, settings, now)) &&
      // Nor a reopening past the limit or the period (issue 3 point 4).
      (type !== 'reopen' || reopenRefusal(state, settings, now) === null)
    );
  });
}

/**
 * Why the resident is not offered the reopen form of a case they could otherwise reopen (its kind,
 * status and their role allow it): the limit or the period (reopenRefusal). Null when it is offered,
 * or when reopening does not apply at all; the portal says the reason instead of the form.
 */
export function reopenUnavailableReason(state: CaseState, actor: CaseActor, now: Date, settings: CaseSettings = defaultCaseSettings): 'reopen_limit_reached' | 'reopen_window_expired' | null {
  const probe: CaseAction = { type: 'reopen', reason: '' };
  if (!isActionAllowedForKind(state.kind, probe, settings, now) || !sourceStatuses(state.kind, 'reopen').includes(state.status) || !PERMISSIONS.reopen(actor, state)) return null;
  return reopenRefusal(state, settings, now);
}
