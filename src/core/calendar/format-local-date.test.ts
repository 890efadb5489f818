import { describe, expect, it } from 'vitest';
import { formatLongDate, formatShortDate, parseShortDate, parseShortDateTime } from './format-local-date.js';

describe('formatShortDate / formatLongDate', () => {
  it('writes dates day first, as Vietnamese administrative texts do', () => {
    expect(formatShortDate('2027-02-05')).toBe('05/02/2027');
    expect(formatLongDate('2027-02-16', 'vi')).toBe('Thứ Ba, 16/02/2027');
    expect(formatLongDate('2027-02-16', 'en')).toBe('Tuesday, 16/02/2027');
  });
});

describe('parseShortDate', () => {
  it('reads a day-first date as people type it', () => {
    expect(parseShortDate('08/02/2025')).toBe('2025-02-08');
    expect(parseShortDate(' 8/2/2025 ')).toBe('2025-02-08');
    expect(parseShortDate('13.03.2027')).toBe('2027-03-13');
    expect(parseShortDate('13-03-2027')).toBe('2027-03-13');
  });

  it('takes an ISO date pasted from elsewhere', () => {
    expect(parseShortDate('2027-03-13')).toBe('2027-03-13');
  });

  it('never reads the month first, and rejects dates that do not exist', () => {
    expect(parseShortDate('02/13/2027')).toBeNull(); // month 13
    expect(parseShortDate('31/02/2027')).toBeNull(); // rolled over by Date, not here
    expect(parseShortDate('29/02/2027')).toBeNull();
    expect(parseShortDate('29/02/2028')).toBe('2028-02-29');
  });

  it('rejects anything else', () => {
    for (const text of ['', '13/03/27', '13/03', 'hôm nay', '2027/03/13', '1/1/2027x', '001/01/2027']) expect(parseShortDate(text)).toBeNull();
  });

  it('round-trips with formatShortDate', () => {
    for (const date of ['2026-01-01', '2027-12-31', '2028-02-29']) expect(parseShortDate(formatShortDate(date))).toBe(date);
  });
});

describe('parseShortDateTime', () => {
  it('reads dd/mm/yyyy hh:mm as Vietnam time (UTC+7), whatever the host time zone', () => {
    expect(parseShortDateTime('26/11/2026 14:30')?.toISOString()).toBe('2026-11-26T07:30:00.000Z');
    expect(parseShortDateTime('1/1/2027 0:05')?.toISOString()).toBe('2026-12-31T17:05:00.000Z');
    expect(parseShortDateTime('26/11/2026 14h30')?.toISOString()).toBe('2026-11-26T07:30:00.000Z');
  });

  it('takes a date alone as the start of that day', () => {
    expect(parseShortDateTime('26/11/2026')?.toISOString()).toBe('2026-11-25T17:00:00.000Z');
  });

  it('rejects impossible times and dates', () => {
    for (const text of ['26/11/2026 24:00', '26/11/2026 14:60', '31/11/2026 10:00', '26/11/2026 1430', '26/11/2026 14:30 PM', '']) expect(parseShortDateTime(text)).toBeNull();
  });
});
