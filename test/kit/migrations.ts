import type { AppContext } from '../../src/core/context.js';
import { createMigrator, migrateToLatest } from '../../src/core/db/migrator.js';
import { modules } from '../../src/server/modules.js';

/**
 * Every module's migrations stepped back to just before `name` (rows written since stay, in the older
 * schema; every later migration must have a `down`). `migrator` steps further by name, `forward()`
 * applies the rest again: how a migration is tested on the rows that exist before it.
 */
export async function migrationsBefore(ctx: Pick<AppContext, 'db'>, name: string): Promise<{ migrator: Awaited<ReturnType<typeof createMigrator>>; forward: () => Promise<unknown> }> {
  const folders = modules.flatMap((module) => (module.migrationsDir ? [module.migrationsDir] : []));
  const migrator = await createMigrator(ctx.db, folders);
  const names = (await migrator.getMigrations()).map((migration) => migration.name);
  const index = names.indexOf(name);
  if (index < 1) throw new Error(`no migration before ${name}`);
  const down = await migrator.migrateTo(names[index - 1]!);
  if (down.error) throw down.error instanceof Error ? down.error : new Error(String(down.error));
  return { migrator, forward: () => migrateToLatest(ctx.db, folders) };
}
