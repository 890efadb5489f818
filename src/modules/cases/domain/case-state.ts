/**
 * Case lifecycle vocabulary: statuses, roles, actions, settings and the state record that the
 * state machine transforms.
 */
import type { LocalDate } from '../../../core/calendar/index.js';
import type { CaseKind, IdentityField, PrivacyChoice } from './case-types.js';
import type { DeadlineExtension, DeadlinePause } from './compute-deadline.js';
import type { DeadlineRule, DeadlineUnit } from './deadlines.js';

/** Every status a case can be in. */
export const CASE_STATUSES = [
  'received',
  'accepted',
  'refused',
  'assigned',
  'forwarded',
  'awaiting_information',
  'in_progress',
  'answer_drafted',
  'answer_approved',
  'answered',
  'closed',
  'reopened',
  'withdrawn',
  'merged',
  // Sent to an outside competent body (LAW-PAKN-04, LAW-DENUNC-03): handling ends here.
  'transferred',
] as const;
/** One of CASE_STATUSES. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which nothing more happens to the case (closed can still be reopened). */
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['refused', 'withdrawn', 'merged', 'transferred'];

/** Whether handling has ended (terminal, or closed until its submitter reopens it): no deadline runs, nothing new to follow. */
export function hasHandlingEnded(status: CaseStatus): boolean {
  return status === 'closed' || TERMINAL_STATUSES.includes(status);
}

/** Roles that act on cases; `system` is the scheduler (it only closes answered cases after the configured days). */
export const CASE_ROLES = ['resident', 'officer', 'leader', 'area_head', 'supervisor', 'higher_level_viewer', 'admin', 'system'] as const;
/** One of CASE_ROLES. */
export type CaseRole = (typeof CASE_ROLES)[number];

/** Who performs an action. */
export interface CaseActor {
  role: CaseRole;
  userId: string;
  unitId?: string | null;
}

/** Every action the state machine understands. */
export const CASE_ACTION_TYPES = [
  'accept',
  'refuse',
  'assign',
  'startWork',
  'forward',
  'requestInformation',
  'receiveInformation',
  'direct',
  'extendDeadline',
  'draftAnswer',
  'rejectDraft',
  'recallDraft',
  'approveAnswer',
  'publishAnswer',
  'rate',
  'reopen',
  'withdraw',
  'recordWithdrawal',
  'merge',
  'close',
  'reclassify',
  'transferOut',
  'decideComplexity',
] as const;
/** One of CASE_ACTION_TYPES. */
export type CaseActionType = (typeof CASE_ACTION_TYPES)[number];

/**
 * How a written withdrawal reached the commune (LAW-COMPLAINT-04, LAW-DENUNC-08): a signed letter handed
 * in or posted, or a record of an oral withdrawal signed or fingerprinted by the person (form 03).
 */
export const WITHDRAWAL_CHANNELS = ['in_person', 'post', 'signed_record'] as const;
/** One of WITHDRAWAL_CHANNELS. */
export type WithdrawalChannel = (typeof WITHDRAWAL_CHANNELS)[number];

