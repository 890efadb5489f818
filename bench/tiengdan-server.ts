/**
 * The real Tiếng Dân server for the benchmark: buildApp on a fresh SQLite file (demo seeded, worker
 * off, logs silent), then BENCH_ROWS cases bulk-inserted straight into the cases tables (test-data
 * generation only: one transaction per 100,000 rows, prepared statements), then listen.
 * Run as a child of bench/cases.ts; prints `BENCH_READY {...}` when it listens.
 */
import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/core/config/config.js';
import { newId } from '../src/core/contract/ids.js';
import { createLogger } from '../src/core/http/logger.js';
import { createCaseState, defaultDeadlineRules, type CaseStatus } from '../src/modules/cases/domain/index.js';
import { computeCaseDeadlines, resolveRuleRef, type CaseDeadlines } from '../src/modules/cases/server/case-record.js';
import { buildPublicStatusBody, renderPublicStatus } from '../src/modules/cases/server/use-cases/public-status.js';
import { communeReference } from '../src/modules/cases/server/reference-data.js';
import { loadWorkingCalendar } from '../src/core/calendar/store.js';
import { typed } from '../src/core/db/database.js';
import { toLocalDate } from '../src/core/calendar/index.js';
import { foldVietnamese } from '../src/core/contract/text-fold.js';
import { buildApp } from '../src/server/app.js';
import { BENCH_ROWS, benchCode, benchReceivedAt, READY_MARK } from './data.js';

const directory = process.env.BENCH_DIR;
if (!directory) throw new Error('BENCH_DIR is required');

const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  DATA_DIR: directory,
  SESSION_SECRET: randomBytes(32).toString('base64url'),
  FIELD_ENCRYPTION_KEYS: `b1:${randomBytes(32).toString('base64')}`,
  PUBLIC_URL: 'http://127.0.0.1:3000',
  HOST: '127.0.0.1',
  PORT: '0',
  DEMO: 'true',
  RUN_WORKER: 'false',
  LOG_LEVEL: process.env.BENCH_LOG ?? 'silent',
});
if (config.database.dialect !== 'sqlite') throw new Error('The benchmark runs on embedded SQLite');

// First start: migrate and seed the demo commune, read its working calendar (the generated rows get
// real deadlines from it), then stop so the bulk load has the file to itself.
const seeded = await buildApp(config, { logger: createLogger('silent'), seedDemo: true, startWorker: false });
const demoCommune = await typed<{ communes: { id: string } }>(seeded.ctx.db).selectFrom('communes').select('id').executeTakeFirstOrThrow();
const calendar = await loadWorkingCalendar(seeded.ctx.db, demoCommune.id);
const reference = await communeReference(seeded.ctx, demoCommune.id);
await seeded.close();

// ── Bulk load (test-data generation: the one place that writes the cases tables directly) ─────
// Classic bulk-load settings on a throwaway file: no journal, no fsync, exclusive lock, secondary
// indexes dropped during the load and rebuilt from their own definitions afterwards.
const started = Date.now();
const raw = new Database(config.database.file);
raw.pragma('journal_mode = OFF');
raw.pragma('synchronous = OFF');
raw.pragma('locking_mode = EXCLUSIVE');
raw.pragma('cache_size = -400000');

const commune = raw.prepare('SELECT id, tracking_prefix AS prefix FROM communes LIMIT 1').get() as { id: string; prefix: string } | undefined;
if (!commune) throw new Error('Demo commune missing');
const categories = (raw.prepare('SELECT id, kinds, default_unit_id FROM cases_categories WHERE commune_id = ? AND is_active = 1').all(commune.id) as Array<{ id: string; kinds: string; default_unit_id: string | null }>).filter(
  (category) => (JSON.parse(category.kinds) as string[]).includes('feedback'),
);
const areaIds = (raw.prepare('SELECT id FROM areas WHERE commune_id = ?').all(commune.id) as Array<{ id: string }>).map((row) => row.id);
if (categories.length === 0 || areaIds.length === 0) throw new Error('Demo categories or areas missing');

interface ColumnInfo {
  name: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
}
function columnsOf(table: string): ColumnInfo[] {
  return raw.prepare(`PRAGMA table_info(${table})`).all() as ColumnInfo[];
}

/** Prepared INSERT for exactly the generated keys; fails loudly when the table gained a required column. */
function prepareInsert(table: string, sample: Record<string, unknown>) {
  const columns = columnsOf(table);
  const missing = columns.filter((column) => (column.notnull || column.pk) && column.dflt_value === null && !(column.name in sample));
  if (missing.length > 0) throw new Error(`bench generator misses required ${table} columns: ${missing.map((column) => column.name).join(', ')}`);
  const names = columns.map((column) => column.name).filter((name) => name in sample);
  const statement = raw.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
  return (row: Record<string, unknown>) => statement.run(names.map((name) => row[name] ?? null));
}

