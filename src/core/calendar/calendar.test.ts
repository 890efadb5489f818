import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  computeHolidays,
  createWorkingCalendar,
  dayOfWeek,
  daysBetween,
  endOfLocalDay,
  formatLongDate,
  isLocalDate,
  lunarNewYear,
  LUNAR_CALENDAR_VERIFIED_YEARS,
  lunarToSolar,
  nationalDayAdjacentDate,
  solarToLunar,
  startOfLocalDay,
  statutoryHolidays,
  toLocalDate,
} from './index.js';

describe('local dates (UTC+7)', () => {
  it('validates and does arithmetic on YYYY-MM-DD strings', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-2-1')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(dayOfWeek('2027-02-16')).toBe(2); // Tuesday
    expect(dayOfWeek('1970-01-01')).toBe(4);
  });

  it('maps instants to the Vietnamese calendar date', () => {
    expect(toLocalDate(new Date('2026-03-01T16:59:59.999Z'))).toBe('2026-03-01');
    expect(toLocalDate(new Date('2026-03-01T17:00:00.000Z'))).toBe('2026-03-02');
    expect(toLocalDate(new Date('2026-03-01T00:30:00+07:00'))).toBe('2026-03-01');
  });

  it('gives day boundaries at +07:00', () => {
    expect(endOfLocalDay('2027-02-26').toISOString()).toBe('2027-02-26T16:59:59.999Z');
    expect(startOfLocalDay('2027-02-26').toISOString()).toBe('2027-02-25T17:00:00.000Z');
    expect(toLocalDate(endOfLocalDay('2027-02-26'))).toBe('2027-02-26');
  });

  it('formats dates the Vietnamese way', () => {
    expect(formatLongDate('2027-02-16', 'vi')).toBe('Thứ Ba, 16/02/2027');
    expect(formatLongDate('2027-02-14', 'vi')).toBe('Chủ Nhật, 14/02/2027');
    expect(formatLongDate('2027-02-16', 'en')).toBe('Tuesday, 16/02/2027');
  });
});

describe('Vietnamese lunar calendar', () => {
  it('computes Tết at UTC+7', () => {
    expect(lunarNewYear(2025)).toBe('2025-01-29');
    expect(lunarNewYear(2026)).toBe('2026-02-17');
    expect(lunarNewYear(2027)).toBe('2027-02-06');
    // Vietnam (UTC+7) and China (UTC+8) disagree in 2007: 17 Feb vs 18 Feb.
    expect(lunarNewYear(2007)).toBe('2007-02-17');
    expect(lunarNewYear(1985)).toBe('1985-01-21');
  });

  it('round-trips solar ↔ lunar, including a leap month', () => {
    expect(solarToLunar('2026-02-17')).toEqual({ day: 1, month: 1, year: 2026, isLeapMonth: false });
    expect(solarToLunar('2026-02-16')).toMatchObject({ month: 12, year: 2025, isLeapMonth: false });
    // 2025 had a leap 6th month starting 25 Jul 2025.
    expect(solarToLunar('2025-07-25')).toEqual({ day: 1, month: 6, year: 2025, isLeapMonth: true });
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, isLeapMonth: true })).toBe('2025-07-25');
    expect(lunarToSolar({ day: 1, month: 5, year: 2025, isLeapMonth: true })).toBeNull();
    for (let date = '2024-01-01'; date < '2027-01-01'; date = addDays(date, 13)) {
      expect(lunarToSolar(solarToLunar(date))).toBe(date);
    }
  });

  it('agrees with date-holidays (Vietnamese calendar) for Tết and Hùng Kings 1970–2049', () => {
    const reference = new Holidays('VN');
    for (let year = LUNAR_CALENDAR_VERIFIED_YEARS.first; year <= LUNAR_CALENDAR_VERIFIED_YEARS.last; year += 1) {
      const holidays = reference.getHolidays(year);
      const tet = holidays.find((holiday) => holiday.name === 'Tết Nguyên Đán')?.date.slice(0, 10);
      const hungKings = holidays.find((holiday) => holiday.name.startsWith('Giỗ tổ'))?.date.slice(0, 10);
      expect(lunarNewYear(year), `Tết ${year}`).toBe(tet);
      expect(lunarToSolar({ day: 10, month: 3, year, isLeapMonth: false }), `Hùng Kings ${year}`).toBe(hungKings);
    }
  }, 30_000);
});

