/**
 * The public status of a case: what `GET /api/v1/cases/{code}` and the portal's status page show.
 *
 * It is assembled from a language-neutral body (code, kind, title, ids, dates, deadline
 * explanation steps, public timeline, answer, public attachments) and a few facts decided when read
 * (overdue, the resident's actions), with names and texts in the reader's language.
 *
 * What an anonymous reader of Vietnamese gets is kept in the `cases_public_status` read model as the
 * finished JSON response, rewritten in the same transaction as every write that changes it
 * (intake, every workflow transition, the overdue sweep, a calendar change). An anonymous lookup is
 * then one point read and the stored text, instead of the case row, its timeline, its attachments, a
 * deadline computation on the working calendar and a serialisation. The stored view is produced by
 * the same functions as the live one and checked against the response schema before it is stored.
 * Decided when read: overdue (time passes; the acceptance and resolution due dates are kept beside the view). Computed live instead: cases with a running pause (their
 * due date moves every day), readers who may act on the case, rows whose category, area or unit
 * names changed since they were rendered, and readers of English (few; storing their view too
 * doubled the rendering on every write and the size of every row).
 */
import type { WorkingCalendar } from '../../../../core/calendar/index.js';
import { loadWorkingCalendar } from '../../../../core/calendar/store.js';
import type { Insertable } from 'kysely';
import type { AppContext } from '../../../../core/context.js';
import { inTransaction, type Db, type Tx } from '../../../../core/db/database.js';
import type { Locale } from '../../../../core/i18n/translate.js';
import { publicCaseViewSchema, type Attachment, type PublicCaseView } from '../../contract.js';
import * as repository from '../../db/repository.js';
import type { CasesPublicStatusTable } from '../../db/tables.js';
import { applyRedaction, detectPersonalData, explanationToText, refusalNoteIn, type CaseActionType, type CaseKind, type CaseState, type CaseStatus, type ExplanationStep } from '../../domain/index.js';
import { computeCaseDeadlines, currentExplanation, isResolutionProvisional, parseRuleRef, parseState, shownDueAt, type CaseDeadlines } from '../case-record.js';
import { categoryNamesOf, communeReferenceIn, type CommuneReference } from '../reference-data.js';
import { isSealedKind } from './shared.js';

/** The stored, language-neutral part of a public status (JSON in `cases_public_status.body`). */
export interface PublicStatusBody {
  code: string;
  kind: CaseKind;
  /** Null for sealed kinds (denunciations, corruption reports); personal data redacted. */
  title: string | null;
  /** The submitter's name and the description (personal data redacted): only when they chose to be named publicly. */
  submitterName: string | null;
  description: string | null;
  categoryId: string;
  areaId: string | null;
  assignedUnitId: string | null;
  receivedAt: string;
  dueAt: string | null;
  /** The resolution due date while it counts from an acceptance still to come (LAW-COMPLAINT-07, LAW-DENUNC-06). */
  provisionalDueAt: string | null;
  isPaused: boolean;
  explanation: ExplanationStep[];
  timeline: PublicCaseView['timeline'];
  answer: PublicCaseView['answer'];
  rating: number | null;
  attachments: Attachment[];
  /** The outside competent body the case was sent to (LAW-PAKN-04, LAW-DENUNC-03); absent in older stored bodies. */
  transferredTo?: string | null;
  /** The problem's place on the map, as Open311 publishes it; null on a sealed kind (LAW-DENUNC-11); absent in older stored bodies. */
  location?: PublicCaseView['location'];
}

/** What decides "overdue" when read: the case's status, its overdue mark and its acceptance and resolution due dates. */
export type OverdueFacts = Pick<repository.CaseRow, 'status' | 'is_overdue' | 'due_at' | 'acceptance_due_at'>;

/**
 * Open, not waiting on the resident, and marked overdue, past its resolution due date, or still
 * `received` past its acceptance due date (LAW-DENUNC-02, LAW-PAKN-08). Decided from `nowIso`, so a
 * deadline shows as missed the moment it passes, not when the hourly sweep marks the case; the list's
 * overdue filter asks the same (`overdueCondition` in db/repository.ts).
 */
export function isCaseOverdue(facts: OverdueFacts, nowIso: string): boolean {
  const isOpen = (repository.OPEN_STATUSES as readonly string[]).includes(facts.status);
  if (!isOpen || facts.status === 'awaiting_information') return false;
  if (facts.is_overdue === 1 || (facts.due_at !== null && facts.due_at < nowIso)) return true;
  return facts.status === 'received' && facts.acceptance_due_at !== null && facts.acceptance_due_at < nowIso;
}