// The deadline rules frozen at receipt, as intake stores them (one per category and month of receipt).
const ruleRefs = new Map<string, string>();
function ruleRefOf(categoryId: string, receivedAt: Date): string {
  const key = `${categoryId}:${receivedAt.toISOString().slice(0, 7)}`;
  let value = ruleRefs.get(key);
  if (value === undefined) {
    value = JSON.stringify(resolveRuleRef({ rules: defaultDeadlineRules, overrides: [], kind: 'feedback', categoryId, receivedAt }));
    ruleRefs.set(key, value);
  }
  return value;
}

// Deadlines on the commune's real working calendar, one computation per category and day of receipt
// (the generated states differ only in status; open pauses and extensions are not generated).
const deadlineCache = new Map<string, CaseDeadlines>();
function deadlinesOf(categoryId: string, receivedAt: Date, ruleRef: string): CaseDeadlines {
  const key = `${categoryId}:${toLocalDate(receivedAt)}`;
  let value = deadlineCache.get(key);
  if (value === undefined) {
    value = computeCaseDeadlines(createCaseState({ id: '', kind: 'feedback', submitterUserId: null, receivedAt }), JSON.parse(ruleRef), calendar, receivedAt);
    deadlineCache.set(key, value);
  }
  return value;
}

// Per-row work kept small: the folded search text and the state JSON come from templates.
const foldedTemplate = foldVietnamese('Phản ánh số # đường giao thông xuống cấp Nội dung phản ánh số #: mặt đường bị hư hỏng, đề nghị xã kiểm tra và sửa chữa.');
const baseState = createCaseState({ id: '', kind: 'feedback', submitterUserId: null, receivedAt: new Date(0) });

const statuses: CaseStatus[] = ['received', 'accepted', 'in_progress', 'answered', 'closed'];
function generate(index: number): { item: Record<string, unknown>; timeline: Record<string, unknown>; publicStatus: Record<string, unknown> } {
  // Time-ordered UUIDv7 like intake's newId(): ids are created at insertion, so the primary key grows at its end.
  const id = newId();
  const receivedAt = benchReceivedAt(index);
  const received = receivedAt.toISOString();
  const category = categories[index % categories.length]!;
  const status = statuses[index % statuses.length]!;
  const isDone = status === 'answered' || status === 'closed';
  const answeredAt = isDone ? new Date(receivedAt.getTime() + 7 * 86_400_000).toISOString() : null;
  const code = benchCode(commune!.prefix, index);
  const ruleRef = ruleRefOf(category.id, receivedAt);
  const deadlines = deadlinesOf(category.id, receivedAt, ruleRef);
  const title = `Phản ánh số ${index}: đường giao thông xuống cấp`;
  const description = `Nội dung phản ánh số ${index}: mặt đường bị hư hỏng, đề nghị xã kiểm tra và sửa chữa.`;
  // Same JSON as serialiseState(CaseState) (instants as ISO strings).
  const state = JSON.stringify({ ...baseState, id, status, receivedAt: received, acceptedAt: status === 'received' ? null : received, answeredAt, closedAt: status === 'closed' ? answeredAt : null, assignedUnitId: category.default_unit_id });
  const item: Record<string, unknown> = {
    commune_id: commune!.id,
    id,
    code,
    kind: 'feedback',
    category_id: category.id,
    area_id: areaIds[index % areaIds.length],
    channel: 'portal',
    privacy: 'handler_only',
    status,
    title,
    description,
    search_text: `${foldedTemplate.replace(/#/g, String(index))} ${code.toLowerCase()}`,
    address: null,
    latitude: null,
    longitude: null,
    submitter_user_id: null,
    submitter_name: `Người dân ${index}`,
    submitter_email: null,
    submitter_phone: `09${String(index).padStart(8, '0')}`,
    submitter_address: 'Như Quỳnh, Hưng Yên',
    wants_notifications: 0,
    sealed_identity: null,
    access_secret_hash: createHash('sha256').update(`bench-${index}`).digest('hex'),
    assigned_unit_id: category.default_unit_id,
    assigned_officer_id: null,
    state,
    rule_ref: ruleRef,
    acceptance_due_at: deadlines.acceptance?.dueAt.toISOString() ?? null,
    due_at: deadlines.resolution?.dueAt.toISOString() ?? null,
    step_due_at: null,
    is_overdue: 0,
    answered_at: answeredAt,
    closed_at: status === 'closed' ? answeredAt : null,
    rating_score: null,
    rating_comment: null,
    reopened_count: 0,
    merged_into_case_id: null,
    answer_draft: null,
    answer_text: isDone ? 'Ủy ban nhân dân xã đã kiểm tra và giao đơn vị sửa chữa.' : null,
    answer_approved_by: null,
    qa_published_at: null,
    qa_question: null,
    qa_answer: null,
    qa_search_text: null,
    received_at: received,
    created_at: received,
    updated_at: answeredAt ?? received,
    version: 1,
  };
  const timeline: Record<string, unknown> = {
    commune_id: commune!.id,
    id: newId(),
    case_id: id,
    at: received,
    event: 'cases.case.received',
    actor_user_id: null,
    is_public: 1,
    public_note: null,
    internal_note: null,
    payload: '{}',
  };
  // The public status read model, as intake and every workflow step write it.
  const body = buildPublicStatusBody(item as Parameters<typeof buildPublicStatusBody>[0], { status } as never, deadlines, [{ at: received, event: 'cases.case.received', public_note: null }], []);
  const publicStatus = renderPublicStatus(item as Parameters<typeof renderPublicStatus>[0], body, reference, String(item.updated_at)) as Record<string, unknown>;
  return { item, timeline, publicStatus };
}

