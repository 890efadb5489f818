/**
 * Supervision notes and flags by the Fatherland Front / People's Inspection Board (LAW-DEMO-56,
 * LAW-BASE-13: read-only plus recommendations). A flag is a recommendation the commune People's
 * Committee must answer (LAW-DEMO-50) within the commune's answer period, 15 days by default
 * (LAW-DEMO-54). A leader answers on the committee's behalf (permission `cases.supervision.answer`,
 * leaders only: the answer is the committee's, and the officer handling the case is the one being
 * supervised); the supervising body that raised the flag closes it or keeps it open. Every step is
 * audited and written to the case's internal timeline (never public).
 */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import { findUnitIdsWithRole, findUserContact } from '../../../../core/auth/index.js';
import { hasRole, unitIdsOf, type Actor } from '../../../../core/auth/roles.js';
import { loadWorkingCalendar } from '../../../../core/calendar/store.js';
import type { AppContext } from '../../../../core/context.js';
import { forbidden, invalidState, notFound } from '../../../../core/contract/errors.js';
import { newId } from '../../../../core/contract/ids.js';
import { inTransaction, type Db, type Tx } from '../../../../core/db/database.js';
import { emitEvent } from '../../../../core/jobs/outbox.js';
import type { AddSupervisionNote, AnswerSupervisionFlag, ReviewSupervisionFlag, SupervisionFlagItem, SupervisionNote } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { canTakeFlagStep, computeFlagAnswerDueAt, isFlagOverdue, type SupervisionFlagStatus } from '../../domain/index.js';
import { loadCaseModuleSettings } from '../settings.js';
import { caseVisibilityOf, KINDS_HIDDEN_FROM_OVERSIGHT, loadVisibleCase, recordCaseEvent } from './shared.js';

/** Display names of the users who answered, for the notes shown. */
async function answererNames(db: Db | Tx, rows: readonly repository.SupervisionNoteRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((row) => (row.answered_by_user_id ? [row.answered_by_user_id] : [])))];
  const contacts = await Promise.all(ids.map((id) => findUserContact(db, id)));
  return new Map(contacts.flatMap((contact) => (contact ? [[contact.userId, contact.displayName] as const] : [])));
}

function toNote(row: repository.SupervisionNoteRow, now: Date, names: ReadonlyMap<string, string>): SupervisionNote {
  const status = row.status as SupervisionFlagStatus | null;
  return {
    id: row.id,
    kind: row.kind as 'note' | 'flag',
    body: row.body,
    authorUserId: row.author_user_id,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
    status,
    answerDueAt: row.answer_due_at,
    isOverdue: isFlagOverdue({ status, answerDueAt: row.answer_due_at }, now),
    answerBody: row.answer_body,
    answeredAt: row.answered_at,
    answeredByName: row.answered_by_user_id ? (names.get(row.answered_by_user_id) ?? null) : null,
    reviewComment: row.review_comment,
  };
}

/** A case's supervision notes and flags as staff see them on the case. */
export async function listCaseSupervisionNotes(ctx: AppContext, communeId: string, caseId: string): Promise<SupervisionNote[]> {
  const rows = await repository.findSupervisionNotes(ctx.db, communeId, caseId);
  const names = await answererNames(ctx.db, rows);
  const now = ctx.clock();
  return rows.map((row) => toNote(row, now, names));
}

/** When a flag raised (or kept open) at `at` must be answered, on the commune's calendar and answer period. */
async function answerDueAtFor(tx: Tx, communeId: string, at: Date): Promise<string> {
  const [settings, calendar] = await Promise.all([loadCaseModuleSettings(tx, communeId), loadWorkingCalendar(tx, communeId)]);
  return computeFlagAnswerDueAt(at, settings.supervisionAnswerDays, settings.supervisionAnswerUnit, calendar).toISOString();
}