export function toAttachment(row: repository.AttachmentRow): Attachment {
  return { id: row.id, fileName: row.file_name, contentType: row.content_type, byteSize: row.byte_size, width: row.width, height: row.height, isPublic: row.is_public === 1, url: `/api/v1/cases/attachments/${row.id}` };
}

type BodySource = Pick<
  repository.CaseRow,
  'code' | 'kind' | 'status' | 'title' | 'category_id' | 'area_id' | 'assigned_unit_id' | 'received_at' | 'acceptance_due_at' | 'due_at' | 'answer_text' | 'answered_at' | 'rating_score' | 'privacy' | 'submitter_name' | 'latitude' | 'longitude'
> & { description: string | null };

/**
 * What the public reads of a description the submitter chose to publish with their name: phone
 * numbers, e-mails, ID numbers, other people's names and house addresses are redacted (nobody
 * reviews this text before it shows; LAW-PDP-03, LAW-PDP-06 data minimisation). Their own name is
 * shown beside it by their choice, so it is not marked.
 */
export function publicDescription(description: string, locale: Locale = STORED_VIEW_LOCALE): string {
  const spans = detectPersonalData(description);
  return spans.length > 0 ? applyRedaction(description, spans, locale) : description;
}

/**
 * A title or note as the public reads it (LAW-PDP-06; the Open311 feed redacts the same texts the
 * same way): phone numbers, e-mails, ID numbers (whole or cut short), what looks like a name or a
 * house address, and the names in `markedNames` (the submitter's own, when not shown by choice).
 */
export function publicText(text: string, locale: Locale, options: { markedNames?: readonly (string | null)[]; mayBeCut?: boolean } = {}): string {
  const markedNames = (options.markedNames ?? []).filter((name): name is string => name !== null && name.trim() !== '');
  const spans = detectPersonalData(text, { markedNames, mayBeCut: options.mayBeCut === true });
  return spans.length > 0 ? applyRedaction(text, spans, locale) : text;
}

/** Timeline notes the system writes, never free text: a refusal ground's label, the code of the case merged into (or merged in). */
const SYSTEM_NOTE_EVENTS: ReadonlySet<string> = new Set(['cases.case.refused', 'cases.case.merged', 'cases.case.merged_in']);
/**
 * The notes that name another case by its code. A sealed kind's code is the only key to its status
 * page and is given to its denouncer alone; on the other case's page it would let that page's reader
 * follow another denunciation of the same conduct, its dates and outcome (LAW-DENUNC-11: nothing that
 * may point to the denouncer). Merges never cross kinds (case-actions.ts), so on a sealed case both
 * sides are sealed: neither page names the other, whoever reads it, the denouncer included.
 */
const OTHER_CASE_NOTE_EVENTS: ReadonlySet<string> = new Set(['cases.case.merged', 'cases.case.merged_in']);
/** The one staff-written note a sealed case shows: the outside body it was sent to (LAW-DENUNC-03). */
const SEALED_SHOWN_NOTE_EVENTS: ReadonlySet<string> = new Set(['cases.case.transferred_out']);

/**
 * The public note of a timeline entry. System notes show as written. Notes staff write freely (a
 * request for information, a deadline extension's reason, an outside body's name) are redacted like
 * the title. On a sealed kind (denunciation, corruption report) they are not shown at all, but the
 * outside body's name: the denouncer's identity is only in the sealed record, which this write may
 * not open without a logged sealed read (LAW-DENUNC-12), and no detection can promise to find their
 * given name alone, a relative or a detail that points to them (LAW-DENUNC-11 forbids "anything
 * revealing identity"). The event's label still tells what happened.
 */
export function publicNote(entry: Pick<repository.PublicTimelineEntry, 'event' | 'public_note'>, isSealed: boolean, locale: Locale, markedNames: readonly (string | null)[], isForSubmitter = false): string | null {
  if (isSealed && OTHER_CASE_NOTE_EVENTS.has(entry.event)) return null;
  if (entry.public_note === null || SYSTEM_NOTE_EVENTS.has(entry.event)) return entry.public_note;
  // The denouncer reading their own case (signed in, or with the secret link; never the stored view)
  // is the person those notes speak to: what information the officer asks for, why the deadline moved.
  if (isSealed && !isForSubmitter && !SEALED_SHOWN_NOTE_EVENTS.has(entry.event)) return null;
  return publicText(entry.public_note, locale, { markedNames });
}

