/**
 * Cryptographically strong random bytes drawn from the system in blocks, as Node's own
 * `crypto.randomUUID` does: one draw per 4 KiB instead of one per caller. A durable submission
 * needs several small draws (ids, tracking code, secret link) and each system draw cost more than
 * the code around it. Bytes are handed out once, as copies, and never reused. Browser-safe (Web
 * Crypto only).
 */
const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

export function pooledRandomBytes(size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 0) throw new RangeError('size must be a non-negative integer');
  if (size > POOL_SIZE / 4) return crypto.getRandomValues(new Uint8Array(size));
  if (poolOffset + size > POOL_SIZE) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  poolOffset += size;
  return pool.slice(poolOffset - size, poolOffset);
}
