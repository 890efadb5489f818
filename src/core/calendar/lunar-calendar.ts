/**
 * Vietnamese lunisolar calendar (âm lịch), after Hồ Ngọc Đức's published algorithm
 * ("Âm lịch Việt Nam"), evaluated at UTC+7. The Vietnamese calendar differs from the Chinese one
 * (UTC+8) in some years, e.g. Tết 2007 was 17 Feb in Vietnam and 18 Feb in China, so a Chinese
 * calendar library must not be used. Verified in tests against date-holidays' Vietnamese calendar.
 */
import { formatLocalDate, parseLocalDate, type LocalDate } from './local-date.js';

const VIETNAM_TIME_ZONE_HOURS = 7;
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_EPOCH = 2415021.076998695;

/**
 * The Gregorian years whose lunar dates (Tết, Giỗ Tổ Hùng Vương) are cross-checked in tests against
 * date-holidays' Vietnamese calendar. The algorithm runs outside them, but unverified: the working
 * calendar accepts admin overrides only inside this range.
 */
export const LUNAR_CALENDAR_VERIFIED_YEARS = Object.freeze({ first: 1970, last: 2049 });

/** A date in the Vietnamese lunar calendar. */
export interface LunarDate {
  day: number;
  month: number;
  year: number;
  isLeapMonth: boolean;
}

function julianDayFromDate(day: number, month: number, year: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  let julianDay =
    day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
  if (julianDay < 2299161) {
    julianDay = day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
  }
  return julianDay;
}

function julianDayToLocalDate(julianDay: number): LocalDate {
  let b: number;
  let c: number;
  if (julianDay > 2299160) {
    const a = julianDay + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((b * 146097) / 4);
  } else {
    b = 0;
    c = julianDay + 32082;
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = b * 100 + d - 4800 + Math.floor(m / 10);
  return formatLocalDate(year, month, day);
}

/** Julian day (with fraction) of the k-th new moon after 1900-01-01. */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
  const m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  let c1 = (0.1734 - 0.000393 * t) * Math.sin(m * dr) + 0.0021 * Math.sin(2 * dr * m);
  c1 = c1 - 0.4068 * Math.sin(mpr * dr) + 0.0161 * Math.sin(dr * 2 * mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * f) - 0.0051 * Math.sin(dr * (m + mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (m - mpr)) + 0.0004 * Math.sin(dr * (2 * f + m));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * f - m)) - 0.0006 * Math.sin(dr * (2 * f + mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * f - mpr)) + 0.0005 * Math.sin(dr * (2 * mpr + m));
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd1 + c1 - deltaT;
}

/** Sun's ecliptic longitude in radians, normalised to [0, 2π). */
function sunLongitude(julianDayNoon: number): number {
  const t = (julianDayNoon - 2451545.0) / 36525;
  const t2 = t * t;
  const dr = Math.PI / 180;
  const m = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  let dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(dr * m);
  dl = dl + (0.019993 - 0.000101 * t) * Math.sin(dr * 2 * m) + 0.00029 * Math.sin(dr * 3 * m);
  let l = (l0 + dl) * dr;
  l = l - Math.PI * 2 * Math.floor(l / (Math.PI * 2));
  return l;
}

function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + VIETNAM_TIME_ZONE_HOURS / 24);
}

/** Sun longitude sector 0..11 (30° each) at the start of the given local day. */
function sunLongitudeSector(dayNumber: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - VIETNAM_TIME_ZONE_HOURS / 24) / Math.PI) * 6);
}

// Memoised pure astronomy (numbers in, numbers out): computing a year's holidays evaluates these
// several times for the same few years, and each evaluation is dozens of trigonometric calls.
const MEMO_LIMIT = 2048;
function memoised(compute: (input: number) => number): (input: number) => number {
  const memo = new Map<number, number>();
  return (input) => {
    let value = memo.get(input);
    if (value === undefined) {
      value = compute(input);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(input, value);
    }
    return value;
  };
}

/** Julian day on which lunar month 11 (the month holding the winter solstice) of `year` begins. */
const lunarMonth11 = memoised(computeLunarMonth11);
function computeLunarMonth11(year: number): number {
  const offset = julianDayFromDate(31, 12, year) - 2415021;
  const k = Math.floor(offset / SYNODIC_MONTH);
  const candidate = newMoonDay(k);
  return sunLongitudeSector(candidate) >= 9 ? newMoonDay(k - 1) : candidate;
}

/** Offset (in months after month 11) of the leap month in a 13-month lunar year. */
const leapMonthOffset = memoised(computeLeapMonthOffset);
function computeLeapMonthOffset(month11: number): number {
  const k = Math.floor((month11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let index = 1;
  let arc = sunLongitudeSector(newMoonDay(k + index));
  let last: number;
  do {
    last = arc;
    index += 1;
    arc = sunLongitudeSector(newMoonDay(k + index));
  } while (arc !== last && index < 14);
  return index - 1;
}

/** Converts a Gregorian date to the Vietnamese lunar calendar (UTC+7). */
export function solarToLunar(date: LocalDate): LunarDate {
  const { year, month, day } = parseLocalDate(date);
  const dayNumber = julianDayFromDate(day, month, year);
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > dayNumber) monthStart = newMoonDay(k);
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let isLeapMonth = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      isLeapMonth = diff === leapDiff;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: lunarDay, month: lunarMonth, year: lunarYear, isLeapMonth };
}

/** Converts a Vietnamese lunar date to Gregorian; null if the requested leap month does not exist. */
export function lunarToSolar(lunar: LunarDate): LocalDate | null {
  const { day, month, year, isLeapMonth } = lunar;
  const a11 = month < 11 ? lunarMonth11(year - 1) : lunarMonth11(year);
  const b11 = month < 11 ? lunarMonth11(year) : lunarMonth11(year + 1);
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (isLeapMonth && month !== leapMonth) return null;
    if (isLeapMonth || offset >= leapOffset) offset += 1;
  } else if (isLeapMonth) {
    return null;
  }
  return julianDayToLocalDate(newMoonDay(k + offset) + day - 1);
}

/** Gregorian date of Tết Nguyên Đán (1st day of the 1st lunar month) in the given Gregorian year. */
export function lunarNewYear(year: number): LocalDate {
  const date = lunarToSolar({ day: 1, month: 1, year, isLeapMonth: false });
  if (date === null) throw new RangeError(`No lunar new year for ${year}`);
  return date;
}
