import { ConfigError, loadConfig } from '../core/config/config.js';
import { createWorker } from '../core/jobs/worker.js';
import { createAppContext } from './app.js';

/**
 * Standalone job worker for PostgreSQL deployments (`npm run worker`): the same context as the
 * HTTP server, no HTTP. Several can run side by side; SKIP LOCKED hands each job to one of them.
 * SIGTERM/SIGINT stop polling and wait for the job in progress before closing the database.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const handle = await createAppContext(config);
  const { ctx } = handle;
  if (config.database.dialect === 'sqlite') {
    ctx.logger.warn('standalone worker on embedded SQLite: make sure the HTTP process runs with RUN_WORKER=false');
  }
  const worker = createWorker(ctx, { modules: handle.modules, workerId: `worker-${process.pid}` });
  worker.start();

  let isShuttingDown = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    ctx.logger.info({ signal }, 'worker shutting down');
    try {
      await worker.stop();
      await handle.close();
      process.exit(0);
    } catch (error) {
      ctx.logger.error({ err: error }, 'worker shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  // Configuration problems are the operator's to fix: print them plainly, without a stack.
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
