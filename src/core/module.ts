import type { FastifyInstance } from 'fastify';
import type { PermissionGrants } from './auth/roles.js';
import type { AppContext } from './context.js';
import type { Catalog, Locale } from './i18n/translate.js';
import type { EventSubscription, JobDefinition, ScheduleDefinition } from './jobs/types.js';
import type { UnitReferenceCheck } from './tenancy/unit-references.js';

/** What the demo seed of the tenancy part created, so later parts can attach their demo rows. */
export interface DemoSeed {
  communeId: string;
  areaIds: Record<string, string>;
  unitIds: Record<string, string>;
  userIds: Record<string, string>;
}

/**
 * A module (or a core part that owns tables) describes itself once; `server/modules.ts` lists the
 * descriptors explicitly. No autoload, no discovery.
 */
export interface ModuleDescriptor {
  name: string;
  /** Absolute path of this module's migrations folder. */
  migrationsDir?: string;
  permissions?: PermissionGrants;
  messages?: Partial<Record<Locale, Catalog>>;
  routes?: (app: FastifyInstance, ctx: AppContext) => Promise<void>;
  jobs?: readonly JobDefinition[];
  schedules?: readonly ScheduleDefinition[];
  subscriptions?: readonly EventSubscription[];
  /**
   * Tables read on a hot public path. On SQLite the server reads them and their indexes into the
   * page cache before it listens (like PostgreSQL's pg_prewarm), so the first lookups and the ones
   * after a quiet spell do not wait for the disk.
   */
  hotTables?: readonly string[];
  /**
   * What of this module points at a unit (open work routed to it, settings defaulting to it): tenancy
   * refuses to make a unit a supervising body while anything does (core/tenancy/unit-references.ts).
   */
  unitReferences?: UnitReferenceCheck;
  /** Called once, after migrations, on startup (e.g. to provide services). */
  init?: (ctx: AppContext) => Promise<void> | void;
  /** Adds this module's demo rows; runs only in demo mode, on an empty database. */
  seedDemo?: (ctx: AppContext, seed: DemoSeed) => Promise<DemoSeed | void>;
}
