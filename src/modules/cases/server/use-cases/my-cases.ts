/** "Hồ sơ của tôi": the cases a signed-in resident sent, for the portal page of the same name. */
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { forbidden } from '../../../../core/contract/errors.js';
import type { PageQuery } from '../../../../core/contract/paging.js';
import type { MyCasesPage } from '../../contract.js';
import * as repository from '../../db/repository.js';
import type { CaseKind, CaseStatus } from '../../domain/index.js';
import { isCaseOverdue } from './public-status.js';
import { shownDueDatesOf } from './shared.js';

/**
 * The cases the resident submitted while signed in, newest first, in their commune: the query is
 * bound to the actor's own user id, so nobody sees another's list (staff are refused). Cases sent
 * without signing in are not there, nor corruption reports, which are never linked to an account.
 */
export async function listMyCases(ctx: AppContext, actor: Actor, query: PageQuery): Promise<MyCasesPage> {
  if (actor.kind !== 'resident') throw forbidden();
  const now = ctx.clock().toISOString();
  const { rows, total } = await repository.findSubmitterCasesPage(ctx.db, actor.communeId, actor.userId, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const openStatuses: readonly string[] = repository.OPEN_STATUSES;
  // A paused case shows the due date of its status page, moving with each paused day (LAW-BASE-10).
  const dueDates = await shownDueDatesOf(ctx, actor.communeId, rows, new Date(now));
  return {
    items: rows.map((row, index) => ({
      code: row.code,
      kind: row.kind as CaseKind,
      status: row.status as CaseStatus,
      title: row.title,
      receivedAt: row.received_at,
      // The deadline running now, as on the status page: acceptance while received, then resolution.
      dueAt: openStatuses.includes(row.status) ? (row.status === 'received' ? (dueDates[index]!.acceptanceDueAt ?? dueDates[index]!.dueAt) : dueDates[index]!.dueAt) : null,
      isOverdue: isCaseOverdue(row, now),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
