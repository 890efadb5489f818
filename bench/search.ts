/**
 * `npx tsx bench/search.ts`: staff case search and public Q&A search on a throwaway SQLite file of
 * BENCH_ROWS cases (default 1,000,000): the indexed path (the repository's findCasesPage and
 * findPublishedQaPage: trigram FTS5 candidates re-checked by LIKE) against the LIKE scan the
 * repository ran before (with one `LIKE '%word%'` per folded word, the same meaning; commune filter,
 * same count + first page).
 *
 * The file is built by the real migrations up to the one before the search index, bulk-loaded with
 * varied Vietnamese texts (test-data generation: the one place that writes cases_items directly),
 * then the search migration runs and indexes the existing rows (timed). No ANALYZE, as in production.
 * Each query is checked to give the same total and first page on both paths. See bench/README.md.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { foldVietnamese } from '../src/core/contract/text-fold.js';
import { openSqlite, type Db } from '../src/core/db/database.js';
import { createMigrator, migrateToLatest } from '../src/core/db/migrator.js';
import { findCasesPage, findPublishedQaPage } from '../src/modules/cases/db/repository.js';
import { escapeLike, searchWordsOf } from '../src/modules/cases/db/text-search.js';
import { modules } from '../src/server/modules.js';
import { BENCH_ROWS, benchCode } from './data.js';

const SEARCH_MIGRATION = '20261126T1820-cases-search-index';
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 40);
const SCAN_RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 8);
const COMMUNE_ID = 'bench-commune';
const PAGE = { limit: 20, offset: 0 };
const NOW = '2026-11-26T03:00:00.000Z';

// ── Deterministic, varied texts ────────────────────────────────────────────────
let seed = 20261126;
function random(): number {
  seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const SUBJECTS = ['Đường', 'Đèn đường', 'Cống thoát nước', 'Nước sạch', 'Rác thải', 'Cây xanh', 'Trạm y tế', 'Trường tiểu học', 'Chợ', 'Cầu', 'Mương tưới', 'Nhà văn hóa', 'Loa truyền thanh', 'Điện sinh hoạt', 'Vỉa hè'];
const PROBLEMS = ['bị sụt lún', 'bị hỏng', 'bị tắc', 'ngập úng', 'xuống cấp', 'gây ô nhiễm', 'không hoạt động', 'bị lấn chiếm', 'gây mất an toàn', 'có mùi hôi', 'bị đổ', 'mất điện thường xuyên'];
const PLACES = ['thôn Đình Dù', 'thôn Lạc Cầu', 'tổ dân phố Ngọc Quỳnh', 'tổ dân phố Như Quỳnh 1', 'xóm Đông', 'xóm Bến', 'ngõ 5', 'ngõ 12', 'khu tái định cư', 'đường trục xã', 'cổng trường', 'gần chợ'];
const DETAILS = [
  'Người dân đề nghị xã kiểm tra và xử lý sớm.',
  'Trời mưa nước đọng rất nguy hiểm cho học sinh.',
  'Tình trạng kéo dài nhiều tuần nay.',
  'Buổi tối không có ánh sáng, xe máy đi lại khó khăn.',
  'Đã phản ánh nhiều lần nhưng chưa được giải quyết.',
  'Đề nghị cử cán bộ xuống hiện trường.',
  'Ảnh hưởng đến sinh hoạt của nhiều hộ gia đình.',
  'Mong Ủy ban nhân dân xã sớm có phương án khắc phục.',
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hùng', 'Lan', 'Mai', 'Nam', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Tuấn', 'Yến'];
const ANSWERS = ['Ủy ban nhân dân xã đã giao đơn vị kiểm tra và khắc phục trong tuần.', 'Xã đã bố trí kinh phí sửa chữa trong quý tới.', 'Đơn vị quản lý đã xử lý xong, đề nghị người dân tiếp tục phản ánh nếu tái diễn.'];

interface Generated {
  row: Record<string, unknown>;
  name: string;
  place: string;
}

function generate(index: number): Generated {
  const code = benchCode('NQ', index);
  // One case every 30 s, so no two cases tie in the sort order and both paths return the same page.
  const receivedAt = new Date(Date.UTC(2025, 10, 26) + index * 30_000).toISOString();
  const subject = pick(SUBJECTS);
  const problem = pick(PROBLEMS);
  const place = pick(PLACES);
  const name = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
  const title = `${subject} ${place} ${problem}`;
  const description = `${subject} ở ${place} ${problem}. ${pick(DETAILS)} ${pick(DETAILS)} Người gửi: ${name}.`;
  const address = `Số ${1 + (index % 300)}, ${place}`;
  // Two percent of the cases are published as Q&A.
  const isPublished = index % 50 === 7;
  const question = `${title}?`;
  const answer = pick(ANSWERS);
  const row: Record<string, unknown> = {
    commune_id: COMMUNE_ID,
    id: `bench-${String(index).padStart(8, '0')}`,
    code,
    kind: 'feedback',
    category_id: 'bench-category',
    area_id: null,
    channel: 'portal',
    privacy: 'handler_only',
    status: 'received',
    title,
    description,
    search_text: foldVietnamese([code, title, description, address].join(' ')),
    address,
    state: '{}',
    due_at: new Date(Date.parse(receivedAt) + 15 * 86_400_000).toISOString(),
    qa_published_at: isPublished ? receivedAt : null,
    qa_question: isPublished ? question : null,
    qa_answer: isPublished ? answer : null,
    qa_search_text: isPublished ? foldVietnamese(`${question} ${answer}`) : null,
    received_at: receivedAt,
    created_at: receivedAt,
    updated_at: receivedAt,
  };
  return { row, name, place };
}

// ── Build the file ─────────────────────────────────────────────────────────────
const directory = mkdtempSync(join(tmpdir(), 'tiengdan-search-bench-'));
const file = join(directory, 'search.sqlite');
const folders = modules.flatMap((module) => (module.migrationsDir ? [module.migrationsDir] : []));

const handle = openSqlite({ file });
const migrator = createMigrator(handle.db, folders);
const names = (await migrator.getMigrations()).map((migration) => migration.name);
const before = names[names.indexOf(SEARCH_MIGRATION) - 1];
if (!before) throw new Error(`${SEARCH_MIGRATION} not found`);
const migrated = await migrator.migrateTo(before);
if (migrated.error) throw migrated.error;
await handle.close();

const started = Date.now();
const raw = new Database(file);
raw.pragma('journal_mode = OFF');
raw.pragma('synchronous = OFF');
raw.pragma('cache_size = -400000');
const columns = Object.keys(generate(0).row);
seed = 20261126;
const insert = raw.prepare(`INSERT INTO cases_items (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
// Queries come from the data: codes, and the submitter name + place of some cases.
const samples: Array<{ code: string; name: string; place: string }> = [];
const loadBatch = raw.transaction((from: number, to: number) => {
  for (let index = from; index < to; index += 1) {
    const generated = generate(index);
    insert.run(columns.map((column) => generated.row[column] ?? null));
    if (index % Math.max(1, Math.floor(BENCH_ROWS / 50)) === 3) samples.push({ code: generated.row.code as string, name: generated.name, place: generated.place });
  }
});
for (let from = 0; from < BENCH_ROWS; from += 100_000) {
  loadBatch(from, Math.min(BENCH_ROWS, from + 100_000));
  process.stderr.write(`[search] ${Math.min(BENCH_ROWS, from + 100_000).toLocaleString('en')} cases loaded (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}
raw.pragma('journal_mode = WAL');

/**
 * Microseconds per case written in its own transaction, as intake writes (what the triggers add to
 * a write): synchronous=OFF leaves out the fsync, which group commit shares between submissions.
 */
