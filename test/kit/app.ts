import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { loadConfig, type AppConfig } from '../../src/core/config/config.js';
import type { AppContext, Clock } from '../../src/core/context.js';
import { openPostgres, openSqlite, type DatabaseHandle } from '../../src/core/db/database.js';
import { createLogger } from '../../src/core/http/logger.js';
import { createWorker, type Worker } from '../../src/core/jobs/worker.js';
import { buildApp, type AppHandle } from '../../src/server/app.js';
import { modules } from '../../src/server/modules.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  handle: AppHandle;
  close(): Promise<void>;
}

export interface TestAppOptions {
  clock?: Clock;
  seedDemo?: boolean;
  env?: Record<string, string>;
}

/** The dialect the integration suite runs on: SQLite in memory unless TEST_DATABASE_URL is set. */
export const testDialect = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: `/tmp/tiengdan-test-${process.pid}`,
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
    FIELD_ENCRYPTION_KEYS: `t1:${randomBytes(32).toString('base64')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_URL: 'http://localhost:3000',
    DEMO: 'false',
    ...env,
  });
}

/**
 * A fresh database per test app: in-memory SQLite, or a new schema in the test PostgreSQL so
 * suites running in parallel never see each other's rows.
 */
async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openSqlite({ file: ':memory:' });
  const schema = await createTestSchema(url);
  const handle = openPostgres({ url: schema.url, max: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await schema.drop();
    },
  };
}

/** A new schema in the test PostgreSQL at `url`: the URL of connections that work in it, and how to drop it. */
export async function createTestSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres({ url, max: 1 });
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const separator = url.includes('?') ? '&' : '?';
  return {
    url: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema},public`)}`,
    drop: async () => {
      const cleanup = openPostgres({ url, max: 1 });
      await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(cleanup.db);
      await cleanup.close();
    },
  };
}

/** Build the real app (all modules, migrated) on a fresh database, without the background worker. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(options.env);
  const database = await openTestDatabase();
  const handle = await buildApp(config, {
    database,
    ...(options.clock ? { clock: options.clock } : {}),
    logger: createLogger(config.logLevel),
    seedDemo: options.seedDemo ?? false,
    startWorker: false,
  });
  return { app: handle.app, ctx: handle.ctx, handle, close: () => handle.close() };
}

/** A worker over every module's jobs, for tests to drive with `runOnce()` (the app starts none). */
export function createTestWorker(testApp: Pick<TestApp, 'ctx'>): Worker {
  return createWorker(testApp.ctx, { modules, workerId: `test-${process.pid}` });
}

/** A clock tests can move. */
export function createTestClock(start: string | Date = '2026-11-26T03:00:00.000Z') {
  let now = new Date(start).getTime();
  const clock: Clock = () => new Date(now);
  return {
    clock,
    set: (instant: string | Date) => {
      now = new Date(instant).getTime();
    },
    advance: (milliseconds: number) => {
      now += milliseconds;
    },
  };
}
