import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';
import { csrfTokenFromCookie, hashToken, isSameSecret, newRandomToken } from './tokens.js';
import { generateTotpCode, matchTotpStep, newTotpSecret, totpUri } from './totp.js';

describe('tokens', () => {
  it('stores only a digest and derives the CSRF token from the cookie', () => {
    const token = newRandomToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
    expect(csrfTokenFromCookie('secret', 'cookie')).toBe(csrfTokenFromCookie('secret', 'cookie'));
    expect(csrfTokenFromCookie('secret', 'cookie')).not.toBe(csrfTokenFromCookie('other', 'cookie'));
    expect(isSameSecret('abc', 'abc')).toBe(true);
    expect(isSameSecret('abc', 'abd')).toBe(false);
    expect(isSameSecret('abc', 'ab')).toBe(false);
  });
});

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('mot-mat-khau-dai');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'mot-mat-khau-dai')).toBe(true);
    expect(await verifyPassword(hash, 'sai-mat-khau-roi')).toBe(false);
    expect(await verifyPassword(null, 'mot-mat-khau-dai')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});

describe('TOTP', () => {
  it('accepts the current code once, and the neighbouring step, but not a replay', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-11-26T03:00:10Z');
    expect(totpUri(secret, 'an@xa.gov.vn')).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const code = generateTotpCode(secret, now);
    const step = matchTotpStep(secret, code, now, null);
    expect(step).not.toBeNull();
    expect(matchTotpStep(secret, code, now, step)).toBeNull();
    expect(matchTotpStep(secret, code, new Date(now.getTime() + 30_000), null)).toBe(step);
    expect(matchTotpStep(secret, code, new Date(now.getTime() + 120_000), null)).toBeNull();
  });
});
