/**
 * LAW-DENUNC-12: a sealed submitter's declared name, known to the masking without opening the
 * identity. Intake keeps `<word count>.<MAC of the folded words>` (a key derived from the session
 * secret for this purpose alone, as link-token.ts does), never the name. Masking a text for a reader
 * who may not open the identity then checks each run of that many words against the MAC, so the name
 * is hidden however it is written ("CANARY-IDENTITY-XYZ", "nguyen van a", with or without marks), which
 * the detection of likely names cannot promise. Cases filed before it (digest null) keep the detection.
 */
import type { AppContext } from '../../../../core/context.js';
import { nameWordsOf, type KnownName } from '../../domain/index.js';
import { linkMac } from './link-token.js';

const PURPOSE = 'cases.sealed-name-digest.v1';
const DIGEST_PATTERN = /^(\d{1,2})\.([A-Za-z0-9_-]{22})$/;
/** A longer "name" is not a name: nothing to hide by it (and a run that long would never be checked usefully). */
const MAX_NAME_WORDS = 12;

/** The digest of a declared name, or null when it has no word (or too many to be a name). */
export function sealedNameDigest(ctx: AppContext, fullName: string | null | undefined): string | null {
  const words = nameWordsOf(fullName ?? '');
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return null;
  return `${words.length}.${linkMac(ctx, PURPOSE, words.join(' '))}`;
}

/** The name behind a stored digest, for detectPersonalData / withoutPersonalData; null without one. */
export function knownSealedName(ctx: AppContext, digest: string | null): KnownName | null {
  const parsed = digest ? DIGEST_PATTERN.exec(digest) : null;
  if (!parsed) return null;
  const mac = parsed[2]!;
  return { wordCount: Number(parsed[1]), matches: (foldedWords) => linkMac(ctx, PURPOSE, foldedWords) === mac };
}
