import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestClock, createTestSchema, testConfig, testDialect } from '../../../test/kit/app.js';
import { openPostgres, openSqlite, type DatabaseHandle } from '../db/database.js';
import { createLogger } from './logger.js';
import { buildApp, type AppHandle } from '../../server/app.js';

/**
 * RATE_LIMIT_STORE=database: two instances of the app serving one database count every address
 * against the same limit. The public status lookup allows 120 requests per minute and address;
 * RATE_LIMIT_SCALE=0.05 makes that 6.
 */
const LIMIT = 6;
const ADDRESS = '203.0.113.7';

/** Two handles on one fresh database (a file for SQLite, a schema for PostgreSQL), like two processes. */
async function openSharedDatabase(): Promise<{ open(): DatabaseHandle; drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const folder = mkdtempSync(join(tmpdir(), 'tiengdan-rate-limits-'));
    return { open: () => openSqlite({ file: join(folder, 'shared.db') }), drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const schema = await createTestSchema(url);
  return { open: () => openPostgres({ url: schema.url, max: 3 }), drop: schema.drop };
}

describe('rate limits shared by several instances through the database', () => {
  const clock = createTestClock('2026-11-27T02:00:00.000Z');
  let instances: AppHandle[] = [];
  let drop: (() => Promise<void>) | undefined;

  async function startTwo(store: 'memory' | 'database' | 'default'): Promise<[AppHandle, AppHandle]> {
    const shared = await openSharedDatabase();
    drop = shared.drop;
    const config = testConfig({ ...(store === 'default' ? {} : { RATE_LIMIT_STORE: store }), RATE_LIMIT_SCALE: '0.05' });
    // One after the other: the first migrates, the second finds the schema current.
    for (let index = 0; index < 2; index += 1) {
      instances.push(await buildApp(config, { database: shared.open(), clock: clock.clock, logger: createLogger('silent'), seedDemo: false, startWorker: false }));
    }
    return [instances[0]!, instances[1]!];
  }

  afterEach(async () => {
    for (const instance of instances) await instance.close();
    instances = [];
    await drop?.();
  });

  const lookup = (instance: AppHandle, remoteAddress = ADDRESS, path = '/api/v1/cases/NQ-2611-ABCDE') => instance.app.inject({ method: 'GET', url: path, remoteAddress });

  it('refuses an address once its requests to both instances together reach the limit', async () => {
    const [first, second] = await startTwo('database');
    for (let index = 0; index < LIMIT; index += 1) {
      const response = await lookup(index % 2 === 0 ? first : second);
      expect(response.statusCode, response.body).toBe(404);
    }
    for (const instance of [first, second]) {
      const refused = await lookup(instance);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    // Another address, and the same address on another route, keep their own counts.
    expect((await lookup(second, '198.51.100.9')).statusCode).toBe(404);
    expect((await lookup(second, ADDRESS, '/api/v1/cases/similar?areaId=x&categoryId=y&text=duong')).statusCode).not.toBe(429);

    // The window is a minute: once it has passed, the address starts a new one.
    clock.advance(61_000);
    expect((await lookup(first)).statusCode).toBe(404);
    const rows = await sql<{ key: string; hits: number }>`SELECT key, hits FROM http_rate_limits ORDER BY key`.execute(first.ctx.db);
    expect(rows.rows.map((row) => [row.key, Number(row.hits)])).toEqual([
      ['GET /api/v1/cases/:code|198.51.100.9', 1],
      [`GET /api/v1/cases/:code|${ADDRESS}`, 1],
      [`GET /api/v1/cases/similar|${ADDRESS}`, 1],
    ]);
  });

  it('loses no hit when both instances count the same address at the same moment', async () => {
    const [first, second] = await startTwo('database');
    const responses = await Promise.all(Array.from({ length: 3 * LIMIT }, (_unused, index) => lookup(index % 2 === 0 ? first : second)));
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 404)).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2 * LIMIT);
  });

  it('deletes counters whose window has ended, now and then', async () => {
    const [first] = await startTwo('database');
    const count = async () => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM http_rate_limits`.execute(first.ctx.db)).rows[0]!.n);
    for (let index = 0; index < 10; index += 1) await lookup(first, `192.0.2.${index}`);
    expect(await count()).toBe(10);
    clock.advance(61_000);
    // The sweep runs on every 500th hit an instance counts; these ten windows have ended by then.
    for (let index = 10; index < 500; index += 1) await lookup(first, `10.9.${Math.floor(index / 250)}.${index % 250}`);
    await vi.waitFor(async () => expect(await count()).toBeLessThanOrEqual(490), { timeout: 5000 });
  });

  it('lets requests through, and says so in the log, when the counters cannot be written', async () => {
    const [first] = await startTwo('database');
    const errors: unknown[] = [];
    const log = first.ctx.logger.error.bind(first.ctx.logger);
    first.ctx.logger.error = ((...args: unknown[]) => {
      errors.push(args);
      return log(...(args as Parameters<typeof log>));
    }) as typeof first.ctx.logger.error;
    await sql`DROP TABLE http_rate_limits`.execute(first.ctx.db);
    for (let index = 0; index < LIMIT + 2; index += 1) expect((await lookup(first)).statusCode).toBe(404);
    expect(errors.length).toBe(LIMIT + 2);
    expect(JSON.stringify(errors[0])).toContain('rate-limit counters unavailable');
  });

  it('shares the counters by default on PostgreSQL, and counts per process by default on SQLite', async () => {
    const [first, second] = await startTwo('default');
    const allowed = testDialect === 'postgres' ? LIMIT : 2 * LIMIT;
    for (let index = 0; index < allowed; index += 1) {
      expect((await lookup(index % 2 === 0 ? first : second)).statusCode).toBe(404);
    }
    expect((await lookup(first)).statusCode).toBe(429);
  });

  it('counts per process with the in-memory store (what the database store is for)', async () => {
    const [first, second] = await startTwo('memory');
    for (let index = 0; index < 2 * LIMIT; index += 1) {
      expect((await lookup(index % 2 === 0 ? first : second)).statusCode).toBe(404);
    }
    expect((await lookup(first)).statusCode).toBe(429);
  });
});
