import { defaultLocale, isLocale, type Locale } from './translate.js';

/** Pick the request's language: explicit `?lang=`, then the `lang` cookie, then Accept-Language, else Vietnamese. */
export function negotiateLocale(input: { query?: unknown; cookie?: string | undefined; acceptLanguage?: string | undefined }): Locale {
  const fromQuery = typeof input.query === 'string' ? input.query : undefined;
  if (isLocale(fromQuery)) return fromQuery;
  if (isLocale(input.cookie)) return input.cookie;
  const header = input.acceptLanguage ?? '';
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
