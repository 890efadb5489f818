/**
 * `npm run bench:cases`: the cases routes of the real server against a bare Fastify + SQLite
 * server of the same shape, on the same machine in the same run (absolute figures drift ±30% on
 * shared machines; the ratio is what the budgets judge). See bench/README.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon, { type AutocannonRequest, type AutocannonResult } from 'autocannon';
import { BENCH_ROWS, benchCode, READY_MARK } from './data.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 50;
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10);
// A fresh server on a million rows needs tens of thousands of random lookups before SQLite's page
// cache holds the index pages and V8 has optimised the hot paths; a short warm-up measures that
// start-up instead of the steady state (on this machine the first 10 s of lookups ran ~1.5× slower).
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 10);
// Each pair (Tiếng Dân, bare) is measured ROUNDS times, alternating which goes first, so that drift
// of a shared machine over the run does not favour either side.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** Raised public limits, for a server that reads them (see bench/README.md); requests also rotate X-Forwarded-For. */
// One load generator is one address: scale every per-address limit out of the way (RATE_LIMIT_SCALE).
const RATE_LIMIT_ENV = { RATE_LIMIT_SCALE: process.env.RATE_LIMIT_SCALE ?? '1000000' };

const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
const cores = Number(spawnSync('nproc').stdout?.toString().trim() || '1');

interface Child {
  process: ChildProcess;
  info: Record<string, unknown> & { port: number; loadSeconds: number };
}

// The Node flags of `npm start` (package.json), given to both servers alike: a 32 MiB young
// generation lets a request's objects die young instead of being promoted and swept by a full GC.
const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

/**
 * Run a server script under tsx; resolve with its READY line. With `loadOnly`, the script loads its
 * rows and exits (resolving once it has); otherwise it starts on the rows already there and serves.
 * Loading may use any core; a serving child is pinned to core 0 afterwards.
 */
function startChild(script: string, directory: string, name: string, loadOnly = false): Promise<Child> {
  // BENCH_PROFILE=dir writes a CPU profile of each server (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE && !loadOnly ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profile, '--import', 'tsx', join(here, script)], {
    env: { ...process.env, ...RATE_LIMIT_ENV, BENCH_DIR: directory, NODE_ENV: 'production', ...(loadOnly ? { BENCH_LOAD_ONLY: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let ready: Child | undefined;
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith(READY_MARK)) {
        ready = { process: child, info: JSON.parse(line.slice(READY_MARK.length)) as Child['info'] };
        if (!loadOnly) resolve(ready);
      } else if (line.trim()) process.stderr.write(`[${name}] ${line}\n`);
    });
    child.once('exit', (code) => (loadOnly && code === 0 && ready ? resolve(ready) : reject(new Error(`${name} exited with code ${String(code)} before it was ready`))));
    child.once('error', reject);
  });
}

function pin(pid: number | undefined, core: number): boolean {
  if (!hasTaskset || cores < 2 || pid === undefined) return false;
  return spawnSync('taskset', ['-a', '-cp', String(core), String(pid)], { stdio: 'ignore' }).status === 0;
}

interface RouteResult {
  route: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
  /** Pages the kernel read back from disk a second while the route was measured (the whole machine; null without /proc/vmstat). */
  diskRereadsPerSecond: number | null;
}

/**
 * Page-cache pages read back from disk after the kernel dropped them (`workingset_refault_file`).
 * On this VM the memory manager pages out what it sees as cold; a lookup that waits for such a
 * re-read measures the disk, not the server (bench/README.md, session 11).
 */
function refaults(): number | null {
  try {
    const line = readFileSync('/proc/vmstat', 'utf8').split('\n').find((entry) => entry.startsWith('workingset_refault_file '));
    return line ? Number(line.split(' ')[1]) : null;
  } catch {
    return null;
  }
}

async function measure(route: string, url: string, requests: AutocannonRequest[], warmupSeconds: number): Promise<RouteResult> {
  if (warmupSeconds > 0) await autocannon({ url, connections: CONNECTIONS, duration: warmupSeconds, requests });
  const refaultsBefore = refaults();
  const result: AutocannonResult = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS, requests });
  const refaultsAfter = refaults();
  const diskRereadsPerSecond = refaultsBefore === null || refaultsAfter === null ? null : Math.round((refaultsAfter - refaultsBefore) / DURATION_SECONDS);
  const errors = result.errors + result.timeouts + result.non2xx;
  process.stdout.write(`  measured ${route}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${diskRereadsPerSecond ?? '?'} disk re-reads/s\n`);
  return { route, requestsPerSecond: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors, total: result['2xx'] + result.non2xx, diskRereadsPerSecond };
}

