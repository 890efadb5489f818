/**
 * LAW-DENUNC-12: a sealed submitter's declared name, known to the masking without opening the
 * identity. Intake keeps `<word count>.<MAC of the folded words>` (a key derived from the session
 * secret for this purpose alone, as link-token.ts does), never the name. Masking a text for a reader
 * who may not open the identity then checks each run of that many words against the MAC, so the name
 * is hidden however it is written ("CANARY-IDENTITY-XYZ", "nguyen van a", with or without marks), which
 * the detection of likely names cannot promise. Cases filed before it get theirs from the bounded job
 * `cases.backfill-sealed-name-digest` (backfillSealedNameDigests below); until then they keep the detection.
 */
import type { AppContext } from '../../../../core/context.js';
import { inTransaction } from '../../../../core/db/database.js';
import * as repository from '../../db/repository.js';
import { nameWordsOf, withoutPersonalData, type KnownName } from '../../domain/index.js';
import { linkMac } from './link-token.js';
import { maskedSearchTextOf } from './masked-search.js';
import { openSealedIdentityAsSystem } from './sealed-identity.js';

const PURPOSE = 'cases.sealed-name-digest.v1';
const DIGEST_PATTERN = /^(\d{1,2})\.([A-Za-z0-9_-]{22})$/;
/** A longer "name" is not a name: nothing to hide by it (and a run that long would never be checked usefully). */
const MAX_NAME_WORDS = 12;

/** The digest of a declared name; '' when it has no word (or too many to be a name): nothing to mask by it, and known so. */
export function sealedNameDigest(ctx: AppContext, fullName: string | null | undefined): string {
  const words = nameWordsOf(fullName ?? '');
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return '';
  return `${words.length}.${linkMac(ctx, PURPOSE, words.join(' '))}`;
}

/** The name behind a stored digest, for detectPersonalData / withoutPersonalData; null without one. */
export function knownSealedName(ctx: AppContext, digest: string | null): KnownName | null {
  const parsed = digest ? DIGEST_PATTERN.exec(digest) : null;
  if (!parsed) return null;
  const mac = parsed[2]!;
  return { wordCount: Number(parsed[1]), matches: (foldedWords) => linkMac(ctx, PURPOSE, foldedWords) === mac };
}

/** Rows per transaction, and batches per job run (the job chains its next run while rows remain). */
export const SEALED_NAME_BACKFILL_BATCH = 100;
export const SEALED_NAME_BACKFILL_MAX_BATCHES = 10;
export const SYSTEM_MASK_READ_REASON = 'mask declared name';

/**
 * Give sealed cases filed before intake kept a name digest theirs, and recompute their masked search
 * text with it. The declared name is read from the vault by the system, each read audited like the
 * notifications' (`cases.sealed-identity.read`, capacity system, the field name only, never its value);
 * it leaves this function only as the digest. Idempotent and resumable, one transaction per batch.
 */
export async function backfillSealedNameDigests(ctx: AppContext, options: { batchSize?: number; maxBatches?: number } = {}): Promise<{ filled: number; hasMore: boolean }> {
  const batchSize = options.batchSize ?? SEALED_NAME_BACKFILL_BATCH;
  const maxBatches = options.maxBatches ?? SEALED_NAME_BACKFILL_MAX_BATCHES;
  let filled = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const count = await inTransaction(ctx.db, async (tx) => {
      const rows = await repository.findSealedCasesWithoutNameDigest(tx, batchSize);
      for (const row of rows) {
        const identity = await openSealedIdentityAsSystem(ctx, tx, { communeId: row.commune_id, id: row.id, sealedIdentity: row.sealed_identity }, { reason: SYSTEM_MASK_READ_REASON, fields: ['fullName'] });
        const digest = sealedNameDigest(ctx, identity.fullName);
        const known = knownSealedName(ctx, digest);
        const text = maskedSearchTextOf({ code: row.code, title: withoutPersonalData(row.title, known), maskedDescription: withoutPersonalData(row.description, known), address: row.address });
        if (await repository.fillSealedNameDigest(tx, row.commune_id, row.id, digest, text)) filled += 1;
      }
      return rows.length;
    });
    if (count < batchSize) return { filled, hasMore: false };
  }
  return { filled, hasMore: true };
}
