import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/core/config/config.js';
import { createLogger } from '../src/core/http/logger.js';
import { buildApp } from '../src/server/app.js';
const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: `/tmp/td-count-${Date.now()}`, SESSION_SECRET: randomBytes(32).toString('base64url'), FIELD_ENCRYPTION_KEYS: `b1:${randomBytes(32).toString('base64')}`, LOG_LEVEL: 'silent', RATE_LIMIT_SCALE: '100000', DEMO: 'true', RUN_WORKER: 'false' });
const handle = await buildApp(config, { logger: createLogger('silent'), seedDemo: true, startWorker: false });
const { sql } = await import('kysely');
const code = (await sql<{ code: string }>`SELECT code FROM cases_items LIMIT 1`.execute(handle.ctx.db)).rows[0]!.code;
const executor = handle.ctx.db.getExecutor();
const original = executor.executeQuery.bind(executor);
let queries: string[] = [];
(executor as unknown as { executeQuery: unknown }).executeQuery = async (compiled: { sql: string }, id: unknown) => { queries.push(compiled.sql.slice(0, 140)); return original(compiled as never, id as never); };
for (const url of [`/api/v1/cases/${code}`, `/api/v1/cases/${code}`, '/healthz']) {
  queries = [];
  const t0 = performance.now();
  const r = await handle.app.inject({ method: 'GET', url });
  console.log(url, r.statusCode, (performance.now() - t0).toFixed(1), 'ms', queries.length, 'queries');
  for (const q of queries) console.log('   ', q);
}
await handle.close();
