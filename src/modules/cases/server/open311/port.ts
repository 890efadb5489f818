/**
 * Everything the Open311 adapter needs from the rest of the system, in one place: the cases
 * service (intake), core tenancy reads, and the public read model. Routes call only this.
 */
import type { AppContext } from '../../../../core/context.js';
import { findAreas, findCommunes, findUnits, type Area, type Commune, type Unit } from '../../../../core/tenancy/index.js';
import type { SubmitCaseResult } from '../../contract.js';
import { listCategories, submitCase, verifyOpen311ApiKey as verifyApiKeyOfAnyCommune } from '../service.js';
import type { ServiceCategory } from './mapping.js';
import * as readModel from './read-model.js';

export type { PublicRequestRow, PublicUpdateRow, RequestFilter, UpdateFilter } from './read-model.js';

export interface Open311Port {
  communes(): Promise<Commune[]>;
  areas(communeId: string): Promise<Area[]>;
  units(communeId: string): Promise<Unit[]>;
  categories(communeId: string): Promise<Array<ServiceCategory & { updatedAt: string }>>;
  /** True when the key belongs to an active Open311 client of the commune (compared by sha256). */
  verifyApiKey(communeId: string, apiKey: string): Promise<{ clientId: string } | null>;
  submit(input: unknown, requestId: string): Promise<SubmitCaseResult>;
  requests(filter: readModel.RequestFilter): Promise<readModel.PublicRequestRow[]>;
  updates(filter: readModel.UpdateFilter): Promise<readModel.PublicUpdateRow[]>;
}

/** Verify an Open311 api_key for one commune (the cases service compares sha256 hashes). */
export async function verifyOpen311ApiKey(ctx: AppContext, communeId: string, apiKey: string): Promise<{ clientId: string } | null> {
  const client = await verifyApiKeyOfAnyCommune(ctx, apiKey);
  return client && client.communeId === communeId ? { clientId: client.clientId } : null;
}

export function createOpen311Port(ctx: AppContext): Open311Port {
  return {
    communes: () => findCommunes(ctx.db),
    areas: (communeId) => findAreas(ctx.db, communeId),
    units: (communeId) => findUnits(ctx.db, communeId, { includeInactive: true }),
    categories: async (communeId) => {
      const [categories, changes] = await Promise.all([listCategories(ctx, communeId), readModel.findCategoryChanges(ctx.db, communeId)]);
      return categories.map((category) => ({ ...category, updatedAt: changes.get(category.id) ?? new Date(0).toISOString() }));
    },
    verifyApiKey: (communeId, apiKey) => verifyOpen311ApiKey(ctx, communeId, apiKey),
    // Open311 submissions are anonymous at the HTTP level (the key identifies the partner, not a resident).
    submit: (input, requestId) => submitCase(ctx, null, input, { channel: 'open311', requestId }),
    requests: (filter) => readModel.findPublicRequests(ctx.db, filter),
    updates: (filter) => readModel.findPublicUpdates(ctx.db, filter),
  };
}
