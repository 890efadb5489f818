import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: session, CSRF and reset tokens. */
export function newRandomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored, so a stolen database copy cannot be replayed as cookies or links. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The CSRF token a page must echo: HMAC-SHA256(secret, cookie value), base64url. */
export function csrfTokenFromCookie(secret: string, cookieValue: string): string {
  return createHmac('sha256', secret).update(cookieValue, 'utf8').digest('base64url');
}

/** Constant-time string comparison (false when lengths differ). */
export function isSameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
