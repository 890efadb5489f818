/**
 * Statutory public holidays (ngày nghỉ lễ, Tết) under Labour Code 45/2019/QH14 Art. 112, computed
 * for any year, plus compensatory days off (nghỉ bù, Art. 112(3)) when a holiday falls on a weekly
 * rest day. Government swap decisions for a particular year are admin overrides, not code.
 */
import { addDays, dayOfWeek, formatLocalDate, type LocalDate } from './local-date.js';
import { lunarNewYear, lunarToSolar } from './lunar-calendar.js';

/** Which statutory holiday a day belongs to. */
export type HolidayKind =
  | 'new_year'
  | 'lunar_new_year'
  | 'hung_kings'
  | 'reunification'
  | 'labour_day'
  | 'national_day'
  | 'compensatory';

/** One day off, with bilingual name; compensatory days point at the holiday they replace. */
export interface Holiday {
  date: LocalDate;
  kind: HolidayKind;
  nameVi: string;
  nameEn: string;
  compensatesFor?: LocalDate;
}

/** How the day adjacent to National Day (2 Sep) is chosen: fixed side or the side touching a weekend. */
export type NationalDayAdjacentPolicy = 'before' | 'after' | 'auto';

/** Policy switches for the holiday computation. */
export interface HolidayPolicy {
  /** Add nghỉ bù on the next working day for a holiday falling on a weekend day (default true). */
  hasCompensatoryDaysOff: boolean;
  /** Labour Code 2019 Art. 112(1)(đ): 2 Sep plus 1 Sep or 3 Sep (default 'auto'). */
  nationalDayAdjacent: NationalDayAdjacentPolicy;
  /** Weekly rest days, 0 = Sunday … 6 = Saturday (default Saturday + Sunday). */
  weekendDays: readonly number[];
}

/** Default policy: Sat+Sun weekend, compensatory days on, National Day adjacent day chosen automatically. */
export const defaultHolidayPolicy: HolidayPolicy = Object.freeze({
  hasCompensatoryDaysOff: true,
  nationalDayAdjacent: 'auto',
  weekendDays: Object.freeze([0, 6]),
});

/** Picks 1 Sep or 3 Sep: in 'auto' mode, the side that joins the holiday to a weekend, else 3 Sep. */
export function nationalDayAdjacentDate(year: number, policy: NationalDayAdjacentPolicy, weekendDays: readonly number[]): LocalDate {
  const before = formatLocalDate(year, 9, 1);
  const after = formatLocalDate(year, 9, 3);
  if (policy === 'before') return before;
  if (policy === 'after') return after;
  const isWeekend = (date: LocalDate): boolean => weekendDays.includes(dayOfWeek(date));
  // A usable adjacent day is a working day; prefer the one that bridges to a weekend.
  const touchesWeekend = (date: LocalDate, step: number): boolean => isWeekend(addDays(date, step));
  if (!isWeekend(before) && touchesWeekend(before, -1)) return before;
  if (!isWeekend(after) && touchesWeekend(after, 1)) return after;
  if (!isWeekend(after)) return after;
  if (!isWeekend(before)) return before;
  return after;
}

/** Statutory holidays of a Gregorian year without compensatory days. */
export function statutoryHolidays(year: number, policy: HolidayPolicy = defaultHolidayPolicy): Holiday[] {
  const holidays: Holiday[] = [
    { date: formatLocalDate(year, 1, 1), kind: 'new_year', nameVi: 'Tết Dương lịch', nameEn: "New Year's Day" },
  ];
  // Tết: the last day of the old lunar year plus the first 4 days of the new one (Art. 112(1)(b)).
  const tet = lunarNewYear(year);
  const tetNamesVi = ['Giao thừa (30 Tết)', 'Mùng 1 Tết', 'Mùng 2 Tết', 'Mùng 3 Tết', 'Mùng 4 Tết'];
  const tetNamesEn = ["Lunar New Year's Eve", 'Lunar New Year day 1', 'Lunar New Year day 2', 'Lunar New Year day 3', 'Lunar New Year day 4'];
  for (let index = 0; index < 5; index += 1) {
    holidays.push({
      date: addDays(tet, index - 1),
      kind: 'lunar_new_year',
      nameVi: tetNamesVi[index] ?? 'Tết Nguyên Đán',
      nameEn: tetNamesEn[index] ?? 'Lunar New Year',
    });
  }
  const hungKings = lunarToSolar({ day: 10, month: 3, year, isLeapMonth: false });
  if (hungKings !== null) {
    holidays.push({ date: hungKings, kind: 'hung_kings', nameVi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', nameEn: "Hung Kings' Commemoration Day" });
  }
  holidays.push(
    { date: formatLocalDate(year, 4, 30), kind: 'reunification', nameVi: 'Ngày Chiến thắng (30/4)', nameEn: 'Reunification Day' },
    { date: formatLocalDate(year, 5, 1), kind: 'labour_day', nameVi: 'Ngày Quốc tế Lao động (1/5)', nameEn: 'International Labour Day' },
    { date: formatLocalDate(year, 9, 2), kind: 'national_day', nameVi: 'Quốc khánh (2/9)', nameEn: 'National Day' },
    {
      date: nationalDayAdjacentDate(year, policy.nationalDayAdjacent, policy.weekendDays),
      kind: 'national_day',
      nameVi: 'Nghỉ liền kề Quốc khánh',
      nameEn: 'National Day (adjacent day)',
    },
  );
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Holidays of a year including nghỉ bù: each holiday on a weekend day gives a day off on the next
 * day that is neither a weekend day, a holiday nor an earlier compensatory day.
 */
export function computeHolidays(year: number, policy: HolidayPolicy = defaultHolidayPolicy): Holiday[] {
  const base = statutoryHolidays(year, policy);
  if (!policy.hasCompensatoryDaysOff) return base;
  const taken = new Set(base.map((holiday) => holiday.date));
  const isWeekend = (date: LocalDate): boolean => policy.weekendDays.includes(dayOfWeek(date));
  const compensatory: Holiday[] = [];
  for (const holiday of base) {
    if (!isWeekend(holiday.date)) continue;
    let candidate = addDays(holiday.date, 1);
    while (isWeekend(candidate) || taken.has(candidate)) candidate = addDays(candidate, 1);
    taken.add(candidate);
    compensatory.push({
      date: candidate,
      kind: 'compensatory',
      nameVi: `Nghỉ bù cho ${holiday.nameVi}`,
      nameEn: `Compensatory day off for ${holiday.nameEn}`,
      compensatesFor: holiday.date,
    });
  }
  return [...base, ...compensatory].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
