import type { Insertable } from 'kysely';
import { newId } from '../contract/ids.js';
import { typed, type Db, type Tx } from '../db/database.js';
import { reusableInsert } from '../db/reusable-query.js';
import type { JobsTables } from './tables.js';

export interface OutboxEvent {
  communeId: string | null;
  /** `<module>.<entity>.<past-tense>`, e.g. `cases.case.assigned`. */
  name: string;
  payload: Record<string, unknown>;
  at: string;
}

const eventNamePattern = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

/**
 * Record an event in the caller's transaction, so it commits (or rolls back) with the change that
 * caused it. Nothing is sent inline: the dispatcher fans it out to subscribed jobs later.
 */
const insertOutboxRow = reusableInsert<Insertable<JobsTables['jobs_outbox']>>('jobs_outbox');

export async function emitEvent(tx: Tx, event: OutboxEvent): Promise<string> {
  if (!eventNamePattern.test(event.name)) throw new Error(`Event name ${event.name} must read <module>.<entity>.<past-tense>`);
  const id = newId();
  await insertOutboxRow(tx, { id, commune_id: event.communeId, name: event.name, payload: JSON.stringify(event.payload), created_at: event.at, dispatched_at: null });
  return id;
}

export interface OutboxRow {
  id: string;
  communeId: string | null;
  name: string;
  payload: Record<string, unknown>;
  createdAt: string;
  dispatchedAt: string | null;
}

/** Outbox rows, oldest first (tests and diagnostics). */
export async function findOutboxEvents(db: Db | Tx, filter: { name?: string; isDispatched?: boolean } = {}): Promise<OutboxRow[]> {
  let query = typed<JobsTables>(db).selectFrom('jobs_outbox').selectAll();
  if (filter.name) query = query.where('name', '=', filter.name);
  if (filter.isDispatched !== undefined) query = query.where('dispatched_at', filter.isDispatched ? 'is not' : 'is', null);
  const rows = await query.orderBy('sequence').execute();
  return rows.map((row) => ({ id: row.id, communeId: row.commune_id, name: row.name, payload: JSON.parse(row.payload) as Record<string, unknown>, createdAt: row.created_at, dispatchedAt: row.dispatched_at }));
}

/**
 * How many `name` events whose payload starts with `payloadPrefix` were emitted since `since`
 * (dispatched or not): requests already queued count against a limit before their job has run.
 */
export async function countOutboxEventsSince(db: Db | Tx, filter: { name: string; payloadPrefix: string; since: string }): Promise<number> {
  const row = await typed<JobsTables>(db)
    .selectFrom('jobs_outbox')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('name', '=', filter.name)
    .where('created_at', '>=', filter.since)
    .where((eb) => eb(eb.fn('substr', ['payload', eb.lit(1), eb.lit(filter.payloadPrefix.length)]), '=', filter.payloadPrefix))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
