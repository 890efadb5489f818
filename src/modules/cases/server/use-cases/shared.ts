/** Helpers shared by the cases use cases: visibility, timeline + outbox recording, lookups. */
import { createHash } from 'node:crypto';
import { hasRole, type Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { forbidden, notFound } from '../../../../core/contract/errors.js';
import { newId } from '../../../../core/contract/ids.js';
import type { Db, Tx } from '../../../../core/db/database.js';
import { emitEvent } from '../../../../core/jobs/outbox.js';
import { cachedWorkingCalendar } from '../../../../core/calendar/store.js';
import * as repository from '../../db/repository.js';
import { isPausedStatus, shownDueDates, type ShownDueDateSource } from '../case-record.js';
import { getCaseKindPolicy, normaliseTrackingCode, SEALED_CASE_KINDS, type CaseKind } from '../../domain/index.js';

export const SEALED_KINDS: readonly CaseKind[] = SEALED_CASE_KINDS;

/** Whether the kind's identity is sealed (LAW-DENUNC-11/12). */
export function isSealedKind(kind: string): boolean {
  return getCaseKindPolicy(kind as CaseKind).isIdentitySealed;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Roles that see every case of the commune (sealed identity has its own gate). */
const COMMUNE_WIDE_ROLES = ['leader', 'admin'] as const;

/**
 * Roles that oversee the commune from outside its handling (the Front, the People's Inspection
 * Board, a higher level): they see every case that is NOT sealed (point 13), so never a
 * denunciation (LAW-DENUNC-11/12). The anonymous corruption report names nobody and stays visible.
 */
export const OVERSIGHT_ROLES = ['supervisor', 'higher_level_viewer'] as const;

/** Kinds left out of what oversight roles see: lists, detail, notes, files (point 13, LAW-DENUNC-11). */
export const KINDS_HIDDEN_FROM_OVERSIGHT: readonly CaseKind[] = ['denunciation'];

/** Whether oversight roles may see cases of this kind at all (point 13, LAW-DENUNC-11). */
export function isHiddenFromOversight(kind: string): boolean {
  return (KINDS_HIDDEN_FROM_OVERSIGHT as readonly string[]).includes(kind);
}

/**
 * Which cases of its commune an actor sees, as a list filter: all of them; all but the kinds hidden
 * from oversight; or only the officer's own (their units', the unassigned queue, assigned to them),
 * to which an oversight role adds every case of another kind.
 */
export interface CaseVisibility {
  isCommuneWide: boolean;
  isOversight: boolean;
  officerUnitIds: readonly string[] | null;
}

export function caseVisibilityOf(actor: Actor, communeId: string): CaseVisibility {
  const isCommuneWide = actor.kind === 'staff' && COMMUNE_WIDE_ROLES.some((role) => hasRole(actor, role, communeId));
  const isOversight = actor.kind === 'staff' && OVERSIGHT_ROLES.some((role) => hasRole(actor, role, communeId));
  const officerUnitIds = actor.kind === 'staff' && hasRole(actor, 'officer', communeId) ? actor.grants.filter((grant) => grant.communeId === communeId && grant.role === 'officer' && grant.unitId).map((grant) => grant.unitId!) : null;
  return { isCommuneWide, isOversight, officerUnitIds };
}

/**
 * Leaders and admins see every case; supervisors and higher-level viewers every case but a
 * denunciation (point 13, LAW-DENUNC-11); officers their units' cases, the unassigned queue and
 * cases assigned to them.
 */
export function canSeeCase(actor: Actor, row: Pick<repository.CaseRow, 'commune_id' | 'kind' | 'assigned_unit_id' | 'assigned_officer_id'>): boolean {
  if (actor.kind !== 'staff') return false;
  const visibility = caseVisibilityOf(actor, row.commune_id);
  if (visibility.isCommuneWide) return true;
  if (visibility.isOversight && !isHiddenFromOversight(row.kind)) return true;
  if (!visibility.officerUnitIds) return false;
  return row.assigned_unit_id === null || visibility.officerUnitIds.includes(row.assigned_unit_id) || row.assigned_officer_id === actor.userId;
}

/** Whether the viewer handles cases (sees submitter contact details); supervisors only read. */
export function isHandler(ctx: AppContext, actor: Actor, communeId: string): boolean {
  return ctx.permissions.allows(actor, 'cases.handle', communeId) || ctx.permissions.allows(actor, 'cases.lead', communeId);
}

/** Load a case the staff actor may see, or 404 (never 403, so ids of hidden cases are not confirmed). */
export async function loadVisibleCase(db: Db | Tx, actor: Actor, caseId: string): Promise<repository.CaseRow> {
  const row = await repository.findCaseById(db, actor.communeId, caseId);
  if (!row || !canSeeCase(actor, row)) throw notFound('cases.errors.notFound');
  return row;
}

/** Find a case by tracking code in any accepted spelling. */
export async function findCaseByAnyCode(db: Db | Tx, code: string): Promise<repository.CaseRow | undefined> {
  const normalised = normaliseTrackingCode(code);
  if (!normalised) return undefined;
  return repository.findCaseByCode(db, normalised);
}

export interface RecordedEvent {
  communeId: string;
  caseId: string;
  code: string;
  kind: string;
  /** Domain event name, e.g. `cases.case.work_started` (stored as is in the timeline). */
  event: string;
  actorUserId: string | null;
  isPublic: boolean;
  publicNote?: string | null;
  internalNote?: string | null;
  payload?: Record<string, unknown>;
  shouldNotifySubmitter: boolean;
  at: string;
}

/** Outbox names only allow [a-z0-9-] per segment: `work_started` → `work-started`. */
export function outboxEventName(event: string): string {
  return event.replace(/_/g, '-');
}

/** Events that tell the submitter and followers their case moved (e-mail, SMS/Zalo unless opted out). */
export const SUBMITTER_EVENTS: readonly string[] = [
  'received', 'accepted', 'refused', 'forwarded', 'information_requested', 'deadline_extended', 'answer_published', 'reopened', 'withdrawn', 'partially_withdrawn',
  // A denouncer whose written withdrawal is recorded learns that the case still goes on (LAW-DENUNC-08).
  'handling_continued_after_withdrawal', 'merged', 'closed',
  // A denouncer who asks on the portal to withdraw is told it was received and will be decided (LAW-DENUNC-08).
  'withdrawal_requested',
  // The case changed type or category, went to the competent body, or got the longer complaint period.
  'reclassified', 'transferred_out', 'complexity_decided',
].map((name) => `cases.case.${name}`);

/** Write the timeline row and the outbox event of one change, in the caller's transaction. */
export async function recordCaseEvent(tx: Tx, entry: RecordedEvent): Promise<void> {
  await repository.insertTimeline(tx, {
    commune_id: entry.communeId,
    id: newId(),
    case_id: entry.caseId,
    at: entry.at,
    event: entry.event,
    actor_user_id: entry.actorUserId,
    is_public: entry.isPublic ? 1 : 0,
    public_note: entry.publicNote ?? null,
    internal_note: entry.internalNote ?? null,
    payload: JSON.stringify(entry.payload ?? {}),
  });
  await emitEvent(tx, {
    communeId: entry.communeId,
    name: outboxEventName(entry.event),
    // Ids and statuses only: the notification job re-reads the case (never identity in the outbox).
    // A sealed denouncer's contact is opened by the job at delivery time, audited (LAW-DENUNC-11/12).
    payload: { caseId: entry.caseId, communeId: entry.communeId, code: entry.code, kind: entry.kind, event: entry.event, occurredAt: entry.at, shouldNotifySubmitter: entry.shouldNotifySubmitter, ...(entry.payload ?? {}) },
    at: entry.at,
  });
}

export function requireCase<T>(value: T | undefined): T {
  if (value === undefined) throw notFound('cases.errors.notFound');
  return value;
}

export function requireLeader(ctx: AppContext, actor: Actor, communeId: string): void {
  if (!ctx.permissions.allows(actor, 'cases.lead', communeId)) throw forbidden();
}

/**
 * The due dates a page of one commune's cases shows, each as on its case page (`shownDueDates`): a
 * paused case's are computed as if the pause ended `now`. The working calendar is read (cached) once,
 * and only when a row is paused: no query per row.
 */
export async function shownDueDatesOf(ctx: AppContext, communeId: string, rows: readonly ShownDueDateSource[], now: Date): Promise<Array<{ acceptanceDueAt: string | null; dueAt: string | null }>> {
  const calendar = rows.some((row) => isPausedStatus(row.status)) ? await cachedWorkingCalendar(ctx.db, communeId) : null;
  return rows.map((row) => shownDueDates(row, calendar, now));
}
