import { describe, expect, it } from 'vitest';
import { pooledRandomBytes } from './random-pool.js';

describe('pooledRandomBytes', () => {
  it('hands out each byte once, as copies the next draw cannot change', () => {
    const first = pooledRandomBytes(16);
    const kept = Uint8Array.from(first);
    // Draw past several refills of the 4 KiB pool.
    const draws = Array.from({ length: 2_000 }, () => pooledRandomBytes(24));
    expect(first).toEqual(kept);
    const texts = new Set(draws.map((draw) => Buffer.from(draw).toString('hex')));
    expect(texts.size).toBe(draws.length);
    expect(draws.every((draw) => draw.length === 24)).toBe(true);
  });

  it('looks uniform: every byte value turns up in a large sample', () => {
    const counts = new Array<number>(256).fill(0);
    for (let index = 0; index < 1_000; index += 1) for (const byte of pooledRandomBytes(64)) counts[byte]! += 1;
    // 64,000 bytes: each value is expected 250 times; none may be missing or grossly over-represented.
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(370);
  });

  it('serves large and empty requests, and refuses nonsense sizes', () => {
    expect(pooledRandomBytes(0)).toHaveLength(0);
    expect(pooledRandomBytes(5_000)).toHaveLength(5_000);
    expect(() => pooledRandomBytes(-1)).toThrow(RangeError);
    expect(() => pooledRandomBytes(1.5)).toThrow(RangeError);
  });
});
