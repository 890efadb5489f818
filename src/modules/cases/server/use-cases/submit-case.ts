/**
 * Intake: a resident's submission (portal, JSON API, Open311) or a staff entry on a resident's behalf.
 * Case row, timeline, attachments, outbox and audit commit together; blobs are written first and
 * removed again if the transaction fails, so nothing is ever half-written.
 */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import type { Actor } from '../../../../core/auth/roles.js';
import { cachedWorkingCalendar } from '../../../../core/calendar/store.js';
import type { AppContext } from '../../../../core/context.js';
import { forbidden, validationFailed, type FieldError } from '../../../../core/contract/errors.js';
import { newId } from '../../../../core/contract/ids.js';
import { formatDate, type Locale } from '../../../../core/i18n/translate.js';
import { normaliseVietnamesePhone } from '../../../../core/contract/phone.js';
import { foldVietnamese } from '../../../../core/contract/text-fold.js';
import { safeParseReportingInput, zodIssuesToFieldErrors } from '../../../../core/contract/validation.js';
import { durableWrite } from '../../../../core/db/group-commit.js';
import type { FieldVault } from '../../../../core/crypto/field-vault.js';
import { pooledRandomBytes } from '../../../../core/crypto/random-pool.js';
import { blobStorageOf } from '../../../../core/storage/index.js';
import { STAFF_INTAKE_MAX_BACKDATE_DAYS, staffIntakeSchema, submitCaseSchema, type CaseChannel, type StaffIntakeLimits, type StaffIntakeResult, type SubmitCase, type SubmitCaseResult } from '../../contract.js';
import * as repository from '../../db/repository.js';
import {
  claimTrackingCode,
  createCaseState,
  findMissingIdentityFields,
  generateTrackingCode,
  getCaseKindPolicy,
  isInsideBounds,
  isPrivacyChoiceAllowed,
  roundCoordinate,
  withoutPersonalData,
  type CaseKind,
  type CategoryDeadlineOverride,
} from '../../domain/index.js';
import { attachmentRow, deleteBlobsQuietly, prepareAttachments, storeAttachmentBlobs, type UploadedFile } from '../attachments.js';
import { computeCaseDeadlines, resolveRuleRef, serialiseState } from '../case-record.js';
import { isSupervisorUnit } from '../../../../core/tenancy/index.js';
import { categoryWithReference } from '../reference-data.js';
import { deadlineRulesOf, loadCaseModuleSettings } from '../settings.js';
import { canSeeCase, isSealedKind, recordCaseEvent, sha256Hex } from './shared.js';
import { maskedSearchTextOf } from './masked-search.js';
import { buildPublicStatusBody, writePublicStatus } from './public-status.js';
import { knownSealedName, sealedNameDigest } from './sealed-name.js';

export interface SubmitOptions {
  /** 'portal' (default) or 'open311' (engineer C's adapter). */
  channel?: Extract<CaseChannel, 'portal' | 'open311'>;
  files?: readonly UploadedFile[];
  requestId?: string | null;
  /** The Open311 partner that sent the case: recorded in the audit row (its id and name, never its key). */
  open311Client?: { id: string; name: string } | null;
  /** Open311 `address_id`, kept as sent. */
  addressId?: string | null;
  /** Open311 `media_url` (an http/https link the partner hosts, checked by the adapter), kept as sent. */
  mediaUrl?: string | null;
  /** The language the resident used (the request's negotiated locale): their messages are written in it. */
  locale?: Locale;
}

function parseOrThrow<T>(schema: { safeParse(input: unknown, params?: { reportInput?: boolean }): { success: true; data: T } | { success: false; error: { issues: never[] } } }, input: unknown): T {
  const parsed = safeParseReportingInput(schema, input);
  if (!parsed.success) throw validationFailed(zodIssuesToFieldErrors(parsed.error.issues));
  return parsed.data;
}

/** A resident's case from the portal, the JSON API or Open311. `actor` is null for anonymous visitors. */
export async function submitCase(ctx: AppContext, actor: Actor | null, input: unknown, options: SubmitOptions = {}): Promise<SubmitCaseResult> {
  const data = parseOrThrow<SubmitCase>(submitCaseSchema as never, input);
  // Honeypot (choice documented in the README): a filled `website` field gets a generic 400 that names no
  // field, so a bot learns nothing and a human who somehow filled it can still correct and resend.
  if (data.website && data.website.trim() !== '') throw validationFailed([], 'cases.errors.rejected');
  const submitterUserId = actor && actor.kind === 'resident' ? actor.userId : null;
  const { assignedUnit: _assignedUnit, ...result } = await createCase(ctx, actor, data, {
    channel: options.channel ?? 'portal',
    submitterUserId,
    files: options.files ?? [],
    requestId: options.requestId ?? null,
    open311Client: options.open311Client ?? null,
    addressId: options.addressId ?? null,
    mediaUrl: options.mediaUrl ?? null,
    locale: options.locale ?? 'vi',
  });
  return result;
}

