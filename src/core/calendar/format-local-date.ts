/**
 * Human-readable local dates for explanations and notices: "Thứ Ba, 16/02/2027" (vi) or
 * "Tuesday, 16/02/2027" (en). Vietnamese administrative texts write dates as dd/mm/yyyy.
 */
import { dayOfWeek, isLocalDate, parseLocalDate, startOfLocalDay, type LocalDate } from './local-date.js';

/** UI locales supported by the platform. */
export type Locale = 'vi' | 'en';

const WEEKDAY_NAMES: Record<Locale, readonly string[]> = {
  vi: ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** Weekday name of a date in the locale ("Thứ Ba" / "Tuesday"). */
export function weekdayName(date: LocalDate, locale: Locale): string {
  return WEEKDAY_NAMES[locale][dayOfWeek(date)] ?? '';
}

/** dd/mm/yyyy. */
export function formatShortDate(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

// Explanations repeat the same few dates: memoise the long form per locale (pure, bounded).
const LONG_DATE_CACHE_LIMIT = 4096;
const longDateCache: Record<Locale, Map<LocalDate, string>> = { vi: new Map(), en: new Map() };

/** Weekday plus dd/mm/yyyy, e.g. "Thứ Ba, 16/02/2027". */
export function formatLongDate(date: LocalDate, locale: Locale): string {
  const cache = Object.hasOwn(longDateCache, locale) ? longDateCache[locale] : undefined;
  const cached = cache?.get(date);
  if (cached !== undefined) return cached;
  const formatted = `${weekdayName(date, locale)}, ${formatShortDate(date)}`;
  if (cache) {
    if (cache.size >= LONG_DATE_CACHE_LIMIT) cache.clear();
    cache.set(date, formatted);
  }
  return formatted;
}

const SHORT_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * A date as people type it in Vietnam: day first, `dd/mm/yyyy` (also `d/m/yyyy`, with `.` or `-`),
 * or an ISO `yyyy-mm-dd` pasted from elsewhere. Null when the text is not a real date (31/02/2027).
 */
export function parseShortDate(text: string): LocalDate | null {
  const trimmed = text.trim();
  if (isLocalDate(trimmed)) return trimmed;
  const match = SHORT_DATE.exec(trimmed);
  if (!match) return null;
  // Built as text, not through formatLocalDate, which would roll 31/02 over into March.
  const candidate = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isLocalDate(candidate) ? candidate : null;
}

const SHORT_DATE_TIME = /^(\S+)(?:\s+(\d{1,2})[:hg](\d{2}))?$/i;

/**
 * A moment as people type it in Vietnam: `dd/mm/yyyy hh:mm`, 24-hour, in Vietnam time (UTC+7,
 * whatever the computer's own time zone); `14h30` is read like `14:30`. A date alone means the
 * start of that day. Null when the text is not a real date and time.
 */
export function parseShortDateTime(text: string): Date | null {
  const match = SHORT_DATE_TIME.exec(text.trim());
  if (!match) return null;
  const date = parseShortDate(match[1]!);
  if (!date) return null;
  const hours = match[2] === undefined ? 0 : Number(match[2]);
  const minutes = match[3] === undefined ? 0 : Number(match[3]);
  if (hours > 23 || minutes > 59) return null;
  return new Date(startOfLocalDay(date).getTime() + (hours * 60 + minutes) * 60_000);
}
