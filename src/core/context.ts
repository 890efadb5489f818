import type { FastifyBaseLogger } from 'fastify';
import type { PermissionRegistry } from './auth/roles.js';
import type { AppConfig } from './config/config.js';
import type { Db, Dialect } from './db/database.js';
import type { Catalogs } from './i18n/translate.js';

/** A clock passed into services and domain functions; tests pass a fixed one. */
export type Clock = () => Date;

/**
 * What a running Tiếng Dân holds: configuration, the database, the clock, the message catalogs
 * and the permission registry. Services receive it explicitly; nothing is global.
 */
export interface AppContext {
  readonly config: AppConfig;
  readonly db: Db;
  readonly dialect: Dialect;
  readonly clock: Clock;
  readonly catalogs: Catalogs;
  readonly permissions: PermissionRegistry;
  readonly logger: FastifyBaseLogger;
  /** Named services that core parts and modules expose to each other (mailer, storage, vault…). */
  readonly services: ServiceRegistry;
}

/** Typed lookup of shared services registered at composition time. */
export class ServiceRegistry {
  private readonly entries = new Map<string, unknown>();

  provide<T>(name: string, service: T): void {
    if (this.entries.has(name)) throw new Error(`Service ${name} provided twice`);
    this.entries.set(name, service);
  }

  get<T>(name: string): T {
    if (!this.entries.has(name)) throw new Error(`Service ${name} is not provided`);
    return this.entries.get(name) as T;
  }
}
