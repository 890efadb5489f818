import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { createStaffUserSchema, listUsersQuerySchema, setGrantsSchema, updateUserSchema, userIdParamsSchema, userPageSchema, userWithGrantsSchema } from './contract.js';
import * as service from './service.js';

/** Admin management of accounts and their role grants, within the admin's commune. */
export async function adminUserRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  app.get('/api/v1/admin/users', { config: { permission: 'auth.users.read' }, schema: { tags, querystring: listUsersQuerySchema, response: { 200: userPageSchema } } }, async (request) =>
    service.listUsers(ctx, request.actor!, request.query),
  );

  app.get('/api/v1/admin/users/:id', { config: { permission: 'auth.users.read' }, schema: { tags, params: userIdParamsSchema, response: { 200: userWithGrantsSchema } } }, async (request) =>
    service.getUser(ctx, request.actor!, request.params.id),
  );

  app.post('/api/v1/admin/users', { config: { permission: 'auth.users.manage' }, schema: { tags, body: createStaffUserSchema, response: { 201: userWithGrantsSchema } } }, async (request, reply) =>
    reply.status(201).send(await service.createStaffAccount(ctx, request.actor!, request.body, String(request.id))),
  );

  app.patch(
    '/api/v1/admin/users/:id',
    { config: { permission: 'auth.users.manage' }, schema: { tags, params: userIdParamsSchema, body: updateUserSchema, response: { 200: userWithGrantsSchema } } },
    async (request) => service.updateUser(ctx, request.actor!, request.params.id, request.body, String(request.id)),
  );

  app.put(
    '/api/v1/admin/users/:id/grants',
    { config: { permission: 'auth.users.manage' }, schema: { tags, params: userIdParamsSchema, body: setGrantsSchema, response: { 200: userWithGrantsSchema } } },
    async (request) => service.setUserGrants(ctx, request.actor!, request.params.id, request.body.grants, String(request.id)),
  );

  app.post(
    '/api/v1/admin/users/:id/totp/reset',
    { config: { permission: 'auth.users.manage' }, schema: { tags, params: userIdParamsSchema, response: { 200: userWithGrantsSchema } } },
    async (request) => service.resetUserTotp(ctx, request.actor!, request.params.id, String(request.id)),
  );
}
