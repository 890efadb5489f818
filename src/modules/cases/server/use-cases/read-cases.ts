/** Read models: public status page, staff list and detail, categories, similar cases, attachments. */
import { z } from 'zod';
import { appendAudit } from '../../../../core/audit/audit-log.js';
import { findUserContact } from '../../../../core/auth/index.js';
import { hasRole, type Actor } from '../../../../core/auth/roles.js';
import { cachedWorkingCalendar } from '../../../../core/calendar/store.js';
import type { AppContext } from '../../../../core/context.js';
import { inTransaction } from '../../../../core/db/database.js';
import { forbidden, notFound, unauthenticated } from '../../../../core/contract/errors.js';
import { foldVietnamese } from '../../../../core/contract/text-fold.js';
import type { Locale } from '../../../../core/i18n/translate.js';
import { blobStorageOf } from '../../../../core/storage/index.js';
import { CASE_SIMILAR_MAX, publicCaseViewSchema, type CaseActionResult, type CaseDetail, type CaseListItem, type CaseListPage, type Category, type ListCasesQuery, type PublicCaseView, type SimilarCase, type SimilarCasesQuery } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { applyRedaction, describeDeadlineRule, detectPersonalData, explanationToText, FOLLOWED_INSTEAD_OF_FILED_KINDS, getCaseKindPolicy, isPartialWithdrawalAllowed, isValidTrackingCode, qaTextIn, refusalNoteIn, listAvailableActions, reopenUnavailableReason, extensionOffer, selectRule, normaliseTrackingCode, WITHDRAWAL_CHANNELS, type CaseActionType, type CaseKind, type CaseStatus } from '../../domain/index.js';
import { caseActorsOf, computeCaseDeadlines, computeStepDeadline, computeTransferDeadline, currentExplanation, describeRuleRef, isAwaitingClassification, isStepOverdue, isStepRunning, parseRuleRef, parseState, shownDueAt } from '../case-record.js';
import { categoryNamesOf, communeReference } from '../reference-data.js';
import { mayReadSealedIdentity } from './sealed-identity.js';
import { deadlineRulesOf, lifecycleSettingsOf } from '../settings.js';
import { assemblePublicCaseView, buildPublicStatusBody, isCaseOverdue, namesSignature, publicWordsOf, STORED_VIEW_LOCALE, storedViewBytes, toAttachment } from './public-status.js';
import { canSeeCase, caseVisibilityOf, isHandler, isSealedKind, KINDS_HIDDEN_FROM_OVERSIGHT, sha256Hex, shownDueDatesOf } from './shared.js';
import { listCaseSupervisionNotes } from './supervision.js';
import { knownSealedName } from './sealed-name.js';

export function toCategory(row: repository.CategoryRow): Category {
  return {
    id: row.id,
    communeId: row.commune_id,
    code: row.code,
    nameVi: row.name_vi,
    nameEn: row.name_en,
    descriptionVi: row.description_vi,
    descriptionEn: row.description_en,
    kinds: JSON.parse(row.kinds) as CaseKind[],
    papiDimension: row.papi_dimension as Category['papiDimension'],
    papiSubdimension: row.papi_subdimension,
    defaultUnitId: row.default_unit_id,
    isPublicOpen311: row.is_public_open311 === 1,
    sortOrder: row.sort_order,
    isActive: row.is_active === 1,
    updatedAt: row.updated_at,
  };
}

/** Active categories of a commune, in display order (portal form, Open311 service list). */
export async function listCategories(ctx: AppContext, communeId: string): Promise<Category[]> {
  return (await repository.findCategories(ctx.db, communeId)).map(toCategory);
}


/** `dueAt`: the resolution due date as the case page shows it (`shownDueDates`: a paused case's moves every day). */
/**
 * LAW-DENUNC-12: a sealed case's text (title, description) as a reader who may not open its identity
 * reads it (an officer it is not assigned to): contact data, ID numbers, likely names and the
 * denouncer's declared name masked. As written for everyone else, and for every other kind.
 */
function sealedTextFor(ctx: AppContext, actor: Actor, row: repository.CaseRow, text: string, locale: Locale): string {
  if (!isSealedKind(row.kind) || mayReadSealedIdentity(actor, row)) return text;
  return maskedSealedText(ctx, row, text, locale);
}

