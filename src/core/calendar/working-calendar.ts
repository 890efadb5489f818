/**
 * Working-day calendar for a Vietnamese commune: weekly rest days, computed statutory holidays with
 * nghỉ bù, and per-year admin overrides (official swap decisions, make-up Saturdays).
 */
import { computeHolidays, defaultHolidayPolicy, type Holiday, type HolidayKind, type HolidayPolicy } from './holidays.js';
import { epochDayFromCivil, formatEpochDay, MAX_LOCAL_EPOCH_DAY, MIN_LOCAL_EPOCH_DAY, requireEpochDay, tryEpochDay, weekdayOfEpochDay, yearOfEpochDay } from './epoch-day.js';
import { addDays, isLocalDate, toEpochDay, type LocalDate } from './local-date.js';

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

// Per-day flags of a year table.
const WEEKEND = 1;
const HOLIDAY = 2;
const OVERRIDE = 4;

/** One Gregorian year, precomputed lazily per calendar instance: flags and holidays per day. */
interface YearTable {
  year: number;
  /** Epoch day of 1 January. */
  first: number;
  /** Epoch day of 1 January of the next year. */
  end: number;
  /** WEEKEND | HOLIDAY | OVERRIDE per day of year. */
  flags: Uint8Array;
  /** The year's computed holidays on each day of year (undefined on other days). */
  holidays: (Holiday[] | undefined)[];
}

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
  // The same overrides keyed by epoch day (the override object is read at query time, as before).
  const overridesByDay = new Map<number, CalendarOverride>();
  for (const [date, override] of overrides) overridesByDay.set(requireEpochDay(date), override);
  const isWeekendWeekday: boolean[] = [0, 1, 2, 3, 4, 5, 6].map((weekday) => policy.weekendDays.includes(weekday));

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

  const yearTables = new Map<number, YearTable>();
  let lastTable: YearTable | undefined;
  const buildYearTable = (year: number): YearTable => {
    const first = epochDayFromCivil(year, 1, 1);
    const end = epochDayFromCivil(year + 1, 1, 1);
    const flags = new Uint8Array(end - first);
    const holidays: (Holiday[] | undefined)[] = new Array<Holiday[] | undefined>(end - first);
    for (let index = 0; index < flags.length; index += 1) {
      if (isWeekendWeekday[weekdayOfEpochDay(first + index)]) flags[index] = WEEKEND;
    }
    // Only this year's computed holidays dated inside this year, exactly as the per-date lookup did.
    for (const [date, list] of holidaysByDate(year)) {
      const epochDay = tryEpochDay(date);
      if (epochDay >= first && epochDay < end) {
        flags[epochDay - first] = (flags[epochDay - first] ?? 0) | HOLIDAY;
        holidays[epochDay - first] = list;
      }
    }
    for (const epochDay of overridesByDay.keys()) {
      if (epochDay >= first && epochDay < end) flags[epochDay - first] = (flags[epochDay - first] ?? 0) | OVERRIDE;
    }
    return { year, first, end, flags, holidays };
  };
  const tableOf = (epochDay: number): YearTable => {
    if (lastTable !== undefined && epochDay >= lastTable.first && epochDay < lastTable.end) return lastTable;
    const year = yearOfEpochDay(epochDay);
    let table = yearTables.get(year);
    if (!table) {
      table = buildYearTable(year);
      yearTables.set(year, table);
    }
    lastTable = table;
    return table;
  };

  /** Working-day verdict of a valid epoch day (0100-01-01 … 9999-12-31). */
  const isWorkingEpochDay = (epochDay: number): boolean => {
    const table = tableOf(epochDay);
    const flags = table.flags[epochDay - table.first] ?? 0;
    if (flags & OVERRIDE) return overridesByDay.get(epochDay)?.kind === 'working_day';
    return flags === 0;
  };

  /** Like isWorkingEpochDay, for a day reached by walking: throws as parsing its LocalDate would. */
  const isWorkingWalkedDay = (epochDay: number): boolean => {
    if (epochDay < MIN_LOCAL_EPOCH_DAY || epochDay > MAX_LOCAL_EPOCH_DAY) throw new RangeError(`Invalid local date: ${formatEpochDay(epochDay)}`);
    return isWorkingEpochDay(epochDay);
  };

  const explainDay = (date: LocalDate): DayExplanation => {
    const epochDay = toEpochDay(date);
    const reasons: DayReason[] = [];
    const table = tableOf(epochDay);
    const index = epochDay - table.first;
    const flags = table.flags[index] ?? 0;
    if (flags & WEEKEND) reasons.push({ kind: 'weekend', dayOfWeek: weekdayOfEpochDay(epochDay) });
    for (const holiday of table.holidays[index] ?? []) {
      if (holiday.kind === 'compensatory') {
        reasons.push({ kind: 'compensatory', compensatesFor: holiday.compensatesFor ?? date, nameVi: holiday.nameVi, nameEn: holiday.nameEn });
      } else {
        reasons.push({ kind: 'holiday', holidayKind: holiday.kind, nameVi: holiday.nameVi, nameEn: holiday.nameEn });
      }
    }
    const override = flags & OVERRIDE ? overridesByDay.get(epochDay) : undefined;
    if (override) {
      reasons.push({ kind: override.kind === 'day_off' ? 'override_day_off' : 'override_working_day', note: override.note });
      return { date, isWorkingDay: override.kind === 'working_day', reasons };
    }
    return { date, isWorkingDay: reasons.length === 0, reasons };
  };

  const isWorkingDay = (date: LocalDate): boolean =>
    isWorkingEpochDay(toEpochDay(date));

  const addWorkingDays = (start: LocalDate, count: number): LocalDate => {
    // The start day itself is never counted; negative counts walk backwards.
    const step = count < 0 ? -1 : 1;
    let remaining = Math.abs(count);
    if (!(remaining > 0)) return start;
    let current = requireEpochDay(start);
    const limit = MAX_SCAN_DAYS + Math.abs(count) * 7;
    let scanned = 0;
    while (remaining > 0) {
      current += step;
      if (isWorkingWalkedDay(current)) remaining -= 1;
      scanned += 1;
      if (scanned > limit) throw new RangeError('No working days found in range');
    }
    return formatEpochDay(current);
  };

  const countWorkingDaysBetween = (from: LocalDate, to: LocalDate): number => {
    if (from === to) return 0;
    if (to < from) return -countWorkingDaysBetween(to, from);
    const last = typeof to === 'string' ? tryEpochDay(to) : Number.NaN;
    if (last !== last) {
      // `to` is not a LocalDate: keep the former string walk (it ends by throwing on an invalid day).
      let count = 0;
      for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) {
        if (isWorkingDay(current)) count += 1;
      }
      return count;
    }
    let count = 0;
    for (let current = requireEpochDay(from) + 1; current <= last; current += 1) {
      if (isWorkingEpochDay(current)) count += 1;
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
