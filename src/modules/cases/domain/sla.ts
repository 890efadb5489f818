/**
 * Timeliness classification and reminder dates for case deadlines.
 */
import { startOfLocalDay, toLocalDate, type LocalDate, type WorkingCalendar } from '../../../core/calendar/index.js';

/** Answered on/after the deadline, or still open before/after it. */
export type Timeliness = 'on_time' | 'late' | 'open_on_time' | 'open_overdue';

/** Classifies a case against its deadline: answered cases by answer time, open cases by `now`. */
export function classifyTimeliness(dueAt: Date, answeredAt: Date | null, now: Date): Timeliness {
  if (answeredAt !== null) return answeredAt.getTime() <= dueAt.getTime() ? 'on_time' : 'late';
  return now.getTime() <= dueAt.getTime() ? 'open_on_time' : 'open_overdue';
}

/** A reminder: `daysBefore` working days before the due date, sent at `remindAt` local time. */
export interface ReminderDate {
  daysBefore: number;
  date: LocalDate;
  remindAt: Date;
}

/**
 * Reminder dates counted in working days back from the due date (a reminder never lands on a day off),
 * latest-first order preserved from `daysBefore`; duplicates removed.
 */
export function reminderDates(
  dueAt: Date,
  calendar: WorkingCalendar,
  options: { daysBefore: readonly number[]; hourOfDay?: number } = { daysBefore: [3, 1] },
): ReminderDate[] {
  const dueDate = toLocalDate(dueAt);
  const hour = options.hourOfDay ?? 8;
  const seen = new Set<LocalDate>();
  const reminders: ReminderDate[] = [];
  for (const daysBefore of options.daysBefore) {
    const date = calendar.addWorkingDays(dueDate, -Math.abs(daysBefore));
    if (seen.has(date)) continue;
    seen.add(date);
    reminders.push({ daysBefore, date, remindAt: new Date(startOfLocalDay(date).getTime() + hour * 3_600_000) });
  }
  return reminders;
}