const INSERT_ROWS = 2_000;
let nextIndex = BENCH_ROWS;
function timeInserts(connection: Database.Database): number {
  connection.pragma('synchronous = OFF');
  const statement = connection.prepare(`INSERT INTO cases_items (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const rows = Array.from({ length: INSERT_ROWS }, (_, offset) => generate(nextIndex + offset).row);
  nextIndex += INSERT_ROWS;
  const startedAt = process.hrtime.bigint();
  for (const row of rows) statement.run(columns.map((column) => row[column] ?? null));
  return Number(process.hrtime.bigint() - startedAt) / 1e3 / INSERT_ROWS;
}
const insertWithoutIndex = timeInserts(raw);
raw.close();
const sizeBefore = statSync(file).size;

const { db, close } = openSqlite({ file });
const indexStarted = Date.now();
await migrateToLatest(db, folders);
const indexSeconds = (Date.now() - indexStarted) / 1000;
const rawAfter = new Database(file);
const insertWithIndex = timeInserts(rawAfter);
rawAfter.close();
await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
const sizeAfter = statSync(file).size;
process.stderr.write(`[search] search migration indexed ${BENCH_ROWS.toLocaleString('en')} rows in ${indexSeconds.toFixed(1)} s\n`);

// ── The two paths ──────────────────────────────────────────────────────────────
/** The search without the index: the repository's old LIKE scan over the commune's rows, one LIKE per folded word (the AND meaning). */
async function scanCasesPage(database: Db, folded: string) {
  let query = database.selectFrom('cases_items').where('commune_id', '=', COMMUNE_ID);
  for (const word of searchWordsOf(folded)) query = query.where(sql<boolean>`search_text like ${`%${escapeLike(word)}%`} escape '\\'`);
  const count = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy(sql`case when due_at is null then 1 else 0 end`)
    .orderBy('due_at')
    .orderBy('received_at', 'desc')
    .limit(PAGE.limit)
    .execute();
  return { total: Number(count.count), codes: rows.map((row) => row.code as string) };
}

async function scanQaPage(database: Db, folded: string) {
  let query = database.selectFrom('cases_items').where('commune_id', '=', COMMUNE_ID).where('qa_published_at', 'is not', null);
  for (const word of searchWordsOf(folded)) query = query.where(sql<boolean>`qa_search_text like ${`%${escapeLike(word)}%`} escape '\\'`);
  const count = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const rows = await query.select(['code', 'category_id', 'qa_question', 'qa_answer', 'qa_published_at']).orderBy('qa_published_at', 'desc').limit(PAGE.limit).execute();
  return { total: Number(count.count), codes: rows.map((row) => row.code as string) };
}

async function indexedCasesPage(database: Db, folded: string) {
  const page = await findCasesPage(database, { communeId: COMMUNE_ID, q: folded, now: NOW }, PAGE);
  return { total: page.total, codes: page.rows.map((row) => row.code) };
}

async function indexedQaPage(database: Db, folded: string) {
  const page = await findPublishedQaPage(database, { communeId: COMMUNE_ID, q: folded }, PAGE);
  return { total: page.total, codes: page.rows.map((row) => row.code as string) };
}

// ── Queries ────────────────────────────────────────────────────────────────────
interface QueryClass {
  label: string;
  queries: string[];
  search: 'staff' | 'qa';
}
const fold = (text: string) => foldVietnamese(text);
const classes: QueryClass[] = [
  { label: 'tracking code', search: 'staff', queries: samples.map((sample) => fold(sample.code)) },
  { label: 'code fragment (5 chars)', search: 'staff', queries: samples.map((sample) => fold(sample.code.slice(-5))) },
  { label: 'name + place (4-6 words)', search: 'staff', queries: samples.map((sample) => fold(`${sample.name} ${sample.place}`)) },
  { label: 'problem + place', search: 'staff', queries: PLACES.map((place, index) => fold(`${PROBLEMS[index % PROBLEMS.length]} ${place}`)) },
  { label: 'one common word "duong"', search: 'staff', queries: ['duong'] },
  { label: 'short word only "ga" (LIKE)', search: 'staff', queries: ['ga'] },
  { label: 'short + long "ngo 5"', search: 'staff', queries: ['ngo 5'] },
  { label: 'Q&A: problem + place', search: 'qa', queries: PLACES.map((place, index) => fold(`${PROBLEMS[(index + 3) % PROBLEMS.length]} ${place}`)) },
  { label: 'Q&A: one common word "xa"/"kinh phi"', search: 'qa', queries: ['xa', 'kinh phi'] },
];

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

async function measure(run: (query: string) => Promise<{ total: number; codes: string[] }>, queries: readonly string[], runs: number) {
  const times: number[] = [];
  const results = new Map<string, { total: number; codes: string[] }>();
  for (let index = 0; index < runs; index += 1) {
    const query = queries[index % queries.length]!;
    const startedAt = process.hrtime.bigint();
    const result = await run(query);
    times.push(Number(process.hrtime.bigint() - startedAt) / 1e6);
    results.set(query, result);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), results };
}

const table: Array<Record<string, string | number>> = [];
let mismatches = 0;
for (const queryClass of classes) {
  const indexed = queryClass.search === 'staff' ? indexedCasesPage : indexedQaPage;
  const scan = queryClass.search === 'staff' ? scanCasesPage : scanQaPage;
  // One warm-up pass over each query on both paths (page cache, prepared statements).
  for (const query of queryClass.queries.slice(0, 5)) {
    await indexed(db, query);
    await scan(db, query);
  }
  const fast = await measure((query) => indexed(db, query), queryClass.queries, Math.max(RUNS, queryClass.queries.length));
  const slow = await measure((query) => scan(db, query), queryClass.queries, Math.min(SCAN_RUNS, Math.max(RUNS, queryClass.queries.length)));
  for (const [query, expected] of slow.results) {
    const actual = fast.results.get(query) ?? (await indexed(db, query));
    if (actual.total !== expected.total || actual.codes.join() !== expected.codes.join()) {
      mismatches += 1;
      process.stderr.write(`[search] MISMATCH ${queryClass.label} "${query}": indexed ${actual.total}, scan ${expected.total}\n`);
    }
  }
  const totals = [...fast.results.values()].map((result) => result.total).sort((a, b) => a - b);
  table.push({
    query: queryClass.label,
    'matches (median)': percentile(totals, 0.5),
    'indexed p50 ms': Number(fast.p50.toFixed(2)),
    'indexed p99 ms': Number(fast.p99.toFixed(2)),
    'scan p50 ms': Number(slow.p50.toFixed(1)),
    'scan p99 ms': Number(slow.p99.toFixed(1)),
    speed_up: Number((slow.p50 / fast.p50).toFixed(1)),
  });
}

console.log(`\nSearch on ${BENCH_ROWS.toLocaleString('en')} cases (SQLite ${(await sql<{ version: string }>`select sqlite_version() as version`.execute(db)).rows[0]!.version}); count + first page of ${PAGE.limit}, like the staff list.`);
console.log(`Indexing the existing rows (${SEARCH_MIGRATION} and the migrations after it): ${indexSeconds.toFixed(1)} s; file ${(sizeBefore / 2 ** 20).toFixed(0)} MiB → ${(sizeAfter / 2 ** 20).toFixed(0)} MiB.`);
console.log(`Write cost, one case per transaction (${INSERT_ROWS.toLocaleString('en')} cases, fsync left out): ${insertWithoutIndex.toFixed(0)} µs/case before the index, ${insertWithIndex.toFixed(0)} µs/case with it (triggers).`);
console.table(table);
console.log(mismatches === 0 ? 'Both paths gave the same totals and first pages for every query.' : `${mismatches} queries differ between the paths.`);

await close();
rmSync(directory, { recursive: true, force: true });
if (mismatches > 0) process.exitCode = 1;