/** A sealed case's text with what may point to the denouncer masked, as readers who may not open its identity read it (the case page, and staff messages, LAW-DENUNC-12). */
export function maskedSealedText(ctx: AppContext, row: Pick<repository.CaseRow, 'sealed_name_digest'>, text: string, locale: Locale): string {
  return applyRedaction(text, detectPersonalData(text, { knownName: knownSealedName(ctx, row.sealed_name_digest) }), locale);
}

function toListItem(row: repository.CaseRow, names: Map<string, string>, now: string, dueAt: string | null, title: string): CaseListItem {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as CaseKind,
    status: row.status as CaseStatus,
    channel: row.channel as CaseListItem['channel'],
    title,
    categoryId: row.category_id,
    categoryName: names.get(row.category_id) ?? '',
    areaId: row.area_id,
    assignedUnitId: row.assigned_unit_id,
    assignedOfficerId: row.assigned_officer_id,
    receivedAt: row.received_at,
    dueAt,
    isOverdue: isCaseOverdue(row, now),
    // A missed step deadline is shown as such, apart from the statutory one (issue 3 point 4).
    isStepOverdue: isStepOverdue(row, now),
  };
}

/**
 * The stored anonymous view of a case as JSON text when it can be served as is: the reader may not
 * act on the case (no account, no secret link), no pause is running, and the names it shows are
 * still the current ones. Otherwise undefined, and the view is computed live.
 */
async function storedPublicView(ctx: AppContext, code: string, locale: Locale, options: { actor?: Actor | null; accessToken?: string | null }): Promise<Buffer | undefined> {
  if (locale !== STORED_VIEW_LOCALE || options.actor || options.accessToken) return undefined;
  const stored = await repository.findPublicStatus(ctx.db, code);
  if (!stored || stored.is_paused === 1) return undefined;
  const reference = await communeReference(ctx, stored.commune_id);
  if (namesSignature(reference, stored, locale) !== stored.names) return undefined;
  return storedViewBytes(stored, ctx.clock().toISOString());
}

/**
 * Public status of a case by tracking code: status, public timeline, deadline with its explanation,
 * the published answer. Nothing sealed or personal: no names, contacts, internal notes or officers.
 * A signed-in reader or the holder of the secret link also gets the actions they may take.
 */
export async function getPublicCaseView(ctx: AppContext, code: string, locale: Locale, options: { actor?: Actor | null; accessToken?: string | null } = {}): Promise<PublicCaseView> {
  const normalised = normaliseTrackingCode(code);
  if (!normalised) throw notFound('cases.errors.notFound');
  const stored = await storedPublicView(ctx, normalised, locale, options);
  return stored !== undefined ? (JSON.parse(stored.toString('utf8')) as PublicCaseView) : livePublicCaseView(ctx, normalised, locale, options);
}

/** The same as UTF-8 JSON for the API: the stored view is sent as it is, without parsing it again. */
export async function getPublicCaseJson(ctx: AppContext, code: string, locale: Locale, options: { actor?: Actor | null; accessToken?: string | null } = {}): Promise<Buffer> {
  const normalised = normaliseTrackingCode(code);
  if (!normalised) throw notFound('cases.errors.notFound');
  const stored = await storedPublicView(ctx, normalised, locale, options);
  return stored ?? Buffer.from(JSON.stringify(publicCaseViewSchema.parse(await livePublicCaseView(ctx, normalised, locale, options))), 'utf8');
}

