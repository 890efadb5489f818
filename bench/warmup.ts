/**
 * `npx tsx bench/warmup.ts`: the warm-up curve of one server's status lookups. Starts a server
 * script on BENCH_DIR (loading BENCH_ROWS rows first if the folder has fewer), pins it to core 0 and
 * itself to core 1 (when taskset exists), then runs WARMUP_ROUNDS rounds of WARMUP_SECONDS seconds
 * of lookups by random existing code at 50 connections, and prints each round's requests per second.
 *
 * Run it twice on the same BENCH_DIR to compare a server measured in the process that generated its
 * rows (first run) with a fresh server started on the loaded files (second run): bench/README.md,
 * session 12. WARMUP_SCRIPT=bare-server.ts measures the bare server instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon, { type AutocannonRequest } from 'autocannon';
import { BENCH_ROWS, benchCode, READY_MARK } from './data.js';

const here = dirname(fileURLToPath(import.meta.url));
const script = process.env.WARMUP_SCRIPT ?? 'tiengdan-server.ts';
const directory = process.env.BENCH_DIR ?? '/tmp/tiengdan-warmup';
const rounds = Number(process.env.WARMUP_ROUNDS ?? 14);
const seconds = Number(process.env.WARMUP_SECONDS ?? 5);
const canPin = spawnSync('taskset', ['-V']).status === 0 && Number(spawnSync('nproc').stdout?.toString().trim() || '1') >= 2;

mkdirSync(directory, { recursive: true });
if (canPin) spawnSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', join(here, script)], {
  env: { ...process.env, RATE_LIMIT_SCALE: '1000000', BENCH_DIR: directory, NODE_ENV: 'production' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const info = await new Promise<{ port: number; prefix?: string }>((resolve, reject) => {
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith(READY_MARK)) resolve(JSON.parse(line.slice(READY_MARK.length)) as { port: number; prefix?: string });
  });
  child.once('exit', (code) => reject(new Error(`${script} exited with code ${String(code)} before it was ready`)));
});
if (canPin) spawnSync('taskset', ['-a', '-cp', '0', String(child.pid)], { stdio: 'ignore' });

const path = script === 'bare-server.ts' ? '/bare/cases/' : '/api/v1/cases/';
const prefix = info.prefix ?? 'NQ';
const requests: AutocannonRequest[] = [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path + benchCode(prefix, Math.floor(Math.random() * BENCH_ROWS)) }) }];
const perRound: number[] = [];
let failed = 0;
for (let round = 0; round < rounds; round += 1) {
  const result = await autocannon({ url: `http://127.0.0.1:${info.port}`, connections: 50, duration: seconds, requests });
  perRound.push(Math.round(result.requests.average));
  failed += result.errors + result.timeouts + result.non2xx;
}
process.stdout.write(`${script} on ${directory}: ${perRound.join(' ')} requests/s per ${seconds} s round${failed > 0 ? ` (${failed} failed)` : ''}\n`);
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
process.exit(failed > 0 ? 1 : 0);
