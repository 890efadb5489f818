/** Open311 API clients (keys stored as sha256 only). */
import type { AppContext } from '../../../../core/context.js';
import * as repository from '../../db/repository.js';
import { sha256Hex } from './shared.js';

/** The client and commune an Open311 `api_key` belongs to, or null when unknown or inactive. */
export async function verifyOpen311ApiKey(ctx: AppContext, apiKey: string): Promise<{ clientId: string; communeId: string; name: string } | null> {
  if (!apiKey || apiKey.length > 200) return null;
  const row = await repository.findOpen311ClientByKeyHash(ctx.db, sha256Hex(apiKey));
  return row ? { clientId: row.id, communeId: row.commune_id, name: row.name } : null;
}