/** A supervisor's note or flag on a case; a flag starts its answer clock (LAW-DEMO-54) and is announced through the outbox. */
export async function addSupervisionNote(ctx: AppContext, actor: Actor, caseId: string, input: AddSupervisionNote, requestId?: string | null): Promise<SupervisionNote> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await loadVisibleCase(tx, actor, caseId);
    const clock = ctx.clock();
    const now = clock.toISOString();
    const isFlag = input.kind === 'flag';
    const note: repository.SupervisionNoteRow = {
      commune_id: row.commune_id,
      id: newId(),
      case_id: row.id,
      author_user_id: actor.userId,
      kind: input.kind,
      body: input.body,
      created_at: now,
      resolved_at: null,
      status: isFlag ? 'awaiting_answer' : null,
      answer_due_at: isFlag ? await answerDueAtFor(tx, row.commune_id, clock) : null,
      answer_body: null,
      answered_at: null,
      answered_by_user_id: null,
      review_comment: null,
      resolved_by_user_id: null,
    };
    await repository.insertSupervisionNote(tx, note);
    await emitEvent(tx, { communeId: row.commune_id, name: 'cases.supervision-note.added', payload: { caseId: row.id, code: row.code, noteId: note.id, kind: input.kind }, at: now });
    if (isFlag) {
      await recordCaseEvent(tx, { communeId: row.commune_id, caseId: row.id, code: row.code, kind: row.kind, event: 'cases.case.supervision_flag_raised', actorUserId: actor.userId, isPublic: false, internalNote: input.body, payload: { noteId: note.id, answerDueAt: note.answer_due_at }, shouldNotifySubmitter: false, at: now });
    }
    await appendAudit(tx, ctx.dialect, { communeId: row.commune_id, actor, action: 'cases.supervision-note.added', entityType: 'case', entityId: row.id, details: { kind: input.kind, noteId: note.id, answerDueAt: note.answer_due_at }, requestId: requestId ?? null, at: now });
    return toNote(note, clock, new Map());
  });
}

async function loadFlag(tx: Tx, actor: Actor, caseId: string, noteId: string): Promise<{ caseRow: repository.CaseRow; flag: repository.SupervisionNoteRow }> {
  const caseRow = await loadVisibleCase(tx, actor, caseId);
  const flag = await repository.findSupervisionNoteById(tx, caseRow.commune_id, caseRow.id, noteId);
  if (!flag) throw notFound('cases.errors.supervisionFlagNotFound');
  if (flag.kind !== 'flag') throw invalidState('cases.errors.supervisionNotAFlag');
  return { caseRow, flag };
}

/** The committee's answer to a flag, by a leader (LAW-DEMO-50/54); an answer not yet reviewed may be replaced. */
export async function answerSupervisionFlag(ctx: AppContext, actor: Actor, caseId: string, noteId: string, input: AnswerSupervisionFlag, requestId?: string | null): Promise<SupervisionNote> {
  if (!ctx.permissions.allows(actor, 'cases.supervision.answer', actor.communeId)) throw forbidden();
  return inTransaction(ctx.db, async (tx) => {
    const { caseRow, flag } = await loadFlag(tx, actor, caseId, noteId);
    if (!canTakeFlagStep(flag.status as SupervisionFlagStatus, 'answer')) throw invalidState('cases.errors.supervisionFlagClosed');
    const clock = ctx.clock();
    const now = clock.toISOString();
    const wasLate = isFlagOverdue({ status: flag.status as SupervisionFlagStatus, answerDueAt: flag.answer_due_at }, clock);
    const patch = { status: 'answered', answer_body: input.body, answered_at: now, answered_by_user_id: actor.userId };
    await repository.updateSupervisionNote(tx, caseRow.commune_id, flag.id, patch);
    await recordCaseEvent(tx, { communeId: caseRow.commune_id, caseId: caseRow.id, code: caseRow.code, kind: caseRow.kind, event: 'cases.case.supervision_flag_answered', actorUserId: actor.userId, isPublic: false, internalNote: input.body, payload: { noteId: flag.id, wasLate }, shouldNotifySubmitter: false, at: now });
    await appendAudit(tx, ctx.dialect, { communeId: caseRow.commune_id, actor, action: 'cases.supervision-flag.answered', entityType: 'case', entityId: caseRow.id, details: { noteId: flag.id, answerDueAt: flag.answer_due_at, wasLate }, requestId: requestId ?? null, at: now });
    return toNote({ ...flag, ...patch }, clock, new Map([[actor.userId, actor.displayName]]));
  });
}

