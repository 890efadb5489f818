/**
 * Vietnamese phone numbers. Since 2017–2018 mobile numbers have 10 digits (03x, 05x, 07x, 08x, 09x)
 * and landlines 11 digits (02 + area code + subscriber number).
 */

const SEPARATORS = /[\s.\-()]/g;
const MOBILE_PATTERN = /^0[35789]\d{8}$/;
const LANDLINE_PATTERN = /^02\d{9}$/;
const TWO_DIGIT_AREA_CODES = ['024', '028'];

/** Canonical national form ('0912345678') of +84 / 84 / 0084 / 0… input with separators, or null. */
export function normaliseVietnamesePhone(input: string): string | null {
  let digits = input.trim().replace(SEPARATORS, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0084')) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) digits = `0${digits.slice(2)}`;
  if (digits.startsWith('00')) return null;
  if (MOBILE_PATTERN.test(digits) || LANDLINE_PATTERN.test(digits)) return digits;
  return null;
}

/** Groups a phone for display: mobile '0912 345 678', Hà Nội/HCMC '024 3825 1234', others '0203 382 1234'. */
export function formatVietnamesePhone(phone: string): string {
  const normalised = normaliseVietnamesePhone(phone);
  if (normalised === null) return phone;
  if (normalised.length === 10) return `${normalised.slice(0, 4)} ${normalised.slice(4, 7)} ${normalised.slice(7)}`;
  if (TWO_DIGIT_AREA_CODES.includes(normalised.slice(0, 3))) {
    return `${normalised.slice(0, 3)} ${normalised.slice(3, 7)} ${normalised.slice(7)}`;
  }
  return `${normalised.slice(0, 4)} ${normalised.slice(4, 7)} ${normalised.slice(7)}`;
}

/** Whether the input is a valid Vietnamese mobile or landline number in any accepted form. */
export function isVietnamesePhone(input: string): boolean {
  return normaliseVietnamesePhone(input) !== null;
}
