/**
 * Supervision flags (recommendations of the commune Fatherland Front and the People's Inspection
 * Board on a case): who may do what at each step, and the answer deadline. LAW-DEMO-54: the commune
 * People's Committee answers the Board's recommendations within 15 days of receipt ("ngày",
 * calendar days; confidence C, but open point 1 of the legal notes may change it after Law
 * 97/2025, so the count and unit are commune settings with these defaults). LAW-DEMO-50: the
 * committee answers the Front's recommendations too; LAW-BASE-13: a recommendation tracker with a
 * 15-day answer clock.
 */
import { endOfLocalDay, toLocalDate, type WorkingCalendar } from '../../../core/calendar/index.js';
import type { DeadlineUnit } from './deadlines.js';

export const SUPERVISION_FLAG_STATUSES = ['awaiting_answer', 'answered', 'closed'] as const;
export type SupervisionFlagStatus = (typeof SUPERVISION_FLAG_STATUSES)[number];

/** LAW-DEMO-54: 15 days. */
export const SUPERVISION_ANSWER_DAYS_DEFAULT = 15;
/** LAW-DEMO-54 says "ngày": calendar days. */
export const SUPERVISION_ANSWER_UNIT_DEFAULT: DeadlineUnit = 'calendar_days';

/**
 * The instant a flag raised at `raisedAt` must be answered by: the end (23:59:59.999, UTC+7) of the
 * day `days` calendar or working days after the day it was raised. A calendar-day deadline falling
 * on a rest day moves to the next working day (Civil Code 2015 Art. 148(5), as for case deadlines).
 */
export function computeFlagAnswerDueAt(raisedAt: Date, days: number, unit: DeadlineUnit, calendar: WorkingCalendar): Date {
  const raisedOn = toLocalDate(raisedAt);
  if (unit === 'working_days') return endOfLocalDay(calendar.addWorkingDays(raisedOn, days));
  const due = calendar.addCalendarDays(raisedOn, days);
  return endOfLocalDay(calendar.isWorkingDay(due) ? due : calendar.nextWorkingDay(due));
}

/** A flag still waiting for the committee's answer after its deadline. Answered or closed flags are never overdue. */
export function isFlagOverdue(flag: { status: SupervisionFlagStatus | null; answerDueAt: string | null }, now: Date): boolean {
  return flag.status === 'awaiting_answer' && flag.answerDueAt !== null && now.getTime() > Date.parse(flag.answerDueAt);
}

export type SupervisionFlagStep = 'answer' | 'close' | 'keep_open';

/**
 * Whether a step may be taken on a flag in this status: the committee answers a flag awaiting its
 * answer (or amends an answer not yet reviewed); the supervisor closes a flag (satisfied) or keeps an
 * answered one open (not satisfied: it waits for a new answer, on a new clock). Closed is final.
 */
export function canTakeFlagStep(status: SupervisionFlagStatus, step: SupervisionFlagStep): boolean {
  if (status === 'closed') return false;
  if (step === 'keep_open') return status === 'answered';
  return true;
}
