import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { notFound, validationFailed } from '../contract/errors.js';
import { inTransaction } from '../db/database.js';
import { emitEvent } from '../jobs/outbox.js';
import { calendarOverrideListSchema, calendarOverrideParamsSchema, calendarOverrideSchema, putCalendarOverrideSchema } from './contract.js';
import { isLocalDate } from './local-date.js';
import { deleteCalendarOverride, findCalendarOverrides, invalidateWorkingCalendar, upsertCalendarOverride } from './store.js';

export { CALENDAR_NOTE_MAX } from './contract.js';
/** Emitted after any override change, so modules with deadlines recompute them (cases subscribes). */
export const CALENDAR_OVERRIDES_CHANGED_EVENT = 'calendar.overrides.changed';

/** Admin API of the commune's working-day calendar overrides. */
export async function calendarRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/admin/calendar/overrides', { config: { permission: 'calendar.manage' }, schema: { tags: ['admin'], response: { 200: calendarOverrideListSchema } } }, async (request) =>
    findCalendarOverrides(ctx.db, request.actor!.communeId),
  );

  app.put(
    '/api/v1/admin/calendar/overrides/:date',
    { config: { permission: 'calendar.manage' }, schema: { tags: ['admin'], params: calendarOverrideParamsSchema, body: putCalendarOverrideSchema, response: { 200: calendarOverrideSchema } } },
    async (request) => {
      const actor = request.actor!;
      const { date } = request.params;
      if (!isLocalDate(date)) throw validationFailed([{ field: 'date', messageKey: 'errors.field.format.date' }]);
      const now = ctx.clock().toISOString();
      const override = { date, kind: request.body.kind, note: request.body.note };
      await inTransaction(ctx.db, async (tx) => {
        await upsertCalendarOverride(tx, actor.communeId, override, actor.userId, now);
        await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'calendar.override.saved', entityType: 'calendar_override', entityId: date, details: { kind: override.kind }, requestId: String(request.id), at: now });
        await emitEvent(tx, { communeId: actor.communeId, name: CALENDAR_OVERRIDES_CHANGED_EVENT, payload: { communeId: actor.communeId, date }, at: now });
      });
      invalidateWorkingCalendar(ctx.db, actor.communeId);
      return override;
    },
  );

  app.delete(
    '/api/v1/admin/calendar/overrides/:date',
    { config: { permission: 'calendar.manage' }, schema: { tags: ['admin'], params: calendarOverrideParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = request.actor!;
      const { date } = request.params;
      const now = ctx.clock().toISOString();
      await inTransaction(ctx.db, async (tx) => {
        if (!(await deleteCalendarOverride(tx, actor.communeId, date))) throw notFound();
        await appendAudit(tx, ctx.dialect, { communeId: actor.communeId, actor, action: 'calendar.override.deleted', entityType: 'calendar_override', entityId: date, details: {}, requestId: String(request.id), at: now });
        await emitEvent(tx, { communeId: actor.communeId, name: CALENDAR_OVERRIDES_CHANGED_EVENT, payload: { communeId: actor.communeId, date }, at: now });
      });
      invalidateWorkingCalendar(ctx.db, actor.communeId);
      return reply.status(204).send(null);
    },
  );
}
