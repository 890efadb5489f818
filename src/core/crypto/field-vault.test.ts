import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldVault } from './field-vault.js';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('FieldVault (sealed identity at rest, LAW-DENUNC-11)', () => {
  it('round-trips and never stores the plaintext', () => {
    const vault = new FieldVault([key('k1')]);
    const sealed = vault.seal('Nguyễn Văn Canary 0912345678', 'case-1');
    expect(sealed).not.toContain('Canary');
    expect(vault.open(sealed, 'case-1')).toBe('Nguyễn Văn Canary 0912345678');
  });

  it('refuses a value moved to another record or tampered with', () => {
    const vault = new FieldVault([key('k1')]);
    const sealed = vault.seal('secret', 'case-1');
    expect(() => vault.open(sealed, 'case-2')).toThrow();
    const parts = sealed.split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => vault.open(parts.join('.'), 'case-1')).toThrow();
  });

  it('rotates: old values stay readable and are re-sealed with the new key', () => {
    const oldKey = key('k1');
    const sealed = new FieldVault([oldKey]).seal('secret', 'c');
    const rotated = new FieldVault([key('k2'), oldKey]);
    expect(rotated.open(sealed, 'c')).toBe('secret');
    expect(rotated.needsRotation(sealed)).toBe(true);
    const resealed = rotated.rotate(sealed, 'c');
    expect(resealed.split('.')[1]).toBe('k2');
    expect(rotated.open(resealed, 'c')).toBe('secret');
  });

  it('makes keyed digests per key and purpose, which verify while their key stays in the ring (LAW-DENUNC-12)', () => {
    const oldKey = key('k1');
    const before = new FieldVault([oldKey]);
    const digest = before.mac('name', 'nguyen van a');
    expect(digest).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(before.mac('name', 'nguyen van a')).toBe(digest);
    expect(before.mac('name', 'nguyen van b')).not.toBe(digest);
    expect(before.mac('other purpose', 'nguyen van a')).not.toBe(digest);
    // Not a bare HMAC under the encryption key.
    expect(digest).not.toBe(createHmac('sha256', oldKey.key).update('nguyen van a').digest().subarray(0, 16).toString('base64url'));

    const rotated = new FieldVault([key('k2'), oldKey]);
    expect(rotated.mac('name', 'nguyen van a', 'k1')).toBe(digest);
    expect(rotated.mac('name', 'nguyen van a')).not.toBe(digest);
    expect(new FieldVault([key('k2')]).mac('name', 'nguyen van a', 'k1')).toBeNull();
  });
});
