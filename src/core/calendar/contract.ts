/**
 * The contract of the calendar admin API (`/api/v1/admin/calendar/overrides`), browser-safe: the
 * server validates with these schemas and the back office checks its form with the very same ones.
 */
import { z } from 'zod';
import { localDateSchema } from '../contract/paging.js';

export const CALENDAR_NOTE_MAX = 300;

/** "Nghỉ" (an official swap or compensatory day off) or "Làm bù" (a make-up working day). */
export const calendarOverrideKinds = ['day_off', 'working_day'] as const;
export type CalendarOverrideKind = (typeof calendarOverrideKinds)[number];

/** A real calendar date, 'YYYY-MM-DD' (2026-02-30 is refused), within the calendar's range. */
export const calendarDateSchema = localDateSchema;
export const calendarOverrideKindSchema = z.enum(calendarOverrideKinds);
export const calendarNoteSchema = z.string().trim().min(1).max(CALENDAR_NOTE_MAX);

/** One override as the API returns it. */
export const calendarOverrideSchema = z.object({ date: z.string(), kind: calendarOverrideKindSchema, note: z.string() });
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;
export const calendarOverrideListSchema = z.array(calendarOverrideSchema);

/** `:date` of PUT / DELETE `/api/v1/admin/calendar/overrides/:date`. */
export const calendarOverrideParamsSchema = z.object({ date: calendarDateSchema });

/** Body of PUT `/api/v1/admin/calendar/overrides/:date`. */
export const putCalendarOverrideSchema = z.strictObject({ kind: calendarOverrideKindSchema, note: calendarNoteSchema });
export type PutCalendarOverride = z.infer<typeof putCalendarOverrideSchema>;

/**
 * Answer of PUT `/api/v1/admin/calendar/overrides/:date`: the saved override, and whether the date
 * had none before (false: an existing override was replaced), so the back office can say so.
 */
export const savedCalendarOverrideSchema = calendarOverrideSchema.extend({ isCreated: z.boolean() });
export type SavedCalendarOverride = z.infer<typeof savedCalendarOverrideSchema>;

/** The back office form: the date of the path plus the body, checked field by field as the server does. */
export const calendarOverrideFormSchema = z.strictObject({ date: calendarDateSchema, ...putCalendarOverrideSchema.shape });