/**
 * What the public may read of a case's own words: the title redacted (null on a sealed kind,
 * LAW-DENUNC-11), and the submitter's name and redacted description only when they chose to be named
 * publicly (LAW-PDP-05: "Công khai tên của tôi"; never on a sealed kind, whatever is stored). Unless
 * named publicly, the submitter's own name is marked in the title too. The status page and the
 * similar-cases suggestions (which may match only what they show) read the same words.
 */
export function publicWordsOf(row: Pick<BodySource, 'kind' | 'title' | 'privacy' | 'submitter_name' | 'description'>, locale: Locale): { title: string | null; submitterName: string | null; description: string | null } {
  const isSealed = isSealedKind(row.kind);
  const isNamedPublicly = row.privacy === 'public_name' && !isSealed;
  return {
    title: isSealed ? null : publicText(row.title, locale, { markedNames: isNamedPublicly ? [] : [row.submitter_name], mayBeCut: true }),
    submitterName: isNamedPublicly ? row.submitter_name : null,
    description: isNamedPublicly && row.description !== null ? publicDescription(row.description, locale) : null,
  };
}

/**
 * The map point the public sees, as Open311 publishes lat/long: never on a sealed kind, where a point
 * (a denouncer's own street, a position taken at home) can say who sent it (LAW-DENUNC-11).
 */
export function publicLocationOf(row: Pick<BodySource, 'kind' | 'latitude' | 'longitude'>): PublicCaseView['location'] {
  if (isSealedKind(row.kind) || row.latitude === null || row.longitude === null) return null;
  return { latitude: row.latitude, longitude: row.longitude };
}

/**
 * The public body of a case. Nothing sealed or personal: no names, contacts, internal notes or
 * officers (unit names are fine); sealed kinds show neither title nor attachments (LAW-DENUNC-11).
 *
 * The title and the public notes are redacted here, when the stored view is rendered on a write, so
 * the stored lookup serves them as stored bytes with no work per request (LAW-PDP-06, LAW-DENUNC-11).
 * Unless the submitter chose to be named publicly, their own name is marked too.
 *
 * `locale` is the language of the redaction placeholders in the title, notes and description ("[đã ẩn số điện
 * thoại]" / "[phone removed]"), the one part of the body that is not language-neutral: the stored
 * read model is built in Vietnamese (the language it serves), the live view in the reader's language.
 * Storing an English body too would double the work of every write for few readers; the live view
 * renders it anyway, so English readers get English placeholders at no cost to the stored path.
 */
export function buildPublicStatusBody(
  row: BodySource,
  state: CaseState,
  deadlines: CaseDeadlines,
  timeline: readonly repository.PublicTimelineEntry[],
  attachments: readonly Pick<repository.AttachmentRow, 'id' | 'file_name' | 'content_type' | 'byte_size' | 'width' | 'height' | 'is_public'>[],
  locale: Locale = STORED_VIEW_LOCALE,
  /** The reader is the submitter (live view only): a sealed case's notes are shown to them, redacted like any other. */
  isForSubmitter = false,
): PublicStatusBody {
  const isSealed = isSealedKind(row.kind);
  const shown = publicWordsOf(row, locale);
  const hiddenNames = shown.submitterName === null ? [row.submitter_name] : [];
  const transferredTo = row.status === 'transferred' ? (state.transfer?.bodyName ?? null) : null;
  return {
    code: row.code,
    kind: row.kind as CaseKind,
    title: shown.title,
    submitterName: shown.submitterName,
    description: shown.description,
    categoryId: row.category_id,
    areaId: row.area_id,
    assignedUnitId: row.assigned_unit_id,
    receivedAt: row.received_at,
    // While paused, the date the explanation ends with, not the one stored when the clock stopped (LAW-BASE-10).
    dueAt: row.status === 'received'
      ? (shownDueAt(row.acceptance_due_at, deadlines.acceptance) ?? shownDueAt(row.due_at, deadlines.resolution))
      : shownDueAt(row.due_at, deadlines.resolution),
    provisionalDueAt: isResolutionProvisional(state) ? (deadlines.resolution?.dueAt.toISOString() ?? null) : null,
    isPaused: deadlines.resolution?.isPaused ?? false,
    explanation: currentExplanation(state, deadlines),
    timeline: timeline.map((entry) => ({ at: entry.at, event: entry.event, note: publicNote(entry, isSealed, locale, hiddenNames, isForSubmitter) })),
    // The published answer is redacted like the notes (Open311's status_notes carries it redacted too).
    answer: row.answer_text && row.answered_at ? { text: publicText(row.answer_text, locale, { markedNames: hiddenNames }), answeredAt: row.answered_at } : null,
    rating: row.rating_score,
    attachments: isSealed ? [] : attachments.filter((attachment) => attachment.is_public === 1).map((attachment) => toAttachment(attachment as repository.AttachmentRow)),
    transferredTo: transferredTo === null ? null : publicText(transferredTo, locale, { markedNames: hiddenNames }),
    location: publicLocationOf(row),
  };
}

