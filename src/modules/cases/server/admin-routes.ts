/** The cases admin API (permission `cases.configure`): categories, case settings, Open311 partner clients. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import {
  adminCategorySchema,
  caseSettingsViewSchema,
  createdOpen311ClientSchema,
  createOpen311ClientSchema,
  idParamsSchema,
  open311ClientSchema,
  saveCategorySchema,
  updateCaseSettingsSchema,
} from '../contract.js';
import * as service from './service.js';

const tags = ['cases', 'admin'];
const configure = { permission: 'cases.configure' };

export async function casesAdminRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // ── Categories ────────────────────────────────────────────────────────────
  app.get('/api/v1/admin/cases/categories', { config: configure, schema: { tags, summary: 'Every category of the commune, inactive ones included', response: { 200: z.array(adminCategorySchema) } } }, async (request) =>
    service.listAdminCategories(ctx, request.actor!),
  );
  app.post('/api/v1/admin/cases/categories', { config: configure, schema: { tags, body: saveCategorySchema, response: { 201: adminCategorySchema } } }, async (request, reply) =>
    reply.status(201).send(await service.createCategory(ctx, request.actor!, request.body, String(request.id))),
  );
  app.put('/api/v1/admin/cases/categories/:id', { config: configure, schema: { tags, summary: 'Replace a category', params: idParamsSchema, body: saveCategorySchema, response: { 200: adminCategorySchema } } }, async (request) =>
    service.updateCategory(ctx, request.actor!, request.params.id, request.body, String(request.id)),
  );
  app.post('/api/v1/admin/cases/categories/:id/deactivate', { config: configure, schema: { tags, params: idParamsSchema, response: { 200: adminCategorySchema } } }, async (request) =>
    service.setCategoryActive(ctx, request.actor!, request.params.id, false, String(request.id)),
  );
  app.post('/api/v1/admin/cases/categories/:id/activate', { config: configure, schema: { tags, params: idParamsSchema, response: { 200: adminCategorySchema } } }, async (request) =>
    service.setCategoryActive(ctx, request.actor!, request.params.id, true, String(request.id)),
  );

  // ── Settings ──────────────────────────────────────────────────────────────
  app.get('/api/v1/admin/cases/settings', { config: configure, schema: { tags, response: { 200: caseSettingsViewSchema } } }, async (request) => service.getCaseSettings(ctx, request.actor!));
  app.put('/api/v1/admin/cases/settings', { config: configure, schema: { tags, body: updateCaseSettingsSchema, response: { 200: caseSettingsViewSchema } } }, async (request) =>
    service.updateCaseSettings(ctx, request.actor!, request.body, String(request.id)),
  );

  // ── Open311 partner clients ───────────────────────────────────────────────
  app.get('/api/v1/admin/cases/open311-clients', { config: configure, schema: { tags, response: { 200: z.array(open311ClientSchema) } } }, async (request) => service.listOpen311Clients(ctx, request.actor!));
  app.post('/api/v1/admin/cases/open311-clients', { config: configure, schema: { tags, summary: 'Register a partner; the key is in this answer only', body: createOpen311ClientSchema, response: { 201: createdOpen311ClientSchema } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.status(201).send(await service.createOpen311Client(ctx, request.actor!, request.body, String(request.id)));
  });
  app.post('/api/v1/admin/cases/open311-clients/:id/deactivate', { config: configure, schema: { tags, params: idParamsSchema, response: { 200: open311ClientSchema } } }, async (request) =>
    service.deactivateOpen311Client(ctx, request.actor!, request.params.id, String(request.id)),
  );
}
