/**
 * Deadline computation with a structured, renderable explanation (LAW-BASE-10): unit per rule,
 * holiday calendar, clock stops and capped extensions.
 */
import {
  endOfLocalDay,
  fromEpochDay,
  toEpochDay,
  toLocalDate,
  type DayReason,
  type LocalDate,
  type WorkingCalendar,
} from '../../../core/calendar/index.js';
import type { DeadlineRule, DeadlineUnit, DeadlineVariant } from './deadlines.js';

/** A clock stop (e.g. waiting for the citizen to supplement the file); `to` absent while still paused. */
export interface DeadlinePause {
  from: Date;
  to?: Date | null;
}

/** An approved extension of the deadline. */
export interface DeadlineExtension {
  amount: number;
  unit: DeadlineUnit;
  approvedAt: Date;
}

/** One renderable step of a deadline explanation. */
export type ExplanationStep =
  | { kind: 'rule'; ruleId: string; version: number; legalRef: string; confidence: string; amount: number; unit: DeadlineUnit; categoryId?: string }
  /**
   * `isFromAcceptance`: the date is the acceptance (thụ lý), not the receipt; `isProvisional`: the
   * period counts from an acceptance still to come and is dated as if accepted on this day.
   */
  | { kind: 'start'; date: LocalDate; isWorkingDay: boolean; isFromAcceptance?: boolean; isProvisional?: boolean; isReopening?: boolean }
  | { kind: 'skipped'; date: LocalDate; reasons: DayReason[] }
  | { kind: 'pause'; from: LocalDate; to: LocalDate | null; daysAdded: number; unit: DeadlineUnit }
  | { kind: 'extension'; amount: number; unit: DeadlineUnit; approvedOn: LocalDate }
  | { kind: 'extension_rejected'; amount: number; unit: DeadlineUnit; approvedOn: LocalDate; reason: ExtensionRefusal }
  | { kind: 'rolled_forward'; from: LocalDate; to: LocalDate; legalRef: string }
  | { kind: 'due'; date: LocalDate; dueAt: Date; isProvisional?: boolean }
  /** The case's kind or category was changed on this day; the rule was re-selected from the receipt date. */
  | { kind: 'reclassified'; date: LocalDate }
  /** A leader decided a complaint's complexity / remote area on this day (LAW-COMPLAINT-07/08). */
  | { kind: 'variant_decided'; variant: DeadlineVariant; date: LocalDate }
  /** The current step (a forward to another unit) started on this day with `amount` working days set by the forwarder (issue 3 point 4). */
  | { kind: 'step_start'; date: LocalDate; amount: number; isWorkingDay: boolean };

/** Why an extension is not allowed. */
export type ExtensionRefusal = 'no_extension_allowed' | 'max_count_reached' | 'amount_too_large' | 'unit_mismatch' | 'invalid_amount';

/** Input of computeDeadline. */
export interface ComputeDeadlineInput {
  rule: DeadlineRule;
  start: Date;
  calendar: WorkingCalendar;
  pauses?: readonly DeadlinePause[];
  extensions?: readonly DeadlineExtension[];
  now: Date;
  /**
   * Civil Code 2015 Art. 148(5): a calendar-day period whose last day is a rest day or holiday ends at
   * the end of the next working day (default true).
   */
  shouldRollForwardCalendarDeadline?: boolean;
  /** The count starts at a reopening of the case (said in the explanation), not at its receipt. */
  isReopening?: boolean;
}

/** Result of computeDeadline; while a pause is open the due date assumes it ends today. */
export interface DeadlineResult {
  dueAt: Date;
  dueDate: LocalDate;
  isPaused: boolean;
  explanation: ExplanationStep[];
}

const MAX_SCAN_DAYS = 3660;

/** Checks whether an extension (optionally a proposed one) fits the rule's caps (e.g. LAW-DENUNC-06). */
export function checkExtension(
  rule: DeadlineRule,
  existing: readonly Pick<DeadlineExtension, 'amount' | 'unit'>[],
  proposed?: Pick<DeadlineExtension, 'amount' | 'unit'>,
): { allowed: true } | { allowed: false; reason: ExtensionRefusal } {
  const policy = rule.extension;
  if (!policy || policy.maxCount === 0) return { allowed: false, reason: 'no_extension_allowed' };
  if (existing.length >= policy.maxCount) return { allowed: false, reason: 'max_count_reached' };
  if (proposed) {
    if (!Number.isInteger(proposed.amount) || proposed.amount <= 0) return { allowed: false, reason: 'invalid_amount' };
    if (proposed.unit !== policy.unit) return { allowed: false, reason: 'unit_mismatch' };
    if (proposed.amount > policy.maxAmountEach) return { allowed: false, reason: 'amount_too_large' };
  }
  return { allowed: true };
}

/** True when one more extension (optionally of the proposed size) is allowed by the rule. */
export function canExtend(
  rule: DeadlineRule,
  extensions: readonly Pick<DeadlineExtension, 'amount' | 'unit'>[],
  proposed?: Pick<DeadlineExtension, 'amount' | 'unit'>,
): boolean {
  return checkExtension(rule, extensions, proposed).allowed;
}

