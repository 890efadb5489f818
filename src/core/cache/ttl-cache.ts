/**
 * A small per-process cache for reference data (a commune's calendar, categories, units, settings)
 * that changes rarely and is read on every request. Entries expire after `ttlMs`, so several server
 * processes converge without a shared bus; the process that changes the data invalidates at once.
 * Concurrent misses for one key share one load.
 */
export class TtlCache<Value> {
  private readonly entries = new Map<string, { value: Promise<Value>; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value of `key`, loading it when absent or expired; a failed load is not cached. */
  get(key: string, load: () => Promise<Value>): Promise<Value> {
    const entry = this.entries.get(key);
    const now = this.now();
    if (entry && entry.expiresAt > now) return entry.value;
    const value = load();
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Forget one key, or everything. */
  invalidate(key?: string): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}

/**
 * One cache per owner object (an AppContext or a database handle): nothing global, so two apps in
 * one process (tests) never share entries.
 */
export function cacheRegistry<Owner extends object, Value>(ttlMs: number): (owner: Owner) => TtlCache<Value> {
  const caches = new WeakMap<Owner, TtlCache<Value>>();
  return (owner) => {
    let cache = caches.get(owner);
    if (!cache) {
      cache = new TtlCache<Value>(ttlMs);
      caches.set(owner, cache);
    }
    return cache;
  };
}

/** How long reference data may be stale in another process after a change. */
export const REFERENCE_TTL_MS = 30_000;
