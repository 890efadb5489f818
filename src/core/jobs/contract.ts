import { z } from 'zod';
import { isoInstantSchema, pageOf, pageQuerySchema } from '../contract/paging.js';

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export const jobStatusSchema = z.enum(jobStatuses);

/** What admins see of a job: never its payload (it may hold personal data). */
export const jobSummarySchema = z.object({
  id: z.string(),
  communeId: z.string().nullable(),
  name: z.string(),
  status: jobStatusSchema,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: isoInstantSchema,
  lastError: z.string().nullable(),
  createdAt: isoInstantSchema,
  updatedAt: isoInstantSchema,
  finishedAt: isoInstantSchema.nullable(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const listJobsQuerySchema = z.strictObject({
  ...pageQuerySchema.shape,
  status: jobStatusSchema.optional(),
  name: z.string().max(100).optional(),
  lang: z.string().optional(),
});
export type ListJobsQuery = z.infer<typeof listJobsQuerySchema>;

export const jobPageSchema = pageOf(jobSummarySchema);
export type JobPage = z.infer<typeof jobPageSchema>;

export const jobIdParamsSchema = z.strictObject({ id: z.uuid() });