/** An action with its arguments. */
export type CaseAction =
  | { type: 'accept' }
  | { type: 'refuse'; ground: string; note?: string }
  | { type: 'assign'; unitId: string; officerId?: string | null }
  | { type: 'startWork' }
  | { type: 'forward'; toUnitId: string; stepDeadline: Date; /** The working days the forwarder gave the step (kept to recount it when the calendar changes). */ stepDays?: number }
  | { type: 'requestInformation'; note: string }
  | { type: 'receiveInformation' }
  | { type: 'direct'; note: string }
  | { type: 'extendDeadline'; amount: number; unit: DeadlineUnit; reason: string; decisionRef?: string }
  | { type: 'draftAnswer' }
  | { type: 'rejectDraft'; reason: string }
  | { type: 'recallDraft'; reason?: string }
  | { type: 'approveAnswer' }
  | { type: 'publishAnswer' }
  | { type: 'rate'; score: number; comment?: string }
  | { type: 'reopen'; reason: string }
  | { type: 'withdraw'; scope: 'whole' | 'partial'; description?: string }
  | {
      type: 'recordWithdrawal';
      scope: 'whole' | 'partial';
      description?: string;
      /** The day the signed letter or record reached the commune. */
      receivedOn: LocalDate;
      channel: WithdrawalChannel;
      reason?: string;
      /** Denunciations only (LAW-DENUNC-08): signs of a violation, or a withdrawal under threat or bribery. */
      continueHandling?: boolean;
    }
  | { type: 'merge'; intoCaseId: string }
  | { type: 'close' }
  | {
      type: 'reclassify';
      /** The kind after the change (the same kind when only the category changes). */
      toKind: CaseKind;
      reason: string;
      /** How the submitter chose to be named, and which identity fields the case holds (never their values). */
      privacy: PrivacyChoice;
      providedIdentity: readonly IdentityField[];
      /** The new category's default unit: it replaces the unit only while the case was never assigned. */
      defaultUnitId?: string | null;
    }
  | {
      type: 'transferOut';
      /** The outside competent body (LAW-PAKN-04, LAW-DENUNC-03). */
      bodyName: string;
      letterRef?: string;
      note?: string;
      /** End of the 5-working-day transfer limit; null when no rule applies to the kind. */
      transferDueAt: Date | null;
    }
  | { type: 'decideComplexity'; isComplex: boolean; isRemoteArea: boolean; reason: string; decisionRef?: string };

/** Commune-configurable lifecycle settings. */
export interface CaseSettings {
  /** Calendar days after the answer during which the submitter may reopen. */
  reopenWindowDays: number;
  maxReopenCount: number;
  /** Calendar days after the answer after which an unrated case may be closed administratively. */
  autoCloseAfterDays: number;
  reopenableKinds: readonly CaseKind[];
  withdrawableKinds: readonly CaseKind[];
  /** LAW-COMPLAINT-04: partial withdrawal of complaints from 01/07/2026 (Law 136/2025). */
  partialComplaintWithdrawalFrom: LocalDate;
}

/** Default lifecycle settings. */
export const defaultCaseSettings: CaseSettings = Object.freeze({
  reopenWindowDays: 30,
  maxReopenCount: 2,
  autoCloseAfterDays: 15,
  // Complaints and denunciations are not reopened: dissatisfaction leads to a second-level complaint or
  // a lawsuit (LAW-COMPLAINT-12) or a new denunciation, each a new case.
  reopenableKinds: Object.freeze(['feedback', 'question', 'corruption_report'] as CaseKind[]),
  // Anonymous information is checked on the authority's own initiative (LAW-DENUNC-04): nothing to withdraw.
  withdrawableKinds: Object.freeze(['feedback', 'question', 'complaint', 'denunciation'] as CaseKind[]),
  partialComplaintWithdrawalFrom: '2026-07-01',
});

/** A recorded extension with its justification (LAW-BASE-10: reason and decision reference). */
export interface CaseExtension extends DeadlineExtension {
  reason: string;
  decisionRef: string | null;
}

/** The lifecycle state of one case. */
export interface CaseState {
  id: string;
  kind: CaseKind;
  status: CaseStatus;
  submitterUserId: string | null;
  receivedAt: Date;
  acceptedAt: Date | null;
  refusalGround: string | null;
  assignedUnitId: string | null;
  assignedOfficerId: string | null;
  stepDeadline: Date | null;
  /**
   * The current step (a forward to another unit, issue 3 point 4): when it started and the working
   * days it was given, so its deadline is recounted on the commune's calendar like the others (issue 3
   * point 5, LAW-BASE-10). Absent on older records and on steps set without a number of days.
   */
  step?: { from: Date; days: number } | null;
  pauses: DeadlinePause[];
  /** Status to return to when requested information arrives. */
  resumeStatus: CaseStatus | null;
  extensions: CaseExtension[];
  answeredAt: Date | null;
  closedAt: Date | null;
  /** The rating of the current round; cleared when the case is reopened (the earlier one moves to `earlierRatings`). */
  rating: { score: number; comment: string | null } | null;
  /** Ratings of earlier rounds, oldest first: a reopened case keeps them, and the indicators count them. Empty for older records. */
  earlierRatings: { score: number; comment: string | null }[];
  reopenedCount: number;
  /** When the case was last reopened: its new resolution deadline is counted from then. Null if never (or older records). */
  reopenedAt: Date | null;
  /** Extensions of the acceptance period (LAW-DENUNC-02: 7 working days, up to 10); empty for older records. */
  acceptanceExtensions: CaseExtension[];
  partialWithdrawals: { at: Date; description: string }[];
  mergedIntoCaseId: string | null;
  /** Who wrote the draft awaiting approval (only they may recall it); null before any draft or for older records. */
  draftedByUserId: string | null;
  /**
   * A denouncer's withdrawal sent from the portal, waiting for the handler's decision (LAW-DENUNC-08:
   * the case must still be resolved when the conduct appears unlawful or the withdrawal was coerced).
   * Cleared when staff record the withdrawal and decide. Null for older records.
   */
  withdrawalRequest: { at: Date; scope: 'whole' | 'partial'; description: string | null } | null;
  /** Where the case was sent when outside the commune's competence (absent on older records). */
  transfer?: { bodyName: string; letterRef: string | null; at: Date; isLate: boolean } | null;
  /** A complaint's written complexity / remote-area determination (LAW-COMPLAINT-07/08; absent on older records). */
  complexity?: { isComplex: boolean; isRemoteArea: boolean; decidedAt: Date; reason: string; decisionRef: string | null } | null;
}

