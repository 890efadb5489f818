import { describe, expect, it } from 'vitest';
import { epochDayFromParts, formatEpochDay, MAX_LOCAL_EPOCH_DAY, MIN_LOCAL_EPOCH_DAY, tryEpochDay, yearOfEpochDay } from './epoch-day.js';
import { isLocalDate, parseLocalDate, toEpochDay } from './local-date.js';

// The former Date-based implementation, kept here as the reference the integer code must match.
const MS_PER_DAY = 86_400_000;
function referenceFormat(epochDay: number): string {
  const utc = new Date(epochDay * MS_PER_DAY);
  return `${String(utc.getUTCFullYear()).padStart(4, '0')}-${String(utc.getUTCMonth() + 1).padStart(2, '0')}-${String(utc.getUTCDate()).padStart(2, '0')}`;
}
function referenceIsLocalDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return referenceFormat(Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY)) === value && month >= 1 && month <= 12;
}

describe('integer epoch days match the Date-based reference', () => {
  it('formats, parses and validates every day 1890–2210 and around the 0100/9999 limits', () => {
    const ranges: [number, number][] = [[-29_300, 87_700], [MIN_LOCAL_EPOCH_DAY - 400, MIN_LOCAL_EPOCH_DAY + 400], [MAX_LOCAL_EPOCH_DAY - 400, MAX_LOCAL_EPOCH_DAY + 400]];
    let mismatches = 0;
    for (const [first, last] of ranges) {
      for (let epochDay = first; epochDay <= last; epochDay += 1) {
        const text = referenceFormat(epochDay);
        const isValid = referenceIsLocalDate(text);
        if (formatEpochDay(epochDay) !== text) mismatches += 1;
        if (isLocalDate(text) !== isValid) mismatches += 1;
        if (isValid && (tryEpochDay(text) !== epochDay || yearOfEpochDay(epochDay) !== Number(text.slice(0, 4)))) mismatches += 1;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('rejects malformed and impossible dates like the regex + round-trip check did', () => {
    for (const value of ['2026-02-29', '2100-02-29', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '0099-12-31', '0000-01-01', '2026-1-01', '2026/01/01', ' 2026-01-01', '2026-01-0a', '２０２６-01-01', '10000-01-01', '']) {
      expect(isLocalDate(value), value).toBe(referenceIsLocalDate(value));
    }
    for (const value of ['2000-02-29', '2028-02-29', '0100-01-01', '9999-12-31']) expect(isLocalDate(value), value).toBe(true);
    expect(() => toEpochDay('2026-02-30')).toThrow(new RangeError('Invalid local date: 2026-02-30'));
    expect(() => parseLocalDate('x')).toThrow(RangeError);
  });

  it('normalises overflowing parts exactly like Date.UTC (including its 0–99 year quirk)', () => {
    let mismatches = 0;
    for (const year of [0, 50, 99, 100, 101, 1969, 1970, 2000, 2026, 2100, 9999, 10_000]) {
      for (let month = -26; month <= 27; month += 1) {
        for (const day of [-400, -1, 0, 1, 28, 29, 30, 31, 32, 400, 1.5]) {
          const expected = Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
          if (epochDayFromParts(year, month, day) !== expected) mismatches += 1;
        }
      }
    }
    expect(mismatches).toBe(0);
    for (const epochDay of [0.5, -0.5, Number.NaN, 1e9, -1e9]) expect(formatEpochDay(epochDay)).toBe(referenceFormat(epochDay));
  });
});
