import { sql } from 'kysely';
import type { Clock } from '../context.js';
import { typed, type Db } from '../db/database.js';

interface RateLimitsTable {
  http_rate_limits: { key: string; hits: number; window_ends_at: number };
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** The options @fastify/rate-limit passes to a store's constructor and to `child` (the parts read here). */
interface StoreParams {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: unknown; url?: unknown };
}

/** Expired counters are deleted once every this many increments (by whichever instance counts). */
const SWEEP_EVERY = 500;

/**
 * A store for @fastify/rate-limit that keeps its counters in the app's database, so that every
 * instance behind a load balancer counts against the same limits (the default on PostgreSQL; see
 * server.ts). The in-memory store counts per process: with N instances an address gets N times its limit.
 * Fixed windows, as the in-memory store: the first hit of a key opens a window of the route's
 * length; hits inside it add up; the first hit after it ends opens a new one. One atomic upsert
 * per counted request, so two instances counting the same key at once never lose a hit.
 * When the counters cannot be read or written, `onError` is told (the server logs it) and the
 * server lets the request through (`skipOnError`): an unreadable counter table must not take every
 * limited route down; the per-account sign-in throttle does not depend on it.
 */
export function databaseRateLimitStore(db: Db, clock: Clock, onError: (error: Error) => void = () => {}) {
  const table = typed<RateLimitsTable>(db);
  const fail = (callback: Callback) => (error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    onError(failure);
    callback(failure);
  };
  let increments = 0;

  const sweep = (now: number) => {
    table
      .deleteFrom('http_rate_limits')
      .where('window_ends_at', '<=', now)
      .execute()
      .catch(() => {
        // Expired rows only cost space; the next sweep tries again.
      });
  };

  return class DatabaseRateLimitStore {
    private readonly prefix: string;

    // The plugin passes its merged options (typed there as route options); only these parts are read.
    constructor(options: object = {}, prefix = '') {
      const params = options as StoreParams;
      // Only plain fixed windows are implemented; a route asking for more fails at startup.
      if (params.continueExceeding || params.exponentialBackoff) throw new Error('The database rate-limit store supports fixed windows only (no continueExceeding or exponentialBackoff)');
      this.prefix = prefix;
    }

    /** Count one hit of `key` and report the window's total and what is left of it. */
    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = clock().getTime();
      const endsAt = now + timeWindow;
      increments += 1;
      if (increments % SWEEP_EVERY === 0) sweep(now);
      table
        .insertInto('http_rate_limits')
        .values({ key: this.prefix + key, hits: 1, window_ends_at: endsAt })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({
            hits: sql<number>`CASE WHEN http_rate_limits.window_ends_at <= CAST(${now} AS bigint) THEN 1 ELSE http_rate_limits.hits + 1 END`,
            window_ends_at: sql<number>`CASE WHEN http_rate_limits.window_ends_at <= CAST(${now} AS bigint) THEN CAST(${endsAt} AS bigint) ELSE http_rate_limits.window_ends_at END`,
          }),
        )
        .returning(['hits', 'window_ends_at'])
        .executeTakeFirstOrThrow()
        .then(
          (row) => callback(null, { current: Number(row.hits), ttl: Math.max(0, Number(row.window_ends_at) - now) }),
          fail(callback),
        );
    }

    /** The window's total without counting a hit (`{ increment: false }`). */
    read(key: string, callback: Callback): void {
      const now = clock().getTime();
      table
        .selectFrom('http_rate_limits')
        .select(['hits', 'window_ends_at'])
        .where('key', '=', this.prefix + key)
        .executeTakeFirst()
        .then(
          (row) => callback(null, row && Number(row.window_ends_at) > now ? { current: Number(row.hits), ttl: Number(row.window_ends_at) - now } : { current: 0, ttl: 0 }),
          fail(callback),
        );
    }

    /** A route's own counters: its keys are prefixed with its method and URL, as each route has its own in-memory store. */
    child(options: object): DatabaseRateLimitStore {
      const params = options as StoreParams;
      const route = params.routeInfo?.url ? `${String(params.routeInfo.method)} ${String(params.routeInfo.url)}|` : '';
      return new DatabaseRateLimitStore(params, this.prefix + route);
    }
  };
}
