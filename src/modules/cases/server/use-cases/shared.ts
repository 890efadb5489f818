/** Helpers shared by the cases use cases: visibility, timeline + outbox recording, lookups. */
import { createHash } from 'node:crypto';
import { hasRole, unitIdsOf, type Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { forbidden, notFound } from '../../../../core/contract/errors.js';
import { newId } from '../../../../core/contract/ids.js';
import type { Db, Tx } from '../../../../core/db/database.js';
import { emitEvent } from '../../../../core/jobs/outbox.js';
import * as repository from '../../db/repository.js';
import { getCaseKindPolicy, normaliseTrackingCode, type CaseKind } from '../../domain/index.js';

export const SEALED_KINDS: readonly CaseKind[] = ['denunciation', 'corruption_report'];

/** Whether the kind's identity is sealed (LAW-DENUNC-11/12). */
export function isSealedKind(kind: string): boolean {
  return getCaseKindPolicy(kind as CaseKind).isIdentitySealed;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Roles that see every case of the commune (non-sealed data only; sealed identity has its own gate). */
const COMMUNE_WIDE_ROLES = ['leader', 'admin', 'supervisor', 'higher_level_viewer'] as const;

/** Officers see their units' cases, the unassigned queue and cases assigned to them; others see all. */
export function canSeeCase(actor: Actor, row: Pick<repository.CaseRow, 'commune_id' | 'assigned_unit_id' | 'assigned_officer_id'>): boolean {
  if (actor.kind !== 'staff') return false;
  if (COMMUNE_WIDE_ROLES.some((role) => hasRole(actor, role, row.commune_id))) return true;
  if (!hasRole(actor, 'officer', row.commune_id)) return false;
  return row.assigned_unit_id === null || unitIdsOf(actor, row.commune_id).includes(row.assigned_unit_id) || row.assigned_officer_id === actor.userId;
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
