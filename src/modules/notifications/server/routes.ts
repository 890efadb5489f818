import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../core/context.js';
import { deliveryLogPageSchema, listDeliveryLogQuerySchema } from '../contract.js';
import * as service from './service.js';

/** The delivery log admins use to check what was sent to whom (recipients masked). */
export async function notificationsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/admin/notifications/messages',
    { config: { permission: 'notifications.view-log' }, schema: { tags: ['admin'], querystring: listDeliveryLogQuerySchema, response: { 200: deliveryLogPageSchema } } },
    async (request) => service.listDeliveryLog(ctx, request.actor!, request.query),
  );
}