/** Staff entry on a resident's behalf (walk-in, phone, letter, reception, meeting). */
export async function enterCaseForResident(ctx: AppContext, actor: Actor, input: unknown, options: { files?: readonly UploadedFile[]; requestId?: string | null } = {}): Promise<StaffIntakeResult> {
  const data = parseOrThrow<SubmitCase & { channel: CaseChannel; receivedAt?: string; recipientLocale: Locale }>(staffIntakeSchema as never, input);
  if (data.receivedAt) {
    const now = ctx.clock().getTime();
    const receivedAt = new Date(data.receivedAt).getTime();
    if (receivedAt > now) throw validationFailed([{ field: 'receivedAt', messageKey: 'cases.errors.receivedInFuture' }]);
    const earliest = new Date(now - STAFF_INTAKE_MAX_BACKDATE_DAYS * 86_400_000);
    if (receivedAt < earliest.getTime()) throw validationFailed([{ field: 'receivedAt', messageKey: 'cases.errors.receivedTooLongAgo', params: { date: formatDate(earliest) } }]);
  }
  const { assignedUnit, ...result } = await createCase(ctx, actor, data, { channel: data.channel, submitterUserId: null, files: options.files ?? [], requestId: options.requestId ?? null, receivedAt: data.receivedAt, isStaffEntry: true, locale: data.recipientLocale });
  // The entering officer may belong to another unit (the reception desk): say where the case went,
  // and offer to open it only when their role lets them (canSeeCase, least privilege).
  return Object.assign(result, {
    assignedUnitName: assignedUnit?.name ?? null,
    canOpen: canSeeCase(actor, { commune_id: actor.communeId, kind: data.kind, assigned_unit_id: assignedUnit?.id ?? null, assigned_officer_id: null }),
  });
}

/** The attachment limits the intake form states and the map point box it checks: the commune's settings, as the upload and the portal check them. */
export async function getIntakeLimits(ctx: AppContext, actor: Actor): Promise<StaffIntakeLimits> {
  const settings = await loadCaseModuleSettings(ctx.db, actor.communeId);
  return { maxAttachments: settings.maxAttachments, attachmentMaxBytes: settings.attachmentMaxBytes, mapBounds: settings.mapBounds };
}

interface CreateOptions {
  channel: CaseChannel;
  submitterUserId: string | null;
  files: readonly UploadedFile[];
  requestId: string | null;
  receivedAt?: string;
  isStaffEntry?: boolean;
  open311Client?: { id: string; name: string } | null;
  addressId?: string | null;
  mediaUrl?: string | null;
  /** The language of the resident's messages: the request's for their own submission, the officer's choice for a staff entry. */
  locale?: Locale;
}

