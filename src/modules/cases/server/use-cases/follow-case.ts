/**
 * Following a case, with double opt-in for typed addresses (LAW-PDP-05: consent must come from the
 * data subject, and silence is not consent). A signed-in resident with a verified e-mail (or a phone
 * only) follows with their own account and needs nothing more; one with an unverified e-mail follows
 * like a typed address, the account's (see followCase). An e-mail typed on the portal gets exactly one confirmation mail (through the
 * outbox) and no status message until its owner opens the link and presses the button on the page
 * (a GET only shows the page: mail scanners prefetch links). An unconfirmed follow lapses after the
 * commune's `followConfirmationDays` (default 7) and is swept. Following again with the same address
 * sends nothing while a confirmation is pending, and one address has at most
 * CASE_FOLLOW_PENDING_PER_ADDRESS_MAX pending confirmations in the commune, so the form cannot be
 * used to mail strangers. The answer is the same whatever happened, so it tells nobody whether an
 * address already follows a case.
 *
 * The link is `/xac-nhan-theo-doi?t=<case>.<follower>.<mac>` (see link-token.ts; nothing stored).
 *
 * A merge moves a pending follow to the surviving case with its id (case-actions.ts), so the link
 * mailed for the merged case still finds it there; confirming it then subscribes the address to the
 * surviving case, and the page names that case and says the other one was merged into it. When the
 * address already had a row on the surviving case the pending one stays behind, and confirming it
 * confirms the address on the surviving case instead of adding a second row.
 */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import { expiredTokenPurgeCutoff, findUserContact } from '../../../../core/auth/index.js';
import type { Actor } from '../../../../core/auth/roles.js';
import { addDays, endOfLocalDay, toLocalDate } from '../../../../core/calendar/index.js';
import type { AppContext } from '../../../../core/context.js';
import { notFound, validationFailed } from '../../../../core/contract/errors.js';
import { newId } from '../../../../core/contract/ids.js';
import { inTransaction, type Db, type Tx } from '../../../../core/db/database.js';
import type { Locale } from '../../../../core/i18n/translate.js';
import { emitEvent } from '../../../../core/jobs/outbox.js';
import { maskRecipient } from '../../../notifications/server/index.js';
import { CASE_FOLLOW_PENDING_PER_ADDRESS_MAX, type FollowCase } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { loadCaseModuleSettings } from '../settings.js';
import { decodeLinkId, encodeLinkId, isSameMac, linkMac, linkTokenPartPattern } from './link-token.js';
import { findCaseByAnyCode } from './shared.js';

export const CONFIRM_FOLLOW_PATH = '/xac-nhan-theo-doi';
/** The outbox event that makes the one confirmation mail (ids and the page language only). */
export const FOLLOW_CONFIRMATION_REQUESTED_EVENT = 'cases.follow-confirmation.requested';
/** Longer than any token this module makes; anything longer is refused before a lookup. */
export const CONFIRM_FOLLOW_TOKEN_MAX = 120;
const KEY_CONTEXT = 'tiengdan:cases:confirm-follow:v1';
/** What the consent record names as the text the person agreed to (bump when the mail's wording changes). */
const CONSENT_TEXT_VERSION = 'cases.follow-confirmation@1';

export interface FollowOptions {
  /** The language of the page the follow came from; the confirmation mail is written in it. */
  locale?: Locale;
  requestId?: string;
}

/** What following did: `following` at once (by account), or `pending` until the address owner confirms from the mail. */
export type FollowOutcome = 'following' | 'pending';

/**
 * Follow a case. A signed-in resident whose e-mail is verified (or who has none: phone only) follows by
 * account at once. One whose e-mail is not verified follows like a typed address, the account's: the
 * address's owner confirms from the mail, because nobody proved the account holder owns it (LAW-PDP-05),
 * and the follow is shown as the account's only once the address is verified (account-follow.ts).
 * An anonymous visitor follows by the e-mail typed (after confirming). Sealed cases cannot be followed.
 */
