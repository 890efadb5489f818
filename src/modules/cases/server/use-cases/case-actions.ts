/**
 * Lifecycle actions. Every action goes through the pure domain `transition()`; the new state,
 * timeline rows, outbox events and the audit row commit in ONE transaction, guarded by `version`
 * (optimistic concurrency: a stale write gets 409, never a silent overwrite).
 */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import { findStaffByUnit } from '../../../../core/auth/index.js';
import type { Actor } from '../../../../core/auth/roles.js';
import { endOfLocalDay, toLocalDate } from '../../../../core/calendar/index.js';
import { loadWorkingCalendar } from '../../../../core/calendar/store.js';
import type { AppContext } from '../../../../core/context.js';
import { conflict, DomainError, forbidden, invalidState, notFound, unauthenticated, validationFailed, type FieldError } from '../../../../core/contract/errors.js';
import { newId } from '../../../../core/contract/ids.js';
import { inTransaction, type Tx } from '../../../../core/db/database.js';
import { findUnitById, isSupervisorUnit } from '../../../../core/tenancy/index.js';
import type { CaseActionInput, RateCase, ReopenCase, WithdrawCase } from '../../contract.js';
import * as repository from '../../db/repository.js';
import {
  checkExtension,
  complaintVariantOf,
  isCloseDue,
  refusalGroundsFor,
  transferDiscardsDraft,
  transition,
  type DeadlineVariant,
  type IdentityField,
  type PrivacyChoice,
  type CaseAction,
  type CaseActor,
  type CaseKind,
  type CaseState,
  type CategoryDeadlineOverride,
  type DeadlineRule,
  type TransitionFailure,
} from '../../domain/index.js';
import { caseActorsOf, computeCaseDeadlines, computeStepDeadline, computeTransferDeadline, parseRuleRef, parseState, resolveRuleRef, serialiseState, type RuleRef } from '../case-record.js';
import { deadlineRulesOf, lifecycleSettingsOf, loadCaseModuleSettings } from '../settings.js';
import { canSeeCase, findCaseByAnyCode, isSealedKind, recordCaseEvent, sha256Hex, SUBMITTER_EVENTS } from './shared.js';
import { refreshPublicStatus } from './public-status.js';
import { withdrawalActionOf } from './record-withdrawal.js';

const failureErrors: Record<TransitionFailure, () => DomainError> = {
  invalid_transition: () => invalidState('cases.errors.invalidTransition'),
  forbidden: () => forbidden('cases.errors.actionForbidden'),
  not_allowed_for_kind: () => invalidState('cases.errors.notAllowedForKind'),
  invalid_argument: () => validationFailed([], 'cases.errors.invalidArgument'),
  reopen_window_expired: () => invalidState('cases.errors.reopenWindowExpired'),
  reopen_limit_reached: () => invalidState('cases.errors.reopenLimitReached'),
  too_early_to_close: () => invalidState('cases.errors.tooEarlyToClose'),
  extension_not_allowed: () => invalidState('cases.errors.extensionNotAllowed'),
  // The kind change is refused on the form's `kind` field, with the reason in words.
  reclassify_from_sealed: () => validationFailed([{ field: 'kind', messageKey: 'cases.errors.reclassifyFromSealed' }]),
  reclassify_to_sealed: () => validationFailed([{ field: 'kind', messageKey: 'cases.errors.reclassifyToSealed' }]),
  reclassify_identity_missing: () => validationFailed([{ field: 'kind', messageKey: 'cases.errors.reclassifyIdentityMissing' }]),
};

/** Domain actions that are worth a line on the public status page. */
const PUBLIC_ACTIONS = new Set(['accept', 'refuse', 'assign', 'startWork', 'forward', 'requestInformation', 'receiveInformation', 'extendDeadline', 'publishAnswer', 'rate', 'reopen', 'withdraw', 'recordWithdrawal', 'merge', 'close', 'reclassify', 'transferOut', 'decideComplexity']);

export interface ApplyInput {
  row: repository.CaseRow;
  action: CaseAction;
  candidates: CaseActor[];
  /** Extra column changes (answer text, rating…) applied with the new state. */
  extraPatch?: (state: CaseState) => Record<string, unknown>;
  ruleRef?: RuleRef;
  publicNote?: string | null;
  internalNote?: string | null;
  /** The internal note of a staff-only consequence line (the text of a draft a transfer out discarded). */
  consequenceNote?: string | null;
  /** Whether the timeline line is public; by default the action's (PUBLIC_ACTIONS). */
  isPublic?: boolean;
  /** Facts of the action kept on the timeline row and in the audit details (no personal data). */
  details?: Record<string, unknown>;
  /** Submitter pseudo-id used for token holders of anonymous cases (restored to null afterwards). */
  pseudoSubmitterId?: string;
  auditActor: Actor | null;
  requestId?: string | null;
  afterWrite?: (tx: Tx, next: CaseState, now: string) => Promise<void>;
}

