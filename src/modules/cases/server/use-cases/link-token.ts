/**
 * Signed personal links in residents' messages (stop messages, confirm a follow): ids in compact
 * base64url and an HMAC-SHA-256 (128 bits kept) keyed by a key derived from SESSION_SECRET for each
 * purpose, so a token made for one purpose never verifies for another and nothing is stored.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../../../core/context.js';
import { uuidPattern } from '../../../../core/contract/ids.js';

/** One token part: base64url, short enough to keep an SMS link short. */
export const linkTokenPartPattern = /^[A-Za-z0-9_-]{1,48}$/;

const keys = new WeakMap<AppContext, Map<string, Buffer>>();
/** A key of its own per purpose, derived from the session secret, so a token never doubles as a session signature. */
function keyOf(ctx: AppContext, purpose: string): Buffer {
  const byPurpose = keys.get(ctx) ?? new Map<string, Buffer>();
  keys.set(ctx, byPurpose);
  let key = byPurpose.get(purpose);
  if (!key) {
    key = createHmac('sha256', ctx.config.sessionSecret).update(purpose).digest();
    byPurpose.set(purpose, key);
  }
  return key;
}

/** A UUID in 22 base64url characters (keeps the SMS link short); any other id as UTF-8 base64url. */
export function encodeLinkId(id: string): string {
  return uuidPattern.test(id) ? Buffer.from(id.replaceAll('-', ''), 'hex').toString('base64url') : Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeLinkId(text: string): string {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length !== 16) return bytes.toString('utf8');
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The mac of `signed` for `purpose`, in 22 base64url characters. */
export function linkMac(ctx: AppContext, purpose: string, signed: string): string {
  return createHmac('sha256', keyOf(ctx, purpose)).update(signed).digest().subarray(0, 16).toString('base64url');
}

/** Constant-time comparison of a given mac with the expected one. */
export function isSameMac(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