const sample = generate(0);
const insertItem = prepareInsert('cases_items', sample.item);
const insertTimeline = prepareInsert('cases_timeline', sample.timeline);
const insertPublicStatus = prepareInsert('cases_public_status', sample.publicStatus);
const existing = (raw.prepare('SELECT count(*) AS n FROM cases_items').get() as { n: number }).n;
// Full-text search tables are kept by triggers on cases_items: dropped during the load, then rebuilt
// from the table in one pass with FTS5's 'rebuild' command (what the search migration does too).
const itemTriggers = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'cases_items'").all() as Array<{ name: string; sql: string }>;
const ftsTables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%content=%cases_items%'").all() as Array<{ name: string }>).map((row) => row.name);
const secondaryIndexes = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cases_items', 'cases_timeline', 'cases_public_status') AND sql IS NOT NULL").all() as Array<{ name: string; sql: string }>;
const loadBatch = raw.transaction((from: number, to: number) => {
  for (let index = from; index < to; index += 1) {
    const { item, timeline, publicStatus } = generate(index);
    insertItem(item);
    insertTimeline(timeline);
    insertPublicStatus(publicStatus);
  }
});
if (existing < BENCH_ROWS) {
  for (const index of secondaryIndexes) raw.exec(`DROP INDEX ${index.name}`);
  for (const trigger of itemTriggers) raw.exec(`DROP TRIGGER ${trigger.name}`);
  for (let from = 0; from < BENCH_ROWS; from += 100_000) {
    loadBatch(from, Math.min(BENCH_ROWS, from + 100_000));
    process.stderr.write(`[tiengdan] ${Math.min(BENCH_ROWS, from + 100_000).toLocaleString('en')} cases loaded (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  for (const index of secondaryIndexes) raw.exec(index.sql);
  for (const table of ftsTables) raw.exec(`INSERT INTO ${table}(${table}) VALUES ('rebuild')`);
  for (const trigger of itemTriggers) raw.exec(trigger.sql);
  process.stderr.write(`[tiengdan] ${secondaryIndexes.length} indexes and ${ftsTables.length} search tables rebuilt (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  raw.exec('ANALYZE');
}
raw.pragma('journal_mode = WAL');
raw.close();
const loadSeconds = (Date.now() - started) / 1000;
const areaId = areaIds[0]!;
if (process.env.BENCH_LOAD_ONLY) {
  // Loaded: the measured server is a fresh process on these files (bench/cases.ts).
  process.stdout.write(`${READY_MARK}${JSON.stringify({ port: 0, loadSeconds, rows: BENCH_ROWS })}\n`);
  process.exit(0);
}

// Second start: the server that is measured (migrations current, demo already there).
const handle = await buildApp(config, { logger: createLogger((process.env.BENCH_LOG ?? 'silent') as 'silent'), seedDemo: true, startWorker: false });

const address = await handle.app.listen({ port: 0, host: '127.0.0.1' });
const startSeconds = Math.round(process.uptime() * 10) / 10;
process.stdout.write(`${READY_MARK}${JSON.stringify({ port: Number(new URL(address).port), loadSeconds, startSeconds, rows: BENCH_ROWS, prefix: commune.prefix, categoryId: categories[0]!.id, areaId })}\n`);

const stop = () => {
  void handle.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
