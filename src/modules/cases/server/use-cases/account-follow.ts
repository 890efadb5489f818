/**
 * A signed-in resident's own follow of a case (by account, see follow-case.ts): the status page shows
 * "you follow this case" instead of the form, with a button to stop following. Stopping keeps the row,
 * marked stopped, like the stop link in a message (LAW-PDP-04: the data subject may withdraw; LAW-PDP-05:
 * withdrawal may be made electronically); following again from the page resumes it.
 *
 * The account's own row counts, and, once the account's e-mail is verified, a confirmed follow typed
 * with that same address (on the portal, or by the account before its address was verified). Never
 * before: anyone may open an account with any address, and the match would show, and let stop,
 * someone else's follow (LAW-PDP-04/05: only the data subject sees or withdraws their consent).
 */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import { findUserContact } from '../../../../core/auth/index.js';
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { notFound } from '../../../../core/contract/errors.js';
import { inTransaction, type Db, type Tx } from '../../../../core/db/database.js';
import * as repository from '../../db/repository.js';
import { findCaseByAnyCode } from './shared.js';

/** The resident's own follows of the case: their account's row, and the confirmed row of their verified address. */
export async function findOwnFollowers(db: Db | Tx, row: repository.CaseRow, userId: string): Promise<repository.FollowerRow[]> {
  const own: repository.FollowerRow[] = [];
  const byAccount = await repository.findAccountFollower(db, row.commune_id, row.id, userId);
  if (byAccount) own.push(byAccount);
  const contact = await findUserContact(db, userId);
  if (contact?.email && contact.isEmailVerified) {
    const byAddress = await repository.findConfirmedFollowerByEmail(db, row.commune_id, row.id, contact.email.toLowerCase());
    if (byAddress && byAddress.id !== byAccount?.id) own.push(byAddress);
  }
  return own;
}

/** Whether the signed-in resident gets this case's messages as a follower (their own follow, confirmed and not stopped). */
export async function isFollowingCase(ctx: AppContext, actor: Actor | null, code: string): Promise<boolean> {
  if (actor?.kind !== 'resident') return false;
  const row = await findCaseByAnyCode(ctx.db, code);
  if (!row) return false;
  return (await findOwnFollowers(ctx.db, row, actor.userId)).some((follower) => follower.stopped_at === null && follower.confirmed_at !== null);
}

/** The signed-in resident stops following the case (every follow of theirs). Idempotent: one audit row per follow stopped, naming the follow, never an address. */
export async function unfollowCase(ctx: AppContext, actor: Actor, code: string, options: { requestId?: string } = {}): Promise<boolean> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await findCaseByAnyCode(tx, code);
    if (!row) throw notFound('cases.errors.notFound');
    const at = ctx.clock().toISOString();
    // A request still waiting for the address owner's confirmation is dropped from the account's list too.
    let hasStopped = await repository.deleteFollowRequest(tx, row.commune_id, row.id, actor.userId);
    for (const follower of await findOwnFollowers(tx, row, actor.userId)) {
      if (!(await repository.updateFollowerStopped(tx, row.commune_id, row.id, follower.id, at))) continue;
      hasStopped = true;
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
    }
    return hasStopped;
  });
}
