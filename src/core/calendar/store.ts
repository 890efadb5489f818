/**
 * Storage of per-commune calendar overrides (official day swaps, extra days off) and the loader
 * that builds the commune's WorkingCalendar from computed holidays plus those overrides.
 */
import { cacheRegistry, REFERENCE_TTL_MS } from '../cache/ttl-cache.js';
import type { Clock } from '../context.js';
import { typed, type Db, type Tx } from '../db/database.js';
import type { LocalDate } from './local-date.js';
import { createWorkingCalendar, type CalendarOverride, type WorkingCalendar } from './working-calendar.js';

export interface CalendarOverridesTable {
  commune_id: string;
  date: string;
  kind: 'day_off' | 'working_day';
  note: string;
  created_by: string | null;
  created_at: string;
}
export interface CalendarTables {
  calendar_overrides: CalendarOverridesTable;
}

const q = (db: Db | Tx) => typed<CalendarTables>(db);

/** The commune's overrides, oldest date first. */
export async function findCalendarOverrides(db: Db | Tx, communeId: string): Promise<CalendarOverride[]> {
  const rows = await q(db).selectFrom('calendar_overrides').select(['date', 'kind', 'note']).where('commune_id', '=', communeId).orderBy('date').execute();
  return rows.map((row) => ({ date: row.date, kind: row.kind, note: row.note }));
}

/** The commune's override of one date, if any. */
export async function findCalendarOverride(db: Db | Tx, communeId: string, date: LocalDate): Promise<CalendarOverride | undefined> {
  const row = await q(db).selectFrom('calendar_overrides').select(['date', 'kind', 'note']).where('commune_id', '=', communeId).where('date', '=', date).executeTakeFirst();
  return row ? { date: row.date, kind: row.kind, note: row.note } : undefined;
}

/** Insert or replace the override of one date. */
export async function upsertCalendarOverride(db: Db | Tx, communeId: string, override: CalendarOverride, actorUserId: string | null, now: string): Promise<void> {
  await q(db)
    .insertInto('calendar_overrides')
    .values({ commune_id: communeId, date: override.date, kind: override.kind, note: override.note, created_by: actorUserId, created_at: now })
    .onConflict((conflict) => conflict.columns(['commune_id', 'date']).doUpdateSet({ kind: override.kind, note: override.note, created_by: actorUserId, created_at: now }))
    .execute();
}

/** Remove the override of one date; returns whether one existed. */
export async function deleteCalendarOverride(db: Db | Tx, communeId: string, date: LocalDate): Promise<boolean> {
  const result = await q(db).deleteFrom('calendar_overrides').where('commune_id', '=', communeId).where('date', '=', date).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * The working calendar of a commune: Sat+Sun weekend, computed statutory holidays with nghỉ bù, and
 * the commune's overrides (an override always wins). `clock` is accepted for callers that cache per day.
 */
export async function loadWorkingCalendar(db: Db | Tx, communeId: string, _clock?: Clock): Promise<WorkingCalendar> {
  return createWorkingCalendar({ overrides: await findCalendarOverrides(db, communeId) });
}

const calendarCacheOf = cacheRegistry<object, WorkingCalendar>(REFERENCE_TTL_MS);

/**
 * The commune's calendar from the per-process cache (computing a year's lunar holidays and reading
 * the overrides on every request would dominate a status lookup). Stale for at most
 * REFERENCE_TTL_MS in other processes after an override changes; deadline recomputation after a
 * change always loads fresh.
 */
export function cachedWorkingCalendar(db: Db, communeId: string): Promise<WorkingCalendar> {
  return calendarCacheOf(db).get(communeId, () => loadWorkingCalendar(db, communeId));
}

/** Drop the cached calendar of a commune (after its overrides change in this process). */
export function invalidateWorkingCalendar(db: Db, communeId: string): void {
  calendarCacheOf(db).invalidate(communeId);
}
