import { describe, expect, it } from 'vitest';
import { LUNAR_CALENDAR_VERIFIED_YEARS } from './lunar-calendar.js';
import { CALENDAR_OVERRIDE_YEAR_WINDOW, calendarOverrideRange, checkCalendarOverride } from './override-rules.js';

// LAW-BASE-10: the holiday calendar behind every working-day deadline accepts only meaningful overrides.
describe('calendar override rules', () => {
  it('accepts dates from last year to two years ahead, inside the verified lunar years', () => {
    expect(CALENDAR_OVERRIDE_YEAR_WINDOW).toEqual({ yearsBefore: 1, yearsAfter: 2 });
    expect(calendarOverrideRange('2026-11-26')).toEqual({ first: '2025-01-01', last: '2028-12-31' });
    expect(calendarOverrideRange('2049-06-01')).toEqual({ first: '2048-01-01', last: `${LUNAR_CALENDAR_VERIFIED_YEARS.last}-12-31` });
    expect(calendarOverrideRange('1970-06-01').first).toBe(`${LUNAR_CALENDAR_VERIFIED_YEARS.first}-01-01`);
    expect(checkCalendarOverride({ date: '1900-01-01', kind: 'day_off' }, '2026-11-26', 'vi')).toEqual([
      { field: 'date', messageKey: 'errors.calendar.dateOutOfRange', params: { date: 'Thứ Hai, 01/01/1900', first: '01/01/2025', last: '31/12/2028' } },
    ]);
  });

  it('a make-up working day only on a weekend, holiday or nghỉ bù', () => {
    expect(checkCalendarOverride({ date: '2026-12-02', kind: 'working_day' }, '2026-11-26', 'vi')).toEqual([{ field: 'date', messageKey: 'errors.calendar.makeUpDayOnWorkingDay', params: { date: 'Thứ Tư, 02/12/2026' } }]);
    for (const date of ['2026-12-05', '2026-12-06', '2027-02-06', '2027-05-03']) expect(checkCalendarOverride({ date, kind: 'working_day' }, '2026-11-26', 'vi'), date).toEqual([]);
  });

  it('a swapped day off only on a day otherwise worked; the reason names the holiday', () => {
    expect(checkCalendarOverride({ date: '2027-09-02', kind: 'day_off' }, '2026-11-26', 'vi')[0]?.params).toEqual({ date: 'Thứ Năm, 02/09/2027', reason: 'Quốc khánh (2/9)' });
    expect(checkCalendarOverride({ date: '2027-09-02', kind: 'day_off' }, '2026-11-26', 'en')[0]?.params).toEqual({ date: 'Thursday, 02/09/2027', reason: 'National Day' });
    // 01/05/2027 is a Saturday: both reasons.
    expect(checkCalendarOverride({ date: '2027-05-01', kind: 'day_off' }, '2026-11-26', 'vi')[0]?.params?.reason).toBe('nghỉ hằng tuần; Ngày Quốc tế Lao động (1/5)');
    expect(checkCalendarOverride({ date: '2026-12-04', kind: 'day_off' }, '2026-11-26', 'vi')).toEqual([]);
  });
});
