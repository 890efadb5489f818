import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import authEn from '../../core/auth/messages/en.json' with { type: 'json' };
import authVi from '../../core/auth/messages/vi.json' with { type: 'json' };
import coreEn from '../../core/i18n/messages/en.json' with { type: 'json' };
import coreVi from '../../core/i18n/messages/vi.json' with { type: 'json' };
import { LANG_COOKIE, LANG_COOKIE_MAX_AGE } from '../../core/i18n/negotiate.js';
import { createTranslate, defaultLocale, isLocale, mergeCatalogs, type Locale, type Translate } from '../../core/i18n/translate.js';
import { caseUiCatalogs } from '../../modules/cases/ui/i18n.js';
import tenancyEn from '../../core/tenancy/messages/en.json' with { type: 'json' };
import tenancyVi from '../../core/tenancy/messages/vi.json' with { type: 'json' };
import backofficeEn from './messages/en.json' with { type: 'json' };
import backofficeVi from './messages/vi.json' with { type: 'json' };

/** Where the English switch is remembered between visits. */
export const LOCALE_STORAGE_KEY = 'tiengdan.backoffice.lang';

/** Core messages (errors, common words), tenancy and auth labels (kinds, roles, errors) and the back office's own "backoffice." keys. */
export const catalogs = mergeCatalogs([
  { vi: coreVi, en: coreEn },
  { vi: tenancyVi, en: tenancyEn },
  { vi: authVi, en: authEn },
  { vi: backofficeVi, en: backofficeEn },
  // Modules whose pages are listed in routes.ts: their navigation labels are translated here.
  caseUiCatalogs,
]);

function readStoredLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    // Storage can be blocked (private mode, policy); the switch then lasts for the page only.
    return null;
  }
}

/** The `lang` cookie the portal's language switch (`/ngon-ngu/en`) sets; readable by scripts on purpose. */
function readCookieLocale(): Locale | null {
  const pair = document.cookie.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${LANG_COOKIE}=`));
  const value = pair?.slice(LANG_COOKIE.length + 1);
  return isLocale(value) ? value : null;
}

/** Keep the back office's choice and the portal's cookie the same language, whichever side chose. */
function storeLocale(locale: Locale): void {
  const secure = window.location.protocol === 'https:' ? '; secure' : '';
  document.cookie = `${LANG_COOKIE}=${locale}; path=/; max-age=${LANG_COOKIE_MAX_AGE}; samesite=lax${secure}`;
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // See readStoredLocale.
  }
}

/**
 * `?lang=en` wins (and is remembered), then the `lang` cookie (the language chosen on the portal,
 * which the back office also writes), then the back office's stored choice, then Vietnamese.
 */
export function initialLocale(search: string = window.location.search): Locale {
  const requested = new URLSearchParams(search).get('lang');
  if (isLocale(requested)) {
    storeLocale(requested);
    return requested;
  }
  return readCookieLocale() ?? readStoredLocale() ?? defaultLocale;
}

export interface I18n {
  locale: Locale;
  t: Translate;
  setLocale: (locale: Locale) => void;
}

export const I18nContext = createContext<I18n | null>(null);

/** State for the provider at the top of the app; keeps <html lang> in step with the choice. */
export function useLocaleState(): I18n {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const locale = initialLocale();
    document.documentElement.lang = locale;
    return locale;
  });
  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const t = useMemo(() => createTranslate(catalogs, locale), [locale]);
  return useMemo(() => ({ locale, t, setLocale }), [locale, t, setLocale]);
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nContext');
  return value;
}
