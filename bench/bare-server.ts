/**
 * The bare reference server: Fastify + better-sqlite3 (WAL, synchronous=FULL), no framework of
 * ours. `GET /bare/cases/:code` is a prepared select by a unique code on a table of BENCH_ROWS rows;
 * `POST /bare/cases` is one durable one-row insert. Run as a child of bench/cases.ts.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { newId } from '../src/core/contract/ids.js';
import { BENCH_ROWS, benchCode, benchReceivedAt, READY_MARK } from './data.js';

const directory = process.env.BENCH_DIR;
if (!directory) throw new Error('BENCH_DIR is required');
const file = join(directory, 'bare.db');
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE IF NOT EXISTS bare_cases (
  id TEXT PRIMARY KEY NOT NULL,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  received_at TEXT NOT NULL,
  due_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
)`);

const started = Date.now();
const count = (db.prepare('SELECT count(*) AS n FROM bare_cases').get() as { n: number }).n;
if (count < BENCH_ROWS) {
  db.pragma('synchronous = OFF');
  const insert = db.prepare('INSERT INTO bare_cases (id, code, kind, status, title, description, received_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const load = db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index += 1) {
      const receivedAt = benchReceivedAt(index);
      insert.run(newId(), benchCode('NQ', index), 'feedback', index % 3 === 0 ? 'answered' : 'in_progress', `Phản ánh số ${index}`, `Nội dung phản ánh số ${index} về đường giao thông`, receivedAt.toISOString(), new Date(receivedAt.getTime() + 15 * 86_400_000).toISOString());
    }
  });
  for (let from = count; from < BENCH_ROWS; from += 100_000) load(from, Math.min(BENCH_ROWS, from + 100_000));
  db.pragma('synchronous = FULL');
}
const loadSeconds = (Date.now() - started) / 1000;
if (process.env.BENCH_LOAD_ONLY) {
  // Loaded: the measured server is a fresh process on this file (bench/cases.ts).
  db.close();
  process.stdout.write(`${READY_MARK}${JSON.stringify({ port: 0, loadSeconds, rows: BENCH_ROWS })}\n`);
  process.exit(0);
}

const selectByCode = db.prepare('SELECT code, kind, status, title, received_at, due_at FROM bare_cases WHERE code = ?');
const insertOne = db.prepare('INSERT INTO bare_cases (id, code, kind, status, title, description, received_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');

const app = Fastify({ logger: false });
app.get<{ Params: { code: string } }>('/bare/cases/:code', async (request, reply) => {
  const row = selectByCode.get(request.params.code) as Record<string, unknown> | undefined;
  if (!row) return reply.status(404).send({ status: 404 });
  return row;
});
app.post<{ Body: { title?: string; description?: string } }>('/bare/cases', async (request, reply) => {
  const body = request.body ?? {};
  const now = new Date();
  const code = `B-${randomBytes(8).toString('hex')}`;
  insertOne.run(newId(), code, 'feedback', 'received', String(body.title ?? ''), String(body.description ?? ''), now.toISOString(), null);
  return reply.status(201).send({ code });
});

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${READY_MARK}${JSON.stringify({ port: Number(new URL(address).port), loadSeconds, startSeconds: Math.round(process.uptime() * 10) / 10, rows: BENCH_ROWS })}\n`);
const stop = () => {
  void app.close().then(() => {
    db.close();
    process.exit(0);
  });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
