import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { jobIdParamsSchema, jobPageSchema, jobSummarySchema, listJobsQuerySchema } from './contract.js';
import * as service from './service.js';

/** Admin visibility of the background queue: list jobs, retry a failed one. */
export async function jobsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/admin/jobs',
    { config: { permission: 'jobs.manage' }, schema: { tags: ['admin'], querystring: listJobsQuerySchema, response: { 200: jobPageSchema } } },
    async (request) => service.listJobs(ctx, request.actor!, request.query),
  );

  app.post(
    '/api/v1/admin/jobs/:id/retry',
    { config: { permission: 'jobs.manage' }, schema: { tags: ['admin'], params: jobIdParamsSchema, response: { 200: jobSummarySchema } } },
    async (request) => service.retryJob(ctx, request.actor!, request.params.id, String(request.id)),
  );
}
