import { describe, expect, it } from 'vitest';
import { describeJobError, nextRunAt, retryDelayMs, scheduleRunKey, scheduleSlotStart } from './timing.js';
import { z } from 'zod';

describe('retryDelayMs', () => {
  it('doubles from 30 s per attempt', () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });
  it('caps at one hour, also for huge attempt counts', () => {
    expect(retryDelayMs(8)).toBe(3_600_000);
    expect(retryDelayMs(10_000)).toBe(3_600_000);
  });
  it('treats attempt 0 like the first', () => {
    expect(retryDelayMs(0)).toBe(30_000);
  });
  it('nextRunAt adds the delay to now', () => {
    expect(nextRunAt(new Date('2026-12-01T00:00:00.000Z'), 2)).toBe('2026-12-01T00:01:00.000Z');
  });
});

describe('schedule slots', () => {
  it('floors now to the slot start', () => {
    expect(scheduleSlotStart(new Date('2026-12-01T10:14:59.999Z'), 15)).toBe('2026-12-01T10:00:00.000Z');
    expect(scheduleSlotStart(new Date('2026-12-01T10:15:00.000Z'), 15)).toBe('2026-12-01T10:15:00.000Z');
  });
  it('daily slots start at midnight UTC', () => {
    expect(scheduleSlotStart(new Date('2026-12-01T23:59:00.000Z'), 1440)).toBe('2026-12-01T00:00:00.000Z');
  });
  it('gives the same key for every instant of one slot', () => {
    const first = scheduleRunKey('cases.sweep', new Date('2026-12-01T10:00:01Z'), 60);
    expect(scheduleRunKey('cases.sweep', new Date('2026-12-01T10:59:59Z'), 60)).toBe(first);
    expect(scheduleRunKey('cases.sweep', new Date('2026-12-01T11:00:00Z'), 60)).not.toBe(first);
    expect(first).toBe('cases.sweep:2026-12-01T10:00:00.000Z');
  });
  it('rejects a non-positive period', () => {
    expect(() => scheduleSlotStart(new Date(), 0)).toThrow();
  });
});

describe('describeJobError', () => {
  it('keeps only paths and codes of Zod issues, not values', () => {
    const result = z.object({ email: z.email() }).safeParse({ email: 'secret-person@example' });
    const text = describeJobError(result.error);
    expect(text).toContain('email');
    expect(text).not.toContain('secret-person');
  });
  it('truncates long messages', () => {
    expect(describeJobError(new Error('x'.repeat(2000))).length).toBe(500);
  });
});