describe('statutory holidays (Labour Code 2019 Art. 112)', () => {
  it('lists the 11 statutory days of 2026', () => {
    expect(statutoryHolidays(2026).map((holiday) => holiday.date)).toEqual([
      '2026-01-01',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-02', '2026-09-03',
    ]);
  });

  it('Tết = last day of the lunar year + first 4 days of the new year', () => {
    const tet2027 = computeHolidays(2027).filter((holiday) => holiday.kind === 'lunar_new_year');
    expect(tet2027.map((holiday) => holiday.date)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']);
  });

  it('adds nghỉ bù on the next free working day for holidays on weekends', () => {
    const compensatory = computeHolidays(2027).filter((holiday) => holiday.kind === 'compensatory');
    expect(compensatory.map((holiday) => [holiday.date, holiday.compensatesFor])).toEqual([
      ['2027-02-10', '2027-02-06'],
      ['2027-02-11', '2027-02-07'],
      ['2027-05-03', '2027-05-01'],
    ]);
    // Hùng Kings 2026 falls on Sunday 26 Apr → Monday 27 Apr off.
    expect(computeHolidays(2026).find((holiday) => holiday.kind === 'compensatory')?.date).toBe('2026-04-27');
    // 30 Apr 2028 is Sunday, 1 May Monday is itself a holiday → Tuesday 2 May.
    expect(computeHolidays(2028).filter((holiday) => holiday.kind === 'compensatory').map((holiday) => holiday.date)).toContain('2028-05-02');
  });

  it('can turn nghỉ bù off', () => {
    expect(computeHolidays(2027, { hasCompensatoryDaysOff: false, nationalDayAdjacent: 'auto', weekendDays: [0, 6] }).some((holiday) => holiday.kind === 'compensatory')).toBe(false);
  });

  it('chooses the day adjacent to National Day', () => {
    expect(nationalDayAdjacentDate(2025, 'auto', [0, 6])).toBe('2025-09-01'); // 2 Sep Tue → Mon 1 Sep
    expect(nationalDayAdjacentDate(2024, 'auto', [0, 6])).toBe('2024-09-03'); // 2 Sep Mon → Tue 3 Sep
    expect(nationalDayAdjacentDate(2027, 'auto', [0, 6])).toBe('2027-09-03'); // 2 Sep Thu → Fri 3 Sep
    expect(nationalDayAdjacentDate(2023, 'auto', [0, 6])).toBe('2023-09-01'); // 2 Sep Sat → Fri 1 Sep
    expect(nationalDayAdjacentDate(2026, 'before', [0, 6])).toBe('2026-09-01');
    expect(nationalDayAdjacentDate(2026, 'after', [0, 6])).toBe('2026-09-03');
  });
});

describe('WorkingCalendar', () => {
  const calendar = createWorkingCalendar();

  it('skips weekends, Tết and nghỉ bù', () => {
    expect(calendar.isWorkingDay('2027-02-04')).toBe(true);
    for (let date = '2027-02-05'; date <= '2027-02-11'; date = addDays(date, 1)) {
      expect(calendar.isWorkingDay(date), date).toBe(false);
    }
    expect(calendar.isWorkingDay('2027-02-12')).toBe(true);
  });

  it('counts 15 working days from Friday 29 Jan 2027 across Tết 2027 → Friday 26 Feb', () => {
    expect(calendar.addWorkingDays('2027-01-29', 15)).toBe('2027-02-26');
    expect(calendar.countWorkingDaysBetween('2027-01-29', '2027-02-26')).toBe(15);
    const withoutCompensation = createWorkingCalendar({ hasCompensatoryDaysOff: false });
    expect(withoutCompensation.addWorkingDays('2027-01-29', 15)).toBe('2027-02-24');
  });

  it('does not count the start day and walks backwards for negative counts', () => {
    expect(calendar.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Fri → Mon
    expect(calendar.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // Sat → Mon
    expect(calendar.addWorkingDays('2026-03-09', 0)).toBe('2026-03-09');
    expect(calendar.addWorkingDays('2026-03-09', -1)).toBe('2026-03-06');
    expect(calendar.addWorkingDays('2026-02-23', -1)).toBe('2026-02-13'); // back over Tết 2026
    expect(calendar.countWorkingDaysBetween('2026-03-09', '2026-03-06')).toBe(-1);
    expect(calendar.addCalendarDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(calendar.nextWorkingDay('2026-04-29')).toBe('2026-05-04');
  });

  it('applies admin overrides: make-up Saturday and swapped day off', () => {
    const swapped = createWorkingCalendar({
      overrides: [
        { date: '2027-02-04', kind: 'day_off', note: 'Hoán đổi ngày làm việc (QĐ của Thủ tướng)' },
        { date: '2027-02-20', kind: 'working_day', note: 'Làm bù thứ Bảy 20/02/2027' },
      ],
    });
    expect(swapped.isWorkingDay('2027-02-04')).toBe(false);
    expect(swapped.isWorkingDay('2027-02-20')).toBe(true);
    expect(swapped.explainDay('2027-02-20')).toEqual({
      date: '2027-02-20',
      isWorkingDay: true,
      reasons: [{ kind: 'weekend', dayOfWeek: 6 }, { kind: 'override_working_day', note: 'Làm bù thứ Bảy 20/02/2027' }],
    });
    expect(() => createWorkingCalendar({ overrides: [{ date: '2027-02-30', kind: 'day_off', note: '' }] })).toThrow(RangeError);
  });

  it('explains why a day is off', () => {
    expect(calendar.explainDay('2027-02-06')).toEqual({
      date: '2027-02-06',
      isWorkingDay: false,
      reasons: [
        { kind: 'weekend', dayOfWeek: 6 },
        { kind: 'holiday', holidayKind: 'lunar_new_year', nameVi: 'Mùng 1 Tết', nameEn: 'Lunar New Year day 1' },
      ],
    });
    expect(calendar.explainDay('2027-02-10').reasons[0]).toMatchObject({ kind: 'compensatory', compensatesFor: '2027-02-06' });
    expect(calendar.explainDay('2027-03-03')).toEqual({ date: '2027-03-03', isWorkingDay: true, reasons: [] });
  });

  it('supports a six-day week (Sunday only)', () => {
    const sundayOnly = createWorkingCalendar({ weekendDays: [0] });
    expect(sundayOnly.isWorkingDay('2026-03-07')).toBe(true);
    expect(sundayOnly.addWorkingDays('2026-03-06', 2)).toBe('2026-03-09');
    // 1 Jan 2028 is Saturday: a working day in this calendar, so no nghỉ bù on 3 Jan.
    expect(sundayOnly.isWorkingDay('2028-01-03')).toBe(true);
  });

  it('lists the holidays of a year', () => {
    expect(calendar.holidaysInYear(2027)).toHaveLength(14);
  });
});
