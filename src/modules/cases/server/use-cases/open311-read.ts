/**
 * Open311's public read model: service requests and their public timeline, as the GeoReport
 * queries need them (comma lists, date windows, open/closed, pages). Only columns that are safe to
 * publish — never the submitter's contact details, never sealed identity, never internal notes —
 * and only the services (category + kind) the caller asks for; withdrawn cases never appear.
 */
import type { AppContext } from '../../../../core/context.js';
import * as repository from '../../db/repository.js';

export type Open311ServiceKey = repository.Open311ServiceKey;
export type Open311PublicRequest = repository.Open311RequestRow;
export type Open311PublicUpdate = repository.Open311UpdateRow;

export interface Open311RequestQuery {
  communeId: string;
  /** The Open311 services to search (all public services when no service_code filter). */
  services: readonly Open311ServiceKey[];
  codes?: readonly string[];
  from?: string;
  to?: string;
  /** Internal statuses to keep (already expanded from open/closed). */
  statuses?: readonly string[];
  limit: number;
  offset: number;
}

export interface Open311UpdateQuery {
  communeId: string;
  services: readonly Open311ServiceKey[];
  from: string;
  to: string;
  limit: number;
  offset: number;
}

/** Withdrawn cases stay private: the resident took them back. */
const HIDDEN_STATUSES = ['withdrawn'] as const;

/** Public service requests, newest first. */
export async function listOpen311Requests(ctx: AppContext, query: Open311RequestQuery): Promise<Open311PublicRequest[]> {
  return repository.findOpen311Requests(ctx.db, { ...query, hiddenStatuses: HIDDEN_STATUSES });
}

/** Public timeline entries of public service requests, oldest first (a change log clients poll). */
export async function listOpen311Updates(ctx: AppContext, query: Open311UpdateQuery): Promise<Open311PublicUpdate[]> {
  return repository.findOpen311Updates(ctx.db, { ...query, hiddenStatuses: HIDDEN_STATUSES });
}
