/**
 * The audit log's API contract, browser-safe (imports only zod): the query and the rows of
 * GET /api/v1/admin/audit, shared by the route and the back office's audit page.
 */
import { z } from 'zod';
import { localDateSchema } from '../contract/paging.js';

export const AUDIT_ENTITY_TYPE_MAX = 64;
export const AUDIT_ENTITY_ID_MAX = 64;
export const AUDIT_ACTION_MAX = 128;
export const AUDIT_PAGE_SIZE_MAX = 200;

/**
 * Filters of the log: what was done (action, kind and id of record), by whom (the acting user) and
 * when (`from`/`to`: calendar days in Vietnam, both included).
 */
export const auditListQuerySchema = z
  .strictObject({
    entityType: z.string().max(AUDIT_ENTITY_TYPE_MAX).optional(),
    entityId: z.string().max(AUDIT_ENTITY_ID_MAX).optional(),
    action: z.string().max(AUDIT_ACTION_MAX).optional(),
    actorUserId: z.uuid().optional(),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE_MAX).default(50),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'], message: 'errors.field.periodOrder' });
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

export const auditRowSchema = z.object({
  sequence: z.number(),
  id: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  /** The acting user's name as it is now (null for the system, or an account since removed). */
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditListSchema = z.object({ items: z.array(auditRowSchema) });
export type AuditList = z.infer<typeof auditListSchema>;