/** The public status computed from the case's own rows (also the reference the read model is tested against). */
export async function livePublicCaseView(ctx: AppContext, code: string, locale: Locale, options: { actor?: Actor | null; accessToken?: string | null } = {}): Promise<PublicCaseView> {
  const row = await repository.findPublicCaseByCode(ctx.db, code);
  if (!row) throw notFound('cases.errors.notFound');
  const now = ctx.clock();
  const state = parseState(row.state);
  const [calendar, reference, attachments] = await Promise.all([
    cachedWorkingCalendar(ctx.db, row.commune_id),
    communeReference(ctx, row.commune_id),
    row.attachment_count > 0 ? repository.findAttachments(ctx.db, row.commune_id, row.id) : [],
  ]);
  const deadlines = computeCaseDeadlines(state, parseRuleRef(row.rule_ref), calendar, now);
  const isSubmitter = Boolean(
    (options.actor && row.submitter_user_id === options.actor.userId) || (options.accessToken && row.access_secret_hash && sha256Hex(options.accessToken) === row.access_secret_hash),
  );
  const lifecycleSettings = lifecycleSettingsOf(reference.settings);
  const residentState = { ...state, submitterUserId: state.submitterUserId ?? 'link' };
  const residentActor = { role: 'resident' as const, userId: state.submitterUserId ?? 'link' };
  const residentActions: CaseActionType[] = isSubmitter ? listAvailableActions(residentState, residentActor, now, lifecycleSettings) : [];
  // Past the limit or the period, the submitter is told why instead of being offered the form (issue 3 point 4).
  const reopenUnavailable = isSubmitter ? reopenUnavailableReason(residentState, residentActor, now, lifecycleSettings) : null;
  const body = buildPublicStatusBody(row, state, deadlines, row.public_timeline, attachments, locale, isSubmitter);
  return assemblePublicCaseView(body, row, reference, locale, now.toISOString(), residentActions, isPartialWithdrawalAllowed(state.kind, lifecycleSettings, now), isSubmitter, reopenUnavailable);
}

/** Same as getPublicCaseView, actor first (portal pages): the actor or the token unlocks resident actions. */
export function getPublicCase(ctx: AppContext, actor: Actor | null, code: string, options: { accessToken?: string | null; locale?: Locale } = {}): Promise<PublicCaseView> {
  return getPublicCaseView(ctx, code, options.locale ?? 'vi', { actor, accessToken: options.accessToken ?? null });
}

/** Staff list/search, sorted by due date. Search folds diacritics ("duong" finds "đường"). */
export async function listCases(ctx: AppContext, actor: Actor, query: ListCasesQuery, locale: Locale): Promise<CaseListPage> {
  const communeId = actor.communeId;
  // Point 13: supervisors and higher-level viewers see every case but a denunciation (LAW-DENUNC-11).
  const visibility = caseVisibilityOf(actor, communeId);
  const now = ctx.clock().toISOString();
  // A tracking code typed into the search box in any spelling ("nq2611dak6j", "NQ 2611 DAK6J") is a
  // code lookup: its check character tells it from text (one text in 32 could pass it by chance, and
  // would also need the code's shape).
  const typedCode = query.q ? normaliseTrackingCode(query.q) : null;
  const codeInSearch = typedCode && isValidTrackingCode(typedCode) ? typedCode : null;
  const code = query.code ? (normaliseTrackingCode(query.code) ?? query.code.toUpperCase()) : codeInSearch;
  const folded = query.q && !codeInSearch ? foldVietnamese(query.q) : '';
  const filter: repository.CaseFilter = {
    communeId,
    visibleUnitIds: visibility.isCommuneWide ? null : (visibility.officerUnitIds ?? (visibility.isOversight ? null : [])),
    visibleOfficerId: actor.userId,
    visibleExceptKinds: !visibility.isCommuneWide && visibility.isOversight ? KINDS_HIDDEN_FROM_OVERSIGHT : null,
    // LAW-DENUNC-12: a sealed case's text as written is searched only by those who may open its
    // identity (mayReadSealedIdentity: a leader, the officer it is assigned to); everyone else
    // matches the masked text they are shown, so a search cannot confirm a hidden phone or name.
    ...(folded ? { q: folded, sealedTextReader: hasRole(actor, 'leader', communeId) ? { kind: 'all' as const } : { kind: 'assigned' as const, officerId: hasRole(actor, 'officer', communeId) ? actor.userId : null } } : {}),
    ...(code ? { code } : {}),
    statuses: query.status,
    kinds: query.kind,
    categoryId: query.categoryId,
    areaId: query.areaId,
    unitIds: query.unitId,
    assignedOfficerId: query.assignedOfficerId === 'me' ? actor.userId : query.assignedOfficerId,
    isOverdue: query.isOverdue,
    isStepOverdue: query.isStepOverdue,
    // Dates are Vietnamese calendar days: [from 00:00 +07, to+1 00:00 +07).
    receivedFrom: query.receivedFrom ? new Date(`${query.receivedFrom}T00:00:00+07:00`).toISOString() : undefined,
    receivedTo: query.receivedTo ? new Date(new Date(`${query.receivedTo}T00:00:00+07:00`).getTime() + 86_400_000).toISOString() : undefined,
    now,
  };
  // The list is sorted by the due date it shows: a paused case's moves later every working day it stays
  // paused (LAW-BASE-10), so the filter's paused cases get theirs computed the way they are shown below
  // (repository.findCasesPage says why not in SQL, and how the page is merged at any scale).
  const shownDueAtOf = async (paused: readonly repository.PausedCaseOfFilter[]) => (await shownDueDatesOf(ctx, communeId, paused, new Date(now))).map((dates) => dates.dueAt);
  const { rows, total } = await repository.findCasesPage(ctx.db, filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }, shownDueAtOf);
  const names = categoryNamesOf(await communeReference(ctx, communeId), locale);
  // A paused case shows the due date of its case page (LAW-BASE-10), computed from the rows already read.
  const dueDates = await shownDueDatesOf(ctx, communeId, rows, new Date(now));
  return { items: rows.map((row, index) => toListItem(row, names, now, dueDates[index]!.dueAt, sealedTextFor(ctx, actor, row, row.title, locale))), total, page: query.page, pageSize: query.pageSize };
}