/** Run one transition for the first acting capacity the state machine accepts, and persist it. */
export async function applyTransition(ctx: AppContext, tx: Tx, input: ApplyInput): Promise<CaseState> {
  const { row, action } = input;
  const now = ctx.clock();
  const nowIso = now.toISOString();
  const settings = await loadCaseModuleSettings(tx, row.commune_id);
  const ruleRef = input.ruleRef ?? parseRuleRef(row.rule_ref);
  let state = parseState(row.state);
  if (input.pseudoSubmitterId) state = { ...state, submitterUserId: input.pseudoSubmitterId };
  let lastFailure: TransitionFailure = 'forbidden';
  let result: ReturnType<typeof transition> | null = null;
  for (const candidate of input.candidates) {
    const attempt = transition(state, action, { now, actor: candidate, settings: lifecycleSettingsOf(settings), deadlineRule: ruleRef.resolution, acceptanceRule: ruleRef.acceptance });
    if (attempt.ok) {
      result = attempt;
      break;
    }
    // Prefer the most informative failure: anything beats "forbidden" from a capacity that does not apply.
    if (lastFailure === 'forbidden') lastFailure = attempt.reason;
  }
  if (!result || !result.ok) throw failureErrors[lastFailure]();
  let next = result.state;
  if (input.pseudoSubmitterId) next = { ...next, submitterUserId: null };
  const calendar = await loadWorkingCalendar(tx, row.commune_id, ctx.clock);
  const deadlines = computeCaseDeadlines(next, ruleRef, calendar, now);
  const isOpen = (repository.OPEN_STATUSES as readonly string[]).includes(next.status);
  const dueAt = deadlines.resolution?.dueAt.toISOString() ?? null;
  const acceptanceDueAt = deadlines.acceptance?.dueAt.toISOString() ?? null;
  // Overdue: the resolution deadline passed, or a case still `received` missed its acceptance deadline (LAW-DENUNC-02).
  const isPastDeadline = (dueAt !== null && dueAt < nowIso) || (next.status === 'received' && acceptanceDueAt !== null && acceptanceDueAt < nowIso);
  const patch = {
    status: next.status,
    state: serialiseState(next),
    rule_ref: JSON.stringify(ruleRef),
    assigned_unit_id: next.assignedUnitId,
    assigned_officer_id: next.assignedOfficerId,
    acceptance_due_at: acceptanceDueAt,
    due_at: dueAt,
    // Recounted from the step's days on today's calendar (issue 3 points 4 and 5); an older step keeps its stored date.
    step_due_at: (computeStepDeadline(next, calendar, now)?.dueAt ?? next.stepDeadline)?.toISOString() ?? null,
    is_overdue: isOpen && next.status !== 'awaiting_information' && isPastDeadline ? 1 : 0,
    answered_at: next.answeredAt?.toISOString() ?? null,
    closed_at: next.closedAt?.toISOString() ?? null,
    rating_score: next.rating?.score ?? null,
    rating_comment: next.rating?.comment ?? null,
    reopened_count: next.reopenedCount,
    merged_into_case_id: next.mergedIntoCaseId,
    updated_at: nowIso,
    ...(input.extraPatch?.(next) ?? {}),
  };
  if (!(await repository.updateCaseVersioned(tx, row.commune_id, row.id, row.version, patch))) throw conflict('cases.errors.staleVersion');
  const notifiable = row.kind !== 'corruption_report'; // LAW-DENUNC-04: no notifications for anonymous information.
  for (const event of result.events) {
    // A consequence recorded for staff only (a draft discarded by a transfer out): the action's notes stay on its own line.
    const isInternal = event.isInternal === true;
    await recordCaseEvent(tx, {
      communeId: row.commune_id,
      caseId: row.id,
      code: row.code,
      kind: row.kind,
      event: event.name,
      actorUserId: input.auditActor?.userId ?? null,
      isPublic: isInternal ? false : (input.isPublic ?? PUBLIC_ACTIONS.has(action.type)),
      publicNote: isInternal ? null : (input.publicNote ?? null),
      internalNote: isInternal ? (input.consequenceNote ?? null) : (input.internalNote ?? null),
      // The deadlines the event left (an extension's message names the new one, LAW-DENUNC-06).
      payload: { fromStatus: row.status, toStatus: next.status, action: action.type, assignedUnitId: next.assignedUnitId, assignedOfficerId: next.assignedOfficerId, dueAt, acceptanceDueAt, ...(input.details ?? {}) },
      shouldNotifySubmitter: notifiable && SUBMITTER_EVENTS.includes(event.name),
      at: nowIso,
    });
  }
  await input.afterWrite?.(tx, next, nowIso);
  await refreshPublicStatus(ctx, tx, row.commune_id, row.id, { calendar });
  await appendAudit(tx, ctx.dialect, {
    communeId: row.commune_id,
    actor: input.auditActor ? { userId: input.auditActor.userId, grants: input.auditActor.grants } : null,
    action: `cases.case.${action.type}`,
    entityType: 'case',
    entityId: row.id,
    details: { fromStatus: row.status, toStatus: next.status, ...(input.details ?? {}) },
    requestId: input.requestId ?? null,
    at: nowIso,
  });
  return next;
}