export async function followCase(ctx: AppContext, actor: Actor | null, code: string, input: FollowCase, options: FollowOptions = {}): Promise<FollowOutcome> {
  if (input.website && input.website.trim() !== '') throw validationFailed([], 'cases.errors.rejected');
  const found = await findCaseByAnyCode(ctx.db, code);
  if (!found || (found.kind === 'denunciation' || found.kind === 'corruption_report')) throw notFound('cases.errors.notFound');
  // A merged duplicate changes no more: its followers were moved to the case it was merged into
  // (issue 3 point 4), and so is a follow asked later (only a hand-made request still reaches it).
  const row = found.status === 'merged' && found.merged_into_case_id ? ((await repository.findCaseById(ctx.db, found.commune_id, found.merged_into_case_id)) ?? found) : found;
  const userId = actor?.kind === 'resident' ? actor.userId : null;
  const contact = userId ? await findUserContact(ctx.db, userId) : undefined;
  const unverifiedAccountEmail = contact?.email && !contact.isEmailVerified ? contact.email.toLowerCase() : null;
  const verifiedAccountEmail = contact?.email && contact.isEmailVerified ? contact.email.toLowerCase() : null;
  const email = userId ? unverifiedAccountEmail : (input.email?.toLowerCase() ?? null);
  if (!userId && !email) throw validationFailed([{ field: 'email', messageKey: 'errors.field.required' }]);
  const settings = await loadCaseModuleSettings(ctx.db, row.commune_id);
  return inTransaction(ctx.db, async (tx): Promise<FollowOutcome> => {
    const now = ctx.clock();
    const nowIso = now.toISOString();
    const followers = await repository.findFollowers(tx, row.commune_id, row.id);
    const accountRow = userId ? followers.find((follower) => follower.user_id === userId) : undefined;
    if (userId && (accountRow || row.submitter_user_id === userId)) {
      // A signed-in resident following again resumes their own messages.
      if (accountRow && accountRow.stopped_at !== null) await repository.updateFollowerResumed(tx, row.commune_id, row.id, accountRow.id);
      return 'following';
    }
    if (userId && !email) {
      // The account's own, verified address already follows (typed earlier): that follow is theirs; no
      // second row. Stopped: the owner proved the address, so following again resumes it.
      const byAddress = verifiedAccountEmail ? followers.find((follower) => follower.email === verifiedAccountEmail) : undefined;
      if (byAddress) {
        if (byAddress.stopped_at !== null) await repository.updateFollowerResumed(tx, row.commune_id, row.id, byAddress.id);
        if (byAddress.confirmed_at === null) await repository.updateFollowerCarriedConfirmed(tx, row.commune_id, row.id, byAddress.id, nowIso);
        return 'following';
      }
      // A verified address (or none): nothing to confirm.
      await repository.insertFollower(tx, { commune_id: row.commune_id, case_id: row.id, id: newId(), user_id: userId, email: null, phone: null, created_at: nowIso, stopped_at: null, confirmed_at: nowIso, confirm_expires_at: null, locale: options.locale ?? 'vi' });
      return 'following';
    }
    const address = email!;
    // Until the end of the (Vietnam) day N days on, as the mail says.
    const expiresAt = endOfLocalDay(addDays(toLocalDate(now), settings.followConfirmationDays)).toISOString();
    // The account's request, for its "cases I follow" page (pending until the address owner confirms).
    // Written whatever the address's row below looks like, so the page tells the account holder nothing
    // about that address's own follows (LAW-PDP-04/05: anyone may open an account with any address).
    if (userId) await repository.upsertFollowRequest(tx, { commune_id: row.commune_id, id: newId(), case_id: row.id, user_id: userId, created_at: nowIso, expires_at: expiresAt });
    const existing = followers.find((follower) => follower.email === address);
    // Confirmed, stopped, or a confirmation still pending: no second mail in the period (LAW-PDP-05).
    // An address that stopped its messages stays stopped: only its owner holds the stop link (LAW-PDP-04/05).
    if (existing && (existing.confirmed_at !== null || existing.stopped_at !== null || (existing.confirm_expires_at !== null && existing.confirm_expires_at > nowIso))) return 'pending';
    if ((await repository.countPendingConfirmations(tx, row.commune_id, address, nowIso)) >= CASE_FOLLOW_PENDING_PER_ADDRESS_MAX) return 'pending';
    const followerId = existing?.id ?? newId();
    // Two requests for the same address at once: the unique index on (commune, case, address) lets one
    // insert (or renew) and the other write nothing and send no mail, with the same answer for both.
    // The row names no account, even for an unverified account's address: it is the address's follow.
    const isNew = existing
      ? await repository.updateFollowerConfirmationRenewed(tx, row.commune_id, row.id, existing.id, expiresAt, nowIso)
      : await repository.insertFollowerOnce(tx, { commune_id: row.commune_id, case_id: row.id, id: followerId, user_id: null, email: address, phone: null, created_at: nowIso, stopped_at: null, confirmed_at: null, confirm_expires_at: expiresAt, locale: options.locale ?? 'vi' });
    if (!isNew) return 'pending';
    // Ids only in the outbox; the job reads the address from the row at send time.
    await emitEvent(tx, { communeId: row.commune_id, name: FOLLOW_CONFIRMATION_REQUESTED_EVENT, payload: { communeId: row.commune_id, caseId: row.id, followerId, locale: options.locale ?? 'vi', expiresAt }, at: nowIso });
    return 'pending';
  });
}