/**
 * The supervisor's verdict: close the flag (satisfied), or keep an answered flag open, saying why;
 * it then waits for a new answer on a new clock. Only the body that raised it decides: its author or
 * a supervisor of the same unit (the Front does not close the Inspection Board's recommendations).
 */
export async function reviewSupervisionFlag(ctx: AppContext, actor: Actor, caseId: string, noteId: string, input: ReviewSupervisionFlag, requestId?: string | null): Promise<SupervisionNote> {
  if (!ctx.permissions.allows(actor, 'cases.supervise', actor.communeId)) throw forbidden();
  return inTransaction(ctx.db, async (tx) => {
    const { caseRow, flag } = await loadFlag(tx, actor, caseId, noteId);
    if (flag.author_user_id !== actor.userId) {
      const authorUnits = await findUnitIdsWithRole(tx, caseRow.commune_id, flag.author_user_id, 'supervisor');
      const isSameBody = hasRole(actor, 'supervisor', caseRow.commune_id) && unitIdsOf(actor, caseRow.commune_id).some((unitId) => authorUnits.includes(unitId));
      if (!isSameBody) throw forbidden('cases.errors.supervisionFlagNotYours');
    }
    if (!canTakeFlagStep(flag.status as SupervisionFlagStatus, input.outcome)) throw invalidState(flag.status === 'closed' ? 'cases.errors.supervisionFlagClosed' : 'cases.errors.supervisionFlagNotAnswered');
    const clock = ctx.clock();
    const now = clock.toISOString();
    const comment = input.comment || null;
    const patch =
      input.outcome === 'close'
        ? { status: 'closed', resolved_at: now, resolved_by_user_id: actor.userId, review_comment: comment }
        : { status: 'awaiting_answer', answer_due_at: await answerDueAtFor(tx, caseRow.commune_id, clock), review_comment: comment };
    await repository.updateSupervisionNote(tx, caseRow.commune_id, flag.id, patch);
    const event = input.outcome === 'close' ? 'cases.case.supervision_flag_closed' : 'cases.case.supervision_flag_kept_open';
    await recordCaseEvent(tx, { communeId: caseRow.commune_id, caseId: caseRow.id, code: caseRow.code, kind: caseRow.kind, event, actorUserId: actor.userId, isPublic: false, internalNote: comment, payload: { noteId: flag.id }, shouldNotifySubmitter: false, at: now });
    await appendAudit(tx, ctx.dialect, { communeId: caseRow.commune_id, actor, action: input.outcome === 'close' ? 'cases.supervision-flag.closed' : 'cases.supervision-flag.kept-open', entityType: 'case', entityId: caseRow.id, details: { noteId: flag.id, ...('answer_due_at' in patch ? { answerDueAt: patch.answer_due_at } : {}) }, requestId: requestId ?? null, at: now });
    const updated = { ...flag, ...patch };
    return toNote(updated, clock, await answererNames(tx, [updated]));
  });
}

/** The commune's flags for its supervisors and leaders (`cases.supervision.read`): open, overdue, closed or all. */
export async function listSupervisionFlags(ctx: AppContext, actor: Actor, filter: repository.SupervisionFlagFilter): Promise<SupervisionFlagItem[]> {
  if (!ctx.permissions.allows(actor, 'cases.supervision.read', actor.communeId)) throw forbidden();
  const clock = ctx.clock();
  // Point 13: a supervisor never sees a denunciation, so neither its flags (LAW-DENUNC-11).
  const exceptKinds = caseVisibilityOf(actor, actor.communeId).isCommuneWide ? [] : KINDS_HIDDEN_FROM_OVERSIGHT;
  const rows = await repository.findSupervisionFlags(ctx.db, actor.communeId, filter, clock.toISOString(), { exceptKinds });
  const names = await answererNames(ctx.db, rows);
  return rows.map((row) => ({ ...toNote(row, clock, names), caseId: row.case_id, caseCode: row.case_code, caseKind: row.case_kind as SupervisionFlagItem['caseKind'] }));
}
