/** Recomputing open cases' due dates after the commune's working calendar changed. */
import { loadWorkingCalendar } from '../../../../core/calendar/store.js';
import type { AppContext } from '../../../../core/context.js';
import { inTransaction } from '../../../../core/db/database.js';
import * as repository from '../../db/repository.js';
import { computeCaseDeadlines, computeStepDeadline, parseRuleRef, parseState } from '../case-record.js';
import { refreshPublicStatus } from './public-status.js';

/** Recompute acceptance, resolution and current step due dates of every open case of the commune; returns how many changed. */
export async function recomputeOpenCaseDeadlines(ctx: AppContext, communeId: string): Promise<number> {
  const now = ctx.clock();
  const calendar = await loadWorkingCalendar(ctx.db, communeId, ctx.clock);
  let changed = 0;
  for (const row of await repository.findOpenCases(ctx.db, communeId)) {
    const state = parseState(row.state);
    const deadlines = computeCaseDeadlines(state, parseRuleRef(row.rule_ref), calendar, now);
    const acceptanceDueAt = deadlines.acceptance?.dueAt.toISOString() ?? null;
    const dueAt = deadlines.resolution?.dueAt.toISOString() ?? null;
    // Each step has its own deadline, recounted too (issue 3 points 4 and 5); an older step without its days keeps its date.
    const stepDueAt = computeStepDeadline(state, calendar, now)?.dueAt.toISOString() ?? row.step_due_at;
    const isChanged = acceptanceDueAt !== row.acceptance_due_at || dueAt !== row.due_at || stepDueAt !== row.step_due_at;
    await inTransaction(ctx.db, async (tx) => {
      if (isChanged) {
        // A later due date lifts the overdue mark; an earlier one is picked up by the overdue sweep.
        // A case still `received` stays overdue while its acceptance deadline is past (LAW-DENUNC-02).
        const nowIso = now.toISOString();
        const isPastDeadline = (dueAt !== null && dueAt < nowIso) || (row.status === 'received' && acceptanceDueAt !== null && acceptanceDueAt < nowIso);
        const isOverdue = row.is_overdue === 1 && isPastDeadline ? 1 : 0;
        await repository.updateCase(tx, communeId, row.id, { acceptance_due_at: acceptanceDueAt, due_at: dueAt, step_due_at: stepDueAt, is_overdue: isOverdue, updated_at: now.toISOString() });
      }
      // The explanation may change even when the due date does not (another day off inside the period).
      await refreshPublicStatus(ctx, tx, communeId, row.id, { calendar });
    });
    if (isChanged) changed += 1;
  }
  return changed;
}