async function createCase(ctx: AppContext, actor: Actor | null, data: SubmitCase, options: CreateOptions): Promise<SubmitCaseResult & { assignedUnit: { id: string; name: string } | null }> {
  const kind = data.kind as CaseKind;
  const policy = getCaseKindPolicy(kind);
  const errors: FieldError[] = [];
  const found = await categoryWithReference(ctx, data.categoryId);
  if (!found || found.category.is_active !== 1) throw validationFailed([{ field: 'categoryId', messageKey: 'cases.errors.categoryUnknown' }]);
  const { category, reference } = found;
  const communeId = category.commune_id;
  if (options.isStaffEntry && actor && actor.communeId !== communeId) throw forbidden();
  if (!(JSON.parse(category.kinds) as string[]).includes(kind)) errors.push({ field: 'kind', messageKey: 'cases.errors.kindNotInCategory' });
  if (data.areaId && !reference.areas.some((area) => area.id === data.areaId && area.isActive)) errors.push({ field: 'areaId', messageKey: 'cases.errors.areaUnknown' });
  if (!isPrivacyChoiceAllowed(kind, data.privacy)) errors.push({ field: 'privacy', messageKey: 'cases.errors.privacyNotAllowed' });

  // LAW-DENUNC-04: anonymous corruption reports never ask for identity — anything sent is dropped.
  const isAnonymous = !policy.isIdentityAsked || data.privacy === 'anonymous';
  const identity = isAnonymous
    ? {}
    : {
        fullName: data.submitter?.fullName || (actor?.kind === 'resident' ? actor.displayName : null),
        address: data.submitter?.address || null,
        phone: data.submitter?.phone || null,
        email: data.submitter?.email || null,
        idNumber: data.submitter?.idNumber || null,
      };
  if (!isAnonymous) {
    // LAW-PAKN-03, LAW-COMPLAINT-01, LAW-DENUNC-01: required identity fields per kind.
    for (const field of findMissingIdentityFields(kind, data.privacy, identity)) {
      errors.push({ field: field === 'contact' ? 'submitter.phone' : `submitter.${field}`, messageKey: field === 'contact' ? 'cases.errors.contactRequired' : 'errors.field.required' });
    }
    if (identity.phone && !normaliseVietnamesePhone(identity.phone)) errors.push({ field: 'submitter.phone', messageKey: 'cases.errors.phoneInvalid' });
  }
  if ((data.latitude == null) !== (data.longitude == null)) errors.push({ field: data.latitude == null ? 'latitude' : 'longitude', messageKey: 'cases.errors.coordinatesPair' });
  const { commune, settings } = reference;
  // The commune's box (setting `mapBounds`) holds for every channel, as the portal's field checks it.
  if (data.latitude != null && data.longitude != null && !isInsideBounds({ latitude: data.latitude, longitude: data.longitude }, settings.mapBounds)) {
    const box = settings.mapBounds;
    errors.push({ field: 'latitude', messageKey: 'cases.errors.pointOutsideArea', params: { south: String(box.south), north: String(box.north), west: String(box.west), east: String(box.east) } });
  }
  if (errors.length > 0) throw validationFailed(errors);

  if (!commune) throw validationFailed([{ field: 'categoryId', messageKey: 'cases.errors.categoryUnknown' }]);
  const prepared = await prepareAttachments(options.files, settings);

  const now = ctx.clock();
  const nowIso = now.toISOString();
  const receivedAt = options.receivedAt ? new Date(options.receivedAt) : now;
  const calendar = await cachedWorkingCalendar(ctx.db, communeId);
  const overrides = category.deadline_overrides ? (JSON.parse(category.deadline_overrides) as CategoryDeadlineOverride[]).map((override) => Object.assign(override, { categoryId: category.id })) : [];
  const ruleRef = resolveRuleRef({ rules: deadlineRulesOf(settings), overrides, kind, categoryId: category.id, receivedAt });
  const submitterUserId = kind === 'corruption_report' ? null : options.submitterUserId;
  const isSealed = isSealedKind(kind);
  const phone = identity.phone ? normaliseVietnamesePhone(identity.phone) : null;
  const accessToken = submitterUserId === null ? Buffer.from(pooledRandomBytes(24)).toString('base64url') : null;
  const storage = blobStorageOf(ctx);
  const keys = await storeAttachmentBlobs(storage, communeId, prepared);

  try {
    const caseId = newId();
    // Routed to the category's unit, unless that is a supervising body (a category saved before they were
    // refused): supervisors never hold a case (LAW-BASE-13); the leader assigns it instead.
    const routedUnit = reference.units.find((unit) => unit.id === category.default_unit_id);
    const state = createCaseState({ id: caseId, kind, submitterUserId, receivedAt, assignedUnitId: routedUnit && !isSupervisorUnit(routedUnit) ? routedUnit.id : null });
    const deadlines = computeCaseDeadlines(state, ruleRef, calendar, now);
    // LAW-DENUNC-11/12: a denouncer's identity lives only in the vault, bound to this case id.
    const sealedIdentity =
      isSealed && !isAnonymous
        ? ctx.services.get<FieldVault>('vault').seal(JSON.stringify({ fullName: identity.fullName ?? null, address: identity.address ?? null, email: identity.email ?? null, phone, idNumber: identity.idNumber ?? null }), caseId)
        : null;
    const isPlain = !isSealed && !isAnonymous;
    // Sealed kinds only (LAW-DENUNC-12): always set for them, even when nothing was cut, since a null
    // masked text on a sealed case means "not computed yet" to the search and the backfill job.
    // '' when no name was declared: known to have none, so the backfill job never opens this identity.
    const sealedName = isSealed && !isAnonymous ? sealedNameDigest(ctx, identity.fullName) : null;
    const knownName = knownSealedName(ctx, sealedName);
    const maskedDescription = isSealed ? withoutPersonalData(data.description, knownName) : null;
    // Grouped with concurrent submissions into one durable commit (one fsync) on SQLite.
    const code = await durableWrite(ctx.db, ctx.dialect, async (tx) => {
      const itemWithCode = (code: string) => ({
        commune_id: communeId,
        id: caseId,
        code,
        attachment_count: prepared.length,
        kind,
        category_id: category.id,
        area_id: data.areaId ?? null,
        channel: options.channel,
        privacy: data.privacy,
        status: state.status,
        title: data.title,
        description: data.description,
        // Never identity: search must not find a denouncer by name (LAW-DENUNC-11).
        search_text: foldVietnamese([code, data.title, data.description, data.address ?? ''].join(' ')),
        // LAW-DENUNC-12: what those who may not open the identity search (the masked description).
        masked_search_text: maskedDescription === null ? null : maskedSearchTextOf({ code, title: withoutPersonalData(data.title, knownName), maskedDescription, address: data.address ?? null }),
        address: data.address ?? null,
        address_id: options.addressId ?? null,
        media_url: options.mediaUrl ?? null,
        sealed_name_digest: sealedName,
        // Six decimals (about 0.1 m) from every channel, as the portal's field reads them.
        latitude: data.latitude == null ? null : roundCoordinate(data.latitude),
        longitude: data.longitude == null ? null : roundCoordinate(data.longitude),
        submitter_user_id: submitterUserId,
        submitter_name: isPlain ? (identity.fullName ?? null) : null,
        submitter_email: isPlain ? (identity.email ?? null) : null,
        submitter_phone: isPlain ? phone : null,
        submitter_address: isPlain ? (identity.address ?? null) : null,
        wants_notifications: data.wantsNotifications === false ? 0 : 1,
        locale: options.locale ?? 'vi',
        sealed_identity: sealedIdentity,
        access_secret_hash: accessToken ? sha256Hex(accessToken) : null,
        assigned_unit_id: state.assignedUnitId,
        assigned_officer_id: null,
        state: serialiseState(state),
        rule_ref: JSON.stringify(ruleRef),
        acceptance_due_at: deadlines.acceptance?.dueAt.toISOString() ?? null,
        due_at: deadlines.resolution?.dueAt.toISOString() ?? null,
        step_due_at: null,
        is_overdue: 0,
        answered_at: null,
        closed_at: null,
        rating_score: null,
        rating_comment: null,
        reopened_count: 0,
        merged_into_case_id: null,
        answer_draft: null,
        answer_text: null,
        answer_approved_by: null,
        qa_published_at: null,
        qa_question: null,
        qa_answer: null,
        qa_search_text: null,
        received_at: receivedAt.toISOString(),
        created_at: nowIso,
        updated_at: nowIso,
        version: 0,
      });
      // A tracking code already taken is drawn again inside this transaction: nothing was written.
      let item!: ReturnType<typeof itemWithCode>;
      const code = await claimTrackingCode(
        (randomLength) => generateTrackingCode(commune.trackingPrefix, receivedAt, pooledRandomBytes(4), randomLength),
        (candidate) => repository.insertCaseUnlessCodeTaken(tx, (item = itemWithCode(candidate))),
      );
      // Public only when the submitter chose to be named publicly and the kind is not sealed.
      const attachmentRows = prepared.map((attachment) =>
        attachmentRow(attachment, { communeId, caseId }, { isPublic: attachment.isImage && data.privacy === 'public_name' && !isSealed, uploadedBy: actor?.userId ?? null, createdAt: nowIso }),
      );
      for (const attachment of attachmentRows) await repository.insertAttachment(tx, attachment);
      await recordCaseEvent(tx, {
        communeId,
        caseId,
        code,
        kind,
        event: 'cases.case.received',
        actorUserId: actor?.userId ?? null,
        isPublic: true,
        // The status this event reports: the receipt says "received" even when the job runs after later steps.
        payload: { channel: options.channel, categoryId: category.id, attachmentCount: prepared.length, toStatus: state.status },
        shouldNotifySubmitter: kind !== 'corruption_report',
        // When the resident spoke (a letter or call entered later keeps its day); the audit row keeps the entry time.
        at: receivedAt.toISOString(),
      });
      // The public status read model, from the values just written (public-status.ts).
      await writePublicStatus(tx, item, buildPublicStatusBody(item, state, deadlines, [{ at: receivedAt.toISOString(), event: 'cases.case.received', public_note: null }], attachmentRows), reference, nowIso);
      await appendAudit(tx, ctx.dialect, {
        communeId,
        actor: actor ? { userId: actor.userId, grants: actor.grants } : null,
        action: options.isStaffEntry ? 'cases.case.entered' : 'cases.case.submitted',
        entityType: 'case',
        entityId: caseId,
        // An Open311 submission has no user actor: the partner client (id and name, never the key) says who sent it.
        details: { kind, channel: options.channel, attachments: prepared.length, ...(options.open311Client ? { open311Client: options.open311Client } : {}) },
        requestId: options.requestId,
        at: nowIso,
      });
      return code;
    });
    return {
      id: caseId,
      code,
      accessToken,
      status: state.status,
      receivedAt: receivedAt.toISOString(),
      acceptanceDueAt: deadlines.acceptance?.dueAt.toISOString() ?? null,
      dueAt: deadlines.resolution?.dueAt.toISOString() ?? null,
      attachmentCount: prepared.length,
      assignedUnit: reference.units.find((unit) => unit.id === state.assignedUnitId) ?? null,
    };
  } catch (error) {
    await deleteBlobsQuietly(storage, keys);
    throw error;
  }
}
