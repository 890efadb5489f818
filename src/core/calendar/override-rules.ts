/**
 * What an admin calendar override must mean before it is saved (LAW-BASE-10: the deadline engine's
 * configurable holiday calendar). A make-up working day replaces a day that is otherwise not worked;
 * a swapped day off replaces a day that is otherwise worked. Pure: the caller passes today and the
 * locale the messages' dates and reasons are written in.
 */
import type { FieldError } from '../contract/errors.js';
import { formatLongDate, formatShortDate, type Locale } from './format-local-date.js';
import { formatLocalDate, parseLocalDate, type LocalDate } from './local-date.js';
import { LUNAR_CALENDAR_VERIFIED_YEARS } from './lunar-calendar.js';
import { createWorkingCalendar, type CalendarOverride, type DayReason, type WorkingCalendar } from './working-calendar.js';

/**
 * How many whole years before and after today's year an override may fall: last year (late
 * corrections) to two years ahead (swaps for the coming year are announced during the year before).
 * A guard against typos such as 1900 for 2026, not a legal rule.
 */
export const CALENDAR_OVERRIDE_YEAR_WINDOW = Object.freeze({ yearsBefore: 1, yearsAfter: 2 });

/** The first and last date an override may fall on, seen from today: the year window inside the verified lunar years. */
export function calendarOverrideRange(today: LocalDate): { first: LocalDate; last: LocalDate } {
  const { year } = parseLocalDate(today);
  const firstYear = Math.max(year - CALENDAR_OVERRIDE_YEAR_WINDOW.yearsBefore, LUNAR_CALENDAR_VERIFIED_YEARS.first);
  const lastYear = Math.min(year + CALENDAR_OVERRIDE_YEAR_WINDOW.yearsAfter, LUNAR_CALENDAR_VERIFIED_YEARS.last);
  return { first: formatLocalDate(firstYear, 1, 1), last: formatLocalDate(lastYear, 12, 31) };
}

// The calendar without any override, built with the same defaults as every commune's calendar.
const calendarWithoutOverrides = createWorkingCalendar();

const WEEKLY_REST_DAY: Record<Locale, string> = { vi: 'nghỉ hằng tuần', en: 'weekly rest day' };

/** Why a day is off, in the locale: "nghỉ hằng tuần", or the holiday names the calendar computes. */
function describeDayOff(reasons: readonly DayReason[], locale: Locale): string {
  const names = reasons.flatMap((reason) => {
    if (reason.kind === 'weekend') return [WEEKLY_REST_DAY[locale]];
    if (reason.kind === 'holiday' || reason.kind === 'compensatory') return [locale === 'vi' ? reason.nameVi : reason.nameEn];
    return [];
  });
  return names.join('; ');
}

/**
 * The field errors of an override, empty when it may be saved: the date lies in
 * calendarOverrideRange(today), a `working_day` falls on a day that is otherwise off (weekend,
 * holiday, nghỉ bù) and a `day_off` on a day that is otherwise worked. Existing overrides are ignored,
 * so re-saving a date (to change its note or kind) is judged like a first entry.
 */
export function checkCalendarOverride(override: Pick<CalendarOverride, 'date' | 'kind'>, today: LocalDate, locale: Locale, calendar: WorkingCalendar = calendarWithoutOverrides): FieldError[] {
  const date = formatLongDate(override.date, locale);
  const range = calendarOverrideRange(today);
  if (override.date < range.first || override.date > range.last) {
    return [{ field: 'date', messageKey: 'errors.calendar.dateOutOfRange', params: { date, first: formatShortDate(range.first), last: formatShortDate(range.last) } }];
  }
  const day = calendar.explainDay(override.date);
  if (override.kind === 'working_day' && day.isWorkingDay) {
    return [{ field: 'date', messageKey: 'errors.calendar.makeUpDayOnWorkingDay', params: { date } }];
  }
  if (override.kind === 'day_off' && !day.isWorkingDay) {
    return [{ field: 'date', messageKey: 'errors.calendar.dayOffOnDayOff', params: { date, reason: describeDayOff(day.reasons, locale) } }];
  }
  return [];
}
