/**
 * Small browser-only helpers for the cases back office pages. Modules may not import the SPA shell
 * (src/web/): API calls go through core/ui's client (which the shell primes with the session's CSRF
 * token and the language), the language comes from `<html lang>` (the shell keeps it in step), and
 * navigation from the URL the shell's router listens to.
 */
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { isLocale, type Locale, type Translate } from '../../../../core/i18n/translate.js';
import { useApiQuery, type QueryState } from '../../../../core/ui/api-client.js';
import { caseTranslate } from '../i18n.js';
import { staffDocumentTitle } from '../../../../core/ui/components/staff.js';

export const STAFF_BASE = '/staff';

// ── Language ──────────────────────────────────────────────────────────────────────────────────
function subscribeLang(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  return () => observer.disconnect();
}
const langSnapshot = () => document.documentElement.lang;
const keyFallback: Translate = (key) => key;

export function useCaseI18n(): { t: Translate; locale: Locale } {
  const lang = useSyncExternalStore(subscribeLang, langSnapshot, () => 'vi');
  const locale: Locale = isLocale(lang) ? lang : 'vi';
  return { t: caseTranslate(keyFallback, locale), locale };
}

// ── Navigation inside the SPA (its router listens to popstate) ────────────────────────────────
export function staffHref(path: string): string {
  return `${STAFF_BASE}${path}`;
}

export function goTo(path: string, options: { replace?: boolean } = {}): void {
  const url = staffHref(path);
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function StaffLink({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <a
      href={staffHref(to)}
      className={className}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        goTo(to);
      }}
    >
      {children}
    </a>
  );
}

// ── Small pieces ──────────────────────────────────────────────────────────────────────────────
export function CasePage({ title, children, back }: { title: string; children: ReactNode; back?: { to: string; label: string } }) {
  const { locale } = useCaseI18n();
  useEffect(() => {
    document.title = staffDocumentTitle(title, locale);
  }, [title, locale]);
  return (
    <>
      {back ? (
        <p className="bo-back">
          <StaffLink to={back.to}>← {back.label}</StaffLink>
        </p>
      ) : null}
      <div className="bo-page-head">
        <h1 tabIndex={-1}>{title}</h1>
      </div>
      {children}
    </>
  );
}

export function LoadState({ loaded, t }: { loaded: QueryState<unknown>; t: Translate }) {
  if (loaded.isLoading) return <p className="bo-loading" role="status">{t('cases.backoffice.loading')}</p>;
  if (loaded.error) {
    return (
      <div className="bo-notice bo-notice--error" role="alert">
        <p>{loaded.error.message}</p>
        <button type="button" className="bo-button bo-button--secondary" onClick={loaded.reload}>
          {t('cases.backoffice.retry')}
        </button>
      </div>
    );
  }
  return null;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="bo-error-message" id={`${id}-error`}>
      {message}
    </p>
  );
}

/** Read the query string of the current address as a plain record. */
export function searchToRecord(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}

export interface StaffIdentity {
  userId: string;
  communeId: string;
  roles: string[];
  unitIds: string[];
}

interface SessionBody {
  user?: { id: string; communeId: string } | null;
  grants?: Array<{ role: string; communeId: string; unitId: string | null }>;
}

/** Who is signed in (id, roles and units in their commune), read once from the session endpoint. */
export function useStaffIdentity(): StaffIdentity | null {
  const session = useApiQuery<SessionBody>('/api/v1/auth/session');
  const user = session.data?.user;
  if (!user) return null;
  const grants = (session.data?.grants ?? []).filter((grant) => grant.communeId === user.communeId);
  return { userId: user.id, communeId: user.communeId, roles: [...new Set(grants.map((grant) => grant.role))], unitIds: grants.flatMap((grant) => (grant.unitId ? [grant.unitId] : [])) };
}
