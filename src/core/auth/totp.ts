import { Secret, TOTP } from 'otpauth';

export const TOTP_ISSUER = 'Tiếng Dân';
const period = 30;
// One step either side tolerates a phone clock a little off.
const window = 1;

/** A fresh 160-bit TOTP secret, base32 (what authenticator apps accept). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secretBase32: string, label: string): string {
  return new TOTP({ issuer: TOTP_ISSUER, label, secret: Secret.fromBase32(secretBase32), period, digits: 6, algorithm: 'SHA1' }).toString();
}

/** The current code for a secret (tests, and nothing else, need this). */
export function generateTotpCode(secretBase32: string, now: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secretBase32), period, digits: 6, algorithm: 'SHA1', timestamp: now.getTime() });
}

/**
 * The time step a code belongs to, or null when it is wrong, or when that step (or a later one)
 * was already used: a code overheard once cannot be replayed.
 */
export function matchTotpStep(secretBase32: string, code: string, now: Date, lastUsedStep: number | null): number | null {
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secretBase32), period, digits: 6, algorithm: 'SHA1', timestamp: now.getTime(), window });
  if (delta === null) return null;
  const step = TOTP.counter({ period, timestamp: now.getTime() }) + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}

/** The vault context binding a sealed secret to its account, so it cannot be moved to another. */
export function totpVaultContext(userId: string): string {
  return `auth_users.totp:${userId}`;
}
