/** Browser-safe half of i18n: locales, catalogs and interpolation. */
export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'vi';

export type Catalog = Readonly<Record<string, string>>;
export type Catalogs = Readonly<Record<Locale, Catalog>>;
export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Merge several modules' catalogs; a key defined twice is a programming error. */
export function mergeCatalogs(parts: ReadonlyArray<Partial<Record<Locale, Catalog>>>): Catalogs {
  const merged: Record<Locale, Record<string, string>> = { vi: {}, en: {} };
  for (const part of parts) {
    for (const locale of locales) {
      for (const [key, value] of Object.entries(part[locale] ?? {})) {
        if (key in merged[locale]) throw new Error(`Duplicate message key ${locale}:${key}`);
        merged[locale][key] = value;
      }
    }
  }
  return merged;
}

/**
 * Look a key up in the locale, falling back to Vietnamese (the language every message exists in),
 * then to the key itself, and fill `{name}` placeholders. A whole-number parameter is a quantity
 * (a limit, a count) and is written in the locale's way: 4.000 in Vietnamese, 4,000 in English;
 * pass codes and years as strings.
 */
export function createTranslate(catalogs: Catalogs, locale: Locale): Translate {
  return (key, params) => {
    const template = catalogs[locale][key] ?? catalogs.vi[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? formatParam(params[name]!, locale) : whole));
  };
}

/**
 * Vietnamese words inside a message in another language (a legal term such as <vi>khiếu nại</vi>, an
 * example name, a unit or hamlet name passed as a parameter) are written between `<vi>` and `</vi>`,
 * so the page can mark them `lang="vi"` (WCAG 3.1.2 Language of Parts; core/ui `MarkedText`).
 */
const VIETNAMESE_MARK = /<vi>([\s\S]*?)<\/vi>/g;

/** A Vietnamese-only value (a unit, hamlet or office name) for a `{param}` of a message rendered by `MarkedText`. */
export function markVietnamese(text: string): string {
  return `<vi>${text}</vi>`;
}

/** The message cut into plain and Vietnamese parts, in order (empty parts left out). */
export function splitVietnameseMarks(text: string): Array<{ text: string; isVietnamese: boolean }> {
  const parts: Array<{ text: string; isVietnamese: boolean }> = [];
  let last = 0;
  for (const match of text.matchAll(VIETNAMESE_MARK)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), isVietnamese: false });
    if (match[1]) parts.push({ text: match[1], isVietnamese: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), isVietnamese: false });
  return parts;
}

/** The message as plain text (where no markup can go: a `<title>`, an `<option>`, an e-mail). */
export function stripVietnameseMarks(text: string): string {
  return text.replace(VIETNAMESE_MARK, '$1');
}

function formatParam(value: string | number, locale: Locale): string {
  return typeof value === 'number' && Number.isInteger(value) ? formatNumber(value, locale) : String(value);
}

/** Vietnamese number format: `.` for thousands, `,` for decimals. */
export function formatNumber(value: number, locale: Locale, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits }).format(value);
}

const viWeekdays = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const enWeekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const vietnamOffsetMs = 7 * 60 * 60 * 1000;

function localParts(instant: Date | string) {
  const shifted = new Date(new Date(instant).getTime() + vietnamOffsetMs);
  return {
    day: String(shifted.getUTCDate()).padStart(2, '0'),
    month: String(shifted.getUTCMonth() + 1).padStart(2, '0'),
    year: String(shifted.getUTCFullYear()),
    hour: String(shifted.getUTCHours()).padStart(2, '0'),
    minute: String(shifted.getUTCMinutes()).padStart(2, '0'),
    weekday: shifted.getUTCDay(),
  };
}

/** `dd/mm/yyyy` in Vietnam time (UTC+7, no daylight saving). */
export function formatDate(instant: Date | string): string {
  const parts = localParts(instant);
  return `${parts.day}/${parts.month}/${parts.year}`;
}

/** `dd/mm/yyyy HH:mm`, 24-hour, Vietnam time. */
export function formatDateTime(instant: Date | string): string {
  const parts = localParts(instant);
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** A deadline with its weekday: "Thứ Ba, 16/02/2027". */
export function formatDeadline(instant: Date | string, locale: Locale): string {
  const parts = localParts(instant);
  const weekday = (locale === 'vi' ? viWeekdays : enWeekdays)[parts.weekday];
  return `${weekday}, ${parts.day}/${parts.month}/${parts.year}`;
}
