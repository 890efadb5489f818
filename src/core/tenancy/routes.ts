import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { areaSchema, communeSchema, createAreaSchema, createUnitSchema, idParamsSchema, unitSchema, updateAreaSchema, updateUnitSchema } from './contract.js';
import * as repository from './repository.js';
import * as service from './service.js';

/** Public commune directory plus the admin API for areas and units. */
export async function tenancyRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/communes', { config: { permission: 'public' }, schema: { tags: ['tenancy'], response: { 200: z.array(communeSchema) } } }, async () => repository.findCommunes(ctx.db));

  app.get('/api/v1/areas', { config: { permission: 'public' }, schema: { tags: ['tenancy'], querystring: z.object({ communeId: z.uuid().optional() }), response: { 200: z.array(areaSchema) } } }, async (request) => {
    const communeId = request.query.communeId ?? request.actor?.communeId ?? (await repository.findCommunes(ctx.db))[0]?.id;
    return communeId ? repository.findAreas(ctx.db, communeId) : [];
  });

  app.get('/api/v1/admin/areas', { config: { permission: 'tenancy.read' }, schema: { tags: ['admin'], response: { 200: z.array(areaSchema) } } }, async (request) => repository.findAreas(ctx.db, request.actor!.communeId, { includeInactive: true }));
  app.post('/api/v1/admin/areas', { config: { permission: 'tenancy.manage' }, schema: { tags: ['admin'], body: createAreaSchema, response: { 201: areaSchema } } }, async (request, reply) => reply.status(201).send(await service.createArea(ctx, request.actor!, request.body, String(request.id))));
  app.patch('/api/v1/admin/areas/:id', { config: { permission: 'tenancy.manage' }, schema: { tags: ['admin'], params: idParamsSchema, body: updateAreaSchema, response: { 200: areaSchema } } }, async (request) => service.updateArea(ctx, request.actor!, request.params.id, request.body, String(request.id)));

  app.get('/api/v1/admin/units', { config: { permission: 'tenancy.read' }, schema: { tags: ['admin'], response: { 200: z.array(unitSchema) } } }, async (request) => repository.findUnits(ctx.db, request.actor!.communeId, { includeInactive: true }));
  app.post('/api/v1/admin/units', { config: { permission: 'tenancy.manage' }, schema: { tags: ['admin'], body: createUnitSchema, response: { 201: unitSchema } } }, async (request, reply) => reply.status(201).send(await service.createUnit(ctx, request.actor!, request.body, String(request.id))));
  app.patch('/api/v1/admin/units/:id', { config: { permission: 'tenancy.manage' }, schema: { tags: ['admin'], params: idParamsSchema, body: updateUnitSchema, response: { 200: unitSchema } } }, async (request) => service.updateUnit(ctx, request.actor!, request.params.id, request.body, String(request.id)));
}
