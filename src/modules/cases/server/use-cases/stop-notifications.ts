/**
 * "Stop these messages": every status message to a case's submitter or follower carries a personal
 * link `/ngung-nhan-tin?t=<token>` that stops that recipient's messages about that one case.
 * LAW-PDP-04 (the data subject may withdraw consent and object to processing) and LAW-PDP-05
 * (withdrawal may be made electronically; a consent is per purpose, here per case).
 *
 * The token is `<case id>.<recipient>.<mac>`: the ids in compact base64url, the recipient `s` for the
 * submitter or the follower row's id, and the mac an HMAC-SHA-256 (128 bits kept) over the case,
 * the recipient and the address the messages go to, keyed by a key derived from SESSION_SECRET.
 * Nothing is stored, so nothing can leak from the database; a changed secret or address voids old
 * links (the page then says the link is not valid).
 */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import { findUserContact } from '../../../../core/auth/index.js';
import type { AppContext } from '../../../../core/context.js';
import { notFound } from '../../../../core/contract/errors.js';
import { inTransaction, type Db, type Tx } from '../../../../core/db/database.js';
import { maskRecipient } from '../../../notifications/server/index.js';
import * as repository from '../../db/repository.js';
import { decodeLinkId as decodeId, encodeLinkId as encodeId, isSameMac, linkMac, linkTokenPartPattern as tokenPartPattern } from './link-token.js';

export const STOP_NOTIFICATIONS_PATH = '/ngung-nhan-tin';
/** Longer than any token this module makes; anything longer is refused before a lookup. */
export const STOP_NOTIFICATIONS_TOKEN_MAX = 120;
const SUBMITTER_REF = 's';
const KEY_CONTEXT = 'tiengdan:cases:stop-notifications:v1';

/** The address the recipient's messages go to, as the mac covers it (a sealed contact is never opened here). */
function addressOf(row: repository.CaseRow, follower: repository.FollowerRow | null): string {
  const holder = follower ?? { user_id: row.submitter_user_id, email: row.submitter_email, phone: row.submitter_phone };
  if (holder.user_id) return `user:${holder.user_id}`;
  if (holder.email) return `email:${holder.email.toLowerCase()}`;
  if (holder.phone) return `phone:${holder.phone}`;
  return follower ? 'none' : 'sealed';
}

function macOf(ctx: AppContext, row: repository.CaseRow, ref: string, follower: repository.FollowerRow | null): string {
  return linkMac(ctx, KEY_CONTEXT, `${row.id}\n${ref}\n${addressOf(row, follower)}`);
}

/** The personal link that stops this recipient's messages about this case (follower, or the submitter when null). */
export function stopNotificationsUrl(ctx: AppContext, row: repository.CaseRow, follower: repository.FollowerRow | null): string {
  const ref = follower ? encodeId(follower.id) : SUBMITTER_REF;
  return `${ctx.config.publicUrl}${STOP_NOTIFICATIONS_PATH}?t=${encodeId(row.id)}.${ref}.${macOf(ctx, row, ref, follower)}`;
}

interface ResolvedRecipient {
  row: repository.CaseRow;
  follower: repository.FollowerRow | null;
}

/** The case and recipient a token names, or null for anything malformed, unknown or tampered with. */
async function resolveToken(db: Db | Tx, ctx: AppContext, token: string): Promise<ResolvedRecipient | null> {
  if (token.length > STOP_NOTIFICATIONS_TOKEN_MAX) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => tokenPartPattern.test(part))) return null;
  const [caseRef, ref, mac] = parts as [string, string, string];
  const row = await repository.findCaseByIdAnyCommune(db, decodeId(caseRef));
  if (!row) return null;
  const follower = ref === SUBMITTER_REF ? null : ((await repository.findFollowerById(db, row.commune_id, row.id, decodeId(ref))) ?? null);
  if (ref !== SUBMITTER_REF && !follower) return null;
  return isSameMac(mac, macOf(ctx, row, ref, follower)) ? { row, follower } : null;
}

async function resolveOrFail(db: Db | Tx, ctx: AppContext, token: string): Promise<ResolvedRecipient> {
  const resolved = await resolveToken(db, ctx, token);
  if (!resolved) throw notFound('cases.errors.stopLinkInvalid');
  return resolved;
}

export interface StopNotificationsView {
  code: string;
  /** `n***@gmail.com`; null for a sealed denouncer's contact, which this page never opens (LAW-DENUNC-11). */
  maskedAddress: string | null;
  isFollower: boolean;
  isStopped: boolean;
}

async function viewOf(ctx: AppContext, { row, follower }: ResolvedRecipient): Promise<StopNotificationsView> {
  const holder = follower ?? { user_id: row.submitter_user_id, email: row.submitter_email, phone: row.submitter_phone };
  // The address the messages really go to: an account holder's are sent to the account's e-mail (and
  // its phone once verified, sendToUser), never to the contact typed in the form (issue 3, workflow review).
  let address = holder.email ?? holder.phone;
  if (holder.user_id) {
    const contact = await findUserContact(ctx.db, holder.user_id);
    address = contact?.email ?? (contact?.isPhoneVerified ? contact.phone : null) ?? null;
  }
  return {
    code: row.code,
    maskedAddress: address ? maskRecipient(address) : null,
    isFollower: follower !== null,
    isStopped: follower ? follower.stopped_at !== null : row.wants_notifications === 0,
  };
}

/** What the link would stop (case code, masked address); 404 `cases.errors.stopLinkInvalid` for a bad token. */
export async function describeStopNotifications(ctx: AppContext, token: string): Promise<StopNotificationsView> {
  return viewOf(ctx, await resolveOrFail(ctx.db, ctx, token));
}

/**
 * Stop the recipient's messages about the case. Idempotent: a second call changes nothing and
 * writes no second audit row. The audit row names the case and which recipient, never the address.
 */
export async function stopNotifications(ctx: AppContext, token: string, options: { requestId?: string } = {}): Promise<StopNotificationsView> {
  const resolved = await inTransaction(ctx.db, async (tx) => {
    const found = await resolveOrFail(tx, ctx, token);
    const at = ctx.clock().toISOString();
    const hasStopped = found.follower
      ? await repository.updateFollowerStopped(tx, found.row.commune_id, found.row.id, found.follower.id, at)
      : await repository.updateCaseNotificationsOff(tx, found.row.commune_id, found.row.id);
    if (hasStopped) {
      await appendAudit(tx, ctx.dialect, {
        communeId: found.row.commune_id,
        actor: null,
        action: 'cases.notifications.stopped',
        entityType: 'case',
        entityId: found.row.id,
        details: found.follower ? { recipient: 'follower', followerId: found.follower.id } : { recipient: 'submitter' },
        requestId: options.requestId ?? null,
        at,
      });
    }
    return found;
  });
  return { ...(await viewOf(ctx, resolved)), isStopped: true };
}