/** A staff action on a case (officer or leader). Returns the new status and version. */
export async function applyCaseAction(ctx: AppContext, actor: Actor, caseId: string, input: CaseActionInput, requestId?: string | null): Promise<{ status: string; version: number }> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await repository.findCaseById(tx, actor.communeId, caseId);
    if (!row || !canSeeCase(actor, row)) throw notFound('cases.errors.notFound');
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) throw conflict('cases.errors.staleVersion');
    const candidates = caseActorsOf(actor, row.commune_id).filter((candidate) => candidate.role !== 'resident');
    const state = parseState(row.state);
    let action: CaseAction;
    let ruleRef: RuleRef | undefined;
    let publicNote: string | null = null;
    let internalNote: string | null = null;
    let extraPatch: ApplyInput['extraPatch'];
    let afterWrite: ApplyInput['afterWrite'];
    let isPublic: boolean | undefined;
    let details: Record<string, unknown> | undefined;
    let consequenceNote: string | null = null;
    // A refused extension said on the field to correct, once the state machine refused it as beyond the rule.
    let extensionFieldError: DomainError | null = null;
    switch (input.type) {
      case 'refuse': {
        const ground = refusalGroundsFor(row.kind as CaseKind).find((candidate) => candidate.code === input.ground);
        if (!ground) throw validationFailed([{ field: 'ground', messageKey: 'cases.errors.refusalGroundUnknown' }]);
        action = { type: 'refuse', ground: input.ground, ...(input.note ? { note: input.note } : {}) };
        publicNote = ground.labelVi;
        internalNote = input.note ?? null;
        // LAW-DENUNC-02, LAW-COMPLAINT-05: the submitter's message names the ground (the note stays internal).
        details = { ground: ground.code };
        break;
      }
      case 'assign': {
        await checkHandlingUnit(tx, row.commune_id, input.unitId, 'unitId');
        if (input.officerId) {
          // The same list the assign form offers (GET /api/v1/cases/assignees): officers and leaders of the unit.
          const assignees = await findStaffByUnit(tx, row.commune_id, input.unitId);
          if (!assignees.some((assignee) => assignee.id === input.officerId)) throw validationFailed([{ field: 'officerId', messageKey: 'cases.errors.officerUnknown' }]);
        }
        action = { type: 'assign', unitId: input.unitId, officerId: input.officerId ?? null };
        break;
      }
      case 'forward': {
        await checkHandlingUnit(tx, row.commune_id, input.toUnitId, 'toUnitId');
        // Forwarding to the unit that holds it would only drop its officer.
        if (input.toUnitId === row.assigned_unit_id) throw validationFailed([{ field: 'toUnitId', messageKey: 'cases.errors.forwardSameUnit' }]);
        const calendar = await loadWorkingCalendar(tx, row.commune_id, ctx.clock);
        const stepDeadline = endOfLocalDay(calendar.addWorkingDays(toLocalDate(ctx.clock()), input.stepDays));
        action = { type: 'forward', toUnitId: input.toUnitId, stepDeadline, stepDays: input.stepDays };
        break;
      }
      case 'requestInformation':
        action = { type: 'requestInformation', note: input.note };
        publicNote = input.note;
        break;
      case 'receiveInformation':
        action = { type: 'receiveInformation' };
        internalNote = input.note ?? null;
        break;
      case 'direct':
        action = { type: 'direct', note: input.note };
        internalNote = input.note;
        break;
      case 'extendDeadline': {
        ruleRef = parseRuleRef(row.rule_ref);
        if (input.complexity && ruleRef.variant !== input.complexity) {
          // LAW-COMPLAINT-08 / LAW-DENUNC-06: the written complexity determination selects the rule variant in force at receipt.
          const resolution = (await rulesFor(tx, row, row.kind as CaseKind, row.category_id, state.receivedAt, input.complexity)).resolution;
          ruleRef = { ...ruleRef, variant: input.complexity, resolution };
        }
        action = { type: 'extendDeadline', amount: input.amount, unit: input.unit, reason: input.reason, ...(input.decisionRef ? { decisionRef: input.decisionRef } : {}) };
        publicNote = input.reason;
        extensionFieldError = await extensionRefusalOnField(tx, row, state, ruleRef, input);
        break;
      }
      case 'draftAnswer':
        action = { type: 'draftAnswer' };
        extraPatch = () => ({ answer_draft: input.text });
        break;
      case 'rejectDraft':
        action = { type: 'rejectDraft', reason: input.reason };
        internalNote = input.reason;
        break;
      case 'recallDraft':
        // The draft text (answer_draft) is left as it is: the officer corrects it and sends it again.
        action = { type: 'recallDraft', ...(input.reason ? { reason: input.reason } : {}) };
        internalNote = input.reason || null;
        break;
      case 'approveAnswer':
        action = { type: 'approveAnswer' };
        extraPatch = () => ({ answer_approved_by: actor.userId });
        break;
      case 'publishAnswer':
        if (!row.answer_draft) throw invalidState('cases.errors.noDraft');
        action = { type: 'publishAnswer' };
        extraPatch = () => ({ answer_text: row.answer_draft });
        break;
      case 'merge': {
        const target = await findCaseByAnyCode(tx, input.intoCode);
        // A case the actor may not see is "unknown" like a code that does not exist: its state and kind are not told.
        if (!target || target.commune_id !== row.commune_id || target.id === row.id || !canSeeCase(actor, target)) throw validationFailed([{ field: 'intoCode', messageKey: 'cases.errors.mergeTargetUnknown' }]);
        if (!(repository.OPEN_STATUSES as readonly string[]).includes(target.status)) throw validationFailed([{ field: 'intoCode', messageKey: 'cases.errors.mergeTargetClosed' }]);
        // Duplicates are the same request twice: the merged case's submitter and followers get the
        // target's news from then on, so never across kinds (feedback into a denunciation).
        if (target.kind !== row.kind) throw validationFailed([{ field: 'intoCode', messageKey: 'cases.errors.mergeKindDiffers' }]);
        action = { type: 'merge', intoCaseId: target.id };
        publicNote = target.code;
        // The target's status at the merge: its followers' message describes that, not a later state.
        details = { intoStatus: target.status };
        afterWrite = async (writeTx, _next, now) => {
          await copyFollowers(writeTx, row, target, now);
          await recordMergedIn(ctx, writeTx, row, target, actor, now);
        };
        break;
      }
      case 'recordWithdrawal': {
        const now = ctx.clock();
        action = withdrawalActionOf(input, row, state, { now, today: toLocalDate(now), settings: lifecycleSettingsOf(await loadCaseModuleSettings(tx, row.commune_id)) });
        const isContinued = row.kind === 'denunciation' && input.continueHandling === true;
        // A denunciation that must still be resolved says nothing new to the public (LAW-DENUNC-08, -11).
        isPublic = !isContinued;
        internalNote = [input.description, input.reason].filter((part) => part && part.trim() !== '').join(' — ') || null;
        details = { scope: input.scope, receivedOn: input.receivedOn, channel: input.channel, ...(row.kind === 'denunciation' ? { continueHandling: isContinued } : {}) };
        break;
      }
      case 'reclassify': {
        const toKind = input.kind as CaseKind;
        if (toKind === row.kind && input.categoryId === row.category_id) throw validationFailed([{ field: 'categoryId', messageKey: 'cases.errors.reclassifyUnchanged' }]);
        const category = await repository.findCategoryById(tx, input.categoryId);
        if (!category || category.commune_id !== row.commune_id || category.is_active !== 1) throw validationFailed([{ field: 'categoryId', messageKey: 'cases.errors.categoryUnknown' }]);
        if (!(JSON.parse(category.kinds) as string[]).includes(toKind)) throw validationFailed([{ field: 'categoryId', messageKey: 'cases.errors.kindNotInCategory' }]);
        // The same kind keeps a complaint's complexity determination; a new kind starts from its standard rule.
        const previous = parseRuleRef(row.rule_ref);
        const variant = toKind === row.kind ? previous.variant : 'standard';
        const resolved = await rulesFor(tx, row, toKind, category.id, state.receivedAt, variant);
        const nowIso = ctx.clock().toISOString();
        // LAW-BASE-07: still the rule versions in force on the receipt date, for the new kind and category.
        ruleRef = { variant, acceptance: resolved.acceptance, resolution: resolved.resolution, reclassifiedAt: nowIso, variantDecidedAt: toKind === row.kind ? (previous.variantDecidedAt ?? null) : null };
        action = { type: 'reclassify', toKind, reason: input.reason, privacy: row.privacy as PrivacyChoice, providedIdentity: identityFieldsOf(row), defaultUnitId: await handlingUnitIdOf(tx, row.commune_id, category.default_unit_id) };
        extraPatch = () => ({ kind: toKind, category_id: category.id });
        internalNote = input.reason;
        details = { fromKind: row.kind, toKind, fromCategoryId: row.category_id, toCategoryId: category.id };
        break;
      }
      case 'transferOut': {
        const calendar = await loadWorkingCalendar(tx, row.commune_id, ctx.clock);
        const settings = await loadCaseModuleSettings(tx, row.commune_id);
        const transferDue = computeTransferDeadline(state, deadlineRulesOf(settings), calendar, ctx.clock());
        const transferDueAt = transferDue?.dueAt ?? null;
        action = { type: 'transferOut', bodyName: input.bodyName, transferDueAt, ...(input.letterRef ? { letterRef: input.letterRef } : {}), ...(input.note ? { note: input.note } : {}) };
        // The resident sees where the case went (LAW-PAKN-04, LAW-DENUNC-03); the note stays internal.
        publicNote = input.bodyName;
        internalNote = input.note ?? null;
        details = { bodyName: input.bodyName, letterRef: input.letterRef ?? null, transferDueAt: transferDueAt?.toISOString() ?? null, isLate: transferDueAt !== null && ctx.clock().getTime() > transferDueAt.getTime() };
        if (transferDiscardsDraft(state)) {
          // The answer drafted (or approved) for the commune is never sent: it leaves the case, so
          // nothing can approve or publish it later; the timeline gets an internal `draft_discarded` line.
          // Its text stays on the record, for staff only, as the internal note of that line (LAW-PAKN-04).
          details.discardedDraft = true;
          consequenceNote = row.answer_draft;
          extraPatch = () => ({ answer_draft: null, answer_approved_by: null });
        }
        break;
      }
      case 'decideComplexity': {
        // LAW-COMPLAINT-07/08: the written determination selects the 30 / 45 / 45 / 60-day rule in force at receipt.
        const variant = complaintVariantOf(input.isComplex, input.isRemoteArea);
        const previous = parseRuleRef(row.rule_ref);
        const resolution = (await rulesFor(tx, row, row.kind as CaseKind, row.category_id, state.receivedAt, variant)).resolution;
        ruleRef = { variant, acceptance: previous.acceptance, resolution, reclassifiedAt: previous.reclassifiedAt ?? null, variantDecidedAt: ctx.clock().toISOString() };
        action = { type: 'decideComplexity', isComplex: input.isComplex, isRemoteArea: input.isRemoteArea, reason: input.reason, ...(input.decisionRef ? { decisionRef: input.decisionRef } : {}) };
        internalNote = input.reason;
        details = { isComplex: input.isComplex, isRemoteArea: input.isRemoteArea, variant, decisionRef: input.decisionRef ?? null };
        break;
      }
      default:
        action = { type: input.type } as CaseAction;
    }
    let next: CaseState;
    try {
      next = await applyTransition(ctx, tx, { row, action, candidates, ruleRef, publicNote, internalNote, consequenceNote, isPublic, details, extraPatch, afterWrite, auditActor: actor, requestId });
    } catch (error) {
      // Only once the state machine has refused it as beyond the rule (a wrong status or role keeps its own answer).
      if (extensionFieldError && error instanceof DomainError && error.messageKey === 'cases.errors.extensionNotAllowed') throw extensionFieldError;
      throw error;
    }
    return { status: next.status, version: row.version + 1 };
  });
}