/**
 * The case after a staff action: its detail, or, when the action took it out of the actor's sight
 * (forwarded to another unit), a note of where it went. The action itself succeeded either way.
 */
export async function getCaseAfterAction(ctx: AppContext, actor: Actor, caseId: string, locale: Locale, requestId: string | null = null): Promise<CaseActionResult> {
  const row = await repository.findCaseById(ctx.db, actor.communeId, caseId);
  if (row && !canSeeCase(actor, row)) {
    const reference = await communeReference(ctx, row.commune_id);
    const unit = reference.units.find((candidate) => candidate.id === row.assigned_unit_id);
    return { handedOver: true, id: row.id, code: row.code, status: row.status as CaseStatus, assignedUnitName: unit?.name ?? null };
  }
  return getCaseDetail(ctx, actor, caseId, locale, requestId);
}

/**
 * Staff detail: full timeline with internal notes, deadline explanation, available actions, attachments
 * and supervision notes. The sealed identity is never included (separate, audited endpoint); a sealed
 * case's text as written (which may name its denouncer) is, to a leader or its assigned officer, and
 * each such read is audited like its files (`cases.sealed-text.read`, LAW-DENUNC-12 "log every access").
 */
export async function getCaseDetail(ctx: AppContext, actor: Actor, caseId: string, locale: Locale, requestId: string | null = null): Promise<CaseDetail> {
  const row = await repository.findCaseById(ctx.db, actor.communeId, caseId);
  if (!row || !canSeeCase(actor, row)) throw notFound('cases.errors.notFound');
  const now = ctx.clock();
  const state = parseState(row.state);
  const ruleRef = parseRuleRef(row.rule_ref);
  const [calendar, reference, timeline, attachments, notes, officer] = await Promise.all([
    cachedWorkingCalendar(ctx.db, row.commune_id),
    communeReference(ctx, row.commune_id),
    repository.findTimeline(ctx.db, row.commune_id, row.id),
    repository.findAttachments(ctx.db, row.commune_id, row.id),
    listCaseSupervisionNotes(ctx, row.commune_id, row.id),
    row.assigned_officer_id ? findUserContact(ctx.db, row.assigned_officer_id) : undefined,
  ]);
  const deadlines = computeCaseDeadlines(state, ruleRef, calendar, now);
  const names = categoryNamesOf(reference, locale);
  const { settings } = reference;
  const handler = isHandler(ctx, actor, row.commune_id);
  const isSealed = isSealedKind(row.kind);
  const actions = new Set<CaseActionType>();
  for (const candidate of caseActorsOf(actor, row.commune_id).filter((entry) => entry.role !== 'resident')) {
    for (const type of listAvailableActions(state, candidate, now, lifecycleSettingsOf(settings))) actions.add(type);
  }
  // LAW-DENUNC-02/06: "Gia hạn" only while the rule in force (or, for a denunciation, the complex or
  // especially complex variant a written determination selects) allows one more extension, with its cap.
  const extension = actions.has('extendDeadline')
    ? extensionOffer(state, state.status === 'received' ? [ruleRef.acceptance] : [ruleRef.resolution, ...(state.kind === 'denunciation' ? (['complex', 'especially_complex'] as const).map((variant) => selectRule(deadlineRulesOf(settings), 'denunciation', 'resolution', state.receivedAt, variant)) : [])])
    : null;
  if (!extension) actions.delete('extendDeadline');
  const mergedInto = row.merged_into_case_id ? (await repository.findCaseCodes(ctx.db, [row.merged_into_case_id])).get(row.merged_into_case_id) ?? null : null;
  // LAW-DENUNC-12: only those who may open the sealed identity (a leader, the assigned officer) read a
  // denunciation's text as written; everyone else (supervisors, officers it is not assigned to) gets
  // it with contact data and ID numbers masked.
  const canReadSealedIdentity = isSealed && mayReadSealedIdentity(actor, row);
  if (canReadSealedIdentity) {
    const capacity = hasRole(actor, 'leader', row.commune_id) ? 'leader' : 'assigned_officer';
    await inTransaction(ctx.db, (tx) => appendAudit(tx, ctx.dialect, { communeId: row.commune_id, actor, action: 'cases.sealed-text.read', entityType: 'case', entityId: row.id, details: { capacity }, requestId, at: ctx.clock().toISOString() }));
  }
  const description = sealedTextFor(ctx, actor, row, row.description, locale);
  const listItem = toListItem(row, names, now.toISOString(), shownDueAt(row.due_at, deadlines.resolution), sealedTextFor(ctx, actor, row, row.title, locale));
  // While the case waits to be classified (also while the resident's information asked for then is
  // awaited), the limit to transfer it out if it is not the commune's (LAW-PAKN-04, LAW-DENUNC-03),
  // moved by the paused days like the other deadlines (LAW-BASE-10) and explained with them.
  const transfer = isAwaitingClassification(state) ? computeTransferDeadline(state, deadlineRulesOf(settings), calendar, now) : null;
  // The current step's deadline (issue 3 points 4 and 5), explained to staff after the case's own while the step runs.
  const step = isStepRunning(state.status) ? computeStepDeadline(state, calendar, now) : null;
  return {
    ...listItem,
    description,
    address: row.address,
    latitude: row.latitude,
    longitude: row.longitude,
    privacy: row.privacy as CaseDetail['privacy'],
    submitter: handler && !isSealed && (row.submitter_name || row.submitter_email || row.submitter_phone || row.submitter_address)
      ? { fullName: row.submitter_name, email: row.submitter_email, phone: row.submitter_phone, address: row.submitter_address }
      : null,
    isIdentitySealed: isSealed,
    hasSealedIdentity: row.sealed_identity !== null,
    canReadSealedIdentity: row.sealed_identity !== null && canReadSealedIdentity,
    deadline: {
      // While paused, the dates the explanation ends with, not the ones stored when the clock stopped (LAW-BASE-10).
      acceptanceDueAt: shownDueAt(row.acceptance_due_at, deadlines.acceptance),
      dueAt: shownDueAt(row.due_at, deadlines.resolution),
      stepDueAt: shownDueAt(row.step_due_at, step),
      isStepOverdue: listItem.isStepOverdue,
      transferDueAt: transfer?.dueAt.toISOString() ?? null,
      isPaused: deadlines.resolution?.isPaused ?? false,
      isOverdue: listItem.isOverdue,
      ruleRef: describeRuleRef(ruleRef),
      ruleLabel: ruleRef.resolution ? describeDeadlineRule(ruleRef.resolution, locale) : null,
      explanation: explanationToText([...currentExplanation(state, deadlines, transfer), ...(step?.explanation ?? [])], locale, names),
    },
    timeline: timeline.map((entry) => ({ id: entry.id, at: entry.at, event: entry.event, isPublic: entry.is_public === 1, publicNote: entry.event === 'cases.case.refused' ? refusalNoteIn(entry.public_note, locale) : entry.public_note, internalNote: entry.internal_note, actorUserId: entry.actor_user_id, ...writtenWithdrawalOf(entry.payload) })),
    availableActions: [...actions].filter((type) => !['rate', 'reopen', 'withdraw'].includes(type)),
    canWithdrawPartially: isPartialWithdrawalAllowed(state.kind, lifecycleSettingsOf(settings), now),
    extensionOffer: extension ? { maxAmount: extension.maxAmount, unit: extension.unit } : null,
    // LAW-DENUNC-12: a denunciation's files may show who wrote it; only those who may open the identity get them.
    attachments: isSealed && !canReadSealedIdentity ? [] : attachments.map(toAttachment),
    supervisionNotes: notes,
    answerDraft: row.answer_draft,
    withdrawalRequest: state.withdrawalRequest ? { at: state.withdrawalRequest.at.toISOString(), scope: state.withdrawalRequest.scope, description: state.withdrawalRequest.description } : null,
    answerText: row.answer_text,
    rating: row.rating_score !== null ? { score: row.rating_score, comment: row.rating_comment } : null,
    earlierRatings: state.earlierRatings.map((rating) => ({ score: rating.score, comment: rating.comment })),
    reopenedCount: row.reopened_count,
    mergedIntoCode: mergedInto,
    mergedIntoId: mergedInto ? row.merged_into_case_id : null,
    // Like the files: a sealed case's photo may show who wrote it (LAW-DENUNC-12). Open311 never takes a
    // sealed kind and no case is reclassified into one, so this holds for rows written another way.
    mediaUrl: isSealed && !canReadSealedIdentity ? null : row.media_url,
    qa: row.qa_published_at && row.qa_question && row.qa_answer ? { publishedAt: row.qa_published_at, question: qaTextIn(row.qa_question, locale), answer: qaTextIn(row.qa_answer, locale) } : null,
    // Only the name (never the officer's contact data), and only of an account of this commune.
    assignedOfficerName: officer && officer.communeId === row.commune_id ? officer.displayName : null,
    version: row.version,
  };
}

