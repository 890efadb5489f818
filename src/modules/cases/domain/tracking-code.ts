/**
 * Human-readable tracking codes such as "NQ-2611-7KX3M": commune prefix, yymm of receipt (UTC+7),
 * four random characters and a check character. The alphabet leaves out 0/O, 1/I/L so a code can be
 * read aloud over the phone; the mod-31 check catches any single typo and adjacent swap.
 *
 * Four characters give 31^4 = 923,521 codes per commune and month. Should a month ever run short
 * (intake draws again when a code is taken), the code gets a fifth random character (31^5 ≈ 28.6
 * million), e.g. "NQ-2611-7KX3MA": both lengths are valid, and the check works the same way.
 */
import { toLocalDate } from '../../../core/calendar/index.js';

/** 31 unambiguous characters (a prime count, which makes the weighted check exact). */
export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Random characters of a code: four, or five once a month's four-character codes run short. */
export type TrackingCodeRandomLength = 4 | 5;
const RANDOM_LENGTH: TrackingCodeRandomLength = 4;
const LONG_RANDOM_LENGTH: TrackingCodeRandomLength = 5;
const PREFIX_PATTERN = /^[A-Z]{1,6}$/;
const FULL_VALUE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function checkCharacter(prefix: string, yearMonth: string, random: string): string {
  const values = [
    ...[...`${prefix}${yearMonth}`].map((character) => FULL_VALUE_ALPHABET.indexOf(character)),
    ...[...random].map((character) => TRACKING_CODE_ALPHABET.indexOf(character)),
  ];
  const sum = values.reduce((total, value, index) => total + value * (index + 1), 0);
  return TRACKING_CODE_ALPHABET[sum % TRACKING_CODE_ALPHABET.length] ?? '2';
}

/** Generates a code from a prefix, the receipt instant and ≥ 4 caller-supplied random bytes. */
export function generateTrackingCode(prefix: string, date: Date, randomBytes: Uint8Array, randomLength: TrackingCodeRandomLength = RANDOM_LENGTH): string {
  const upperPrefix = prefix.toUpperCase();
  if (!PREFIX_PATTERN.test(upperPrefix)) throw new RangeError('Tracking code prefix must be 1–6 letters');
  if (randomBytes.length < 4) throw new RangeError('At least 4 random bytes are required');
  const localDate = toLocalDate(date);
  const yearMonth = `${localDate.slice(2, 4)}${localDate.slice(5, 7)}`;
  // 32 random bits → 4 or 5 base-31 digits; the modulo bias (2^32 / 31^5 ≈ 150 at most) is negligible.
  let value = ((randomBytes[0] ?? 0) * 2 ** 24 + (randomBytes[1] ?? 0) * 2 ** 16 + (randomBytes[2] ?? 0) * 2 ** 8 + (randomBytes[3] ?? 0)) >>> 0;
  let random = '';
  for (let index = 0; index < randomLength; index += 1) {
    random += TRACKING_CODE_ALPHABET[value % TRACKING_CODE_ALPHABET.length] ?? '2';
    value = Math.floor(value / TRACKING_CODE_ALPHABET.length);
  }
  return `${upperPrefix}-${yearMonth}-${random}${checkCharacter(upperPrefix, yearMonth, random)}`;
}

/** Letters a person may type for a digit in the yymm part, where only digits are possible. */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };
const CANONICAL_PATTERN = new RegExp(`^[A-Z]{1,6}-\\d{4}-[${TRACKING_CODE_ALPHABET}]{${RANDOM_LENGTH + 1},${LONG_RANDOM_LENGTH + 1}}$`);

/**
 * Canonical form of user input ("nq 2611 7kx3m" → "NQ-2611-7KX3M") or null if it cannot be a code.
 * Only the yymm part maps look-alike letters to digits; the random part's alphabet has no 0/O/1/I/L,
 * so a mistyped character there cannot be guessed and fails validation instead.
 */
/** What may stand between a code's parts when typed: spaces, hyphens and every dash, underscores, dots. */
const SEPARATORS = /[\s\-_.\u2010-\u2015\u2212\u2E3A\u2E3B\u30FC\uFE58\uFE63\uFF0D]+/;

export function normaliseTrackingCode(input: string): string | null {
  // Codes from links and the API are usually canonical already: one test, no rebuilding.
  if (CANONICAL_PATTERN.test(input)) return input;
  // NFKC folds full-width letters, digits, hyphens and spaces (a phone's Asian keyboard) to ASCII; the
  // dashes autocorrect makes of a hyphen (en dash, em dash, minus sign…) separate like spaces do.
  const upper = input.normalize('NFKC').toUpperCase().trim();
  const parts = upper.split(SEPARATORS).filter((part) => part !== '');
  let prefix: string;
  let rest: string;
  if (parts.length === 3) {
    prefix = parts[0] ?? '';
    rest = `${parts[1] ?? ''}${parts[2] ?? ''}`;
  } else {
    const compact = parts.join('');
    const match = /^([A-Z]{1,6})(.*)$/.exec(compact);
    if (!match) return null;
    prefix = match[1] ?? '';
    rest = match[2] ?? '';
  }
  if (!PREFIX_PATTERN.test(prefix) || rest.length < 4 + RANDOM_LENGTH + 1 || rest.length > 4 + LONG_RANDOM_LENGTH + 1) return null;
  const yearMonth = [...rest.slice(0, 4)].map((character) => DIGIT_LOOKALIKES[character] ?? character).join('');
  const tail = rest.slice(4);
  if (!/^\d{4}$/.test(yearMonth)) return null;
  if (![...tail].every((character) => TRACKING_CODE_ALPHABET.includes(character))) return null;
  return `${prefix}-${yearMonth}-${tail}`;
}

/** Whether the input (in any accepted spelling) is a well-formed code with a correct check character. */
export function isValidTrackingCode(code: string): boolean {
  const normalised = normaliseTrackingCode(code);
  if (normalised === null) return false;
  const [prefix = '', yearMonth = '', tail = ''] = normalised.split('-');
  const month = Number(yearMonth.slice(2));
  if (month < 1 || month > 12) return false;
  return checkCharacter(prefix, yearMonth, tail.slice(0, -1)) === tail.slice(-1);
}

/**
 * Taken draws in a row before a code gets its fifth random character. With half of a month's
 * four-character codes taken, six taken draws in a row happen once in 64 submissions; with a
 * tenth taken, once in a million.
 */
export const SHORT_CODE_DRAWS = 6;
/** Draws in all before intake gives up (unreachable in practice: 31^5 codes per commune and month). */
export const MAX_CODE_DRAWS = 20;

/**
 * Draws codes until `claim` takes one (intake: an INSERT that writes nothing when the code is
 * taken). The first SHORT_CODE_DRAWS draws have four random characters, the rest five.
 */
export async function claimTrackingCode(draw: (randomLength: TrackingCodeRandomLength) => string, claim: (code: string) => Promise<boolean>): Promise<string> {
  for (let attempt = 0; attempt < MAX_CODE_DRAWS; attempt += 1) {
    const code = draw(attempt < SHORT_CODE_DRAWS ? RANDOM_LENGTH : LONG_RANDOM_LENGTH);
    if (await claim(code)) return code;
  }
  throw new Error(`no free tracking code after ${MAX_CODE_DRAWS} draws`);
}
