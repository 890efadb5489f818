// `npm run migrate`: apply every pending migration of every module to DATABASE_URL (or the embedded SQLite).
import { loadConfig } from '../src/core/config/config.js';
import { openDatabase } from '../src/core/db/database.js';
import { migrateToLatest } from '../src/core/db/migrator.js';
import { modules } from '../src/server/modules.js';

const config = loadConfig();
const database = openDatabase(config.database);
try {
  const result = await migrateToLatest(database.db, modules.flatMap((module) => (module.migrationsDir ? [module.migrationsDir] : [])));
  for (const entry of result.results ?? []) console.log(`${entry.status}: ${entry.migrationName}`);
  console.log(`Database (${config.database.dialect}) is at the latest migration.`);
} finally {
  await database.close();
}
