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
/**
 * The dates the working calendar (core/calendar) can count with: 0100-01-01…9999-12-31, less one day
 * at each end, since a period's end is taken as the start of the next day. A date outside is refused
 * by name (`errors.field.dateRange`), never left to fail deep in the calendar as a 500.
 */
export const LOCAL_DATE_MIN = '0100-01-02';
export const LOCAL_DATE_MAX = '9999-12-30';
/** A real calendar date, 'YYYY-MM-DD' (2026-02-30 is refused), within LOCAL_DATE_MIN…LOCAL_DATE_MAX. */
export const localDateSchema = z.iso.date().check((payload) => {
  // Only a date of the right shape: a wrong shape is z.iso.date's to name.
  if (/^\d{4}-\d{2}-\d{2}$/.test(payload.value) && (payload.value < LOCAL_DATE_MIN || payload.value > LOCAL_DATE_MAX)) {
    payload.issues.push({ code: 'custom', message: 'errors.field.dateRange', params: { min: LOCAL_DATE_MIN, max: LOCAL_DATE_MAX }, input: payload.value });
  }
});
export const uuidSchema = z.uuid();
