/**
 * Working-day calendar for a Vietnamese commune: weekly rest days, computed statutory holidays with
 * nghỉ bù, and per-year admin overrides (official swap decisions, make-up Saturdays).
 */
import { computeHolidays, defaultHolidayPolicy, type Holiday, type HolidayKind, type HolidayPolicy } from './holidays.js';
import { addDays, dayOfWeek, isLocalDate, parseLocalDate, type LocalDate } from './local-date.js';

/** An admin decision for one date: extra day off, or a make-up working day on a weekend/holiday. */
export interface CalendarOverride {
  date: LocalDate;
  kind: 'day_off' | 'working_day';
  note: string;
}

/** Options to build a WorkingCalendar; every field has a default. */
export interface WorkingCalendarOptions {
  weekendDays?: readonly number[];
  hasCompensatoryDaysOff?: boolean;
  nationalDayAdjacent?: HolidayPolicy['nationalDayAdjacent'];
  overrides?: readonly CalendarOverride[];
}

/** Why a date is (not) a working day. */
export type DayReason =
  | { kind: 'weekend'; dayOfWeek: number }
  | { kind: 'holiday'; holidayKind: Exclude<HolidayKind, 'compensatory'>; nameVi: string; nameEn: string }
  | { kind: 'compensatory'; compensatesFor: LocalDate; nameVi: string; nameEn: string }
  | { kind: 'override_day_off'; note: string }
  | { kind: 'override_working_day'; note: string };

/** Result of explainDay: the verdict plus every reason that applies (an override wins). */
export interface DayExplanation {
  date: LocalDate;
  isWorkingDay: boolean;
  reasons: DayReason[];
}

/** A configured working-day calendar; all methods are pure given the construction options. */
export interface WorkingCalendar {
  /** Weekly rest days, 0 = Sunday … 6 = Saturday. */
  readonly weekendDays: readonly number[];
  /** True unless the date is a weekend day, holiday or nghỉ bù — an admin override always wins. */
  isWorkingDay(date: LocalDate): boolean;
  /** Verdict plus every reason (weekend, holiday, nghỉ bù, override) that applies to the date. */
  explainDay(date: LocalDate): DayExplanation;
  /** Computed holidays (with nghỉ bù) of a year, before overrides. */
  holidaysInYear(year: number): Holiday[];
  /** The |count|-th working day after (or, if negative, before) start; start itself is not counted. */
  addWorkingDays(start: LocalDate, count: number): LocalDate;
  /** start + count calendar days. */
  addCalendarDays(start: LocalDate, count: number): LocalDate;
  /** Working days in the half-open range (from, to]; negative when to < from. */
  countWorkingDaysBetween(from: LocalDate, to: LocalDate): number;
  /** First working day strictly after date. */
  nextWorkingDay(date: LocalDate): LocalDate;
}

const MAX_SCAN_DAYS = 3660;

/** Builds a WorkingCalendar (default: Sat+Sun weekend, nghỉ bù on, no overrides). */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const policy: HolidayPolicy = {
    weekendDays: options.weekendDays ?? defaultHolidayPolicy.weekendDays,
    hasCompensatoryDaysOff: options.hasCompensatoryDaysOff ?? defaultHolidayPolicy.hasCompensatoryDaysOff,
    nationalDayAdjacent: options.nationalDayAdjacent ?? defaultHolidayPolicy.nationalDayAdjacent,
  };
  const overrides = new Map<LocalDate, CalendarOverride>();
  for (const override of options.overrides ?? []) {
    if (!isLocalDate(override.date)) throw new RangeError(`Invalid override date: ${override.date}`);
    overrides.set(override.date, override);
  }
  // Memoised per year: a cache of a pure computation, invisible to callers.
  const holidayCache = new Map<number, Map<LocalDate, Holiday[]>>();
  const holidaysByDate = (year: number): Map<LocalDate, Holiday[]> => {
    let byDate = holidayCache.get(year);
    if (!byDate) {
      byDate = new Map();
      for (const holiday of computeHolidays(year, policy)) {
        byDate.set(holiday.date, [...(byDate.get(holiday.date) ?? []), holiday]);
      }
      holidayCache.set(year, byDate);
    }
    return byDate;
  };

  const explainDay = (date: LocalDate): DayExplanation => {
    const reasons: DayReason[] = [];
    const weekday = dayOfWeek(date);
    if (policy.weekendDays.includes(weekday)) reasons.push({ kind: 'weekend', dayOfWeek: weekday });
    for (const holiday of holidaysByDate(parseLocalDate(date).year).get(date) ?? []) {
      if (holiday.kind === 'compensatory') {
        reasons.push({ kind: 'compensatory', compensatesFor: holiday.compensatesFor ?? date, nameVi: holiday.nameVi, nameEn: holiday.nameEn });
      } else {
        reasons.push({ kind: 'holiday', holidayKind: holiday.kind, nameVi: holiday.nameVi, nameEn: holiday.nameEn });
      }
    }
    const override = overrides.get(date);
    if (override) {
      reasons.push({ kind: override.kind === 'day_off' ? 'override_day_off' : 'override_working_day', note: override.note });
      return { date, isWorkingDay: override.kind === 'working_day', reasons };
    }
    return { date, isWorkingDay: reasons.length === 0, reasons };
  };

  const isWorkingDay = (date: LocalDate): boolean => explainDay(date).isWorkingDay;

  const addWorkingDays = (start: LocalDate, count: number): LocalDate => {
    // The start day itself is never counted; negative counts walk backwards.
    const step = count < 0 ? -1 : 1;
    let remaining = Math.abs(count);
    let current = start;
    let scanned = 0;
    while (remaining > 0) {
      current = addDays(current, step);
      if (isWorkingDay(current)) remaining -= 1;
      scanned += 1;
      if (scanned > MAX_SCAN_DAYS + Math.abs(count) * 7) throw new RangeError('No working days found in range');
    }
    return current;
  };

  const countWorkingDaysBetween = (from: LocalDate, to: LocalDate): number => {
    if (from === to) return 0;
    if (to < from) return -countWorkingDaysBetween(to, from);
    let count = 0;
    for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) {
      if (isWorkingDay(current)) count += 1;
    }
    return count;
  };

  return {
    weekendDays: policy.weekendDays,
    isWorkingDay,
    explainDay,
    holidaysInYear: (year) => [...holidaysByDate(year).values()].flat(),
    addWorkingDays,
    addCalendarDays: (start, count) => addDays(start, count),
    countWorkingDaysBetween,
    nextWorkingDay: (date) => addWorkingDays(date, 1),
  };
}
