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
});