const STOP_WORDS = new Set(['va', 'cua', 'o', 'la', 'co', 'khong', 'cho', 'tai', 'voi', 'the', 'nay', 'da', 'dang', 'duoc', 'cac', 'nhung', 'mot', 'rat', 'bi', 'thi', 'ma']);
function wordsOf(text: string): Set<string> {
  return new Set(foldVietnamese(text).split(/[^a-z0-9]+/).filter((word) => word.length >= 2 && !STOP_WORDS.has(word)));
}

/**
 * Up to 5 open cases of the same area and category, of the kinds one may follow instead of filing
 * (feedback and questions, `isFollowedInsteadOfFiled`), ranked by word overlap of the folded text,
 * shown before submitting so residents can follow an existing case instead of duplicating it (issue 3,
 * point 12). None for a kind filed in its own right. Anyone may ask, so a case is matched and shown
 * only by the words its public page shows (`publicWordsOf`): its redacted title, and its description
 * only when its submitter chose to be named publicly. Matching the hidden text would let anyone test
 * whether a name or an ID number is in it (LAW-PDP-06).
 */
export async function findSimilarCases(ctx: AppContext, query: SimilarCasesQuery, locale: Locale = 'vi'): Promise<SimilarCase[]> {
  if (query.kind !== undefined && !getCaseKindPolicy(query.kind).isFollowedInsteadOfFiled) return [];
  const wanted = wordsOf(query.text);
  if (wanted.size === 0) return [];
  const category = await repository.findCategoryById(ctx.db, query.categoryId);
  if (!category) return [];
  const rows = await repository.findOpenCasesInAreaCategory(ctx.db, category.commune_id, query.areaId, query.categoryId, FOLLOWED_INSTEAD_OF_FILED_KINDS, 200);
  return rows
    .map((row) => {
      const shown = publicWordsOf(row, locale);
      const words = wordsOf(`${shown.title ?? ''} ${shown.description ?? ''}`);
      let overlap = 0;
      for (const word of wanted) if (words.has(word)) overlap += 1;
      return { row, title: shown.title ?? '', score: overlap / wanted.size };
    })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || b.row.received_at.localeCompare(a.row.received_at))
    .slice(0, CASE_SIMILAR_MAX)
    .map(({ row, title }) => ({ code: row.code, title, status: row.status as CaseStatus, receivedAt: row.received_at }));
}

