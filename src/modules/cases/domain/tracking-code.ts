/**
 * Human-readable tracking codes such as "NQ-2611-7KX3M": commune prefix, yymm of receipt (UTC+7),
 * four random characters and a check character. The alphabet leaves out 0/O, 1/I/L so a code can be
 * read aloud over the phone; the mod-31 check catches any single typo and adjacent swap.
 */
import { toLocalDate } from '../../../core/calendar/index.js';

/** 31 unambiguous characters (a prime count, which makes the weighted check exact). */
export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const RANDOM_LENGTH = 4;
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
export function generateTrackingCode(prefix: string, date: Date, randomBytes: Uint8Array): string {
  const upperPrefix = prefix.toUpperCase();
  if (!PREFIX_PATTERN.test(upperPrefix)) throw new RangeError('Tracking code prefix must be 1–6 letters');
  if (randomBytes.length < 4) throw new RangeError('At least 4 random bytes are required');
  const localDate = toLocalDate(date);
  const yearMonth = `${localDate.slice(2, 4)}${localDate.slice(5, 7)}`;
  // 32 random bits → 4 base-31 digits; the modulo bias (2^32 / 31^4 ≈ 4650) is negligible.
  let value = ((randomBytes[0] ?? 0) * 2 ** 24 + (randomBytes[1] ?? 0) * 2 ** 16 + (randomBytes[2] ?? 0) * 2 ** 8 + (randomBytes[3] ?? 0)) >>> 0;
  let random = '';
  for (let index = 0; index < RANDOM_LENGTH; index += 1) {
    random += TRACKING_CODE_ALPHABET[value % TRACKING_CODE_ALPHABET.length] ?? '2';
    value = Math.floor(value / TRACKING_CODE_ALPHABET.length);
  }
  return `${upperPrefix}-${yearMonth}-${random}${checkCharacter(upperPrefix, yearMonth, random)}`;
}

/** Letters a person may type for a digit in the yymm part, where only digits are possible. */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };
const CANONICAL_PATTERN = new RegExp(`^[A-Z]{1,6}-\\d{4}-[${TRACKING_CODE_ALPHABET}]{${RANDOM_LENGTH + 1}}$`);

/**
 * Canonical form of user input ("nq 2611 7kx3m" → "NQ-2611-7KX3M") or null if it cannot be a code.
 * Only the yymm part maps look-alike letters to digits; the random part's alphabet has no 0/O/1/I/L,
 * so a mistyped character there cannot be guessed and fails validation instead.
 */
export function normaliseTrackingCode(input: string): string | null {
  // Codes from links and the API are usually canonical already: one test, no rebuilding.
  if (CANONICAL_PATTERN.test(input)) return input;
  const upper = input.toUpperCase().trim();
  const parts = upper.split(/[\s\-_.]+/).filter((part) => part !== '');
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
  if (!PREFIX_PATTERN.test(prefix) || rest.length !== 4 + RANDOM_LENGTH + 1) return null;
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
  return checkCharacter(prefix, yearMonth, tail.slice(0, RANDOM_LENGTH)) === tail.slice(RANDOM_LENGTH);
}