interface PauseRange {
  from: LocalDate;
  to: LocalDate | null;
  effectiveTo: LocalDate;
  daysAdded: number;
}

/** Mutable state of one deadline walk (module-level helpers instead of per-call closures). */
interface DeadlineWalk {
  calendar: WorkingCalendar;
  pauses: PauseRange[];
  skippedSteps: ExplanationStep[];
  current: LocalDate;
  scanned: number;
}

function findPause(pauses: readonly PauseRange[], date: LocalDate): PauseRange | undefined {
  for (const pause of pauses) if (date >= pause.from && date <= pause.effectiveTo) return pause;
  return undefined;
}

/**
 * Counts `amount` days forward from walk.current. Hot loop: walks integer epoch days (formatted
 * through the calendar's cache), asks the calendar only for the verdict, and builds the
 * (allocating) explanation of a day only when the day is skipped.
 */
function countForward(walk: DeadlineWalk, amount: number, unit: DeadlineUnit): void {
  let remaining = amount;
  if (!(remaining > 0)) return;
  const { calendar, pauses } = walk;
  const countsEveryDay = unit === 'calendar_days';
  let epochDay = toEpochDay(walk.current);
  while (remaining > 0) {
    epochDay += 1;
    const current = fromEpochDay(epochDay);
    walk.current = current;
    walk.scanned += 1;
    if (walk.scanned > MAX_SCAN_DAYS) throw new RangeError('Deadline computation did not converge');
    // Asked for calendar days too: it validates the date exactly as explainDay did.
    const countsAsDay = calendar.isWorkingDay(current) || countsEveryDay;
    const pause = pauses.length === 0 ? undefined : findPause(pauses, current);
    if (pause) {
      if (countsAsDay) pause.daysAdded += 1;
      continue;
    }
    if (!countsAsDay) {
      walk.skippedSteps.push({ kind: 'skipped', date: current, reasons: calendar.explainDay(current).reasons });
      continue;
    }
    remaining -= 1;
  }
}

/**
 * Due date of a rule: the receipt day is not counted; working-day rules count the Nth working day
 * (a receipt on a rest day starts the count at the next working day); days inside a pause —
 * from the day the clock stopped to the day it restarted, inclusive — are not counted (LAW-BASE-10);
 * extensions continue the count; the deadline ends at 23:59:59.999 +07:00 of the last day.
 */
export function computeDeadline(input: ComputeDeadlineInput): DeadlineResult {
  const { rule, calendar } = input;
  const startDate = toLocalDate(input.start);
  const today = toLocalDate(input.now);
  const explanation: ExplanationStep[] = [
    {
      kind: 'rule',
      ruleId: rule.id,
      version: rule.version,
      legalRef: rule.legalRef,
      confidence: rule.confidence,
      amount: rule.amount,
      unit: rule.unit,
      ...(rule.categoryId === undefined ? {} : { categoryId: rule.categoryId }),
    },
    { kind: 'start', date: startDate, isWorkingDay: calendar.isWorkingDay(startDate), ...(input.isReopening ? { isReopening: true } : {}) },
  ];
  const pauses: PauseRange[] = (input.pauses ?? []).map((pause) => {
    const from = toLocalDate(pause.from);
    const to = pause.to ? toLocalDate(pause.to) : null;
    return { from, to, effectiveTo: to ?? (today >= from ? today : from), daysAdded: 0 };
  });
  const isPaused = pauses.some((pause) => pause.to === null);
  const walk: DeadlineWalk = { calendar, pauses, skippedSteps: [], current: startDate, scanned: 0 };
  countForward(walk, rule.amount, rule.unit);
  const acceptedExtensions: DeadlineExtension[] = [];
  const extensionSteps: ExplanationStep[] = [];
  for (const extension of [...(input.extensions ?? [])].sort((a, b) => a.approvedAt.getTime() - b.approvedAt.getTime())) {
    const approvedOn = toLocalDate(extension.approvedAt);
    const check = checkExtension(rule, acceptedExtensions, extension);
    if (!check.allowed) {
      extensionSteps.push({ kind: 'extension_rejected', amount: extension.amount, unit: extension.unit, approvedOn, reason: check.reason });
      continue;
    }
    acceptedExtensions.push(extension);
    extensionSteps.push({ kind: 'extension', amount: extension.amount, unit: extension.unit, approvedOn });
    countForward(walk, extension.amount, extension.unit);
  }

  let current = walk.current;
  const isCalendarBased = rule.unit === 'calendar_days';
  if (isCalendarBased && (input.shouldRollForwardCalendarDeadline ?? true) && !calendar.isWorkingDay(current)) {
    const rolledTo = calendar.nextWorkingDay(current);
    extensionSteps.push({ kind: 'rolled_forward', from: current, to: rolledTo, legalRef: 'Civil Code 2015 Art. 148(5)' });
    current = rolledTo;
  }

  for (const pause of pauses) {
    explanation.push({ kind: 'pause', from: pause.from, to: pause.to, daysAdded: pause.daysAdded, unit: rule.unit });
  }
  explanation.push(...walk.skippedSteps, ...extensionSteps);
  const dueAt = endOfLocalDay(current);
  explanation.push({ kind: 'due', date: current, dueAt });
  return { dueAt, dueDate: current, isPaused, explanation };
}
