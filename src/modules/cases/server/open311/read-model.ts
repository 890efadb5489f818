/**
 * Open311's public read model: service requests and their public timeline, as the GeoReport
 * queries need them (comma lists, date windows, open/closed, pages). It selects only columns that
 * are safe to publish — never the submitter's contact details, never sealed identity, never
 * internal notes — and only kinds and categories that are Open311 services.
 *
 * TODO(engineer A): move these two queries into db/repository.ts + a service read function
 * (`findOpen311Requests`, `findOpen311Updates`) and have this file call them.
 */
import { typed, type Db } from '../../../../core/db/database.js';
import type { CasesTables } from '../../db/tables.js';
import type { Open311Kind } from './mapping.js';

export interface ServiceKey {
  categoryId: string;
  kind: Open311Kind;
}

export interface RequestFilter {
  communeId: string;
  /** The Open311 services to search (all public services when no service_code filter). */
  services: readonly ServiceKey[];
  codes?: readonly string[];
  from?: string;
  to?: string;
  /** Internal statuses to keep (already expanded from open/closed). */
  statuses?: readonly string[];
  limit: number;
  offset: number;
}

export interface PublicRequestRow {
  code: string;
  kind: string;
  category_id: string;
  status: string;
  description: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  assigned_unit_id: string | null;
  answer_text: string | null;
  acceptance_due_at: string | null;
  due_at: string | null;
  received_at: string;
  updated_at: string;
  closed_at: string | null;
  answered_at: string | null;
  /** Read only to redact the submitter's own name from the texts; never published. */
  submitter_name: string | null;
}

export interface PublicUpdateRow {
  id: string;
  at: string;
  event: string;
  public_note: string | null;
  code: string;
  status: string;
  submitter_name: string | null;
}

/** Withdrawn cases stay private: the resident took them back. */
const HIDDEN_STATUSES = ['withdrawn'];

const q = (db: Db) => typed<CasesTables>(db);

export async function findPublicRequests(db: Db, filter: RequestFilter): Promise<PublicRequestRow[]> {
  if (filter.services.length === 0) return [];
  let query = q(db)
    .selectFrom('cases_items as c')
    .where('c.commune_id', '=', filter.communeId)
    .where('c.status', 'not in', HIDDEN_STATUSES)
    .where((eb) => eb.or(filter.services.map((service) => eb.and([eb('c.category_id', '=', service.categoryId), eb('c.kind', '=', service.kind)]))));
  if (filter.codes) {
    if (filter.codes.length === 0) return [];
    query = query.where('c.code', 'in', [...filter.codes]);
  } else {
    if (filter.from) query = query.where('c.received_at', '>=', filter.from);
    if (filter.to) query = query.where('c.received_at', '<=', filter.to);
    if (filter.statuses && filter.statuses.length > 0) query = query.where('c.status', 'in', [...filter.statuses]);
  }
  return query
    .select([
      'c.code',
      'c.kind',
      'c.category_id',
      'c.status',
      'c.description',
      'c.address',
      'c.latitude',
      'c.longitude',
      'c.assigned_unit_id',
      'c.answer_text',
      'c.acceptance_due_at',
      'c.due_at',
      'c.received_at',
      'c.updated_at',
      'c.closed_at',
      'c.answered_at',
      'c.submitter_name',
    ])
    .orderBy('c.received_at', 'desc')
    .orderBy('c.code')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export interface UpdateFilter {
  communeId: string;
  services: readonly ServiceKey[];
  from: string;
  to: string;
  limit: number;
  offset: number;
}

/** Public timeline entries of public Open311 requests, oldest first (a change log clients poll). */
export async function findPublicUpdates(db: Db, filter: UpdateFilter): Promise<PublicUpdateRow[]> {
  if (filter.services.length === 0) return [];
  return q(db)
    .selectFrom('cases_timeline as t')
    .innerJoin('cases_items as c', (join) => join.onRef('c.commune_id', '=', 't.commune_id').onRef('c.id', '=', 't.case_id'))
    .where('t.commune_id', '=', filter.communeId)
    .where('t.is_public', '=', 1)
    .where('t.at', '>=', filter.from)
    .where('t.at', '<=', filter.to)
    .where('c.status', 'not in', HIDDEN_STATUSES)
    .where((eb) => eb.or(filter.services.map((service) => eb.and([eb('c.category_id', '=', service.categoryId), eb('c.kind', '=', service.kind)]))))
    .select(['t.id', 't.at', 't.event', 't.public_note', 'c.code', 'c.status', 'c.submitter_name'])
    .orderBy('t.at')
    .orderBy('t.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

/** When each category last changed: the discovery document's `changeset` (TODO(engineer A): add updatedAt to Category). */
export async function findCategoryChanges(db: Db, communeId: string): Promise<Map<string, string>> {
  const rows = await q(db).selectFrom('cases_categories').where('commune_id', '=', communeId).select(['id', 'updated_at']).execute();
  return new Map(rows.map((row) => [row.id, String(row.updated_at)]));
}
