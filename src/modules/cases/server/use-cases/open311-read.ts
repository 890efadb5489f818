/**
 * Open311's public read model: service requests and their public timeline, as the GeoReport
 * queries need them (comma lists, date windows, open/closed, pages). Only columns that are safe to
 * publish — never the submitter's contact details, never sealed identity, never internal notes —
 * and only the services (category + kind) the caller asks for.
 *
 * Every status is returned, withdrawn and merged cases included (as `closed`, with a note saying why):
 * GeoReport v2 keeps 404 for unknown resources (§4) and folds every end of a request into `closed`
 * (§3.5), so a request its partner created, or any reader saw, must not vanish when it ends — the
 * public status page shows it too. What stays hidden is decided by the service list, not by status:
 * kinds never published (complaints, denunciations, anonymous corruption reports) and categories not
 * flagged for Open311 match no service and are never returned.
 */
import type { AppContext } from '../../../../core/context.js';
import * as repository from '../../db/repository.js';
import { shownDueDatesOf } from './shared.js';

export type Open311ServiceKey = repository.Open311ServiceKey;
export type Open311PublicRequest = repository.Open311RequestRow;
export type Open311PublicUpdate = repository.Open311UpdateRow;

/** What the Open311 adapter asks for. */
export type Open311RequestQuery = repository.Open311RequestFilter;
export type Open311UpdateQuery = repository.Open311UpdateFilter;

/**
 * Public service requests, newest first. A paused case's due dates (`expected_datetime`, the notice)
 * are the ones its status page shows, moving with each paused day (LAW-BASE-10); its state, read
 * for that, is dropped here.
 */
export async function listOpen311Requests(ctx: AppContext, query: Open311RequestQuery): Promise<Open311PublicRequest[]> {
  const rows = await repository.findOpen311Requests(ctx.db, query);
  const dueDates = await shownDueDatesOf(ctx, query.communeId, rows, ctx.clock());
  return rows.map(({ state: _state, rule_ref: _ruleRef, ...request }, index) => Object.assign(request, { acceptance_due_at: dueDates[index]!.acceptanceDueAt, due_at: dueDates[index]!.dueAt }));
}

/** Public timeline entries of public service requests, oldest first (a change log clients poll). */
export async function listOpen311Updates(ctx: AppContext, query: Open311UpdateQuery): Promise<Open311PublicUpdate[]> {
  return repository.findOpen311Updates(ctx.db, query);
}
