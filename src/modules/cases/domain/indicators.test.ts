import { describe, expect, it } from 'vitest';
import { computeIndicators, computeIndicatorsByGroup, type CaseSummary } from './indicators.js';

const HOUR = 3_600_000;
const base = new Date('2026-03-02T01:00:00Z');
const hoursAfter = (hours: number) => new Date(base.getTime() + hours * HOUR);
const summary = (overrides: Partial<CaseSummary>): CaseSummary => ({
  kind: 'feedback', status: 'answered', categoryId: 'roads', unitId: 'unit-a', papiDimension: 'accountability',
  receivedAt: base, answeredAt: null, dueAt: hoursAfter(100), isOverdue: false, reopenedCount: 0, rating: null, ...overrides,
});
const options = { period: { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') }, now: hoursAfter(200) };

const cases: CaseSummary[] = [
  summary({ answeredAt: hoursAfter(24), rating: 5 }),
  summary({ status: 'closed', answeredAt: hoursAfter(48), rating: 3, reopenedCount: 1 }),
  summary({ answeredAt: hoursAfter(120), unitId: 'unit-b' }),
  summary({ status: 'in_progress', unitId: 'unit-b', isOverdue: true }),
  summary({ status: 'in_progress', dueAt: hoursAfter(300), kind: 'complaint' }),
  summary({ status: 'withdrawn' }),
  summary({ status: 'refused', dueAt: null }),
  summary({ receivedAt: new Date('2026-02-15T00:00:00Z'), answeredAt: hoursAfter(1) }),
];

describe('computeIndicators', () => {
  it('counts open overdue cases in the on-time denominator', () => {
    const result = computeIndicators(cases, options);
    expect(result.total).toBe(7);
    expect(result.byStatus).toEqual({ answered: 2, closed: 1, in_progress: 2, withdrawn: 1, refused: 1 });
    expect(result.byKind).toEqual({ feedback: 6, complaint: 1 });
    expect(result).toMatchObject({ answeredOnTime: 2, answeredLate: 1, openOverdue: 1, openOnTime: 1 });
    // 2 on time ÷ (3 answered + 1 open overdue)
    expect(result.onTimeRate).toBe(0.5);
    expect(result.medianHoursToAnswer).toBe(48);
    expect(result.medianDaysToAnswer).toBe(2);
    expect(result.reopenRate).toBeCloseTo(1 / 3);
    expect(result.meanRating).toBe(4);
    expect(result.ratingCount).toBe(2);
  });

  it('ignores answers later than now and returns nulls when empty', () => {
    const result = computeIndicators([summary({ status: 'answer_approved', answeredAt: hoursAfter(500), isOverdue: true })], options);
    expect(result).toMatchObject({ answeredOnTime: 0, openOverdue: 1, onTimeRate: 0, medianHoursToAnswer: null });
    expect(computeIndicators([], options)).toMatchObject({ total: 0, onTimeRate: null, reopenRate: null, meanRating: null, medianDaysToAnswer: null });
  });

  it('a reopened case keeps its earlier ratings in the mean and counts as open against its new deadline, not as answered late', () => {
    // Answered late (hour 150 > due 100), rated 2, reopened: its new deadline (hour 250) is still ahead.
    const reopened = summary({ status: 'reopened', answeredAt: hoursAfter(150), dueAt: hoursAfter(250), reopenedCount: 1, rating: null, earlierRatings: [2] });
    const rerated = summary({ status: 'closed', answeredAt: hoursAfter(20), reopenedCount: 1, rating: 1, earlierRatings: [2] });
    const result = computeIndicators([reopened, rerated], options);
    expect(result).toMatchObject({ answeredOnTime: 1, answeredLate: 0, openOnTime: 1, openOverdue: 0, ratingCount: 3 });
    expect(result.meanRating).toBeCloseTo(5 / 3);
    // Still counted as answered once for the reopen rate and the time to answer.
    expect(result.reopenRate).toBe(1);
    // Its new deadline past: open overdue, in the on-time denominator.
    const overdue = computeIndicators([summary({ status: 'in_progress', answeredAt: hoursAfter(50), dueAt: hoursAfter(180), reopenedCount: 1, isOverdue: true })], options);
    expect(overdue).toMatchObject({ answeredOnTime: 0, answeredLate: 0, openOverdue: 1, onTimeRate: 0 });
  });

  it('LAW-DENUNC-02, LAW-PAKN-08: an open case counts as overdue by the caller\'s decision, a missed acceptance deadline too, even without a resolution due date', () => {
    // Still received, resolution due ahead (hour 300) but its acceptance deadline passed: overdue.
    const unaccepted = summary({ status: 'received', dueAt: hoursAfter(300), isOverdue: true });
    const noResolutionDate = summary({ status: 'received', dueAt: null, isOverdue: true });
    // Waiting for the resident: the clock is stopped, so not overdue though its stored date has passed.
    const paused = summary({ status: 'awaiting_information', dueAt: hoursAfter(100), isOverdue: false });
    expect(computeIndicators([unaccepted, noResolutionDate, paused], options)).toMatchObject({ openOverdue: 2, openOnTime: 1, onTimeRate: 0 });
  });

  it('takes the mean of the two middle values for an even count', () => {
    const result = computeIndicators([summary({ answeredAt: hoursAfter(10) }), summary({ answeredAt: hoursAfter(30) })], options);
    expect(result.medianHoursToAnswer).toBe(20);
  });
});

describe('computeIndicatorsByGroup', () => {
  it('groups by a key function', () => {
    const groups = computeIndicatorsByGroup(cases, (item) => item.unitId, options);
    expect(Object.keys(groups).sort()).toEqual(['unit-a', 'unit-b']);
    expect(groups['unit-b']).toMatchObject({ total: 2, answeredLate: 1, openOverdue: 1, onTimeRate: 0 });
    expect(Object.keys(computeIndicatorsByGroup(cases, () => null, options))).toEqual([]);
  });
});
