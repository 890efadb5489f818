import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../auth/roles.js';
import { endOfLocalDay, startOfLocalDay, type LocalDate } from '../calendar/local-date.js';
import { newId } from '../contract/ids.js';
import { typed, type Db, type Dialect, type Tx } from '../db/database.js';
import { reusableInsert, reusableQuery } from '../db/reusable-query.js';
import { recallInTransaction, rememberInTransaction } from '../db/transaction-memo.js';

interface AuditLogTable {
  commune_id: string;
  sequence: number;
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: string;
  request_id: string | null;
  previous_hash: string;
  hash: string;
}
export interface AuditTables {
  audit_log: AuditLogTable;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  communeId: string;
  actor: Pick<Actor, 'userId' | 'grants'> | null;
  /** `<module>.<entity>.<verb>`, e.g. `cases.case.assigned`, `cases.sealed-identity.read`. */
  action: string;
  entityType: string;
  entityId: string | null;
  /** Never personal data of third parties: ids and field names, not values. */
  details?: Record<string, unknown>;
  requestId?: string | null;
  at: string;
}

/** The canonical text a row's hash covers; any change to a stored field changes it. */
export function canonicalAuditText(row: Omit<AuditLogTable, 'hash'>): string {
  return JSON.stringify([row.commune_id, row.sequence, row.id, row.at, row.actor_user_id, row.actor_role, row.action, row.entity_type, row.entity_id, row.details, row.request_id, row.previous_hash]);
}

export function hashAuditRow(row: Omit<AuditLogTable, 'hash'>): string {
  return createHash('sha256').update(canonicalAuditText(row)).digest('hex');
}

/**
 * Append one row to the commune's chain. Must run inside the transaction of the change it records,
 * so the change and its audit row commit together. On PostgreSQL an advisory lock per commune
 * serialises appenders; SQLite serialises writers already.
 */
export async function appendAudit(tx: Tx, dialect: Dialect, entry: AuditEntry): Promise<void> {
  // The head this transaction appended last (group commit: many appends per transaction); the
  // PostgreSQL lock is held since that append, until the transaction ends.
  const memoKey = `audit-head:${entry.communeId}`;
  let last = recallInTransaction<ChainHead>(tx, memoKey);
  if (!last) {
    if (dialect === 'postgres') {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`audit:${entry.communeId}`}))`.execute(tx);
    }
    [last] = await selectChainHead(tx, entry.communeId);
  }
  const row: AuditLogTable = {
    commune_id: entry.communeId,
    sequence: (last ? Number(last.sequence) : 0) + 1,
    id: newId(),
    at: entry.at,
    actor_user_id: entry.actor?.userId ?? null,
    actor_role: entry.actor ? [...new Set(entry.actor.grants.filter((g) => g.communeId === entry.communeId).map((g) => g.role))].sort().join(',') || null : null,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    details: JSON.stringify(entry.details ?? {}),
    request_id: entry.requestId ?? null,
    previous_hash: last?.hash ?? GENESIS_HASH,
    hash: '',
  };
  // The hash covers every column but itself; set on the same object (no `{ ...row, hash }` copy:
  // Node 20 and object spread, bench/README.md).
  const hash = hashAuditRow(row);
  row.hash = hash;
  await insertAuditRow(tx, row);
  rememberInTransaction(tx, memoKey, { sequence: row.sequence, hash } satisfies ChainHead);
}

interface ChainHead {
  sequence: number | string;
  hash: string;
}

// Every staff action and every submission appends: both statements are compiled once.
const selectChainHead = reusableQuery((db: Db | Tx, communeId: string) =>
  typed<AuditTables>(db).selectFrom('audit_log').select(['sequence', 'hash']).where('commune_id', '=', communeId).orderBy('sequence', 'desc').limit(1),
);
const insertAuditRow = reusableInsert<AuditLogTable>('audit_log');

export interface AuditVerification {
  communeId: string;
  rows: number;
  firstBroken: { sequence: number; id: string; reason: 'hash_mismatch' | 'previous_hash_mismatch' | 'sequence_gap' } | null;
}

/** Walk every commune's chain in order and name the first broken row. */
export async function verifyAuditChain(database: Db): Promise<AuditVerification[]> {
  const db = typed<AuditTables>(database);
  const communes = await db.selectFrom('audit_log').select('commune_id').distinct().execute();
  const results: AuditVerification[] = [];
  for (const { commune_id: communeId } of communes) {
    let previousHash = GENESIS_HASH;
    let expectedSequence = 1;
    let rows = 0;
    let firstBroken: AuditVerification['firstBroken'] = null;
    const batchSize = 5000;
    for (let offset = 0; !firstBroken; offset += batchSize) {
      const batch = await db.selectFrom('audit_log').selectAll().where('commune_id', '=', communeId).orderBy('sequence').limit(batchSize).offset(offset).execute();
      for (const stored of batch) {
        rows += 1;
        const { hash, ...rest } = stored;
        const row = Object.assign(rest, { sequence: Number(rest.sequence) });
        if (row.sequence !== expectedSequence) firstBroken = { sequence: row.sequence, id: row.id, reason: 'sequence_gap' };
        else if (row.previous_hash !== previousHash) firstBroken = { sequence: row.sequence, id: row.id, reason: 'previous_hash_mismatch' };
        else if (hashAuditRow(row) !== hash) firstBroken = { sequence: row.sequence, id: row.id, reason: 'hash_mismatch' };
        if (firstBroken) break;
        previousHash = hash;
        expectedSequence += 1;
      }
      if (batch.length < batchSize) break;
    }
    results.push({ communeId, rows, firstBroken });
  }
  return results;
}

export interface AuditQuery {
  communeId: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  actorUserId?: string;
  /** First and last calendar day in Vietnam (UTC+7), both included. */
  from?: LocalDate;
  to?: LocalDate;
  limit: number;
  offset: number;
}

/** The acting user's name, read by id from the accounts table (the audit log keeps ids only). */
interface ActorNameTables extends AuditTables {
  auth_users: { id: string; display_name: string };
}

export async function findAuditRows(database: Db, query: AuditQuery) {
  let select = typed<ActorNameTables>(database)
    .selectFrom('audit_log')
    .leftJoin('auth_users', 'auth_users.id', 'audit_log.actor_user_id')
    .selectAll('audit_log')
    .select('auth_users.display_name as actor_name')
    .where('audit_log.commune_id', '=', query.communeId);
  if (query.entityType) select = select.where('audit_log.entity_type', '=', query.entityType);
  if (query.entityId) select = select.where('audit_log.entity_id', '=', query.entityId);
  if (query.action) select = select.where('audit_log.action', '=', query.action);
  if (query.actorUserId) select = select.where('audit_log.actor_user_id', '=', query.actorUserId);
  if (query.from) select = select.where('audit_log.at', '>=', startOfLocalDay(query.from).toISOString());
  if (query.to) select = select.where('audit_log.at', '<=', endOfLocalDay(query.to).toISOString());
  return select.orderBy('audit_log.sequence', 'desc').limit(query.limit).offset(query.offset).execute();
}