/** The mac covers the case the link names (where the follow was asked), the follow's id and its address. */
function macOf(ctx: AppContext, caseId: string, follower: repository.FollowerRow): string {
  return linkMac(ctx, KEY_CONTEXT, `${caseId}\n${follower.id}\nemail:${(follower.email ?? '').toLowerCase()}`);
}

/** The personal link that confirms this follow (sent once, in the confirmation mail). */
export function confirmFollowUrl(ctx: AppContext, row: repository.CaseRow, follower: repository.FollowerRow): string {
  return `${ctx.config.publicUrl}${CONFIRM_FOLLOW_PATH}?t=${encodeLinkId(row.id)}.${encodeLinkId(follower.id)}.${macOf(ctx, row.id, follower)}`;
}

/** Bounds the walk along merges (a merge target must be open, so real chains are one or two long). */
const MERGE_CHAIN_MAX = 20;

interface LocatedFollow {
  /** The case the follow's row is on now. */
  row: repository.CaseRow;
  follower: repository.FollowerRow;
}

/** A follow on the case its link names, or on the case it was moved to by a merge (then that one's merge, …). */
async function locateFollow(db: Db | Tx, named: repository.CaseRow, followerId: string): Promise<LocatedFollow | null> {
  let row: repository.CaseRow | undefined = named;
  for (let step = 0; row && step <= MERGE_CHAIN_MAX; step += 1) {
    const follower = await repository.findFollowerById(db, row.commune_id, row.id, followerId);
    if (follower) return { row, follower };
    row = row.merged_into_case_id ? await repository.findCaseById(db, row.commune_id, row.merged_into_case_id) : undefined;
  }
  return null;
}

/** The case that carries on a merged case's handling (the case itself when it was not merged). */
async function survivorOf(db: Db | Tx, row: repository.CaseRow): Promise<repository.CaseRow> {
  let current = row;
  for (let step = 0; current.merged_into_case_id && step < MERGE_CHAIN_MAX; step += 1) {
    const next = await repository.findCaseById(db, current.commune_id, current.merged_into_case_id);
    if (!next) break;
    current = next;
  }
  return current;
}

