/**
 * The cases UI messages (`cases.portal.*`, `cases.backoffice.*`). Browser-safe. Pages translate
 * through `caseTranslate`, which looks these keys up first and falls back to the app's translate
 * (core messages, and these same keys once they are merged into the module's catalog).
 */
import { createTranslate, mergeCatalogs, type Catalogs, type Locale, type Translate } from '../../../core/i18n/translate.js';
import adminEn from '../messages/backoffice-admin.en.json' with { type: 'json' };
import adminVi from '../messages/backoffice-admin.vi.json' with { type: 'json' };
import indicatorsEn from '../messages/backoffice-indicators.en.json' with { type: 'json' };
import indicatorsVi from '../messages/backoffice-indicators.vi.json' with { type: 'json' };
import en from '../messages/portal.en.json' with { type: 'json' };
import vi from '../messages/portal.vi.json' with { type: 'json' };

/** Portal and back office words, plus the admin pages' own (categories, settings, Open311 partners) and the indicators page's. */
export const caseUiCatalogs: Catalogs = mergeCatalogs([
  { vi, en },
  { vi: adminVi, en: adminEn },
  { vi: indicatorsVi, en: indicatorsEn },
]);

const cache = new Map<string, Translate>();

/** A translate function for the cases pages: own keys first, then `fallback` for everything else. */
export function caseTranslate(fallback: Translate, locale: Locale): Translate {
  const own = cache.get(locale) ?? createTranslate(caseUiCatalogs, locale);
  cache.set(locale, own);
  return (key, params) => (key.startsWith('cases.portal.') || key.startsWith('cases.backoffice.') ? own(key, params) : fallback(key, params));
}