/** The view a reader gets: the body with names and the explanation in their language, plus the facts decided now. */
export function assemblePublicCaseView(
  body: PublicStatusBody,
  facts: OverdueFacts,
  reference: CommuneReference,
  locale: Locale,
  nowIso: string,
  residentActions: readonly CaseActionType[],
  canWithdrawPartially = false,
  isSubmitter = false,
  reopenUnavailable: PublicCaseView['reopenUnavailable'] = null,
): PublicCaseView {
  const names = categoryNamesOf(reference, locale);
  return {
    code: body.code,
    kind: body.kind,
    status: facts.status as CaseStatus,
    title: body.title,
    submitterName: body.submitterName,
    description: body.description,
    categoryName: names.get(body.categoryId) ?? '',
    areaName: reference.areas.find((area) => area.id === body.areaId)?.name ?? null,
    assignedUnitName: reference.units.find((unit) => unit.id === body.assignedUnitId)?.name ?? null,
    receivedAt: body.receivedAt,
    deadline: { dueAt: body.dueAt, isPaused: body.isPaused, isOverdue: isCaseOverdue(facts, nowIso), explanation: explanationToText(body.explanation, locale, names), provisionalResolutionDueAt: body.provisionalDueAt },
    // The stored note of a refusal is its ground's Vietnamese label; English readers get the English one.
    timeline: locale === 'vi' ? body.timeline : body.timeline.map((entry) => (entry.event === 'cases.case.refused' ? { at: entry.at, event: entry.event, note: refusalNoteIn(entry.note, locale) } : entry)),
    answer: body.answer,
    rating: body.rating,
    attachments: body.attachments,
    canRate: residentActions.includes('rate'),
    canReopen: residentActions.includes('reopen'),
    reopenUnavailable,
    canWithdraw: residentActions.includes('withdraw'),
    canWithdrawPartially: residentActions.includes('withdraw') && canWithdrawPartially,
    transferredTo: body.transferredTo ?? null,
    location: body.location ?? null,
    isSubmitter,
    canProvideInformation: residentActions.includes('receiveInformation'),
  };
}

type NamedIds = { category_id: string; area_id: string | null; assigned_unit_id: string | null };

/** The names a view shows, in one language, as one comparable string (unit separators between them). */
export function namesSignature(reference: CommuneReference, ids: NamedIds, locale: Locale): string {
  const category = reference.categoriesById.get(ids.category_id);
  const categoryName = category ? (locale === 'en' ? category.name_en : category.name_vi) : '';
  const areaName = reference.areas.find((area) => area.id === ids.area_id)?.name ?? '';
  const unitName = reference.units.find((unit) => unit.id === ids.assigned_unit_id)?.name ?? '';
  return `${categoryName}\u001f${areaName}\u001f${unitName}`;
}

const NOT_OVERDUE = '"isOverdue":false';
const NOT_OVERDUE_BYTES = Buffer.from(NOT_OVERDUE);
const OVERDUE_BYTES = Buffer.from('"isOverdue":true');

/**
 * The stored anonymous view, ready to send as UTF-8 bytes: `isOverdue` is the only fact decided now.
 * Inside a JSON string every quote is escaped, so the unescaped `"isOverdue":false` can only be that key.
 */
export function storedViewBytes(stored: repository.PublicStatusRow, nowIso: string): Buffer {
  const view = Buffer.isBuffer(stored.view) ? stored.view : Buffer.from(stored.view);
  if (!isCaseOverdue(stored, nowIso)) return view;
  const at = view.indexOf(NOT_OVERDUE_BYTES);
  return Buffer.concat([view.subarray(0, at), OVERDUE_BYTES, view.subarray(at + NOT_OVERDUE_BYTES.length)]);
}

type PublicStatusSource = Pick<repository.CaseRow, 'code' | 'commune_id' | 'id' | 'status' | 'is_overdue' | 'due_at' | 'acceptance_due_at' | 'category_id' | 'area_id' | 'assigned_unit_id'>;

/** The language of the stored view; readers of another language get the live view. */
export const STORED_VIEW_LOCALE: Locale = 'vi';