interface ResolvedFollow extends LocatedFollow {
  /** The case the link names (where the follow was asked). */
  named: repository.CaseRow;
  /** Whose news the address gets once confirmed: `row`, or the case `row` was merged into. */
  survivor: repository.CaseRow;
}

/** The case and follow a token names, or null for anything malformed, unknown, tampered with or lapsed. */
async function resolveToken(db: Db | Tx, ctx: AppContext, token: string): Promise<ResolvedFollow | null> {
  if (token.length > CONFIRM_FOLLOW_TOKEN_MAX) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => linkTokenPartPattern.test(part))) return null;
  const [caseRef, followerRef, mac] = parts as [string, string, string];
  const named = await repository.findCaseByIdAnyCommune(db, decodeLinkId(caseRef));
  if (!named) return null;
  const located = await locateFollow(db, named, decodeLinkId(followerRef));
  if (!located || !located.follower.email || !isSameMac(mac, macOf(ctx, named.id, located.follower))) return null;
  const { row, follower } = located;
  // Lapsed: the sweep deletes it soon; until then the link is as dead as after the sweep.
  if (follower.confirmed_at === null && (follower.confirm_expires_at === null || follower.confirm_expires_at <= ctx.clock().toISOString())) return null;
  return { named, row, follower, survivor: await survivorOf(db, row) };
}

export interface FollowConfirmationView {
  /** The case whose news the address gets: after a merge, the surviving case. */
  code: string;
  /** The code the person asked to follow, when that case was merged into `code`. */
  mergedFromCode: string | null;
  /** `h***@gmail.com`: the page never shows the whole address. */
  maskedAddress: string;
  isConfirmed: boolean;
  /** The address had stopped the surviving case's messages from a link in one: it stays stopped (LAW-PDP-04). */
  isStopped: boolean;
}

async function viewOf(db: Db | Tx, { named, follower, survivor }: ResolvedFollow, isConfirmed: boolean): Promise<FollowConfirmationView> {
  const onSurvivor = survivor.id === follower.case_id ? follower : (await repository.findFollowers(db, survivor.commune_id, survivor.id)).find((other) => other.email === follower.email);
  return {
    code: survivor.code,
    mergedFromCode: named.id === survivor.id ? null : named.code,
    maskedAddress: maskRecipient(follower.email ?? ''),
    isConfirmed,
    isStopped: onSurvivor?.stopped_at != null,
  };
}

/**
 * The follow left on a merged case (its address already had a row on the surviving case) was confirmed:
 * the address follows the surviving case, with one row. A pending row there counts as confirmed now; a
 * stopped one stays stopped (the withdrawal is kept, LAW-PDP-04/05); none (swept meanwhile): a new one.
 */
async function carryConfirmedFollow(tx: Tx, survivor: repository.CaseRow, follower: repository.FollowerRow, at: string): Promise<void> {
  const existing = (await repository.findFollowers(tx, survivor.commune_id, survivor.id)).find((other) => other.email === follower.email);
  if (existing) {
    if (existing.stopped_at === null && existing.confirmed_at === null) await repository.updateFollowerCarriedConfirmed(tx, survivor.commune_id, survivor.id, existing.id, at);
    return;
  }
  await repository.insertFollowerOnce(tx, { commune_id: survivor.commune_id, case_id: survivor.id, id: newId(), user_id: null, email: follower.email, phone: null, created_at: at, stopped_at: null, confirmed_at: at, confirm_expires_at: null, locale: follower.locale });
}

/** What the confirmation link confirms; 404 `cases.errors.confirmLinkInvalid` for a bad or lapsed token. */
export async function describeFollowConfirmation(ctx: AppContext, token: string): Promise<FollowConfirmationView> {
  const resolved = await resolveToken(ctx.db, ctx, token);
  if (!resolved) throw notFound('cases.errors.confirmLinkInvalid');
  return viewOf(ctx.db, resolved, resolved.follower.confirmed_at !== null);
}

