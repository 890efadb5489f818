import type { Actor } from '../auth/roles.js';
import type { Locale, Translate } from '../i18n/translate.js';
import type { Commune } from '../tenancy/contract.js';

/** URLs of the portal's static files (hashed for caching), filled in by the web server. */
export interface PortalAssets {
  /** The one stylesheet: tokens + portal styles. */
  stylesheet: string;
  /** Island scripts on every page (type=module, deferred); the portal works without them. */
  scripts: readonly string[];
  /** Every built island by name (`similar-cases` → `/assets/island-similar-cases-<hash>.js`); pages add theirs via `PortalLayout islands={[...]}`. */
  islands: Readonly<Record<string, string>>;
}

/**
 * Everything a portal page needs to render: the commune (tenant), the language, the signed-in
 * actor, the CSRF token for its forms and the current path. Built per request by
 * `getPortalContext` (server) — pages only read it, so they stay browser-safe.
 */
export interface PortalContext {
  /** The request's commune; null only on error pages rendered before any commune exists. */
  commune: Commune;
  locale: Locale;
  t: Translate;
  actor: Actor | null;
  /** Put in every form with `<CsrfField token={portal.csrfToken} />`. */
  csrfToken: string;
  /** Path + query of this request, e.g. `/dang-ky?lang=en`; used for nav state and the language switch. */
  currentPath: string;
  assets: PortalAssets;
}

/** What PortalLayout needs; error pages may have no commune and no CSRF token. */
export type LayoutContext = Omit<PortalContext, 'commune' | 'csrfToken'> & { commune: Commune | null; csrfToken: string | null };