/**
 * An extension beyond the rule, refused on the field the leader can correct (LAW-DENUNC-02,
 * LAW-DENUNC-06): an amount over the rule's cap per extension (`amount`, with the cap, its unit and
 * legal reference), the wrong unit (`unit`), or a denunciation extended without the written
 * complexity determination its standard period needs (`complexity`: only the complex and especially
 * complex variants allow one). Null when the refusal is not about the request's fields (every
 * extension the rule allows already used, or none allowed for the kind): that stays a 409.
 */
async function extensionRefusalOnField(tx: Tx, row: repository.CaseRow, state: CaseState, ruleRef: RuleRef, input: Extract<CaseActionInput, { type: 'extendDeadline' }>): Promise<DomainError | null> {
  const isAcceptance = state.status === 'received';
  const rule = isAcceptance ? ruleRef.acceptance : ruleRef.resolution;
  if (!rule) return null;
  const used = isAcceptance ? state.acceptanceExtensions : state.extensions;
  const proposed = { amount: input.amount, unit: input.unit };
  const fieldErrors = (checked: DeadlineRule): FieldError[] => {
    const check = checkExtension(checked, used, proposed);
    const cap = checked.extension;
    if (check.allowed || !cap) return [];
    if (check.reason === 'amount_too_large') return [{ field: 'amount', messageKey: `cases.errors.extensionAmountTooLarge.${cap.unit}`, params: { max: cap.maxAmountEach, legalRef: checked.legalRef } }];
    if (check.reason === 'unit_mismatch') return [{ field: 'unit', messageKey: `cases.errors.extensionUnitMismatch.${cap.unit}` }];
    return [];
  };
  const check = checkExtension(rule, used, proposed);
  if (check.allowed) return null;
  if (check.reason === 'no_extension_allowed' && !isAcceptance && row.kind === 'denunciation' && !input.complexity && ruleRef.variant === 'standard') {
    // LAW-DENUNC-06: the standard period has no extension; the complex variant allows one (its cap said too, if exceeded).
    const complex = (await rulesFor(tx, row, 'denunciation', row.category_id, state.receivedAt, 'complex')).resolution;
    if (complex?.extension && checkExtension(complex, used).allowed) return validationFailed([{ field: 'complexity', messageKey: 'cases.errors.extensionNeedsComplexity' }, ...fieldErrors(complex)]);
  }
  const errors = fieldErrors(rule);
  return errors.length > 0 ? validationFailed(errors) : null;
}

