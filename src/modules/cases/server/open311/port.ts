/**
 * Everything the Open311 adapter needs from the rest of the system, in one place: the cases
 * service (intake and the public read model) and core tenancy reads. Routes call only this.
 */
import type { AppContext } from '../../../../core/context.js';
import { findAreas, findAreasChangedAt, findCommunes, findUnits, type Area, type Commune, type Unit } from '../../../../core/tenancy/index.js';
import type { SubmitCaseResult } from '../../contract.js';
import {
  listCategories,
  listOpen311Requests,
  listOpen311Updates,
  submitCase,
  verifyOpen311ApiKey as verifyApiKeyOfAnyCommune,
  type Open311PublicRequest,
  type Open311PublicUpdate,
  type Open311RequestQuery,
  type Open311UpdateQuery,
} from '../service.js';
import type { ServiceCategory } from './mapping.js';

export type PublicRequestRow = Open311PublicRequest;
export type PublicUpdateRow = Open311PublicUpdate;
export type RequestFilter = Open311RequestQuery;
export type UpdateFilter = Open311UpdateQuery;

/** The partner client an api_key belongs to (never the key itself). */
export interface Open311ClientRef {
  clientId: string;
  name: string;
}

export interface Open311Port {
  communes(): Promise<Commune[]>;
  areas(communeId: string): Promise<Area[]>;
  /** When the commune's areas (the values of the `area` attribute) last changed; null when it has none. */
  areasChangedAt(communeId: string): Promise<string | null>;
  units(communeId: string): Promise<Unit[]>;
  categories(communeId: string): Promise<Array<ServiceCategory & { updatedAt: string }>>;
  /** True when the key belongs to an active Open311 client of the commune (compared by sha256). */
  verifyApiKey(communeId: string, apiKey: string): Promise<Open311ClientRef | null>;
  submit(input: unknown, options: { requestId: string; client: Open311ClientRef; addressId: string | null; mediaUrl: string | null }): Promise<SubmitCaseResult>;
  requests(filter: RequestFilter): Promise<PublicRequestRow[]>;
  updates(filter: UpdateFilter): Promise<PublicUpdateRow[]>;
}

/** Verify an Open311 api_key for one commune (the cases service compares sha256 hashes). */
export async function verifyOpen311ApiKey(ctx: AppContext, communeId: string, apiKey: string): Promise<Open311ClientRef | null> {
  const client = await verifyApiKeyOfAnyCommune(ctx, apiKey);
  return client && client.communeId === communeId ? { clientId: client.clientId, name: client.name } : null;
}

export function createOpen311Port(ctx: AppContext): Open311Port {
  return {
    communes: () => findCommunes(ctx.db),
    areas: (communeId) => findAreas(ctx.db, communeId),
    areasChangedAt: (communeId) => findAreasChangedAt(ctx.db, communeId),
    units: (communeId) => findUnits(ctx.db, communeId, { includeInactive: true }),
    categories: (communeId) => listCategories(ctx, communeId),
    verifyApiKey: (communeId, apiKey) => verifyOpen311ApiKey(ctx, communeId, apiKey),
    // Open311 submissions are anonymous at the HTTP level (the key identifies the partner, not a resident):
    // the partner is recorded in the audit row instead of a user actor.
    submit: (input, { requestId, client, addressId, mediaUrl }) => submitCase(ctx, null, input, { channel: 'open311', requestId, open311Client: { id: client.clientId, name: client.name }, addressId, mediaUrl }),
    requests: (filter) => listOpen311Requests(ctx, filter),
    updates: (filter) => listOpen311Updates(ctx, filter),
  };
}
