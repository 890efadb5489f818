import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { claimTrackingCode, generateTrackingCode, isValidTrackingCode, MAX_CODE_DRAWS, normaliseTrackingCode, SHORT_CODE_DRAWS, TRACKING_CODE_ALPHABET, type TrackingCodeRandomLength } from './tracking-code.js';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('tracking codes', () => {
  it('has an alphabet without ambiguous characters', () => {
    expect(TRACKING_CODE_ALPHABET).toHaveLength(31);
    for (const character of '01OIL') expect(TRACKING_CODE_ALPHABET).not.toContain(character);
  });

  it('generates prefix-yymm-random+check using the Vietnamese month', () => {
    const code = generateTrackingCode('nq', new Date('2026-10-31T18:00:00Z'), bytes(1, 2, 3, 4)); // 01:00 on 1 Nov in Vietnam
    expect(code).toMatch(/^NQ-2611-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}$/);
    expect(isValidTrackingCode(code)).toBe(true);
    expect(generateTrackingCode('NQ', new Date('2026-11-05T00:00:00Z'), bytes(1, 2, 3, 4))).toBe(code);
    expect(generateTrackingCode('NQ', new Date('2026-11-05T00:00:00Z'), bytes(9, 9, 9, 9))).not.toBe(code);
  });

  it('rejects bad prefixes and too few random bytes', () => {
    expect(() => generateTrackingCode('N1', new Date(), bytes(1, 2, 3, 4))).toThrow(RangeError);
    expect(() => generateTrackingCode('NQ', new Date(), bytes(1, 2, 3))).toThrow(RangeError);
  });

  it('normalises spacing, case and look-alike digits in the yymm part only', () => {
    const code = generateTrackingCode('NQ', new Date('2026-10-05T00:00:00Z'), bytes(200, 17, 5, 99));
    const tail = code.slice(8);
    expect(normaliseTrackingCode(` nq ${'261O'} ${tail.toLowerCase()} `)).toBe(code);
    expect(normaliseTrackingCode(`nq2610${tail}`)).toBe(code);
    expect(normaliseTrackingCode(`NQ.2610.${tail}`)).toBe(code);
    expect(isValidTrackingCode(`nq-261o-${tail.toLowerCase()}`)).toBe(true);
    // Dashes from autocorrect and full-width characters from a phone's keyboard are separators and letters like any other.
    expect(normaliseTrackingCode(`NQ\u20132610\u2013${tail}`)).toBe(code);
    expect(normaliseTrackingCode(`nq \u2014 2610 \u2014 ${tail.toLowerCase()}`)).toBe(code);
    expect(normaliseTrackingCode(`NQ\u22122610\u2011${tail}`)).toBe(code);
    const fullWidth = (text: string) => [...text].map((character) => (character === ' ' ? '\u3000' : String.fromCodePoint(character.codePointAt(0)! + 0xfee0))).join('');
    expect(normaliseTrackingCode(fullWidth(`nq-2610-${tail.toLowerCase()}`))).toBe(code);
    expect(normaliseTrackingCode(fullWidth(`NQ 2610 ${tail}`))).toBe(code);
    expect(normaliseTrackingCode('NQ-2610-ABC0D')).toBeNull();
    expect(normaliseTrackingCode('NQ-2610-ABC')).toBeNull();
    expect(normaliseTrackingCode('')).toBeNull();
  });

  it('returns a canonical code unchanged and refuses near-canonical look-alikes', () => {
    for (let seed = 0; seed < 200; seed += 1) {
      const code = generateTrackingCode(['NQ', 'X', 'ABCDEF'][seed % 3]!, new Date(Date.UTC(2020 + (seed % 7), seed % 12, 3)), bytes(seed, seed * 7, seed * 13, seed * 31));
      expect(normaliseTrackingCode(code)).toBe(code);
      expect(normaliseTrackingCode(code.toLowerCase())).toBe(code);
    }
    expect(normaliseTrackingCode('NQ-261O-7KX3M')).toBe('NQ-2610-7KX3M');
    expect(normaliseTrackingCode('NQ-2610-7KX3MMM')).toBeNull();
    expect(normaliseTrackingCode('NQ-2610-7KX3')).toBeNull();
    expect(normaliseTrackingCode('ABCDEFG-2610-7KX3M')).toBeNull();
    expect(normaliseTrackingCode('NQ-2610-7KX1M')).toBeNull();
  });

  it('detects every single-character typo and adjacent swap in the random part', () => {
    const code = generateTrackingCode('NQ', new Date('2026-11-05T00:00:00Z'), bytes(12, 34, 56, 78));
    const tail = code.slice(8);
    for (let index = 0; index < tail.length; index += 1) {
      for (const replacement of TRACKING_CODE_ALPHABET) {
        if (replacement === tail[index]) continue;
        const typo = `${tail.slice(0, index)}${replacement}${tail.slice(index + 1)}`;
        expect(isValidTrackingCode(`NQ-2611-${typo}`), typo).toBe(false);
      }
      if (index + 1 < tail.length && tail[index] !== tail[index + 1]) {
        const swapped = `${tail.slice(0, index)}${tail[index + 1]}${tail[index]}${tail.slice(index + 2)}`;
        expect(isValidTrackingCode(`NQ-2611-${swapped}`), swapped).toBe(false);
      }
    }
    expect(isValidTrackingCode(`NQ-2613-${tail}`)).toBe(false);
    expect(isValidTrackingCode(`NX-2611-${tail}`)).toBe(false);
  });

  it('has five-character codes for a month whose four-character codes run short, checked the same way', () => {
    const date = new Date('2026-11-05T00:00:00Z');
    const long = generateTrackingCode('NQ', date, bytes(12, 34, 56, 78), 5);
    expect(long).toMatch(/^NQ-2611-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    expect(long).not.toBe(generateTrackingCode('NQ', date, bytes(12, 34, 56, 78)));
    expect(isValidTrackingCode(long)).toBe(true);
    expect(normaliseTrackingCode(long)).toBe(long);
    expect(normaliseTrackingCode(` nq 2611 ${long.slice(8).toLowerCase()}`)).toBe(long);
    const tail = long.slice(8);
    for (let index = 0; index < tail.length; index += 1) {
      for (const replacement of TRACKING_CODE_ALPHABET) {
        if (replacement === tail[index]) continue;
        expect(isValidTrackingCode(`NQ-2611-${tail.slice(0, index)}${replacement}${tail.slice(index + 1)}`)).toBe(false);
      }
    }
    // Dropping a character of a long code does not give a valid short one, nor the reverse.
    expect(isValidTrackingCode(`NQ-2611-${tail.slice(1)}`)).toBe(false);
    expect(isValidTrackingCode(`NQ-2611-${tail.slice(0, -1)}`)).toBe(false);
  });
});