/**
 * A case goes only to a unit of the commune that handles cases: never to a supervising body (the
 * Fatherland Front, the People's Inspection Board), which only reads, notes and flags (LAW-BASE-13).
 */
async function checkHandlingUnit(tx: Tx, communeId: string, unitId: string, field: 'unitId' | 'toUnitId'): Promise<void> {
  const unit = await findUnitById(tx, communeId, unitId);
  if (!unit) throw validationFailed([{ field, messageKey: 'cases.errors.unitUnknown' }]);
  if (isSupervisorUnit(unit)) throw validationFailed([{ field, messageKey: 'cases.errors.unitSupervisory' }]);
}

/** A category's default unit when it may receive the case: never a supervising body (LAW-BASE-13), whatever older data says. */
async function handlingUnitIdOf(tx: Tx, communeId: string, unitId: string | null): Promise<string | null> {
  const unit = unitId ? await findUnitById(tx, communeId, unitId) : undefined;
  return unit && !isSupervisorUnit(unit) ? unit.id : null;
}

/** The acceptance and resolution rules for a kind and category, in force on the receipt date (LAW-BASE-07). */
async function rulesFor(tx: Tx, row: repository.CaseRow, kind: CaseKind, categoryId: string, receivedAt: Date, variant: DeadlineVariant): Promise<RuleRef> {
  const category = await repository.findCategoryById(tx, categoryId);
  const overrides = category?.deadline_overrides ? (JSON.parse(category.deadline_overrides) as CategoryDeadlineOverride[]).map((override) => Object.assign(override, { categoryId })) : [];
  const settings = await loadCaseModuleSettings(tx, row.commune_id);
  return resolveRuleRef({ rules: deadlineRulesOf(settings), overrides, kind, categoryId, receivedAt, variant });
}

