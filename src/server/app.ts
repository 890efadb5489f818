import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { createAuthHooks } from '../core/auth/index.js';
import { PermissionRegistry } from '../core/auth/roles.js';
import type { AppConfig } from '../core/config/config.js';
import { ServiceRegistry, type AppContext, type Clock } from '../core/context.js';
import { FieldVault } from '../core/crypto/field-vault.js';
import { openDatabase, openPostgres, openSqlite, type DatabaseHandle } from '../core/db/database.js';
import { isMigrationCurrent, migrateToLatest } from '../core/db/migrator.js';
import { createLogger } from '../core/http/logger.js';
import { createHttpServer } from '../core/http/server.js';
import coreEn from '../core/i18n/messages/en.json' with { type: 'json' };
import coreVi from '../core/i18n/messages/vi.json' with { type: 'json' };
import { mergeCatalogs } from '../core/i18n/translate.js';
import { createWorker, type Worker } from '../core/jobs/worker.js';
import type { DemoSeed, ModuleDescriptor } from '../core/module.js';
import { countCommunes, provideUnitReferenceChecks } from '../core/tenancy/index.js';
import { webMessages } from '../web/portal/messages/index.js';
import { registerWeb, renderHtmlError } from '../web/server.js';
import { modules as defaultModules } from './modules.js';

export interface ContextOptions {
  clock?: Clock;
  logger?: Logger;
  modules?: readonly ModuleDescriptor[];
  /** Override the database (tests pass an in-memory SQLite or a throwaway PostgreSQL). */
  database?: DatabaseHandle;
}

export interface ContextHandle {
  ctx: AppContext;
  modules: readonly ModuleDescriptor[];
  migrationFolders: string[];
  close(): Promise<void>;
  /** SQLite: load the modules' hot tables into the page cache (see ModuleDescriptor.hotTables). */
  prewarm(): void;
}

/** Open the database, migrate, and assemble the AppContext every service receives. */
export async function createAppContext(config: AppConfig, options: ContextOptions = {}): Promise<ContextHandle> {
  const modules = options.modules ?? defaultModules;
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = options.database ?? openDatabase(config.database);
  const migrationFolders = modules.flatMap((module) => (module.migrationsDir ? [module.migrationsDir] : []));
  await migrateToLatest(database.db, migrationFolders);

  const permissions = new PermissionRegistry();
  for (const module of modules) if (module.permissions) permissions.register(module.name, module.permissions);
  const services = new ServiceRegistry();
  services.provide('vault', new FieldVault(config.encryptionKeys));
  // Tenancy asks every module what points at a unit before it becomes a supervising body (LAW-BASE-13).
  provideUnitReferenceChecks(services, modules.flatMap((module) => (module.unitReferences ? [module.unitReferences] : [])));
  const ctx: AppContext = {
    config,
    db: database.db,
    dialect: database.dialect,
    clock: options.clock ?? (() => new Date()),
    catalogs: mergeCatalogs([{ vi: coreVi, en: coreEn }, ...modules.map((module) => module.messages ?? {}), ...webMessages]),
    permissions,
    logger,
    services,
  };
  for (const module of modules) await module.init?.(ctx);
  const prewarm = () => {
    const tables = modules.flatMap((module) => module.hotTables ?? []);
    const result = database.prewarm?.(tables);
    if (result) logger.info({ tables, rows: result.rows, milliseconds: result.milliseconds }, 'hot tables read into the page cache');
  };
  return { ctx, modules, migrationFolders, close: () => database.close(), prewarm };
}

/** Seed the demo commune and each module's demo rows, once, on an empty database. */
export async function seedDemoIfEmpty(ctx: AppContext, modules: readonly ModuleDescriptor[]): Promise<boolean> {
  if ((await countCommunes(ctx.db)) > 0) return false;
  let seed: DemoSeed | undefined;
  for (const module of modules) {
    if (!module.seedDemo) continue;
    if (!seed && module.name !== 'tenancy') throw new Error('The tenancy module must seed first');
    const result = await module.seedDemo(ctx, seed ?? { communeId: '', areaIds: {}, unitIds: {}, userIds: {} });
    if (result) seed = result;
  }
  return true;
}

const healthSchema = z.object({ status: z.enum(['ok', 'unavailable']), db: z.enum(['sqlite', 'postgres']), version: z.string(), migrations: z.enum(['current', 'pending', 'unknown']).optional() });

export interface AppHandle {
  app: FastifyInstance;
  ctx: AppContext;
  worker: Worker | null;
  close(): Promise<void>;
}

export interface BuildAppOptions extends ContextOptions {
  seedDemo?: boolean;
  startWorker?: boolean;
}

/** Compose the whole server: context, HTTP, every module's routes, the web shells, and the worker. */
export async function buildApp(config: AppConfig, options: BuildAppOptions = {}): Promise<AppHandle> {
  const handle = await createAppContext(config, options);
  const { ctx, modules } = handle;
  if (options.seedDemo ?? config.demo) {
    if (await seedDemoIfEmpty(ctx, modules)) ctx.logger.info('demo commune seeded');
  }
  handle.prewarm();
  const hooks = createAuthHooks(ctx);
  const app = await createHttpServer(ctx, { ...hooks, renderHtmlError });

  app.get('/healthz', { config: { permission: 'public' }, schema: { hide: true, response: { 200: healthSchema } } }, async () => ({ status: 'ok' as const, db: ctx.dialect, version: config.version }));
  app.get('/readyz', { config: { permission: 'public' }, schema: { hide: true, response: { 200: healthSchema, 503: healthSchema } } }, async (_request, reply) => {
    try {
      const current = await isMigrationCurrent(ctx.db, handle.migrationFolders);
      return reply.status(current ? 200 : 503).send({ status: current ? 'ok' : 'unavailable', db: ctx.dialect, version: config.version, migrations: current ? 'current' : 'pending' });
    } catch (error) {
      ctx.logger.error({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'unavailable', db: ctx.dialect, version: config.version, migrations: 'unknown' });
    }
  });
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  for (const module of modules) {
    if (module.routes) await app.register(async (scope) => module.routes!(scope, ctx));
  }
  await registerWeb(app, ctx);
  await app.ready();

  const worker = (options.startWorker ?? config.runWorker) ? createWorker(ctx, { modules, workerId: `web-${process.pid}` }) : null;
  worker?.start();
  return {
    app,
    ctx,
    worker,
    close: async () => {
      await worker?.stop();
      await app.close();
      await handle.close();
    },
  };
}

export { openPostgres, openSqlite };
