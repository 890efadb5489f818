/** Every query of the cases module's tables. Plain functions taking `db` or a transaction first. */
import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import { jsonArrayFrom as postgresJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import { foldVietnamese } from '../../../core/contract/text-fold.js';
import { typed, type Db, type Tx } from '../../../core/db/database.js';
import { reusableInsert, reusableQuery } from '../../../core/db/reusable-query.js';
import type {
  CasesAttachmentsTable,
  CasesCategoriesTable,
  CasesFollowersTable,
  CasesItemsTable,
  CasesPublicStatusTable,
  CasesSupervisionNotesTable,
  CasesTables,
  CasesTimelineTable,
} from './tables.js';
import { STEP_CLOCK_STATUSES } from '../domain/index.js';
import { isSealedKindSql, textSearchOf, visibleTextSearchOf, type SealedTextReader } from './text-search.js';

const q = (db: Db | Tx) => typed<CasesTables>(db);

export type CaseRow = Selectable<CasesItemsTable>;
export type CategoryRow = Selectable<CasesCategoriesTable>;
export type TimelineRow = Selectable<CasesTimelineTable>;
export type AttachmentRow = Selectable<CasesAttachmentsTable>;
export type FollowerRow = Selectable<CasesFollowersTable>;
export type SupervisionNoteRow = Selectable<CasesSupervisionNotesTable>;

/** Statuses in which a case still waits for an answer (deadlines run, reminders and overdue apply). */
export const OPEN_STATUSES = ['received', 'accepted', 'assigned', 'forwarded', 'awaiting_information', 'in_progress', 'answer_drafted', 'answer_approved', 'reopened'] as const;

export function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? '') + String((error as { code?: string })?.code ?? '');
  return /UNIQUE|unique|23505/.test(text);
}

// ── Categories ───────────────────────────────────────────────────────────────
export async function findCategories(db: Db | Tx, communeId: string, options: { includeInactive?: boolean } = {}): Promise<CategoryRow[]> {
  let query = q(db).selectFrom('cases_categories').selectAll().where('commune_id', '=', communeId);
  if (!options.includeInactive) query = query.where('is_active', '=', 1);
  return query.orderBy('sort_order').orderBy('code').execute();
}

export async function findCategoryById(db: Db | Tx, id: string): Promise<CategoryRow | undefined> {
  return q(db).selectFrom('cases_categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCategory(db: Db | Tx, row: Insertable<CasesCategoriesTable>): Promise<void> {
  await q(db).insertInto('cases_categories').values(row).execute();
}

export async function findCategoryInCommune(db: Db | Tx, communeId: string, id: string): Promise<CategoryRow | undefined> {
  return q(db).selectFrom('cases_categories').selectAll().where('commune_id', '=', communeId).where('id', '=', id).executeTakeFirst();
}

/** Categories (active or not: one may be switched back on) whose cases go to `unitId` by default. */
export async function findCategoriesDefaultingToUnit(db: Db | Tx, communeId: string, unitId: string): Promise<Pick<CategoryRow, 'code' | 'name_vi' | 'name_en'>[]> {
  return q(db).selectFrom('cases_categories').select(['code', 'name_vi', 'name_en']).where('commune_id', '=', communeId).where('default_unit_id', '=', unitId).orderBy('sort_order').orderBy('code').execute();
}

export async function findCategoryByCode(db: Db | Tx, communeId: string, code: string): Promise<CategoryRow | undefined> {
  return q(db).selectFrom('cases_categories').selectAll().where('commune_id', '=', communeId).where('code', '=', code).executeTakeFirst();
}

export async function updateCategory(db: Db | Tx, communeId: string, id: string, patch: Updateable<CasesCategoriesTable>): Promise<void> {
  await q(db).updateTable('cases_categories').set(patch).where('commune_id', '=', communeId).where('id', '=', id).execute();
}

// ── Cases ────────────────────────────────────────────────────────────────────
// Intake inserts a case, its timeline entry and its public status with the same columns every time.
const insertCaseRow = reusableInsert<Insertable<CasesItemsTable>>('cases_items', { skipOnConflictWith: 'code' });
const insertTimelineRow = reusableInsert<Insertable<CasesTimelineTable>>('cases_timeline');

/**
 * Insert a new case unless its tracking code is taken already: false then, and nothing was written,
 * so intake draws another code inside the same transaction (no error, no retry of the whole write).
 */
export async function insertCaseUnlessCodeTaken(db: Db | Tx, row: Insertable<CasesItemsTable>): Promise<boolean> {
  return (await insertCaseRow(db, row)).length === 1;
}

export async function findCaseById(db: Db | Tx, communeId: string, id: string): Promise<CaseRow | undefined> {
  return q(db).selectFrom('cases_items').selectAll().where('commune_id', '=', communeId).where('id', '=', id).executeTakeFirst();
}

export async function findCaseByIdAnyCommune(db: Db | Tx, id: string): Promise<CaseRow | undefined> {
  return q(db).selectFrom('cases_items').selectAll().where('id', '=', id).executeTakeFirst();
}

// The public status lookup is the hottest read: compiled once, run with each code.
const selectCaseByCode = reusableQuery((db: Db | Tx, code: string) => q(db).selectFrom('cases_items').selectAll().where('code', '=', code));

export async function findCaseByCode(db: Db | Tx, code: string): Promise<CaseRow | undefined> {
  return (await selectCaseByCode(db, code))[0];
}

/** The columns the public status view reads (never names, contacts, notes or the sealed identity). */
const PUBLIC_CASE_COLUMNS = [
  'commune_id',
  'id',
  'code',
  'kind',
  'status',
  'title',
  'category_id',
  'area_id',
  'assigned_unit_id',
  'received_at',
  'acceptance_due_at',
  'due_at',
  'is_overdue',
  'answer_text',
  'answered_at',
  'rating_score',
  'attachment_count',
  'submitter_user_id',
  'access_secret_hash',
  'state',
  'rule_ref',
  // The name is shown only when the submitter chose to be named publicly (public-status.ts); the
  // description, read only then, is selected below.
  'privacy',
  'submitter_name',
  // The map point, shown like Open311's lat/long except on sealed kinds (public-status.ts publicLocationOf).
  'latitude',
  'longitude',
] as const satisfies ReadonlyArray<keyof CasesItemsTable>;

export interface PublicTimelineEntry {
  at: string;
  event: string;
  public_note: string | null;
}
/** `description` only for `public_name` cases (null otherwise: up to 4,000 characters nobody else shows). */
export type PublicCaseRow = Pick<CaseRow, (typeof PUBLIC_CASE_COLUMNS)[number]> & { description: string | null; public_timeline: PublicTimelineEntry[] };

// The status lookup by tracking code is the hottest read of the system: one statement returns the
// narrow row and its public timeline (aggregated as JSON in the database, in timeline order), so a
// lookup is one index probe and one round trip instead of two wide reads.
const selectPublicCaseByCode = reusableQuery((db: Db | Tx, code: string) => {
  const jsonArrayFrom = db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres') ? postgresJsonArrayFrom : sqliteJsonArrayFrom;
  return q(db)
    .selectFrom('cases_items as c')
    .select(PUBLIC_CASE_COLUMNS.map((column) => `c.${column}` as const))
    .select(sql<string | null>`case when c.privacy = 'public_name' then c.description end`.as('description'))
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('cases_timeline as t')
          .select(['t.at', 't.event', 't.public_note'])
          .whereRef('t.commune_id', '=', 'c.commune_id')
          .whereRef('t.case_id', '=', 'c.id')
          .where('t.is_public', '=', 1)
          .orderBy('t.at')
          .orderBy('t.id'),
      ).as('public_timeline'),
    )
    .where('c.code', '=', code);
});