/** Which identity fields a case holds in plain (never their values): what a new kind's rules are checked against. */
function identityFieldsOf(row: repository.CaseRow): IdentityField[] {
  const has = (value: string | null) => value !== null && value.trim() !== '';
  return [
    ...(has(row.submitter_name) ? (['fullName'] as const) : []),
    ...(has(row.submitter_address) ? (['address'] as const) : []),
    ...(has(row.submitter_phone) || has(row.submitter_email) || has(row.submitter_address) ? (['contact'] as const) : []),
  ];
}

/**
 * The other side of a merge, on the case that carries on: a timeline line saying which case was merged
 * into it, so its readers (and the followers who came along) see why. The line is public with the merged
 * case's code, except on a sealed kind, where it is for staff only: a denouncer is not told of another
 * denunciation of the same conduct nor given its code (LAW-DENUNC-11; public-status.ts hides the code on
 * both sides). The target's version moves, so a write racing on it conflicts instead of storing a public
 * view without this line, and its public view is re-rendered in the same transaction.
 */
async function recordMergedIn(ctx: AppContext, tx: Tx, source: repository.CaseRow, target: repository.CaseRow, actor: Actor, now: string): Promise<void> {
  if (!(await repository.updateCaseVersioned(tx, target.commune_id, target.id, target.version, { updated_at: now }))) throw conflict('cases.errors.staleVersion');
  const isSealed = isSealedKind(target.kind);
  await repository.insertTimeline(tx, {
    commune_id: target.commune_id,
    id: newId(),
    case_id: target.id,
    at: now,
    event: 'cases.case.merged_in',
    actor_user_id: actor.userId,
    is_public: isSealed ? 0 : 1,
    public_note: isSealed ? null : source.code,
    internal_note: isSealed ? source.code : null,
    payload: JSON.stringify({ fromCaseId: source.id, fromStatus: source.status }),
  });
  await refreshPublicStatus(ctx, tx, target.commune_id, target.id);
}

