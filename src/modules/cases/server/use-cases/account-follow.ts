/**
 * A signed-in resident's own follow of a case (by account, see follow-case.ts): the status page shows
 * "you follow this case" instead of the form, with a button to stop following. Stopping keeps the row,
 * marked stopped, like the stop link in a message (LAW-PDP-04: the data subject may withdraw; LAW-PDP-05:
 * withdrawal may be made electronically); following again from the page resumes it.
 *
 * Only the account's own row counts: an address typed on the portal is not matched to an account
 * with the same e-mail, because an account's e-mail is not verified (anyone may open one with any
 * address) and the match would show, and let stop, someone else's follow.
 */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { notFound } from '../../../../core/contract/errors.js';
import { inTransaction } from '../../../../core/db/database.js';
import * as repository from '../../db/repository.js';
import { findCaseByAnyCode } from './shared.js';

/** Whether the signed-in resident gets this case's messages as a follower (their account follows it and did not stop). */
export async function isFollowingCase(ctx: AppContext, actor: Actor | null, code: string): Promise<boolean> {
  if (actor?.kind !== 'resident') return false;
  const row = await findCaseByAnyCode(ctx.db, code);
  if (!row) return false;
  const follower = await repository.findAccountFollower(ctx.db, row.commune_id, row.id, actor.userId);
  return follower !== undefined && follower.stopped_at === null && follower.confirmed_at !== null;
}

/** The signed-in resident stops following the case with their account. Idempotent: one audit row, naming the follow, never an address. */
export async function unfollowCase(ctx: AppContext, actor: Actor, code: string, options: { requestId?: string } = {}): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const row = await findCaseByAnyCode(tx, code);
    if (!row) throw notFound('cases.errors.notFound');
    const follower = await repository.findAccountFollower(tx, row.commune_id, row.id, actor.userId);
    if (!follower) return;
    const at = ctx.clock().toISOString();
    if (!(await repository.updateFollowerStopped(tx, row.commune_id, row.id, follower.id, at))) return;
    await appendAudit(tx, ctx.dialect, {
      communeId: row.commune_id,
      actor: { userId: actor.userId, grants: actor.grants },
      action: 'cases.notifications.stopped',
      entityType: 'case',
      entityId: row.id,
      details: { recipient: 'follower', followerId: follower.id, channel: 'account' },
      requestId: options.requestId ?? null,
      at,
    });
  });
}