/** A fresh case in status `received`. */
export function createCaseState(input: { id: string; kind: CaseKind; submitterUserId: string | null; receivedAt: Date; assignedUnitId?: string | null }): CaseState {
  // Written out, not `{ ...input, status, … }`: on Node 20 a spread followed by more properties
  // makes objects that outlive young-generation GCs (see bench/README.md, "object spread").
  return {
    id: input.id,
    kind: input.kind,
    submitterUserId: input.submitterUserId,
    receivedAt: input.receivedAt,
    status: 'received',
    acceptedAt: null,
    refusalGround: null,
    assignedUnitId: input.assignedUnitId ?? null,
    assignedOfficerId: null,
    stepDeadline: null,
    pauses: [],
    resumeStatus: null,
    extensions: [],
    answeredAt: null,
    closedAt: null,
    rating: null,
    earlierRatings: [],
    reopenedCount: 0,
    reopenedAt: null,
    acceptanceExtensions: [],
    partialWithdrawals: [],
    mergedIntoCaseId: null,
    draftedByUserId: null,
    withdrawalRequest: null,
  };
}

/** Context of a transition: the clock, the actor, settings and (for extensions) the rules in force. */
export interface TransitionContext {
  now: Date;
  actor: CaseActor;
  settings?: CaseSettings;
  deadlineRule?: DeadlineRule | null;
  /** The acceptance rule in force, for extending the acceptance period while the case is received (LAW-DENUNC-02). */
  acceptanceRule?: DeadlineRule | null;
}

/** An outbox-ready domain event (`cases.case.<past-tense>`). */
export interface CaseEvent {
  name: string;
  caseId: string;
  occurredAt: Date;
  actorUserId: string;
  /** False for anonymous information (LAW-DENUNC-04: no denouncer notifications) and internal steps. */
  shouldNotifySubmitter: boolean;
  /**
   * A consequence of the action recorded for staff only (e.g. `draft_discarded` when a transfer out
   * throws away an unsent answer): never public, and the action's notes belong to its main event.
   */
  isInternal?: boolean;
  payload: Record<string, unknown>;
}

/** Why a transition was refused. */
export type TransitionFailure =
  | 'invalid_transition'
  | 'forbidden'
  | 'not_allowed_for_kind'
  | 'invalid_argument'
  | 'reopen_window_expired'
  | 'reopen_limit_reached'
  | 'too_early_to_close'
  | 'extension_not_allowed'
  /** The case's identity is sealed (denunciation) or never collected (anonymous information): its kind stays. */
  | 'reclassify_from_sealed'
  /** A denunciation or anonymous information must be filed as such, not made from another kind afterwards. */
  | 'reclassify_to_sealed'
  /** The new kind requires identity the case does not hold, or does not allow its privacy choice. */
  | 'reclassify_identity_missing';

/** Outcome of `transition`. */
export type TransitionResult = { ok: true; state: CaseState; events: CaseEvent[] } | { ok: false; reason: TransitionFailure };