export async function findPublicCaseByCode(db: Db | Tx, code: string): Promise<PublicCaseRow | undefined> {
  const row = (await selectPublicCaseByCode(db, code))[0] as (Omit<PublicCaseRow, 'public_timeline'> & { public_timeline: string | PublicTimelineEntry[] }) | undefined;
  if (!row) return undefined;
  // SQLite hands the aggregate back as JSON text, PostgreSQL as parsed JSON whose instants carry the
  // session's offset: both end as the ISO-8601 UTC strings used everywhere else.
  const entries = typeof row.public_timeline === 'string' ? (JSON.parse(row.public_timeline) as PublicTimelineEntry[]) : row.public_timeline;
  for (const entry of entries) entry.at = new Date(entry.at).toISOString();
  return { ...row, public_timeline: entries };
}

// ── Public status read model ─────────────────────────────────────────────────
export interface PublicStatusRow {
  commune_id: string;
  status: string;
  is_overdue: number;
  due_at: string | null;
  acceptance_due_at: string | null;
  is_paused: number;
  category_id: string;
  area_id: string | null;
  assigned_unit_id: string | null;
  names: string;
  view: Buffer;
}

const selectPublicStatus = reusableQuery((db: Db | Tx, code: string) =>
  q(db)
    .selectFrom('cases_public_status')
    .select(['commune_id', 'status', 'is_overdue', 'due_at', 'acceptance_due_at', 'is_paused', 'category_id', 'area_id', 'assigned_unit_id', 'names_vi as names', 'view_vi as view'])
    .where('code', '=', code),
);

/** The stored Vietnamese view of a case (English readers get the live view: public-status.ts). */
export async function findPublicStatus(db: Db | Tx, code: string): Promise<PublicStatusRow | undefined> {
  return (await selectPublicStatus(db, code))[0];
}

const PUBLIC_STATUS_COLUMNS = [
  'code',
  'commune_id',
  'case_id',
  'status',
  'is_overdue',
  'due_at',
  'acceptance_due_at',
  'is_paused',
  'category_id',
  'area_id',
  'assigned_unit_id',
  'names_vi',
  'view_vi',
  'updated_at',
] as const satisfies ReadonlyArray<keyof CasesPublicStatusTable>;

const upsertPublicStatusRow = reusableQuery((db: Db | Tx, ...values: unknown[]) =>
  q(db)
    .insertInto('cases_public_status')
    .values(Object.fromEntries(PUBLIC_STATUS_COLUMNS.map((column, index) => [column, values[index]])) as Insertable<CasesPublicStatusTable>)
    .onConflict((conflict) =>
      conflict.column('code').doUpdateSet((eb) => Object.fromEntries(PUBLIC_STATUS_COLUMNS.filter((column) => column !== 'code').map((column) => [column, eb.ref(`excluded.${column}`)]))),
    ),
);

/** Insert or replace a case's public status (compiled once: every write of a case runs it). */
export async function upsertPublicStatus(db: Db | Tx, row: Insertable<CasesPublicStatusTable>): Promise<void> {
  await upsertPublicStatusRow(db, ...PUBLIC_STATUS_COLUMNS.map((column) => row[column] ?? null));
}

/**
 * Stored public views marked stale (`names_vi = ''`: migration 20261127T2230), by case id after
 * `afterCaseId`; the predicate is the partial index's, written literally so the planners use it.
 */
export async function findStalePublicStatus(db: Db | Tx, options: { afterCaseId: string | null; limit: number }): Promise<Array<{ commune_id: string; case_id: string; code: string }>> {
  let query = q(db).selectFrom('cases_public_status').select(['commune_id', 'case_id', 'code']).where('names_vi', '=', '');
  if (options.afterCaseId !== null) query = query.where('case_id', '>', options.afterCaseId);
  return query.orderBy('case_id').limit(options.limit).execute();
}

/** Drop a stored public view (a cache of the live view; a lookup without one renders it live). */
export async function deletePublicStatus(db: Db | Tx, code: string): Promise<void> {
  await q(db).deleteFrom('cases_public_status').where('code', '=', code).execute();
}

export async function findCaseCodes(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q(db).selectFrom('cases_items').select(['id', 'code']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, row.code]));
}

