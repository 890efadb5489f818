/**
 * Performance indicators over case summaries (pure aggregation for dashboards and PAPI self-assessment).
 * The on-time rate counts open overdue cases in the denominator, so leaving a case unanswered never
 * improves the score. Whether an open case is overdue is not decided here: the caller passes the
 * staff list's own decision (`isOverdue`), so a case still `received` past its acceptance deadline
 * (LAW-DENUNC-02, LAW-PAKN-08) counts as open overdue exactly as the list, the case page and the
 * public status show it.
 */
import type { CaseStatus } from './case-state.js';
import type { CaseKind } from './case-types.js';

/** The per-case facts the indicators need. */
export interface CaseSummary {
  kind: CaseKind;
  status: CaseStatus;
  categoryId: string | null;
  unitId: string | null;
  papiDimension: string | null;
  receivedAt: Date;
  answeredAt: Date | null;
  dueAt: Date | null;
  /**
   * Open and overdue at `now`, as the staff list's overdue filter decides it: past the resolution
   * deadline (or marked overdue), or still `received` past the acceptance deadline (LAW-DENUNC-02,
   * LAW-PAKN-08); never while the clock is stopped for the resident (LAW-BASE-10).
   */
  isOverdue: boolean;
  reopenedCount: number;
  /** The rating of the current round. */
  rating: number | null;
  /** Ratings given before the case was reopened: each still counts in the mean rating. */
  earlierRatings?: readonly number[];
}

/** Aggregated indicators for one group of cases. */
export interface IndicatorSet {
  total: number;
  byStatus: Partial<Record<CaseStatus, number>>;
  byKind: Partial<Record<CaseKind, number>>;
  answeredOnTime: number;
  answeredLate: number;
  openOnTime: number;
  openOverdue: number;
  /** answered on time ÷ (answered + open overdue); null when the denominator is 0. */
  onTimeRate: number | null;
  medianHoursToAnswer: number | null;
  medianDaysToAnswer: number | null;
  /** cases reopened at least once ÷ answered cases; null when none were answered. */
  reopenRate: number | null;
  meanRating: number | null;
  ratingCount: number;
}

/** Period (half-open [from, to)) on receivedAt, plus the clock. */
export interface IndicatorOptions {
  period: { from: Date; to: Date };
  now: Date;
}

// A case transferred to the competent body (LAW-PAKN-04, LAW-DENUNC-03) is done here: never open or unanswered.
const NOT_OPEN: ReadonlySet<CaseStatus> = new Set<CaseStatus>(['refused', 'withdrawn', 'merged', 'transferred']);
/** Statuses in which an answer stands; a case reopened after its answer is open again until re-answered. */
const ANSWER_STANDS: ReadonlySet<CaseStatus> = new Set<CaseStatus>(['answered', 'closed', 'refused', 'withdrawn', 'merged', 'transferred']);
const HOUR_MS = 3_600_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function increment<K extends string>(record: Partial<Record<K, number>>, key: K): void {
  record[key] = (record[key] ?? 0) + 1;
}

/** Indicators for the cases received in the period; answers after `now` are ignored as not yet given. */
export function computeIndicators(cases: readonly CaseSummary[], options: IndicatorOptions): IndicatorSet {
  const { period, now } = options;
  const inPeriod = cases.filter((item) => item.receivedAt >= period.from && item.receivedAt < period.to);
  const result: IndicatorSet = {
    total: inPeriod.length,
    byStatus: {},
    byKind: {},
    answeredOnTime: 0,
    answeredLate: 0,
    openOnTime: 0,
    openOverdue: 0,
    onTimeRate: null,
    medianHoursToAnswer: null,
    medianDaysToAnswer: null,
    reopenRate: null,
    meanRating: null,
    ratingCount: 0,
  };
  const hoursToAnswer: number[] = [];
  const ratings: number[] = [];
  let answeredCount = 0;
  let reopenedCount = 0;
  for (const item of inPeriod) {
    increment(result.byStatus, item.status);
    increment(result.byKind, item.kind);
    const answeredAt = item.answeredAt !== null && item.answeredAt <= now ? item.answeredAt : null;
    // A reopened case keeps its earlier answer's time, but it waits for a new answer against its new
    // deadline: it counts as open (or open overdue), not as answered late.
    const isReopenedOpen = answeredAt !== null && !ANSWER_STANDS.has(item.status);
    if (answeredAt !== null) {
      answeredCount += 1;
      if (item.reopenedCount > 0) reopenedCount += 1;
      hoursToAnswer.push((answeredAt.getTime() - item.receivedAt.getTime()) / HOUR_MS);
    }
    if (answeredAt !== null && !isReopenedOpen) {
      if (item.dueAt !== null) {
        if (answeredAt <= item.dueAt) result.answeredOnTime += 1;
        else result.answeredLate += 1;
      }
    } else if (!NOT_OPEN.has(item.status)) {
      // A missed acceptance deadline makes a case overdue even before it has a resolution due date.
      if (item.isOverdue) result.openOverdue += 1;
      else if (item.dueAt !== null) result.openOnTime += 1;
    }
    // Ratings of every round: reopening must not drop an unhappy rating from the mean.
    ratings.push(...(item.earlierRatings ?? []));
    if (item.rating !== null) ratings.push(item.rating);
  }
  const denominator = result.answeredOnTime + result.answeredLate + result.openOverdue;
  result.onTimeRate = denominator === 0 ? null : result.answeredOnTime / denominator;
  result.medianHoursToAnswer = median(hoursToAnswer);
  result.medianDaysToAnswer = result.medianHoursToAnswer === null ? null : result.medianHoursToAnswer / 24;
  result.reopenRate = answeredCount === 0 ? null : reopenedCount / answeredCount;
  result.ratingCount = ratings.length;
  result.meanRating = ratings.length === 0 ? null : ratings.reduce((sum, value) => sum + value, 0) / ratings.length;
  return result;
}

/** computeIndicators per group; cases whose key is null are left out. */
export function computeIndicatorsByGroup(
  cases: readonly CaseSummary[],
  keyOf: (item: CaseSummary) => string | null,
  options: IndicatorOptions,
): Record<string, IndicatorSet> {
  const groups = new Map<string, CaseSummary[]>();
  for (const item of cases) {
    const key = keyOf(item);
    if (key === null) continue;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return Object.fromEntries([...groups].map(([key, items]) => [key, computeIndicators(items, options)]));
}