/**
 * Confirm the follow: from now on the address gets the case's status messages. Idempotent (a second
 * press changes nothing and writes no second row). The audit row is the consent record (LAW-PDP-05:
 * purpose, moment, channel, text version), naming the follower's id, never the address.
 */
export async function confirmFollow(ctx: AppContext, token: string, options: { requestId?: string } = {}): Promise<FollowConfirmationView> {
  return inTransaction(ctx.db, async (tx) => {
    const resolved = await resolveToken(tx, ctx, token);
    if (!resolved) throw notFound('cases.errors.confirmLinkInvalid');
    const at = ctx.clock().toISOString();
    const { row, follower, survivor } = resolved;
    if (follower.confirmed_at === null && (await repository.updateFollowerConfirmed(tx, row.commune_id, row.id, follower.id, at))) {
      await appendAudit(tx, ctx.dialect, {
        communeId: row.commune_id,
        actor: null,
        action: 'cases.follower.confirmed',
        entityType: 'case',
        entityId: row.id,
        // The case whose news the consent brings, when the follow is on a case merged into it.
        details: { followerId: follower.id, purpose: 'case-status-messages', channel: 'email', consentText: CONSENT_TEXT_VERSION, carriedToCaseId: survivor.id === row.id ? null : survivor.id },
        requestId: options.requestId ?? null,
        at,
      });
    }
    if (survivor.id !== row.id) await carryConfirmedFollow(tx, survivor, follower, at);
    return viewOf(tx, resolved, true);
  });
}

/** The one confirmation mail's recipient and link, or null when there is nothing to confirm any more. */
export async function findPendingFollow(ctx: AppContext, communeId: string, caseId: string, followerId: string): Promise<(LocatedFollow & { confirmUrl: string }) | null> {
  const named = await repository.findCaseById(ctx.db, communeId, caseId);
  if (!named) return null;
  // Merged before the mail went out: the follow moved to the surviving case, and the mail names that one.
  const located = await locateFollow(ctx.db, named, followerId);
  if (!located) return null;
  const { row, follower } = located;
  if (!follower.email || follower.confirmed_at !== null || follower.confirm_expires_at === null || follower.confirm_expires_at <= ctx.clock().toISOString()) return null;
  return { row, follower, confirmUrl: confirmFollowUrl(ctx, row, follower) };
}

/** Delete follows that lapsed unconfirmed (their address never consented, so nothing of it is kept). */
export function sweepLapsedFollows(ctx: AppContext): Promise<number> {
  return repository.deleteLapsedFollowers(ctx.db, ctx.clock().toISOString());
}

export const EXPIRED_FOLLOW_REQUEST_PURGE_BATCH = 500;
export const EXPIRED_FOLLOW_REQUEST_PURGE_MAX_BATCHES = 20;

/**
 * Delete accounts' follow requests (followed-cases.ts) whose confirmation period ended more than
 * EXPIRED_TOKEN_GRACE_DAYS ago: they name an account and a case and serve nothing once lapsed
 * (LAW-PDP-06: data minimised). Bounded per run; whether any may remain (the job chains the next run).
 */
export async function purgeExpiredFollowRequests(ctx: Pick<AppContext, 'clock' | 'config' | 'db'>, options: { batchSize?: number; maxBatches?: number } = {}): Promise<{ deleted: number; hasMore: boolean }> {
  const batchSize = options.batchSize ?? EXPIRED_FOLLOW_REQUEST_PURGE_BATCH;
  const maxBatches = options.maxBatches ?? EXPIRED_FOLLOW_REQUEST_PURGE_MAX_BATCHES;
  const before = expiredTokenPurgeCutoff(ctx);
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const count = await repository.deleteFollowRequestsExpiredBefore(ctx.db, before, batchSize);
    deleted += count;
    if (count < batchSize) return { deleted, hasMore: false };
  }
  return { deleted, hasMore: true };
}
