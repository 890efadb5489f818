/**
 * Deterministic benchmark data shared by the parent and the server children: the i-th tracking
 * code is unique and valid (real check character), spread over 24 months of receipt so that one
 * million codes fit the 31^4 random space of each month.
 */
import { generateTrackingCode, TRACKING_CODE_ALPHABET } from '../src/modules/cases/domain/tracking-code.js';

export const BENCH_ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
export const BENCH_MONTHS = 24;
const RANDOM_SPACE = TRACKING_CODE_ALPHABET.length ** 4; // 923,521
// A multiplier coprime with the random space scatters consecutive indexes across the space.
const SCATTER = 611_953;

/** The receipt instant of the i-th generated case: the 10th of one of the 24 months before November 2026, plus a few minutes. */
export function benchReceivedAt(index: number): Date {
  const month = index % BENCH_MONTHS;
  const base = Date.UTC(2024, 10 + month, 10, 2, 0, 0);
  return new Date(base + (Math.floor(index / BENCH_MONTHS) % 20_000) * 60_000);
}

/** The i-th tracking code (unique for i < 24 × 923,521). */
export function benchCode(prefix: string, index: number): string {
  const slot = (Math.floor(index / BENCH_MONTHS) * SCATTER) % RANDOM_SPACE;
  const bytes = new Uint8Array([(slot >>> 24) & 0xff, (slot >>> 16) & 0xff, (slot >>> 8) & 0xff, slot & 0xff]);
  return generateTrackingCode(prefix, benchReceivedAt(index), bytes);
}

/** A line the children print on stdout when they listen: `BENCH_READY {"port":1234,...}`. */
export const READY_MARK = 'BENCH_READY ';
