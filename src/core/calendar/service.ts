/**
 * Use cases of the calendar admin API: save (create or replace) and delete one date's override,
 * each with its audit entry and the `calendar.overrides.changed` event in the same transaction.
 */
import { appendAudit } from '../audit/audit-log.js';
import type { Actor } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import { notFound, validationFailed } from '../contract/errors.js';
import { inTransaction } from '../db/database.js';
import { emitEvent } from '../jobs/outbox.js';
import type { Locale } from './format-local-date.js';
import { isLocalDate, toLocalDate } from './local-date.js';
import { checkCalendarOverride } from './override-rules.js';
import { deleteCalendarOverride, findCalendarOverride, invalidateWorkingCalendar, upsertCalendarOverride } from './store.js';
import type { CalendarOverride } from './working-calendar.js';

/** Emitted after any override change, so modules with deadlines recompute them (cases subscribes). */
export const CALENDAR_OVERRIDES_CHANGED_EVENT = 'calendar.overrides.changed';

/** Who asks, in which language field errors are written, and the request to record in the audit log. */
export interface CalendarRequest {
  actor: Actor;
  locale: Locale;
  requestId: string;
}

/**
 * Save one date's override after checkCalendarOverride (range, and a make-up day only on a day off,
 * a swapped day off only on a working day); `isCreated` is false when it replaced the date's override.
 */
export async function saveCalendarOverride(ctx: AppContext, request: CalendarRequest, override: CalendarOverride): Promise<{ override: CalendarOverride; isCreated: boolean }> {
  const { actor } = request;
  if (!isLocalDate(override.date)) throw validationFailed([{ field: 'date', messageKey: 'errors.field.format.date' }]);
  const now = ctx.clock();
  const fieldErrors = checkCalendarOverride(override, toLocalDate(now), request.locale);
  if (fieldErrors.length > 0) throw validationFailed(fieldErrors);
  const at = now.toISOString();
  const isCreated = await inTransaction(ctx.db, async (tx) => {
    const previous = await findCalendarOverride(tx, actor.communeId, override.date);
    await upsertCalendarOverride(tx, actor.communeId, override, actor.userId, at);
    await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'calendar.override.saved', entityType: 'calendar_override', entityId: override.date, details: { kind: override.kind, isCreated: !previous }, requestId: request.requestId, at });
    await emitEvent(tx, { communeId: actor.communeId, name: CALENDAR_OVERRIDES_CHANGED_EVENT, payload: { communeId: actor.communeId, date: override.date }, at });
    return !previous;
  });
  invalidateWorkingCalendar(ctx.db, actor.communeId);
  return { override, isCreated };
}

/** Delete one date's override (never checked against the rules, so an old meaningless entry can go); not found when there is none. */
export async function removeCalendarOverride(ctx: AppContext, request: Omit<CalendarRequest, 'locale'>, date: string): Promise<void> {
  const { actor } = request;
  const at = ctx.clock().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    if (!(await deleteCalendarOverride(tx, actor.communeId, date))) throw notFound();
    await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'calendar.override.deleted', entityType: 'calendar_override', entityId: date, details: {}, requestId: request.requestId, at });
    await emitEvent(tx, { communeId: actor.communeId, name: CALENDAR_OVERRIDES_CHANGED_EVENT, payload: { communeId: actor.communeId, date }, at });
  });
  invalidateWorkingCalendar(ctx.db, actor.communeId);
}
