import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { calendarOverrideListSchema, calendarOverrideParamsSchema, putCalendarOverrideSchema, savedCalendarOverrideSchema } from './contract.js';
import { removeCalendarOverride, saveCalendarOverride } from './service.js';
import { findCalendarOverrides } from './store.js';

export { CALENDAR_NOTE_MAX } from './contract.js';
export { CALENDAR_OVERRIDES_CHANGED_EVENT } from './service.js';

/** Admin API of the commune's working-day calendar overrides. */
export async function calendarRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/admin/calendar/overrides', { config: { permission: 'calendar.manage' }, schema: { tags: ['admin'], response: { 200: calendarOverrideListSchema } } }, async (request) =>
    findCalendarOverrides(ctx.db, request.actor!.communeId),
  );

  // 200 whether the date is new or replaced (as before); `isCreated` in the body tells them apart.
  app.put(
    '/api/v1/admin/calendar/overrides/:date',
    { config: { permission: 'calendar.manage' }, schema: { tags: ['admin'], params: calendarOverrideParamsSchema, body: putCalendarOverrideSchema, response: { 200: savedCalendarOverrideSchema } } },
    async (request) => {
      const { override, isCreated } = await saveCalendarOverride(ctx, { actor: request.actor!, locale: request.locale, requestId: String(request.id) }, { date: request.params.date, kind: request.body.kind, note: request.body.note });
      return { ...override, isCreated };
    },
  );

  app.delete(
    '/api/v1/admin/calendar/overrides/:date',
    { config: { permission: 'calendar.manage' }, schema: { tags: ['admin'], params: calendarOverrideParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeCalendarOverride(ctx, { actor: request.actor!, requestId: String(request.id) }, request.params.date);
      return reply.status(204).send(null);
    },
  );
}
