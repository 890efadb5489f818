/**
 * Calendar dates in Vietnam (Asia/Ho_Chi_Minh, UTC+7, no daylight saving) as 'YYYY-MM-DD' strings.
 * Strings compare correctly with < and >, serialise as-is and never drift with the host time zone.
 */
import { epochDayFromParts, formatEpochDay, requireEpochDay, tryEpochDay, weekdayOfEpochDay } from './epoch-day.js';

/** A calendar date in Vietnam, formatted 'YYYY-MM-DD'. */
export type LocalDate = string;

/** Vietnam's fixed offset from UTC in minutes (UTC+7, no DST since 1975). */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

const MILLISECONDS_PER_DAY = 86_400_000;
const OFFSET_MILLISECONDS = VIETNAM_UTC_OFFSET_MINUTES * 60_000;

// Validation and arithmetic are integer-only (epoch-day.ts): character checks instead of a regex
// plus Date round-trip, a cached formatter instead of a Date per day. Results are unchanged.

/** Whether `value` is a real calendar date in 'YYYY-MM-DD' form (rejects 2026-02-30). */
export function isLocalDate(value: string): boolean {
  // Untyped callers (JSON): a non-string is never a LocalDate, as with the former regex check.
  if (typeof value !== 'string') return false;
  const epochDay = tryEpochDay(value);
  return epochDay === epochDay;
}

/** Splits a LocalDate into numeric parts; throws RangeError on malformed input. */
export function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  if (!isLocalDate(date)) throw new RangeError(`Invalid local date: ${date}`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Builds a LocalDate from parts, normalising overflow (month 13 → January next year). */
export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  return formatEpochDay(epochDayFromParts(year, month, day));
}

/** Days since 1970-01-01 for a LocalDate (pure integer arithmetic, host time zone irrelevant). */
export function toEpochDay(date: LocalDate): number {
  if (typeof date !== 'string') throw new RangeError(`Invalid local date: ${String(date)}`);
  return requireEpochDay(date);
}

/** LocalDate for a count of days since 1970-01-01. */
export function fromEpochDay(epochDay: number): LocalDate {
  return formatEpochDay(epochDay);
}

/** Adds (or subtracts) calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return weekdayOfEpochDay(toEpochDay(date));
}

/** The Vietnamese calendar date (UTC+7) on which an instant falls. */
export function toLocalDate(instant: Date): LocalDate {
  return fromEpochDay(Math.floor((instant.getTime() + OFFSET_MILLISECONDS) / MILLISECONDS_PER_DAY));
}

/** 00:00:00.000 +07:00 on the given local date. */
export function startOfLocalDay(date: LocalDate): Date {
  return new Date(toEpochDay(date) * MILLISECONDS_PER_DAY - OFFSET_MILLISECONDS);
}

/** 23:59:59.999 +07:00 on the given local date — the instant a day-based deadline expires. */
export function endOfLocalDay(date: LocalDate): Date {
  return new Date(startOfLocalDay(date).getTime() + MILLISECONDS_PER_DAY - 1);
}

/** Earlier of two local dates. */
export function minLocalDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

/** Later of two local dates. */
export function maxLocalDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}