/**
 * Duplicates: the submitter and followers of the merged case follow the target from now on, each
 * address once. A confirmed follower's consent comes along: copied, or their pending row on the
 * target counts as confirmed. A follow still waiting for its confirmation (LAW-PDP-05) moves to the
 * target with its id, so its mailed link confirms the target's news (follow-case.ts); if the address
 * already has a row on the target it stays behind, and confirming it confirms that row instead.
 */
async function copyFollowers(tx: Tx, source: repository.CaseRow, target: repository.CaseRow, now: string): Promise<void> {
  const existing = await repository.findFollowers(tx, target.commune_id, target.id);
  const find = (userId: string | null, email: string | null, phone: string | null) =>
    existing.find((follower) => (userId && follower.user_id === userId) || (email && follower.email === email) || (phone && follower.phone === phone));
  const sourceFollowers = await repository.findFollowers(tx, source.commune_id, source.id);
  const candidates = [
    // Sealed kinds keep no plain contact; their submitter is never copied (LAW-DENUNC-11). Whoever
    // stopped the source's messages is not signed up for the target's (LAW-PDP-04/05).
    ...(source.wants_notifications === 1 ? [{ userId: source.submitter_user_id, email: source.submitter_email, phone: source.submitter_phone, locale: source.locale }] : []),
    ...sourceFollowers.filter((follower) => follower.stopped_at === null && follower.confirmed_at !== null).map((follower) => ({ userId: follower.user_id, email: follower.email, phone: follower.phone, locale: follower.locale })),
  ];
  for (const candidate of candidates) {
    if (!candidate.userId && !candidate.email && !candidate.phone) continue;
    const found = find(candidate.userId, candidate.email, candidate.phone);
    if (found) {
      // Already there: a stopped row stays stopped; a pending one is confirmed by the consent that came along.
      if (found.stopped_at === null && found.confirmed_at === null) await repository.updateFollowerCarriedConfirmed(tx, target.commune_id, target.id, found.id, now);
      continue;
    }
    const row = { commune_id: target.commune_id, case_id: target.id, id: newId(), user_id: candidate.userId, email: candidate.email, phone: candidate.phone, created_at: now, stopped_at: null, confirmed_at: now, confirm_expires_at: null, locale: candidate.locale };
    await repository.insertFollower(tx, row);
    existing.push(row);
  }
  for (const follower of sourceFollowers) {
    const isPending = follower.confirmed_at === null && follower.stopped_at === null && follower.confirm_expires_at !== null && follower.confirm_expires_at > now;
    if (!isPending || !follower.email || find(null, follower.email, null)) continue;
    await repository.updateFollowerCase(tx, source.commune_id, source.id, follower.id, target.id);
    existing.push(follower);
  }
}

