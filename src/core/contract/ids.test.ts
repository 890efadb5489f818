import { describe, expect, it } from 'vitest';
import { newId, uuidPattern } from './ids.js';

describe('newId (UUIDv7)', () => {
  it('is a version-7, variant-1 UUID that sorts by time', () => {
    const early = newId(1_700_000_000_000);
    const late = newId(1_700_000_000_001);
    expect(early).toMatch(uuidPattern);
    expect(early[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(early[19]);
    expect(early < late).toBe(true);
  });

  it('never repeats across many ids drawn from the random pool', () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => newId(1_700_000_000_000)));
    expect(ids.size).toBe(20_000);
  });

  it('writes every byte in place: the fixed random part comes out as the same hex', () => {
    const random = Uint8Array.from([0xff, 0x01, 0xab, 0xcd, 0x00, 0x10, 0x7f, 0x80, 0x02, 0xfe]);
    // 2023-11-14T22:13:20Z = 0x018bcfe56800 ms; version and variant bits overwrite their nibbles.
    expect(newId(1_700_000_000_000, random)).toBe('018bcfe5-6800-7f01-abcd-00107f8002fe');
  });
});