/** Rounds of one route: mean requests/s and p50, the worst p99 of the rounds, every error. */
function combine(route: string, rounds: RouteResult[]): RouteResult {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    route,
    requestsPerSecond: Math.round(mean(rounds.map((round) => round.requestsPerSecond))),
    p50: Math.round(mean(rounds.map((round) => round.p50)) * 10) / 10,
    p99: Math.max(...rounds.map((round) => round.p99)),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
    total: rounds.reduce((sum, round) => sum + round.total, 0),
    diskRereadsPerSecond: rounds.some((round) => round.diskRereadsPerSecond === null) ? null : Math.max(...rounds.map((round) => round.diskRereadsPerSecond ?? 0)),
  };
}

const randomIndex = () => Math.floor(Math.random() * BENCH_ROWS);

async function main(): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), 'tiengdan-bench-'));
  const tdDirectory = join(directory, 'tiengdan');
  const bareDirectory = join(directory, 'bare');
  mkdirSync(tdDirectory);
  mkdirSync(bareDirectory);
  const children: Child[] = [];
  try {
    process.stdout.write(`Loading ${BENCH_ROWS.toLocaleString('en')} cases into each server (${tdDirectory}, ${bareDirectory})…\n`);
    // Each server loads its rows in a process of its own, which then exits; the measured servers are
    // fresh processes on the loaded files, as a production server starts on its database. (Measured in
    // the loading process itself, a server carried the generator's million rows of garbage in its heap
    // and ran at half speed for its first 30–60 s: bench/README.md, session 12.)
    const [loadedTiengDan, loadedBare] = await Promise.all([startChild('tiengdan-server.ts', tdDirectory, 'tiengdan', true), startChild('bare-server.ts', bareDirectory, 'bare', true)]);
    // The kernel is still writing the freshly loaded files back to disk: let it finish first. Then
    // read both databases once: on this VM a freshly written multi-gigabyte file is not always left
    // in the page cache, and a lookup that waits for the disk measures the disk, not the server.
    spawnSync('sync');
    for (const folder of [tdDirectory, bareDirectory]) {
      for (const name of readdirSync(folder)) spawnSync('cat', [join(folder, name)], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const [tiengDan, bare] = await Promise.all([startChild('tiengdan-server.ts', tdDirectory, 'tiengdan'), startChild('bare-server.ts', bareDirectory, 'bare')]);
    children.push(tiengDan, bare);
    const pinned = pin(tiengDan.process.pid, 0) && pin(bare.process.pid, 0) && pin(process.pid, 1);
    process.stdout.write(
      `Loaded: Tiếng Dân ${loadedTiengDan.info.loadSeconds.toFixed(1)} s, bare ${loadedBare.info.loadSeconds.toFixed(1)} s; started on the loaded files: Tiếng Dân ${tiengDan.info.startSeconds} s, bare ${bare.info.startSeconds} s. Servers ${pinned ? 'pinned to core 0, load generator to core 1' : 'NOT pinned (no taskset or one core)'}.\n`,
    );

    const tdUrl = `http://127.0.0.1:${tiengDan.info.port}`;
    const bareUrl = `http://127.0.0.1:${bare.info.port}`;
    const prefix = String(tiengDan.info.prefix);

    // Anonymous public submission needs the CSRF cookie + token every browser gets.
    const sessionResponse = await fetch(`${tdUrl}/api/v1/auth/session`);
    const csrfToken = ((await sessionResponse.json()) as { csrfToken: string }).csrfToken;
    const cookie = sessionResponse.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');

    // Sanity: one lookup and one submission must succeed before measuring.
    const probeCode = benchCode(prefix, 12_345);
    const probe = await fetch(`${tdUrl}/api/v1/cases/${probeCode}`);
    if (probe.status !== 200) throw new Error(`GET /api/v1/cases/${probeCode} answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
    let submissionIndex = 0;
    const submission = () =>
      JSON.stringify({
        kind: 'feedback',
        categoryId: tiengDan.info.categoryId,
        areaId: tiengDan.info.areaId,
        title: `Đèn đường hỏng số ${(submissionIndex += 1)}`,
        description: 'Đèn đường trước nhà văn hóa bị hỏng nhiều ngày, đề nghị xã sửa chữa sớm.',
        privacy: 'handler_only',
        submitter: { fullName: 'Nguyễn Văn Bench', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' },
        wantsNotifications: false,
      });
    const postHeaders = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const submitProbe = await fetch(`${tdUrl}/api/v1/cases`, { method: 'POST', headers: postHeaders, body: submission() });
    if (submitProbe.status !== 201 && submitProbe.status !== 200) throw new Error(`POST /api/v1/cases answered ${submitProbe.status}: ${(await submitProbe.text()).slice(0, 300)}`);

    const routes = [
      { name: 'Tiếng Dân GET /api/v1/cases/{code}', url: tdUrl, requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/v1/cases/${benchCode(prefix, randomIndex())}` }) }] },
      { name: 'bare GET /bare/cases/{code}', url: bareUrl, requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/bare/cases/${benchCode('NQ', randomIndex())}` }) }] },
      { name: 'Tiếng Dân POST /api/v1/cases', url: tdUrl, requests: [{ method: 'POST', path: '/api/v1/cases', headers: postHeaders, setupRequest: (request) => ({ ...request, body: submission() }) }] },
      {
        name: 'bare POST /bare/cases',
        url: bareUrl,
        requests: [{ method: 'POST', path: '/bare/cases', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: JSON.stringify({ title: 'Đèn đường hỏng', description: 'Đèn đường trước nhà văn hóa bị hỏng nhiều ngày.' }) }) }],
      },
    ] satisfies Array<{ name: string; url: string; requests: AutocannonRequest[] }>;
    const rounds: RouteResult[][] = routes.map(() => []);
    process.stdout.write(`Measuring (${CONNECTIONS} connections, ${ROUNDS} rounds, ${WARMUP_SECONDS} s warm-up before a route's first round + ${DURATION_SECONDS} s each)…\n`);
    for (let round = 0; round < ROUNDS; round += 1) {
      // GET pair, then POST pair; odd rounds measure bare first.
      for (const pair of [[0, 1], [2, 3]] as const) {
        for (const index of round % 2 === 0 ? pair : [pair[1], pair[0]]) {
          const route = routes[index]!;
          rounds[index]!.push(await measure(route.name, route.url, route.requests, round === 0 ? WARMUP_SECONDS : 0));
        }
      }
    }
    const [tdGet, bareGet, tdPost, barePost] = routes.map((route, index) => combine(route.name, rounds[index]!)) as [RouteResult, RouteResult, RouteResult, RouteResult];
    const ratio = (value: number, base: number) => (base > 0 ? value / base : 0);
    const rows = [
      { ...tdGet, vsBare: ratio(tdGet.requestsPerSecond, bareGet.requestsPerSecond) },
      { ...bareGet, vsBare: 1 },
      { ...tdPost, vsBare: ratio(tdPost.requestsPerSecond, barePost.requestsPerSecond) },
      { ...barePost, vsBare: 1 },
    ];
    const budgets = [
      { budget: 'status lookup ≥ 0.5× bare GET', actual: `${rows[0]!.vsBare.toFixed(2)}×`, pass: rows[0]!.vsBare >= 0.5 },
      { budget: 'durable submission ≥ 1/3 of bare durable insert', actual: `${rows[2]!.vsBare.toFixed(2)}×`, pass: rows[2]!.vsBare >= 1 / 3 },
      { budget: 'p99 < 50 ms at 50 connections (GET)', actual: `${tdGet.p99} ms`, pass: tdGet.p99 < 50 },
      { budget: 'p99 < 50 ms at 50 connections (POST)', actual: `${tdPost.p99} ms`, pass: tdPost.p99 < 50 },
    ];

    const pad = (value: string, width: number) => value.padEnd(width);
    const lpad = (value: string, width: number) => value.padStart(width);
    const lines = [
      '',
      `${pad('route', 38)}${lpad('req/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('errors', 8)}${lpad('vs bare', 9)}${lpad('re-reads/s', 12)}`,
      '-'.repeat(94),
      ...rows.map((row) => `${pad(row.route, 38)}${lpad(String(row.requestsPerSecond), 9)}${lpad(String(row.p50), 9)}${lpad(String(row.p99), 9)}${lpad(String(row.errors), 8)}${lpad(`${row.vsBare.toFixed(2)}×`, 9)}${lpad(String(row.diskRereadsPerSecond ?? '?'), 12)}`),
      '',
      ...budgets.map((budget) => `${budget.pass ? 'PASS' : 'FAIL'}  ${pad(budget.budget, 50)} ${budget.actual}`),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);

    const date = new Date().toISOString().slice(0, 10);
    const resultsDirectory = join(here, 'results');
    mkdirSync(resultsDirectory, { recursive: true });
    const file = join(resultsDirectory, `cases-${date}.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cores, pinned, rows: BENCH_ROWS, connections: CONNECTIONS, rounds: ROUNDS, durationSeconds: DURATION_SECONDS, warmupSeconds: WARMUP_SECONDS, perRound: rounds, loadSeconds: { tiengDan: loadedTiengDan.info.loadSeconds, bare: loadedBare.info.loadSeconds }, startSeconds: { tiengDan: tiengDan.info.startSeconds, bare: bare.info.startSeconds }, routes: rows, budgets }, null, 2)}\n`,
    );
    process.stdout.write(`Results written to ${file}\n`);
    const errorCount = rows.reduce((total, row) => total + row.errors, 0);
    if (errorCount > 0) process.stderr.write(`${errorCount} requests failed (errors, timeouts or non-2xx answers).\n`);
    return errorCount > 0 ? 1 : 0;
  } finally {
    for (const child of children) child.process.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => (child.process.exitCode !== null ? resolve(null) : child.process.once('exit', resolve)))));
    rmSync(directory, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:cases failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