/** Who is acting as the submitter: the signed-in submitter, or the holder of the secret link token. */
export async function resolveSubmitter(actor: Actor | null, row: repository.CaseRow, accessToken: string | undefined): Promise<{ candidates: CaseActor[]; pseudoSubmitterId?: string }> {
  if (actor && row.submitter_user_id && actor.userId === row.submitter_user_id) {
    return { candidates: [{ role: 'resident', userId: actor.userId, unitId: null }] };
  }
  if (accessToken && row.access_secret_hash && sha256Hex(accessToken) === row.access_secret_hash) {
    const pseudo = `link:${row.id}`;
    if (row.submitter_user_id) return { candidates: [{ role: 'resident', userId: row.submitter_user_id, unitId: null }] };
    return { candidates: [{ role: 'resident', userId: pseudo, unitId: null }], pseudoSubmitterId: pseudo };
  }
  if (!actor && !accessToken) throw unauthenticated();
  throw forbidden('cases.errors.notSubmitter');
}

async function applyResidentAction(ctx: AppContext, actor: Actor | null, code: string, accessToken: string | undefined, build: (row: repository.CaseRow) => { action: CaseAction; publicNote?: string | null; internalNote?: string | null }): Promise<{ status: string; code: string }> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await findCaseByAnyCode(tx, code);
    if (!row) throw notFound('cases.errors.notFound');
    const { candidates, pseudoSubmitterId } = await resolveSubmitter(actor, row, accessToken);
    const { action, publicNote, internalNote } = build(row);
    const next = await applyTransition(ctx, tx, { row, action, candidates, pseudoSubmitterId, publicNote, internalNote, auditActor: actor });
    return { status: next.status, code: row.code };
  });
}

/** The submitter rates the published answer (1–5), which closes the case. */
export function rateCase(ctx: AppContext, actor: Actor | null, code: string, input: RateCase) {
  return applyResidentAction(ctx, actor, code, input.accessToken, () => ({ action: { type: 'rate', score: input.score, ...(input.comment ? { comment: input.comment } : {}) } }));
}

/** The submitter reopens an answered case within the window (feedback, questions, reports). */
export function reopenCase(ctx: AppContext, actor: Actor | null, code: string, input: ReopenCase) {
  return applyResidentAction(ctx, actor, code, input.accessToken, () => ({ action: { type: 'reopen', reason: input.reason }, internalNote: input.reason }));
}

/** Whole or partial withdrawal (LAW-COMPLAINT-04, LAW-DENUNC-08). */
export async function withdrawCase(ctx: AppContext, actor: Actor | null, code: string, input: WithdrawCase) {
  try {
    return await applyResidentAction(ctx, actor, code, input.accessToken, () => ({
      action: { type: 'withdraw', scope: input.scope, ...(input.description ? { description: input.description } : {}) },
      internalNote: input.description ?? null,
    }));
  } catch (error) {
    // A partial withdrawal the kind does not allow (LAW-DENUNC-08, LAW-COMPLAINT-04) is a wrong choice of
    // the form's `scope` field: answered on the same form, not with an error page.
    if (input.scope === 'partial' && error instanceof DomainError && error.messageKey === 'cases.errors.notAllowedForKind') {
      throw validationFailed([{ field: 'scope', messageKey: 'cases.errors.partialWithdrawalNotAllowed' }]);
    }
    // The only argument a withdrawal can lack: the part withdrawn, for a partial one.
    if (input.scope === 'partial' && error instanceof DomainError && error.messageKey === 'cases.errors.invalidArgument') {
      throw validationFailed([{ field: 'description', messageKey: 'cases.errors.withdrawalPartRequired' }]);
    }
    throw error;
  }
}

/** The scheduler's actor: it may only close answered cases whose auto-close period has passed. */
const SYSTEM_ACTOR: CaseActor = { role: 'system', userId: 'system', unitId: null };

/**
 * Closes an answered case without a rating once the commune's auto-close period has passed, as the
 * system (audit row without a user). Idempotent: a case already closed, reopened, answered again
 * (`answeredAt` no longer the one swept) or not yet due is left as it is. Returns whether it closed.
 */
export async function autoCloseCase(ctx: AppContext, communeId: string, caseId: string, answeredAt: string): Promise<boolean> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await repository.findCaseById(tx, communeId, caseId);
    if (!row || row.status !== 'answered' || row.answered_at !== answeredAt) return false;
    const settings = lifecycleSettingsOf(await loadCaseModuleSettings(tx, communeId));
    if (!isCloseDue(parseState(row.state), settings, ctx.clock())) return false;
    await applyTransition(ctx, tx, { row, action: { type: 'close' }, candidates: [SYSTEM_ACTOR], auditActor: null, details: { isAutomatic: true, autoCloseAfterDays: settings.autoCloseAfterDays } });
    return true;
  });
}