/**
 * An attachment's bytes: public ones of non-sealed cases for anyone, otherwise staff who may see the
 * case. A sealed case's files (a signed letter, a photo, a file name may name the denouncer) follow the
 * case page: only those who may open the sealed identity get them, a leader or the assigned officer,
 * and each read is audited like the identity's (LAW-DENUNC-12); anyone else who sees the case gets 403.
 */
export async function getCaseAttachment(ctx: AppContext, actor: Actor | null, attachmentId: string, requestId: string | null = null): Promise<{ fileName: string; contentType: string; bytes: Buffer; isInline: boolean; isSealed: boolean }> {
  const attachment = await repository.findAttachmentById(ctx.db, attachmentId);
  if (!attachment) throw notFound('cases.errors.attachmentNotFound');
  const row = await repository.findCaseById(ctx.db, attachment.commune_id, attachment.case_id);
  if (!row) throw notFound('cases.errors.attachmentNotFound');
  const isSealed = isSealedKind(row.kind);
  const isPublic = attachment.is_public === 1 && !isSealed;
  if (!isPublic) {
    if (!actor) throw unauthenticated();
    const maySee = ctx.permissions.allows(actor, 'cases.read', row.commune_id) && canSeeCase(actor, row);
    if (isSealed && (!maySee || !mayReadSealedIdentity(actor, row)) && actor.kind === 'staff' && actor.communeId === row.commune_id) {
      // LAW-DENUNC-12 "log every access": a refused attempt at a sealed case's file is recorded, as a
      // refused identity read is, in its own transaction (the refusal below must not roll it back).
      // The answer stays what it was (404 to whoever may not see the case, so its existence is not confirmed).
      await inTransaction(ctx.db, (tx) => appendAudit(tx, ctx.dialect, { communeId: row.commune_id, actor, action: 'cases.sealed-attachment.refused', entityType: 'case', entityId: row.id, details: { attachmentId: attachment.id }, requestId, at: ctx.clock().toISOString() }));
    }
    if (!maySee) throw notFound('cases.errors.attachmentNotFound');
    if (isSealed && !mayReadSealedIdentity(actor, row)) throw forbidden('cases.errors.sealedForbidden');
  }
  const blob = await blobStorageOf(ctx).get(attachment.storage_key);
  if (!blob) throw notFound('cases.errors.attachmentNotFound');
  if (isSealed && actor) {
    const capacity = hasRole(actor, 'leader', row.commune_id) ? 'leader' : 'assigned_officer';
    await inTransaction(ctx.db, (tx) => appendAudit(tx, ctx.dialect, { communeId: row.commune_id, actor, action: 'cases.sealed-attachment.read', entityType: 'case', entityId: row.id, details: { capacity, attachmentId: attachment.id }, requestId, at: ctx.clock().toISOString() }));
  }
  return { fileName: attachment.file_name, contentType: attachment.content_type, bytes: blob.bytes, isInline: attachment.content_type.startsWith('image/'), isSealed };
}

const writtenWithdrawalPayloadSchema = z.object({ action: z.literal('recordWithdrawal'), scope: z.enum(['whole', 'partial']), receivedOn: z.string(), channel: z.enum(WITHDRAWAL_CHANNELS) });

/** The facts of a withdrawal staff recorded from paper, kept in the timeline row's payload. */
function writtenWithdrawalOf(payload: string | null): { writtenWithdrawal?: NonNullable<CaseDetail['timeline'][number]['writtenWithdrawal']> } {
  if (!payload) return {};
  const parsed = writtenWithdrawalPayloadSchema.safeParse(typeof payload === 'string' ? JSON.parse(payload) : payload);
  return parsed.success ? { writtenWithdrawal: { scope: parsed.data.scope, receivedOn: parsed.data.receivedOn, channel: parsed.data.channel } } : {};
}