/** The read-model row of a case: its public view rendered in Vietnamese. */
export function renderPublicStatus(row: PublicStatusSource, body: PublicStatusBody, reference: CommuneReference, nowIso: string): Insertable<CasesPublicStatusTable> {
  // Rendered as never overdue and without resident actions: both are decided when read.
  const view = publicCaseViewSchema.parse(assemblePublicCaseView(body, { status: row.status, is_overdue: 0, due_at: null, acceptance_due_at: null }, reference, STORED_VIEW_LOCALE, nowIso, []));
  const json = JSON.stringify(view);
  if (!json.includes(NOT_OVERDUE)) throw new Error('public status view without its overdue flag');
  return {
    code: row.code,
    commune_id: row.commune_id,
    case_id: row.id,
    status: row.status,
    is_overdue: row.is_overdue,
    due_at: row.due_at,
    acceptance_due_at: row.acceptance_due_at,
    is_paused: body.isPaused ? 1 : 0,
    category_id: row.category_id,
    area_id: row.area_id,
    assigned_unit_id: row.assigned_unit_id,
    names_vi: namesSignature(reference, row, STORED_VIEW_LOCALE),
    view_vi: Buffer.from(json, 'utf8'),
    updated_at: nowIso,
  };
}

/** Store a case's public status (insert or replace), in the caller's transaction. */
export async function writePublicStatus(tx: Db | Tx, row: PublicStatusSource, body: PublicStatusBody, reference: CommuneReference, nowIso: string): Promise<void> {
  await repository.upsertPublicStatus(tx, renderPublicStatus(row, body, reference, nowIso));
}

/**
 * Recompute and store a case's public status from its stored rows, in the caller's transaction.
 * Every write that changes what the public sees calls this after its own writes. Pass the working
 * calendar the write computed with; otherwise it is read in the transaction.
 */
export async function refreshPublicStatus(ctx: Pick<AppContext, 'clock' | 'db'>, tx: Db | Tx, communeId: string, caseId: string, options: { calendar?: WorkingCalendar } = {}): Promise<boolean> {
  const row = await repository.findCaseById(tx, communeId, caseId);
  if (!row) return false;
  const calendar = options.calendar ?? (await loadWorkingCalendar(tx, communeId));
  const reference = await communeReferenceIn(ctx, tx, communeId);
  const now = ctx.clock();
  const state = parseState(row.state);
  const deadlines = computeCaseDeadlines(state, parseRuleRef(row.rule_ref), calendar, now);
  const timeline = await repository.findTimeline(tx, communeId, caseId, { publicOnly: true });
  const attachments = row.attachment_count > 0 ? await repository.findAttachments(tx, communeId, caseId) : [];
  await writePublicStatus(tx, row, buildPublicStatusBody(row, state, deadlines, timeline, attachments), reference, now.toISOString());
  return true;
}

/** Stale stored views per transaction: short write locks on SQLite's single writer. */
export const STALE_PUBLIC_STATUS_BATCH = 100;
/** Batches per job run: a run is bounded; the job enqueues its next run while rows remain. */
export const STALE_PUBLIC_STATUS_MAX_BATCHES = 10;

/**
 * Re-render stored public views marked stale (migration 20261127T2230: views stored before titles
 * and notes were redacted), in batches of `batchSize` rows, at most `maxBatches` of them. Until a row
 * is re-rendered its lookups get the live view (redacted), so this only brings the stored lookup
 * back. Idempotent and resumable: each batch commits on its own and re-renders from the case's
 * current rows; a row whose case is gone is dropped (a cache of nothing). `hasMore` says whether rows
 * may remain (the last batch was full).
 */
export async function rerenderStalePublicStatus(ctx: Pick<AppContext, 'clock' | 'db'>, options: { batchSize?: number; maxBatches?: number } = {}): Promise<{ rendered: number; hasMore: boolean }> {
  const batchSize = options.batchSize ?? STALE_PUBLIC_STATUS_BATCH;
  const maxBatches = options.maxBatches ?? STALE_PUBLIC_STATUS_MAX_BATCHES;
  let rendered = 0;
  let afterCaseId: string | null = null;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const rows = await repository.findStalePublicStatus(ctx.db, { afterCaseId, limit: batchSize });
    if (rows.length === 0) return { rendered, hasMore: false };
    await inTransaction(ctx.db, async (tx) => {
      for (const row of rows) {
        if (await refreshPublicStatus(ctx, tx, row.commune_id, row.case_id)) rendered += 1;
        else await repository.deletePublicStatus(tx, row.code);
      }
    });
    afterCaseId = rows[rows.length - 1]!.case_id;
    if (rows.length < batchSize) return { rendered, hasMore: false };
  }
  return { rendered, hasMore: true };
}
