/** Case indicators for dashboards and the PAPI self-assessment (pure aggregation in the domain). */
import type { AppContext } from '../../../../core/context.js';
import type { LocalDate } from '../../../../core/calendar/index.js';
import { startOfLocalDay, addDays } from '../../../../core/calendar/index.js';
import type { CaseIndicators } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { earlierRatingsOf } from '../case-record.js';
import { computeIndicators, computeIndicatorsByGroup, type CaseKind, type CaseStatus, type CaseSummary } from '../../domain/index.js';

export interface CaseIndicatorsInput {
  communeId: string;
  /** Inclusive local dates (Asia/Ho_Chi_Minh). */
  from: LocalDate;
  to: LocalDate;
  groupBy: 'unit' | 'category' | 'dimension' | 'kind' | 'none';
}

/**
 * Counts by status and kind, on-time rate (open overdue cases count in the denominator), median
 * time to answer, reopen rate, mean rating; anonymous corruption reports are counted (LAW-DENUNC-04).
 * "Open, overdue" is what the staff list's overdue filter finds: past the resolution deadline, or
 * still received past the acceptance deadline (LAW-DENUNC-02, LAW-PAKN-08), not while paused.
 */
export async function computeCaseIndicators(ctx: AppContext, input: CaseIndicatorsInput): Promise<CaseIndicators> {
  const period = { from: startOfLocalDay(input.from), to: startOfLocalDay(addDays(input.to, 1)) };
  const now = ctx.clock();
  const [rows, categories] = await Promise.all([
    repository.findCasesReceivedBetween(ctx.db, input.communeId, period.from.toISOString(), period.to.toISOString(), now.toISOString()),
    repository.findCategories(ctx.db, input.communeId, { includeInactive: true }),
  ]);
  const dimensionOf = new Map(categories.map((category) => [category.id, category.papi_dimension]));
  const summaries: CaseSummary[] = rows
    .filter((row) => row.status !== 'merged')
    .map((row) => ({
      kind: row.kind as CaseKind,
      status: row.status as CaseStatus,
      categoryId: row.category_id,
      unitId: row.assigned_unit_id,
      papiDimension: dimensionOf.get(row.category_id) ?? null,
      receivedAt: new Date(row.received_at),
      answeredAt: row.answered_at ? new Date(row.answered_at) : null,
      dueAt: row.due_at ? new Date(row.due_at) : null,
      isOverdue: Number(row.is_open_overdue) === 1,
      reopenedCount: row.reopened_count,
      rating: row.rating_score,
      // Ratings of rounds before a reopening stay counted (kept in the case's state).
      earlierRatings: earlierRatingsOf(row.state),
    }));
  const options = { period, now };
  const keyOf: Record<CaseIndicatorsInput['groupBy'], (item: CaseSummary) => string | null> = {
    unit: (item) => item.unitId ?? 'unassigned',
    category: (item) => item.categoryId,
    dimension: (item) => item.papiDimension,
    kind: (item) => item.kind,
    none: () => null,
  };
  return {
    communeId: input.communeId,
    from: input.from,
    to: input.to,
    groupBy: input.groupBy,
    overall: computeIndicators(summaries, options) as CaseIndicators['overall'],
    groups: (input.groupBy === 'none' ? {} : computeIndicatorsByGroup(summaries, keyOf[input.groupBy], options)) as CaseIndicators['groups'],
    anonymousCorruptionReports: summaries.filter((item) => item.kind === 'corruption_report').length,
  };
}
