/**
 * SMS bodies in the GSM 03.38 7-bit alphabet. A single non-GSM character (any Vietnamese letter
 * with a diacritic) switches the whole message to UCS-2, which cuts a part from 153 to 67
 * characters and more than doubles the price; SMS templates are written without diacritics for
 * that reason, and the values put into them (a status label, a commune name) are folded the same
 * way here ("Đã tiếp nhận" → "Da tiep nhan", đ → d).
 */
import { stripVietnameseDiacritics } from '../../../core/contract/text-fold.js';

/** Characters of one part of a concatenated GSM-7 message (160 alone, 153 with the joining header). */
export const SMS_PART_LENGTH = 153;
/** The most parts an SMS from the platform may take (what the channel is sized and priced for). */
export const SMS_MAX_PARTS = 3;
/** The longest SMS body the channel assumes, in GSM-7 characters (an extension character counts twice). */
export const SMS_MAX_LENGTH = SMS_PART_LENGTH * SMS_MAX_PARTS;

const GSM7_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Sent as an escape plus the character: two of the message's characters each. */
const GSM7_EXTENSION = '^{}\\[~]|€\f';
const gsm7 = new Set([...GSM7_BASIC, ...GSM7_EXTENSION]);
const extension = new Set([...GSM7_EXTENSION]);

/** Typographic characters templates and labels use, to their GSM-7 look-alikes. */
const PUNCTUATION: ReadonlyArray<[RegExp, string]> = [
  [/[\u2012-\u2015\u2212]/g, '-'],
  [/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"'],
  [/[\u2018\u2019\u201A]/g, "'"],
  [/\u2026/g, '...'],
  [/[\u00B7\u2022]/g, '-'],
  [/[\u00A0\u2007\u202F\t]/g, ' '],
];

/** The body as the SMS channel sends it: Vietnamese folded, punctuation mapped, anything else outside GSM-7 as `?`. */
export function toSmsText(text: string): string {
  let result = stripVietnameseDiacritics(text);
  for (const [pattern, replacement] of PUNCTUATION) result = result.replace(pattern, replacement);
  return [...result].map((character) => (gsm7.has(character) ? character : '?')).join('');
}

/** True when every character is in the GSM-7 alphabet (basic or extension table). */
export function isGsm7(text: string): boolean {
  return [...text].every((character) => gsm7.has(character));
}

/** Length in GSM-7 characters (an extension-table character takes two). */
export function gsm7Length(text: string): number {
  return [...text].reduce((total, character) => total + (extension.has(character) ? 2 : 1), 0);
}
