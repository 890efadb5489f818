/**
 * "Hồ sơ tôi theo dõi": the cases a signed-in resident follows, for the portal page of the same name,
 * and the follows they asked with an unverified account e-mail, waiting for the confirmation mail.
 * Each case is shown as its public status shows it to anyone (the anonymous view: redacted title,
 * nothing sealed), never from the case's own rows.
 */
import { findUserContact } from '../../../../core/auth/index.js';
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { forbidden, DomainError } from '../../../../core/contract/errors.js';
import type { PageQuery } from '../../../../core/contract/paging.js';
import type { Locale } from '../../../../core/i18n/translate.js';
import { CASE_PENDING_FOLLOWS_SHOWN_MAX, type FollowedCasesPage, type PublicCaseView } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { findOwnFollowers } from './account-follow.js';
import { getPublicCaseView } from './read-cases.js';

/** The anonymous public view (no actor, no secret link: exactly what anyone looking the code up sees); null if the case is gone. */
async function publicViewOf(ctx: AppContext, code: string, locale: Locale): Promise<PublicCaseView | null> {
  try {
    return await getPublicCaseView(ctx, code, locale);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') return null;
    throw error;
  }
}

/**
 * The resident's own follows (their account's, and the confirmed ones of their verified address, as
 * on the status page: LAW-PDP-04/05), most recently followed first, and their requests still pending.
 * Bound to the actor's own id: nobody sees another resident's follows; staff are refused.
 */
export async function listFollowedCases(ctx: AppContext, actor: Actor, query: PageQuery, locale: Locale): Promise<FollowedCasesPage> {
  if (actor.kind !== 'resident') throw forbidden();
  const contact = await findUserContact(ctx.db, actor.userId);
  // An unverified address is not proved to be the account holder's: its follows are not theirs.
  const verifiedEmail = contact?.email && contact.isEmailVerified ? contact.email.toLowerCase() : null;
  const { rows, total } = await repository.findOwnFollowedCasesPage(ctx.db, actor.communeId, { userId: actor.userId, verifiedEmail }, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const items: FollowedCasesPage['items'] = [];
  for (const row of rows) {
    const view = await publicViewOf(ctx, row.code, locale);
    if (view) items.push({ code: view.code, status: view.status, title: view.title, dueAt: view.deadline.dueAt, isOverdue: view.deadline.isOverdue, isPaused: view.deadline.isPaused });
  }
  const pending: FollowedCasesPage['pending'] = [];
  for (const request of await repository.findPendingFollowRequests(ctx.db, actor.communeId, actor.userId, ctx.clock().toISOString(), CASE_PENDING_FOLLOWS_SHOWN_MAX)) {
    const caseRow = await repository.findCaseById(ctx.db, actor.communeId, request.case_id);
    // Once the follow is the account's own (confirmed, address verified) it is in the list above.
    if (!caseRow || (await findOwnFollowers(ctx.db, caseRow, actor.userId)).some((follower) => follower.confirmed_at !== null && follower.stopped_at === null)) continue;
    const view = await publicViewOf(ctx, request.code, locale);
    if (view) pending.push({ code: view.code, status: view.status, title: view.title, expiresAt: request.expires_at });
  }
  return { items, total, page: query.page, pageSize: query.pageSize, pending };
}
