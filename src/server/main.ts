import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../core/config/config.js';
import { buildApp } from './app.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** HTTP server process; in embedded SQLite mode it also runs the job worker. */
async function main(): Promise<void> {
  const isEmpty = process.argv.includes('--empty');
  let config;
  try {
    config = loadConfig({ ...process.env, ...(isEmpty ? { DEMO: 'false' } : {}) }, packageJson.version);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const handle = await buildApp(config);
  const shutdown = async (signal: string) => {
    handle.ctx.logger.info({ signal }, 'shutting down');
    await handle.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await handle.app.listen({ port: config.port, host: config.host });
  handle.ctx.logger.info({ url: config.publicUrl, db: config.database.dialect, demo: config.demo }, 'Tiếng Dân is running');
}

main().catch((error: unknown) => {
  process.stderr.write(`Tiếng Dân failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
