/**
 * LAW-DENUNC-12: a sealed submitter's declared name, known to the masking without opening the
 * identity. Intake keeps `<vault key id>:<word count>.<MAC of the folded words>`, never the name. The
 * MAC key is derived from the field-encryption keyring (FieldVault.mac), the same keys that seal the
 * identity, so the digest rotates with them: it verifies while its key is in the ring, and the
 * re-keying job below re-makes it under the active key. (The first version keyed it on
 * SESSION_SECRET: rotating that secret silently un-masked every name. Such digests, `<count>.<mac>`,
 * are still read while the secret is unchanged, and the same job re-makes them.) Masking a text for
 * a reader who may not open the identity checks each run of that many words against the MAC, so the
 * name is hidden however it is written ("CANARY-IDENTITY-XYZ", "nguyen van a", with or without
 * marks), which the detection of likely names cannot promise. A digest whose key left the ring
 * matches nothing: the detection alone masks until the job re-makes it.
 */
import type { AppContext } from '../../../../core/context.js';
import type { FieldVault } from '../../../../core/crypto/field-vault.js';
import { inTransaction } from '../../../../core/db/database.js';
import * as repository from '../../db/repository.js';
import { nameWordsOf, withoutPersonalData, type KnownName } from '../../domain/index.js';
import { linkMac } from './link-token.js';
import { maskedSearchTextOf } from './masked-search.js';
import { openSealedIdentityAsSystem } from './sealed-identity.js';

const PURPOSE = 'cases.sealed-name-digest.v1';
const DIGEST_PATTERN = /^(?:([A-Za-z0-9_-]+):)?(\d{1,2})\.([A-Za-z0-9_-]{22})$/;
/** A longer "name" is not a name: nothing to hide by it (and a run that long would never be checked usefully). */
const MAX_NAME_WORDS = 12;

const vaultOf = (ctx: AppContext) => ctx.services.get<FieldVault>('vault');

/** The digest of a declared name under the active key; '' when it has no word (or too many to be a name): nothing to mask by it, and known so. */
export function sealedNameDigest(ctx: AppContext, fullName: string | null | undefined): string {
  const words = nameWordsOf(fullName ?? '');
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return '';
  const vault = vaultOf(ctx);
  return `${vault.activeKeyId}:${words.length}.${vault.mac(PURPOSE, words.join(' '))!}`;
}

/** The start every digest made under the active key has; a digest without it is re-made by the job. */
export function activeDigestPrefix(ctx: AppContext): string {
  return `${vaultOf(ctx).activeKeyId}:`;
}

/** The name behind a stored digest, for detectPersonalData / withoutPersonalData; null without one, or when its key left the ring. */
export function knownSealedName(ctx: AppContext, digest: string | null): KnownName | null {
  const parsed = digest ? DIGEST_PATTERN.exec(digest) : null;
  if (!parsed) return null;
  const [, keyId, count, mac] = parsed as unknown as [string, string | undefined, string, string];
  const vault = vaultOf(ctx);
  if (keyId !== undefined && !vault.hasKey(keyId)) return null;
  const macOf = keyId === undefined ? (words: string) => linkMac(ctx, PURPOSE, words) : (words: string) => vault.mac(PURPOSE, words, keyId);
  return { wordCount: Number(count), matches: (foldedWords) => macOf(foldedWords) === mac };
}

/** Rows per transaction, and batches per job run (the job chains its next run while rows remain). */
export const SEALED_NAME_BACKFILL_BATCH = 100;
export const SEALED_NAME_BACKFILL_MAX_BATCHES = 10;
export const SYSTEM_MASK_READ_REASON = 'mask declared name';

/**
 * Give sealed cases filed before intake kept a name digest theirs, and re-make every digest not under
 * the active vault key (after a key rotation, or made on the session secret), with the masked search
 * text computed with it. The declared name is read from the vault by the system, each read audited like the
 * notifications' (`cases.sealed-identity.read`, capacity system, the field name only, never its value);
 * it leaves this function only as the digest. Idempotent and resumable, one transaction per batch.
 */
export async function backfillSealedNameDigests(ctx: AppContext, options: { batchSize?: number; maxBatches?: number } = {}): Promise<{ filled: number; hasMore: boolean }> {
  const batchSize = options.batchSize ?? SEALED_NAME_BACKFILL_BATCH;
  const maxBatches = options.maxBatches ?? SEALED_NAME_BACKFILL_MAX_BATCHES;
  let filled = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const count = await inTransaction(ctx.db, async (tx) => {
      const rows = await repository.findSealedCasesWithStaleNameDigest(tx, activeDigestPrefix(ctx), batchSize);
      for (const row of rows) {
        const identity = await openSealedIdentityAsSystem(ctx, tx, { communeId: row.commune_id, id: row.id, sealedIdentity: row.sealed_identity }, { reason: SYSTEM_MASK_READ_REASON, fields: ['fullName'] });
        const digest = sealedNameDigest(ctx, identity.fullName);
        const known = knownSealedName(ctx, digest);
        const text = maskedSearchTextOf({ code: row.code, title: withoutPersonalData(row.title, known), maskedDescription: withoutPersonalData(row.description, known), address: row.address });
        if (await repository.fillSealedNameDigest(tx, row.commune_id, row.id, { previous: row.sealed_name_digest, digest, maskedSearchText: text })) filled += 1;
      }
      return rows.length;
    });
    if (count < batchSize) return { filled, hasMore: false };
  }
  return { filled, hasMore: true };
}
