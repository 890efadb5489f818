import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import type { ModuleDescriptor } from '../module.js';
import { findAuditRows } from './audit-log.js';
import { auditListQuerySchema, auditListSchema } from './contract.js';

export { appendAudit, verifyAuditChain, type AuditEntry } from './audit-log.js';

async function auditRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/admin/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['admin'],
        querystring: auditListQuerySchema,
        response: { 200: auditListSchema },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      const rows = await findAuditRows(ctx.db, { communeId: request.actor!.communeId, ...filters, limit: pageSize, offset: (page - 1) * pageSize });
      return {
        items: rows.map((row) => ({ sequence: Number(row.sequence), id: row.id, at: row.at, actorUserId: row.actor_user_id, actorName: row.actor_name ?? null, actorRole: row.actor_role, action: row.action, entityType: row.entity_type, entityId: row.entity_id, details: JSON.parse(row.details) as Record<string, unknown>, hash: row.hash })),
      };
    },
  );
}

/** The append-only, hash-chained audit log of staff writes and sealed-data reads. */
export const auditModule: ModuleDescriptor = {
  name: 'audit',
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  permissions: { 'audit.read': ['admin', 'supervisor'] },
  routes: auditRoutes,
};