/** Update guarded by the version read earlier (optimistic concurrency); false when someone else won. */
export async function updateCaseVersioned(db: Db | Tx, communeId: string, id: string, version: number, patch: Updateable<CasesItemsTable>): Promise<boolean> {
  const result = await q(db)
    .updateTable('cases_items')
    .set({ ...patch, version: version + 1 })
    .where('commune_id', '=', communeId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Turn off the submitter's messages for one case; true when this call turned them off. */
export async function updateCaseNotificationsOff(db: Db | Tx, communeId: string, id: string): Promise<boolean> {
  const result = await q(db).updateTable('cases_items').set({ wants_notifications: 0 }).where('commune_id', '=', communeId).where('id', '=', id).where('wants_notifications', '=', 1).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateCase(db: Db | Tx, communeId: string, id: string, patch: Updateable<CasesItemsTable>): Promise<void> {
  await q(db).updateTable('cases_items').set(patch).where('commune_id', '=', communeId).where('id', '=', id).execute();
}

/** What the masked search text is computed from. */
export type MaskedSearchSource = Pick<CaseRow, 'id' | 'commune_id' | 'code' | 'title' | 'description' | 'address'>;

/**
 * Sealed cases whose masked search text is not computed yet, oldest id first, at most `limit`. Served
 * on both dialects by the partial index `cases_items_sealed_unmasked_idx` (migration
 * 20261127T2140), whose predicate this repeats literally: empty once the backfill is done.
 */
export async function findSealedCasesWithoutMaskedSearchText(db: Db | Tx, limit: number): Promise<MaskedSearchSource[]> {
  return q(db)
    .selectFrom('cases_items')
    .select(['id', 'commune_id', 'code', 'title', 'description', 'address'])
    .where('masked_search_text', 'is', null)
    .where(isSealedKindSql())
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Set a sealed case's masked search text unless it is set already (a second run writes nothing); true when written. */
export async function fillMaskedSearchText(db: Db | Tx, communeId: string, id: string, text: string): Promise<boolean> {
  const result = await q(db).updateTable('cases_items').set({ masked_search_text: text }).where('commune_id', '=', communeId).where('id', '=', id).where('masked_search_text', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Sealed cases with an identity whose declared name has no digest yet (filed before intake kept one)
 * or a digest not made under the active vault key (`activePrefix`, after a key rotation), oldest id
 * first. '' (no declared name) depends on no key. Read through the partial index on sealed cases.
 */
export async function findSealedCasesWithStaleNameDigest(db: Db | Tx, activePrefix: string, limit: number): Promise<Array<MaskedSearchSource & { sealed_identity: string; sealed_name_digest: string | null }>> {
  const rows = await q(db)
    .selectFrom('cases_items')
    .select(['id', 'commune_id', 'code', 'title', 'description', 'address', 'sealed_identity', 'sealed_name_digest'])
    .where('sealed_identity', 'is not', null)
    .where((eb) => eb.or([eb('sealed_name_digest', 'is', null), eb.and([eb('sealed_name_digest', '<>', ''), eb(eb.fn('substr', ['sealed_name_digest', eb.lit(1), eb.lit(activePrefix.length)]), '<>', activePrefix)])]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, commune_id: row.commune_id, code: row.code, title: row.title, description: row.description, address: row.address, sealed_identity: row.sealed_identity!, sealed_name_digest: row.sealed_name_digest }));
}

/** Set a sealed case's name digest ('' for no declared name) and the masked search text computed with it, unless the digest changed since it was read; true when written. */
export async function fillSealedNameDigest(db: Db | Tx, communeId: string, id: string, change: { previous: string | null; digest: string; maskedSearchText: string }): Promise<boolean> {
  const result = await q(db)
    .updateTable('cases_items')
    .set({ sealed_name_digest: change.digest, masked_search_text: change.maskedSearchText })
    .where('commune_id', '=', communeId)
    .where('id', '=', id)
    .where((eb) => (change.previous === null ? eb('sealed_name_digest', 'is', null) : eb('sealed_name_digest', '=', change.previous)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface CaseFilter {
  communeId: string;
  /** Officers: cases of these units plus the unassigned queue (and their own). */
  visibleUnitIds?: readonly string[] | null;
  visibleOfficerId?: string | null;
  /**
   * Oversight roles: every case of another kind than these (point 13: never a denunciation), in
   * addition to the officer's cases above when the actor is an officer too.
   */
  visibleExceptKinds?: readonly string[] | null;
  /** Folded (foldVietnamese) search words: each must occur in the case's folded text. */
  q?: string;
  /** Who reads sealed cases' text as written (LAW-DENUNC-12); by default nobody: the masked text is searched. */
  sealedTextReader?: SealedTextReader;
  code?: string;
  statuses?: readonly string[];
  kinds?: readonly string[];
  categoryId?: string;
  areaId?: string;
  unitIds?: readonly string[];
  assignedOfficerId?: string;
  isOverdue?: boolean;
  /** A missed step (a forward's own deadline, issue 3 point 4), apart from the statutory `isOverdue`. */
  isStepOverdue?: boolean;
  receivedFrom?: string;
  receivedTo?: string;
  now: string;
}

/**
 * Overdue at `now`, as `isCaseOverdue` (public-status.ts) decides it when read: open, not waiting on
 * the resident, and marked overdue, past its resolution due date, or still `received` past its
 * acceptance due date (LAW-DENUNC-02, LAW-PAKN-08). No sweep needs to have run.
 */
function overdueCondition(eb: ExpressionBuilder<CasesTables, 'cases_items'>, now: string) {
  return eb.and([
    eb('status', 'in', [...OPEN_STATUSES]),
    eb('status', '!=', 'awaiting_information'),
    eb.or([eb('is_overdue', '=', 1), eb('due_at', '<', now), eb.and([eb('status', '=', 'received'), eb('acceptance_due_at', '<', now)])]),
  ]);
}

/**
 * A missed step at `now`, as `isStepOverdue` (server/case-record.ts) decides it when read: the step's
 * clock runs (forwarded, assigned or in progress; not while waiting for the resident, LAW-BASE-10) and
 * its due date passed. Apart from overdueCondition, which the indicators count (statutory deadlines).
 */
function stepOverdueCondition(eb: ExpressionBuilder<CasesTables, 'cases_items'>, now: string) {
  return eb.and([eb('status', 'in', [...STEP_CLOCK_STATUSES]), eb('step_due_at', 'is not', null), eb('step_due_at', '<', now)]);
}

function filteredCases(db: Db | Tx, filter: CaseFilter) {
  const search = filter.q ? visibleTextSearchOf(filter.q, filter.sealedTextReader ?? { kind: 'assigned', officerId: null }) : [];
  let query = q(db).selectFrom('cases_items').where('commune_id', '=', filter.communeId);
  const exceptKinds = filter.visibleExceptKinds && filter.visibleExceptKinds.length > 0 ? [...filter.visibleExceptKinds] : null;
  if (filter.visibleUnitIds) {
    const unitIds = [...filter.visibleUnitIds];
    const officerId = filter.visibleOfficerId ?? '';
    query = query.where((eb) =>
      eb.or([
        eb('assigned_unit_id', 'is', null),
        ...(unitIds.length > 0 ? [eb('assigned_unit_id', 'in', unitIds)] : []),
        eb('assigned_officer_id', '=', officerId),
        ...(exceptKinds ? [eb('kind', 'not in', exceptKinds)] : []),
      ]),
    );
  } else if (exceptKinds) {
    query = query.where('kind', 'not in', exceptKinds);
  }
  for (const condition of search) query = query.where(condition);
  if (filter.code) query = query.where('code', '=', filter.code);
  if (filter.statuses && filter.statuses.length > 0) query = query.where('status', 'in', [...filter.statuses]);
  if (filter.kinds && filter.kinds.length > 0) query = query.where('kind', 'in', [...filter.kinds]);
  if (filter.categoryId) query = query.where('category_id', '=', filter.categoryId);
  if (filter.areaId) query = query.where('area_id', '=', filter.areaId);
  if (filter.unitIds && filter.unitIds.length > 0) query = query.where('assigned_unit_id', 'in', [...filter.unitIds]);
  if (filter.assignedOfficerId) query = query.where('assigned_officer_id', '=', filter.assignedOfficerId);
  if (filter.receivedFrom) query = query.where('received_at', '>=', filter.receivedFrom);
  if (filter.receivedTo) query = query.where('received_at', '<', filter.receivedTo);
  if (filter.isOverdue !== undefined) {
    const now = filter.now;
    query = filter.isOverdue ? query.where((eb) => overdueCondition(eb, now)) : query.where((eb) => eb.not(overdueCondition(eb, now)));
  }
  if (filter.isStepOverdue !== undefined) {
    const now = filter.now;
    query = filter.isStepOverdue ? query.where((eb) => stepOverdueCondition(eb, now)) : query.where((eb) => eb.not(stepOverdueCondition(eb, now)));
  }
  return query;
}

/** A paused case among those the filter finds, with the columns its shown due dates are computed from and its tie-break (findCasesPage's sort). */
export type PausedCaseOfFilter = Pick<CaseRow, 'id' | 'status' | 'acceptance_due_at' | 'due_at' | 'state' | 'rule_ref' | 'received_at'>;

/** The paused cases among those the filter finds (findCasesPage's sort). */
async function findPausedCasesOfFilter(db: Db | Tx, filter: CaseFilter): Promise<PausedCaseOfFilter[]> {
  return filteredCases(db, filter).where('status', '=', 'awaiting_information').select(['id', 'status', 'acceptance_due_at', 'due_at', 'state', 'rule_ref', 'received_at']).execute();
}

/** A case's place in the staff list: its shown due date and receipt as epoch milliseconds (either dialect's instant text), then its id. */
interface ListSortKey {
  id: string;
  dueAt: number | null;
  receivedAt: number;
}

function listSortKeyOf(id: string, dueAt: string | null, receivedAt: string): ListSortKey {
  return { id, dueAt: dueAt === null ? null : Date.parse(dueAt), receivedAt: Date.parse(receivedAt) };
}

/** The staff list's order, exactly as the running cases' ORDER BY in findCasesPage: due date (none last), newest first, then id descending. */
function compareListOrder(a: ListSortKey, b: ListSortKey): number {
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return a.dueAt - b.dueAt;
  }
  if (a.receivedAt !== b.receivedAt) return b.receivedAt - a.receivedAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * One page of the filter's cases sorted by the due date the list shows (soonest first, no deadline
 * last), then newest first, then by id (descending) so that equal dates still page without a case
 * twice or missing. `shownDueAtOf` gives the shown due date of each paused case the filter finds
 * (case-record.ts `shownDueDates`, via the caller); the others sort by their stored one.
 *
 * Why the caller computes them, rather than a key in SQL: a paused case's shown date is its deadline
 * recounted as if the pause ended today (LAW-BASE-10), so it moves later each working day it stays
 * paused, and where it lands among running cases depends on the commune's working calendar (weekends,
 * holidays, make-up days and decided days off), on the rule's unit (working or calendar days, rolled
 * forward off a rest day) and on extensions. No SQL expression over stored columns (e.g. "today +
 * remaining working days") orders exactly like that date around a holiday, and a defined position
 * for paused cases would still not agree with the dates shown.
 *
 * How, with a cost that does not grow with the paused cases' number in SQL (no parameter per paused
 * case, no per-row comparison with each of them): the paused cases (P of them) are read once and sorted
 * here by their shown dates; the running ones come from SQL in the same order (compareListOrder is its
 * twin), and the two sorted lists are merged. A running case's place is its rank among running cases
 * plus the paused cases before it, so ranks below offset − P are before the page and ranks from
 * offset + limit after it: SQL reads only the ranks in between (at most P + limit keys), then the
 * page's rows by id (at most `limit` parameters). Instants are compared as epoch milliseconds, so
 * PostgreSQL's timestamptz and SQLite's ISO text order alike; ids compare bytewise (C collation).
 */
export async function findCasesPage(
  db: Db | Tx,
  filter: CaseFilter,
  paging: { limit: number; offset: number },
  shownDueAtOf: (paused: readonly PausedCaseOfFilter[]) => Promise<ReadonlyArray<string | null>>,
): Promise<{ rows: CaseRow[]; total: number }> {
  const base = filteredCases(db, filter);
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const total = Number(countRow.count);
  const pausedRows = await findPausedCasesOfFilter(db, filter);
  const shown = await shownDueAtOf(pausedRows);
  // A paused case without a shown date has none stored either (shownDueAt): it sorts with those without a deadline.
  const paused = pausedRows.map((row, index) => listSortKeyOf(row.id, shown[index] ?? row.due_at, row.received_at)).sort(compareListOrder);
  const isPostgres = db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres');
  const skipped = Math.max(0, paging.offset - paused.length);
  const running = (
    await base
      .where('status', '!=', 'awaiting_information')
      .select(['id', 'due_at', 'received_at'])
      .orderBy(sql`case when due_at is null then 1 else 0 end`)
      .orderBy('due_at')
      .orderBy('received_at', 'desc')
      // Bytewise, as JavaScript compares them (SQLite's default BINARY collation; PostgreSQL's "C").
      .orderBy(isPostgres ? sql`id collate "C"` : sql`id`, 'desc')
      .limit(paging.offset + paging.limit - skipped)
      .offset(skipped)
      .execute()
  ).map((row) => listSortKeyOf(row.id, row.due_at, row.received_at));
  // None from rank `skipped` = offset − P on: every case, P paused ones included, comes before the page.
  if (running.length === 0 && skipped > 0) return { rows: [], total };
  let pausedIndex = 0;
  const firstRunning = running[0];
  // Only when running cases were skipped: the paused ones before the first running case read then
  // rank before `offset` (it ranks at most offset − P + P). With none skipped they are on this page.
  if (firstRunning && skipped > 0) while (pausedIndex < paused.length && compareListOrder(paused[pausedIndex]!, firstRunning) < 0) pausedIndex += 1;
  const end = paging.offset + paging.limit;
  const pageIds: string[] = [];
  let runningIndex = 0;
  for (let position = skipped + pausedIndex; position < end && (pausedIndex < paused.length || runningIndex < running.length); position += 1) {
    // Past the running cases read, the next running one ranks at offset + limit or later: after the page.
    const nextRunning = running[runningIndex];
    const nextPaused = paused[pausedIndex];
    let next: ListSortKey;
    if (nextPaused && (!nextRunning || compareListOrder(nextPaused, nextRunning) < 0)) {
      next = nextPaused;
      pausedIndex += 1;
    } else {
      next = nextRunning!;
      runningIndex += 1;
    }
    if (position >= paging.offset) pageIds.push(next.id);
  }
  if (pageIds.length === 0) return { rows: [], total };
  const rowsById = new Map((await filteredCases(db, filter).selectAll().where('id', 'in', pageIds).execute()).map((row) => [row.id, row]));
  // A case changed between the reads (no longer matching the filter) is left out rather than shown.
  const rows = pageIds.flatMap((id) => {
    const row = rowsById.get(id);
    return row ? [row] : [];
  });
  return { rows, total };
}

/** How many open cases (not yet answered, or reopened) are assigned to `unitId`. */
export async function countOpenCasesOfUnit(db: Db | Tx, communeId: string, unitId: string): Promise<number> {
  const row = await q(db).selectFrom('cases_items').select((eb) => eb.fn.countAll<number>().as('count')).where('commune_id', '=', communeId).where('assigned_unit_id', '=', unitId).where('status', 'in', [...OPEN_STATUSES]).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findOpenCases(db: Db | Tx, communeId: string | null): Promise<CaseRow[]> {
  let query = q(db).selectFrom('cases_items').selectAll().where('status', 'in', [...OPEN_STATUSES]);
  if (communeId) query = query.where('commune_id', '=', communeId);
  return query.orderBy('due_at').execute();
}

/** Answered cases of every commune answered at or before `answeredBy` (candidates for auto-closing). */
export async function findAnsweredCasesBefore(db: Db | Tx, answeredBy: string): Promise<Pick<CaseRow, 'id' | 'commune_id' | 'answered_at'>[]> {
  return q(db).selectFrom('cases_items').select(['id', 'commune_id', 'answered_at']).where('status', '=', 'answered').where('answered_at', '<=', answeredBy).orderBy('answered_at').execute();
}

export async function findOpenCasesInAreaCategory(db: Db | Tx, communeId: string, areaId: string, categoryId: string, kinds: readonly string[], limit: number): Promise<CaseRow[]> {
  return q(db)
    .selectFrom('cases_items')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('area_id', '=', areaId)
    .where('category_id', '=', categoryId)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('kind', 'in', [...kinds])
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Cases received in [from, to), each with `is_open_overdue` (1/0): overdue at `now` by the very
 * condition the staff list's overdue filter uses (overdueCondition), so the indicators count as open
 * overdue exactly the cases the list shows overdue, a missed acceptance deadline included.
 */
export async function findCasesReceivedBetween(db: Db | Tx, communeId: string, from: string, to: string, now: string): Promise<Array<CaseRow & { is_open_overdue: number }>> {
  return q(db)
    .selectFrom('cases_items')
    .selectAll()
    .select((eb) => eb.case().when(overdueCondition(eb, now)).then(sql<number>`1`).else(sql<number>`0`).end().as('is_open_overdue'))
    .where('commune_id', '=', communeId)
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .execute();
}

// ── Q&A ──────────────────────────────────────────────────────────────────────
/** Published Q&A, newest first; `q` holds folded words that must each occur in the published question or answer. */
export async function findPublishedQaPage(db: Db | Tx, filter: { communeId: string; q?: string; code?: string; categoryId?: string }, paging: { limit: number; offset: number }) {
  const search = filter.q ? textSearchOf('qa_search_text', filter.q) : [];
  let query = q(db).selectFrom('cases_items').where('commune_id', '=', filter.communeId).where('qa_published_at', 'is not', null);
  if (filter.code) query = query.where('code', '=', filter.code);
  for (const condition of search) query = query.where(condition);
  if (filter.categoryId) query = query.where('category_id', '=', filter.categoryId);
  const countRow = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['code', 'category_id', 'qa_question', 'qa_answer', 'qa_published_at'])
    .orderBy('qa_published_at', 'desc')
    .limit(paging.limit)
    .offset(paging.offset)
    .execute();
  return { rows, total: Number(countRow.count) };
}

/**
 * A paused case's state and rules, from which its shown due dates are computed (case-record.ts
 * `shownDueDates`); null for every other case, whose stored dates are the shown ones. Read with the
 * page, so a list needs no query per row.
 */
const pausedCaseColumns = [
  sql<string | null>`case when status = 'awaiting_information' then state end`.as('state'),
  sql<string | null>`case when status = 'awaiting_information' then rule_ref end`.as('rule_ref'),
] as const;

/**
 * A resident's own cases (submitted while signed in), newest first, in one commune; uses the partial
 * index (commune_id, submitter_user_id, received_at).
 */
export async function findSubmitterCasesPage(db: Db | Tx, communeId: string, userId: string, paging: { limit: number; offset: number }) {
  const query = q(db).selectFrom('cases_items').where('commune_id', '=', communeId).where('submitter_user_id', '=', userId);
  const countRow = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['id', 'code', 'kind', 'status', 'title', 'received_at', 'acceptance_due_at', 'due_at', 'is_overdue'])
    .select(pausedCaseColumns)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(paging.limit)
    .offset(paging.offset)
    .execute();
  return { rows, total: Number(countRow.count) };
}

// ── Timeline ─────────────────────────────────────────────────────────────────
export async function insertTimeline(db: Db | Tx, row: Insertable<CasesTimelineTable>): Promise<void> {
  await insertTimelineRow(db, row);
}

const selectPublicTimeline = reusableQuery((db: Db | Tx, communeId: string, caseId: string) =>
  q(db).selectFrom('cases_timeline').selectAll().where('commune_id', '=', communeId).where('case_id', '=', caseId).where('is_public', '=', 1).orderBy('at').orderBy('id'),
);

export async function findTimeline(db: Db | Tx, communeId: string, caseId: string, options: { publicOnly?: boolean } = {}): Promise<TimelineRow[]> {
  if (options.publicOnly) return selectPublicTimeline(db, communeId, caseId);
  return q(db).selectFrom('cases_timeline').selectAll().where('commune_id', '=', communeId).where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
}

/** A case's `cases.case.overdue` timeline entries: when each was recorded, and the stage and due date it reports. */
export async function findOverdueMarks(db: Db | Tx, communeId: string, caseId: string): Promise<{ at: string; stage: string; dueAt: string | null }[]> {
  const rows = await q(db).selectFrom('cases_timeline').select(['at', 'payload']).where('commune_id', '=', communeId).where('case_id', '=', caseId).where('event', '=', 'cases.case.overdue').execute();
  return rows.map((row) => {
    const payload = JSON.parse(row.payload ?? '{}') as { stage?: unknown; dueAt?: unknown };
    // Entries written before the acceptance stage existed carry no stage: they are about the resolution.
    return { at: row.at, stage: typeof payload.stage === 'string' ? payload.stage : 'resolution', dueAt: typeof payload.dueAt === 'string' ? payload.dueAt : null };
  });
}

// ── Attachments ──────────────────────────────────────────────────────────────
export async function insertAttachment(db: Db | Tx, row: Insertable<CasesAttachmentsTable>): Promise<void> {
  await q(db).insertInto('cases_attachments').values(row).execute();
}

export async function findAttachments(db: Db | Tx, communeId: string, caseId: string): Promise<AttachmentRow[]> {
  return q(db).selectFrom('cases_attachments').selectAll().where('commune_id', '=', communeId).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

export async function findAttachmentById(db: Db | Tx, id: string): Promise<AttachmentRow | undefined> {
  return q(db).selectFrom('cases_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

// ── Followers ────────────────────────────────────────────────────────────────
export async function insertFollower(db: Db | Tx, row: Insertable<CasesFollowersTable>): Promise<void> {
  await q(db).insertInto('cases_followers').values(row).execute();
}

export async function findFollowers(db: Db | Tx, communeId: string, caseId: string): Promise<FollowerRow[]> {
  return q(db).selectFrom('cases_followers').selectAll().where('commune_id', '=', communeId).where('case_id', '=', caseId).orderBy('created_at').execute();
}

/** Followers who get the case's messages: confirmed (double opt-in, LAW-PDP-05) and not stopped from the link. */
export async function findActiveFollowers(db: Db | Tx, communeId: string, caseId: string): Promise<FollowerRow[]> {
  return q(db)
    .selectFrom('cases_followers')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('case_id', '=', caseId)
    .where('stopped_at', 'is', null)
    .where('confirmed_at', 'is not', null)
    .orderBy('created_at')
    .execute();
}

/** How many follows of this address in the commune still wait for their confirmation at `now` (any case). */
export async function countPendingConfirmations(db: Db | Tx, communeId: string, email: string, now: string): Promise<number> {
  const row = await q(db)
    .selectFrom('cases_followers')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('commune_id', '=', communeId)
    .where('email', '=', email)
    .where('confirmed_at', 'is', null)
    .where('confirm_expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Insert a follow of a typed address unless the case already has a row for that
 * address. True when this call inserted it. The unique index on (commune, case, address) decides
 * between two requests racing for the same address: the second one inserts nothing (no error).
 */
export async function insertFollowerOnce(db: Db | Tx, row: Insertable<CasesFollowersTable>): Promise<boolean> {
  const result = await q(db)
    .insertInto('cases_followers')
    .values(row)
    .onConflict((conflict) => conflict.columns(['commune_id', 'case_id', 'email']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A lapsed pending follow asked again: a new confirmation period starts. True when this call renewed it (false: another request just did). */
export async function updateFollowerConfirmationRenewed(db: Db | Tx, communeId: string, caseId: string, id: string, expiresAt: string, now: string): Promise<boolean> {
  const result = await q(db)
    .updateTable('cases_followers')
    .set({ confirm_expires_at: expiresAt })
    .where('commune_id', '=', communeId)
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .where('confirm_expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A pending follow counts as confirmed from now on (its address's consent came with a merge or another link), lapsed or not. */
export async function updateFollowerCarriedConfirmed(db: Db | Tx, communeId: string, caseId: string, id: string, at: string): Promise<void> {
  await q(db).updateTable('cases_followers').set({ confirmed_at: at, confirm_expires_at: null }).where('commune_id', '=', communeId).where('case_id', '=', caseId).where('id', '=', id).where('confirmed_at', 'is', null).execute();
}

/** Move a follow to another case of the commune (a merge), keeping its id, so the links already mailed for it still find it. */
export async function updateFollowerCase(db: Db | Tx, communeId: string, fromCaseId: string, id: string, toCaseId: string): Promise<void> {
  await q(db).updateTable('cases_followers').set({ case_id: toCaseId }).where('commune_id', '=', communeId).where('case_id', '=', fromCaseId).where('id', '=', id).execute();
}

/** A signed-in resident's own follow of a case (by account), if any. */
export async function findAccountFollower(db: Db | Tx, communeId: string, caseId: string, userId: string): Promise<FollowerRow | undefined> {
  return q(db).selectFrom('cases_followers').selectAll().where('commune_id', '=', communeId).where('case_id', '=', caseId).where('user_id', '=', userId).orderBy('created_at').executeTakeFirst();
}

/** The confirmed follow of a typed address on the case, if any (matched to an account only once its e-mail is verified). */
export async function findConfirmedFollowerByEmail(db: Db | Tx, communeId: string, caseId: string, email: string): Promise<FollowerRow | undefined> {
  return q(db).selectFrom('cases_followers').selectAll().where('commune_id', '=', communeId).where('case_id', '=', caseId).where('email', '=', email).where('confirmed_at', 'is not', null).executeTakeFirst();
}

/** Confirm a pending follow that has not lapsed; true when this call confirmed it. */
export async function updateFollowerConfirmed(db: Db | Tx, communeId: string, caseId: string, id: string, at: string): Promise<boolean> {
  const result = await q(db)
    .updateTable('cases_followers')
    .set({ confirmed_at: at, confirm_expires_at: null })
    .where('commune_id', '=', communeId)
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .where('confirm_expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Delete follows whose confirmation lapsed unconfirmed (data minimisation: the address was never consented). */
export async function deleteLapsedFollowers(db: Db | Tx, now: string): Promise<number> {
  const result = await q(db).deleteFrom('cases_followers').where('confirmed_at', 'is', null).where('confirm_expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findFollowerById(db: Db | Tx, communeId: string, caseId: string, id: string): Promise<FollowerRow | undefined> {
  return q(db).selectFrom('cases_followers').selectAll().where('commune_id', '=', communeId).where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}

/** Mark a follower stopped; true when this call stopped it (false: it already was). */
export async function updateFollowerStopped(db: Db | Tx, communeId: string, caseId: string, id: string, at: string): Promise<boolean> {
  const result = await q(db).updateTable('cases_followers').set({ stopped_at: at }).where('commune_id', '=', communeId).where('case_id', '=', caseId).where('id', '=', id).where('stopped_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateFollowerResumed(db: Db | Tx, communeId: string, caseId: string, id: string): Promise<void> {
  await q(db).updateTable('cases_followers').set({ stopped_at: null }).where('commune_id', '=', communeId).where('case_id', '=', caseId).where('id', '=', id).execute();
}

/**
 * The cases a resident follows as their own, one line per case, most recently followed first: their
 * account's rows and, when given, the confirmed rows of their verified address; confirmed, not stopped.
 */
export async function findOwnFollowedCasesPage(db: Db | Tx, communeId: string, owner: { userId: string; verifiedEmail: string | null }, paging: { limit: number; offset: number }) {
  const query = q(db)
    .selectFrom('cases_followers as f')
    .innerJoin('cases_items as c', (join) => join.onRef('c.commune_id', '=', 'f.commune_id').onRef('c.id', '=', 'f.case_id'))
    .where('f.commune_id', '=', communeId)
    .where('f.stopped_at', 'is', null)
    .where('f.confirmed_at', 'is not', null)
    .where((eb) => (owner.verifiedEmail ? eb.or([eb('f.user_id', '=', owner.userId), eb('f.email', '=', owner.verifiedEmail)]) : eb('f.user_id', '=', owner.userId)));
  const countRow = await query.select((eb) => eb.fn.count<number>('f.case_id').distinct().as('count')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['c.id', 'c.code'])
    .select((eb) => eb.fn.max('f.created_at').as('followed_at'))
    .groupBy(['c.id', 'c.code'])
    .orderBy('followed_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(paging.limit)
    .offset(paging.offset)
    .execute();
  return { rows: rows.map((row) => ({ id: row.id, code: row.code })), total: Number(countRow.count) };
}

// ── Follow requests of accounts with an unverified e-mail ────────────────────
/** Record (or renew) the account's request to follow the case until `expiresAt`. */
export async function upsertFollowRequest(db: Db | Tx, row: Insertable<CasesTables['cases_follow_requests']>): Promise<void> {
  await q(db)
    .insertInto('cases_follow_requests')
    .values(row)
    .onConflict((conflict) => conflict.columns(['commune_id', 'case_id', 'user_id']).doUpdateSet({ expires_at: row.expires_at }))
    .execute();
}

/** The account's follow requests still in their confirmation period, newest first, with the case code. */
export async function findPendingFollowRequests(db: Db | Tx, communeId: string, userId: string, now: string, limit: number) {
  return q(db)
    .selectFrom('cases_follow_requests as r')
    .innerJoin('cases_items as c', (join) => join.onRef('c.commune_id', '=', 'r.commune_id').onRef('c.id', '=', 'r.case_id'))
    .select(['r.case_id', 'c.code', 'r.expires_at'])
    .where('r.commune_id', '=', communeId)
    .where('r.user_id', '=', userId)
    .where('r.expires_at', '>', now)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}

/** Delete the account's pending request to follow the case; whether there was one. */
export async function deleteFollowRequest(db: Db | Tx, communeId: string, caseId: string, userId: string): Promise<boolean> {
  const result = await q(db).deleteFrom('cases_follow_requests').where('commune_id', '=', communeId).where('case_id', '=', caseId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Delete at most `limit` requests that lapsed at or before `before`; the number deleted. */
export async function deleteFollowRequestsExpiredBefore(db: Db | Tx, before: string, limit: number): Promise<number> {
  const result = await q(db)
    .deleteFrom('cases_follow_requests')
    .where('id', 'in', (eb) => eb.selectFrom('cases_follow_requests').select('id').where('expires_at', '<=', before).orderBy('expires_at').limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ── Supervision notes ────────────────────────────────────────────────────────
export async function insertSupervisionNote(db: Db | Tx, row: Insertable<CasesSupervisionNotesTable>): Promise<void> {
  await q(db).insertInto('cases_supervision_notes').values(row).execute();
}

export async function findSupervisionNotes(db: Db | Tx, communeId: string, caseId: string): Promise<SupervisionNoteRow[]> {
  return q(db).selectFrom('cases_supervision_notes').selectAll().where('commune_id', '=', communeId).where('case_id', '=', caseId).orderBy('created_at').execute();
}

export async function findSupervisionNoteById(db: Db | Tx, communeId: string, caseId: string, id: string): Promise<SupervisionNoteRow | undefined> {
  return q(db).selectFrom('cases_supervision_notes').selectAll().where('commune_id', '=', communeId).where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}

export async function updateSupervisionNote(db: Db | Tx, communeId: string, id: string, patch: Updateable<CasesSupervisionNotesTable>): Promise<void> {
  await q(db).updateTable('cases_supervision_notes').set(patch).where('commune_id', '=', communeId).where('id', '=', id).execute();
}

export type SupervisionFlagFilter = 'open' | 'overdue' | 'closed' | 'all';

/** A commune's flags with their case's code and kind: open ones by answer deadline, soonest first. */
export async function findSupervisionFlags(db: Db | Tx, communeId: string, filter: SupervisionFlagFilter, now: string, options: { exceptKinds?: readonly string[]; limit?: number } = {}): Promise<Array<SupervisionNoteRow & { case_code: string; case_kind: string }>> {
  let query = q(db)
    .selectFrom('cases_supervision_notes as n')
    .innerJoin('cases_items as c', (join) => join.onRef('c.commune_id', '=', 'n.commune_id').onRef('c.id', '=', 'n.case_id'))
    .selectAll('n')
    .select(['c.code as case_code', 'c.kind as case_kind'])
    .where('n.commune_id', '=', communeId)
    .where('n.kind', '=', 'flag');
  if (filter === 'open') query = query.where('n.status', 'in', ['awaiting_answer', 'answered']);
  if (filter === 'overdue') query = query.where('n.status', '=', 'awaiting_answer').where('n.answer_due_at', '<', now);
  if (filter === 'closed') query = query.where('n.status', '=', 'closed');
  if (options.exceptKinds && options.exceptKinds.length > 0) query = query.where('c.kind', 'not in', [...options.exceptKinds]);
  return query.orderBy('n.answer_due_at').orderBy('n.id').limit(options.limit ?? 200).execute();
}

// ── Settings ─────────────────────────────────────────────────────────────────
export async function findSettingsJson(db: Db | Tx, communeId: string): Promise<string | undefined> {
  const row = await q(db).selectFrom('cases_settings').select('settings').where('commune_id', '=', communeId).executeTakeFirst();
  return row?.settings;
}

export async function findSettingsUpdatedAt(db: Db | Tx, communeId: string): Promise<string | null> {
  const row = await q(db).selectFrom('cases_settings').select('updated_at').where('commune_id', '=', communeId).executeTakeFirst();
  return row?.updated_at ?? null;
}

export async function saveSettingsJson(db: Db | Tx, communeId: string, settings: string, now: string): Promise<void> {
  await q(db)
    .insertInto('cases_settings')
    .values({ commune_id: communeId, settings, updated_at: now })
    .onConflict((conflict) => conflict.column('commune_id').doUpdateSet({ settings, updated_at: now }))
    .execute();
}

// ── Open311 clients ──────────────────────────────────────────────────────────
export async function findOpen311ClientByKeyHash(db: Db | Tx, apiKeyHash: string) {
  return q(db).selectFrom('cases_open311_clients').selectAll().where('api_key_hash', '=', apiKeyHash).where('is_active', '=', 1).executeTakeFirst();
}

export type Open311ClientRow = Selectable<CasesTables['cases_open311_clients']>;

export async function findOpen311Clients(db: Db | Tx, communeId: string): Promise<Open311ClientRow[]> {
  return q(db).selectFrom('cases_open311_clients').selectAll().where('commune_id', '=', communeId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function findOpen311ClientById(db: Db | Tx, communeId: string, id: string): Promise<Open311ClientRow | undefined> {
  return q(db).selectFrom('cases_open311_clients').selectAll().where('commune_id', '=', communeId).where('id', '=', id).executeTakeFirst();
}

export async function deactivateOpen311Client(db: Db | Tx, communeId: string, id: string): Promise<void> {
  await q(db).updateTable('cases_open311_clients').set({ is_active: 0 }).where('commune_id', '=', communeId).where('id', '=', id).execute();
}

/** `name_key` (the folded name, unique among active clients) is derived here. */
export async function insertOpen311Client(db: Db | Tx, row: Omit<Insertable<CasesTables['cases_open311_clients']>, 'name_key'>): Promise<void> {
  await q(db).insertInto('cases_open311_clients').values({ ...row, name_key: foldVietnamese(row.name) }).execute();
}

// ── Open311 public read model ────────────────────────────────────────────────
/** One Open311 service: a category published for one kind of case. */
export interface Open311ServiceKey {
  categoryId: string;
  kind: string;
}

export interface Open311RequestFilter {
  communeId: string;
  /** The services to search; no rows when empty. */
  services: readonly Open311ServiceKey[];
  /** Look up these codes only (the date and status filters are then ignored). */
  codes?: readonly string[];
  from?: string;
  to?: string;
  statuses?: readonly string[];
  limit: number;
  offset: number;
}

export interface Open311UpdateFilter {
  communeId: string;
  services: readonly Open311ServiceKey[];
  from: string;
  to: string;
  limit: number;
  offset: number;
}

/** The columns a public service request is built from: never contact details, sealed identity or internal notes. */
export interface Open311RequestRow {
  code: string;
  kind: string;
  category_id: string;
  status: string;
  description: string;
  address: string | null;
  address_id: string | null;
  /** The partner's link to a photo it hosts (Open311 `media_url`), published as sent. */
  media_url: string | null;
  latitude: number | null;
  longitude: number | null;
  assigned_unit_id: string | null;
  answer_text: string | null;
  /** Both due dates as the case's status page shows them: a paused case's are computed (open311-read.ts). */
  acceptance_due_at: string | null;
  due_at: string | null;
  received_at: string;
  updated_at: string;
  closed_at: string | null;
  answered_at: string | null;
  title: string;
  /** Only `public_name` cases show their description and submitter's name (public-status.ts). */
  privacy: string;
  /** Read to redact the submitter's own name from the texts; published only for `public_name` cases. */
  submitter_name: string | null;
  /**
   * The public note of the event that ended a refused or merged case (the refusal ground's Vietnamese
   * label; the code of the case merged into), as its public timeline shows it; null for the others.
   */
  status_note: string | null;
}

export interface Open311UpdateRow {
  id: string;
  at: string;
  event: string;
  public_note: string | null;
  code: string;
  status: string;
  submitter_name: string | null;
}

/** A paused case's state and rules (null for the others): read to compute its shown due dates, never published. */
export interface PausedCaseColumns {
  state: string | null;
  rule_ref: string | null;
}

/** Cases of the given services, newest first (by codes, or by received date window and statuses). */
export async function findOpen311Requests(db: Db | Tx, filter: Open311RequestFilter): Promise<Array<Open311RequestRow & PausedCaseColumns>> {
  if (filter.services.length === 0) return [];
  let query = q(db)
    .selectFrom('cases_items as c')
    .where('c.commune_id', '=', filter.communeId)
    .where((eb) => eb.or(filter.services.map((service) => eb.and([eb('c.category_id', '=', service.categoryId), eb('c.kind', '=', service.kind)]))));
  if (filter.codes) {
    if (filter.codes.length === 0) return [];
    query = query.where('c.code', 'in', [...filter.codes]);
  } else {
    if (filter.from) query = query.where('c.received_at', '>=', filter.from);
    if (filter.to) query = query.where('c.received_at', '<=', filter.to);
    if (filter.statuses && filter.statuses.length > 0) query = query.where('c.status', 'in', [...filter.statuses]);
  }
  return query
    .select([
      'c.code',
      'c.kind',
      'c.category_id',
      'c.status',
      'c.description',
      'c.address',
      'c.address_id',
      'c.media_url',
      'c.latitude',
      'c.longitude',
      'c.assigned_unit_id',
      'c.answer_text',
      'c.acceptance_due_at',
      'c.due_at',
      'c.received_at',
      'c.updated_at',
      'c.closed_at',
      'c.answered_at',
      'c.title',
      'c.privacy',
      'c.submitter_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('cases_timeline as t')
        .select('t.public_note')
        .whereRef('t.commune_id', '=', 'c.commune_id')
        .whereRef('t.case_id', '=', 'c.id')
        .where('t.is_public', '=', 1)
        // Refusal and merge end a case (terminal statuses): the latest such line is the one in force.
        .where((inner) => inner.or([inner.and([inner('t.event', '=', 'cases.case.refused'), inner('c.status', '=', 'refused')]), inner.and([inner('t.event', '=', 'cases.case.merged'), inner('c.status', '=', 'merged')])]))
        .orderBy('t.at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(1)
        .as('status_note'),
    )
    .select(pausedCaseColumns)
    .orderBy('c.received_at', 'desc')
    .orderBy('c.code')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

/** Public timeline entries of the given services' cases in a time window, oldest first. */
export async function findOpen311Updates(db: Db | Tx, filter: Open311UpdateFilter): Promise<Open311UpdateRow[]> {
  if (filter.services.length === 0) return [];
  return q(db)
    .selectFrom('cases_timeline as t')
    .innerJoin('cases_items as c', (join) => join.onRef('c.commune_id', '=', 't.commune_id').onRef('c.id', '=', 't.case_id'))
    .where('t.commune_id', '=', filter.communeId)
    .where('t.is_public', '=', 1)
    .where('t.at', '>=', filter.from)
    .where('t.at', '<=', filter.to)
    .where((eb) => eb.or(filter.services.map((service) => eb.and([eb('c.category_id', '=', service.categoryId), eb('c.kind', '=', service.kind)]))))
    .select(['t.id', 't.at', 't.event', 't.public_note', 'c.code', 'c.status', 'c.submitter_name'])
    .orderBy('t.at')
    .orderBy('t.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

// ── Sealed identities (key rotation) ─────────────────────────────────────────────────────────
/** Cases holding a sealed identity, in id order, after `afterId` (keyset paging over all communes). */
export async function findSealedIdentities(db: Db | Tx, page: { afterId: string | null; limit: number }): Promise<Array<{ commune_id: string; id: string; sealed_identity: string }>> {
  let query = q(db).selectFrom('cases_items').select(['commune_id', 'id', 'sealed_identity']).where('sealed_identity', 'is not', null);
  if (page.afterId) query = query.where('id', '>', page.afterId);
  const rows = await query.orderBy('id').limit(page.limit).execute();
  return rows.map((row) => ({ commune_id: row.commune_id, id: row.id, sealed_identity: row.sealed_identity! }));
}

export async function updateSealedIdentity(db: Db | Tx, communeId: string, id: string, sealed: string): Promise<void> {
  await q(db).updateTable('cases_items').set({ sealed_identity: sealed }).where('commune_id', '=', communeId).where('id', '=', id).execute();
}
