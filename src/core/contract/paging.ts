import { z } from 'zod';

export const PAGE_SIZE_MAX = 100;

/** Offset paging shared by every list endpoint. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const isoInstantSchema = z.iso.datetime({ offset: true });
export const localDateSchema = z.iso.date();
export const uuidSchema = z.uuid();
