/**
 * Integer day arithmetic behind local-date.ts (internal to the calendar: not re-exported from
 * index.ts). Hot paths — the working-day walk of every deadline — parse a 'YYYY-MM-DD' string once
 * with cheap character checks, work on integer epoch days and format back through a cache, instead
 * of a regex plus Date round-trips per day.
 *
 * Exactness notes (kept identical to the original Date-based code):
 * - valid LocalDates have years 0100–9999: Date.UTC maps years 0–99 to 1900–1999, so the original
 *   round-trip check rejected '0000-01-01'…'0099-12-31';
 * - the proleptic Gregorian day count below equals Math.floor(Date.UTC(y, m - 1, d) / 86_400_000).
 */

const MILLISECONDS_PER_DAY = 86_400_000;
const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_DASH = 45;

/** Epoch day of 0100-01-01 and 9999-12-31: the range of valid LocalDates. */
export const MIN_LOCAL_EPOCH_DAY = -683_003;
export const MAX_LOCAL_EPOCH_DAY = 2_932_896;

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian, any integer year, month 1–12). */
export function epochDayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthIndex = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthIndex + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Gregorian year of an integer epoch day. */
export function yearOfEpochDay(epochDay: number): number {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  return yearOfEra + era * 400 + (monthIndex >= 10 ? 1 : 0);
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digitAt(value: string, index: number): number {
  const code = value.charCodeAt(index);
  return code >= CHAR_0 && code <= CHAR_9 ? code - CHAR_0 : -1;
}

/**
 * Epoch day of a valid LocalDate, or NaN when `value` is not one (wrong shape, impossible date,
 * year before 0100). No allocation.
 */
export function tryEpochDay(value: string): number {
  if (value.length !== 10 || value.charCodeAt(4) !== CHAR_DASH || value.charCodeAt(7) !== CHAR_DASH) return Number.NaN;
  const y0 = digitAt(value, 0);
  const y1 = digitAt(value, 1);
  const y2 = digitAt(value, 2);
  const y3 = digitAt(value, 3);
  const m0 = digitAt(value, 5);
  const m1 = digitAt(value, 6);
  const d0 = digitAt(value, 8);
  const d1 = digitAt(value, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return Number.NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return epochDayFromCivil(year, month, day);
}

/** Epoch day of a LocalDate; throws the same RangeError as parseLocalDate on malformed input. */
export function requireEpochDay(value: string): number {
  const epochDay = tryEpochDay(value);
  if (epochDay !== epochDay) throw new RangeError(`Invalid local date: ${value}`);
  return epochDay;
}

/** Original Date-based formatting: used outside the cached range and for non-integer input. */
function formatEpochDayWithDate(epochDay: number): string {
  const utc = new Date(epochDay * MILLISECONDS_PER_DAY);
  const year = utc.getUTCFullYear();
  const month = String(utc.getUTCMonth() + 1).padStart(2, '0');
  const day = String(utc.getUTCDate()).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${month}-${day}`;
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 32 }, (_, index) => String(index).padStart(2, '0'));
const MONTH_START_INDEX = [0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337];

// Lazily filled string cache for 1900-01-01 … 2149-12-31 (the dates a commune system ever walks).
const CACHE_FIRST_DAY = -25_567;
const CACHE_SIZE = 91_311;
const formatCache: (string | undefined)[] = new Array<string | undefined>(CACHE_SIZE);

/** 'YYYY-MM-DD' of an epoch day, byte-identical to the original Date-based formatting. */
export function formatEpochDay(epochDay: number): string {
  const slot = epochDay - CACHE_FIRST_DAY;
  if (slot >= 0 && slot < CACHE_SIZE && Number.isInteger(slot)) {
    const cached = formatCache[slot];
    if (cached !== undefined) return cached;
    const formatted = formatIntegerEpochDay(epochDay);
    formatCache[slot] = formatted;
    return formatted;
  }
  if (Number.isInteger(epochDay) && epochDay >= MIN_LOCAL_EPOCH_DAY && epochDay <= MAX_LOCAL_EPOCH_DAY) return formatIntegerEpochDay(epochDay);
  return formatEpochDayWithDate(epochDay);
}

function formatIntegerEpochDay(epochDay: number): string {
  // Years 0100–9999 only (callers check): four-digit years need no padding beyond the 0 prefix.
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - (MONTH_START_INDEX[monthIndex] ?? 0) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year < 1000 ? `0${year}` : year}-${TWO_DIGITS[month] ?? ''}-${TWO_DIGITS[day] ?? ''}`;
}

/** Day of week of an integer epoch day, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/**
 * Math.floor(Date.UTC(year, month - 1, day) / 86_400_000) without a Date for ordinary integer
 * input; anything unusual (years 0–99, fractions, huge values) goes through Date.UTC itself.
 */
export function epochDayFromParts(year: number, month: number, day: number): number {
  if (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 100 && year <= 9999 && month >= -1200 && month <= 1200 && day >= -1_000_000 && day <= 1_000_000
  ) {
    const monthOffset = Math.floor((month - 1) / 12);
    return epochDayFromCivil(year + monthOffset, month - monthOffset * 12, 1) + day - 1;
  }
  return Math.floor(Date.UTC(year, month - 1, day) / MILLISECONDS_PER_DAY);
}
