import { defaultLocale, isLocale, type Locale } from './translate.js';

/** The cookie that keeps a chosen language (read by `negotiateLocale`), and how long it lasts. */
export const LANG_COOKIE = 'lang';
export const LANG_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

/** Pick the request's language: explicit `?lang=`, then the `lang` cookie, then Accept-Language, else Vietnamese. */
export function negotiateLocale(input: { query?: unknown; cookie?: string | undefined; acceptLanguage?: string | undefined }): Locale {
  const fromQuery = typeof input.query === 'string' ? input.query : undefined;
  if (isLocale(fromQuery)) return fromQuery;
  if (isLocale(input.cookie)) return input.cookie;
  const header = input.acceptLanguage ?? '';
  if (header === '') return defaultLocale;
  // Browsers send the same few headers again and again: each is ranked once.
  const known = fromHeader.get(header);
  if (known) return known;
  const locale = rankAcceptLanguage(header);
  if (fromHeader.size >= ACCEPT_LANGUAGE_MEMO_SIZE) fromHeader.clear();
  fromHeader.set(header, locale);
  return locale;
}

const ACCEPT_LANGUAGE_MEMO_SIZE = 256;
const fromHeader = new Map<string, Locale>();

function rankAcceptLanguage(header: string): Locale {
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const quality = rest.find((item) => item.trim().startsWith('q='));
      return { language: tag.toLowerCase().split('-')[0] ?? '', quality: quality ? Number(quality.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.language && !Number.isNaN(entry.quality))
    .sort((a, b) => b.quality - a.quality);
  const match = ranked.find((entry) => isLocale(entry.language));
  return match && isLocale(match.language) ? match.language : defaultLocale;
}
