import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, PostgresAdapter, sql, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';

const migrationFilePattern = /^\d{8}T\d{4}-[a-z0-9-]+\.ts$/;

/**
 * Merges every module's `migrations/` folder for the Kysely Migrator. Names start with a
 * `yyyymmddThhmm` stamp, so the global alphanumeric order is the creation order across modules.
 */
export class ModuleMigrationProvider implements MigrationProvider {
  constructor(private readonly folders: readonly string[]) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const folder of this.folders) {
      const files = (await readdir(folder)).filter((file) => migrationFilePattern.test(file));
      for (const file of files) {
        const name = file.replace(/\.ts$/, '');
        if (migrations[name]) throw new Error(`Duplicate migration name ${name}`);
        migrations[name] = (await import(pathToFileURL(join(folder, file)).href)) as Migration;
      }
    }
    return migrations;
  }
}

/**
 * On PostgreSQL the migrator's own tables are looked for in the connection's current schema only:
 * Kysely otherwise finds them in any schema of the database, so a database with a second migrated
 * schema (parallel test workers, one schema each) would skip creating its own and fail.
 */
async function migrationTableSchemaOf(db: Db): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const { rows } = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

export async function createMigrator(db: Db, folders: readonly string[]): Promise<Migrator> {
  const migrationTableSchema = await migrationTableSchemaOf(db);
  return new Migrator({ db, provider: new ModuleMigrationProvider(folders), ...(migrationTableSchema ? { migrationTableSchema } : {}) });
}

/** Apply every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db, folders: readonly string[]): Promise<MigrationResultSet> {
  const result = await (await createMigrator(db, folders)).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((entry) => entry.status === 'Error');
    const cause = result.error instanceof Error ? result.error : new Error(String(result.error));
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause.message}`, { cause });
  }
  return result;
}

/** True when every known migration has been applied (used by /readyz). */
export async function isMigrationCurrent(db: Db, folders: readonly string[]): Promise<boolean> {
  const migrations = await (await createMigrator(db, folders)).getMigrations();
  return migrations.every((migration) => migration.executedAt !== undefined);
}