describe('claiming a tracking code', () => {
  const drawer = () => {
    const lengths: TrackingCodeRandomLength[] = [];
    let seed = 0;
    const draw = (length: TrackingCodeRandomLength) => {
      lengths.push(length);
      seed += 1;
      return generateTrackingCode('NQ', new Date('2026-11-05T00:00:00Z'), bytes(seed, seed * 3, seed * 7, seed * 11), length);
    };
    return { lengths, draw };
  };

  it('keeps four characters while codes are free and after a few taken draws', async () => {
    const { lengths, draw } = drawer();
    let refusals = 2;
    const code = await claimTrackingCode(draw, async () => (refusals -= 1) < 0);
    expect(lengths).toEqual([4, 4, 4]);
    expect(code).toMatch(/^NQ-2611-\w{5}$/);
  });

  it(`switches to five characters after ${SHORT_CODE_DRAWS} taken draws in a row`, async () => {
    const { lengths, draw } = drawer();
    const claimed: string[] = [];
    const code = await claimTrackingCode(draw, async (candidate) => {
      claimed.push(candidate);
      return claimed.length > SHORT_CODE_DRAWS;
    });
    expect(lengths).toEqual([...Array<number>(SHORT_CODE_DRAWS).fill(4), 5]);
    expect(code).toMatch(/^NQ-2611-\w{6}$/);
    expect(isValidTrackingCode(code)).toBe(true);
    expect(new Set(claimed).size).toBe(claimed.length);
  });

  it(`gives up after ${MAX_CODE_DRAWS} taken draws`, async () => {
    const { lengths, draw } = drawer();
    await expect(claimTrackingCode(draw, async () => false)).rejects.toThrow(/no free tracking code/);
    expect(lengths).toHaveLength(MAX_CODE_DRAWS);
  });
});

describe('example codes shown to people', () => {
  // A resident copies the example's shape; an example the lookup rejects teaches the wrong one.
  it('are valid tracking codes in every message catalogue', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const catalogues = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((path) => /(^|\/)messages\/[^/]+\.json$/.test(path));
    expect(catalogues.length).toBeGreaterThan(10);
    const examples = catalogues.flatMap((path) => [...readFileSync(join(root, path), 'utf8').matchAll(/\b[A-Z]{1,6}-\d{4}-[0-9A-Z]{2,8}\b/g)].map((match) => ({ path, code: match[0] })));
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples.filter(({ code }) => !isValidTrackingCode(code))).toEqual([]);
  });
});
