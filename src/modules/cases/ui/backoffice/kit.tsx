/**
 * Small browser-only helpers for the cases back office pages. Modules may not import the SPA shell
 * (src/web/), so this file talks to the same JSON API directly: the session's CSRF token, the
 * language from `<html lang>` (the shell keeps it in step), the URL for filters, problem+json errors.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode, type RefObject } from 'react';
import type { z } from 'zod';
import { isLocale, type Locale, type Translate } from '../../../../core/i18n/translate.js';
import { caseTranslate } from '../i18n.js';

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

// ── API ───────────────────────────────────────────────────────────────────────────────────────
export class CaseApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: Record<string, string>,
  ) {
    super(message);
    this.name = 'CaseApiError';
  }
}

let csrfPromise: Promise<string> | null = null;
function csrfToken(): Promise<string> {
  csrfPromise ??= fetch('/api/v1/auth/session', { headers: { accept: 'application/json' }, credentials: 'same-origin' })
    .then((response) => response.json() as Promise<{ csrfToken?: string }>)
    .then((body) => body.csrfToken ?? '')
    .catch(() => {
      csrfPromise = null;
      return '';
    });
  return csrfPromise;
}

export async function apiCall<T>(method: 'GET' | 'POST' | 'PUT', path: string, options: { body?: unknown; query?: Record<string, string | undefined>; schema?: z.ZodType<T>; formData?: FormData } = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== '') params.set(key, value);
  const url = params.size > 0 ? `${path}?${params.toString()}` : path;
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': document.documentElement.lang || 'vi' };
  if (method !== 'GET') headers['x-csrf-token'] = await csrfToken();
  let body: BodyInit | undefined;
  if (options.formData) body = options.formData;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new CaseApiError(0, document.documentElement.lang === 'en' ? 'Cannot reach the server.' : 'Không kết nối được máy chủ.', {});
  }
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    if (response.status === 401) window.location.assign(`/dang-nhap?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    const problem = (parsed ?? {}) as { title?: string; detail?: string; errors?: Array<{ field?: string; message?: string }> };
    const fields: Record<string, string> = {};
    for (const entry of problem.errors ?? []) if (entry.field && entry.message) fields[entry.field] ??= entry.message;
    throw new CaseApiError(response.status, problem.detail ?? problem.title ?? `HTTP ${response.status}`, fields);
  }
  return options.schema ? options.schema.parse(parsed) : (parsed as T);
}

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  isLoading: boolean;
  reload: () => void;
}

/** GET `path` (with query) whenever it changes; `null` waits. */
export function useApi<T>(path: string | null, schema?: z.ZodType<T>, query?: Record<string, string | undefined>): Loaded<T> {
  const key = path === null ? null : `${path}?${new URLSearchParams(Object.entries(query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')).toString()}`;
  const [state, setState] = useState<{ key: string | null; data?: T; error?: Error }>({ key: null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (key === null || path === null) return;
    let isCurrent = true;
    apiCall<T>('GET', path, { ...(query ? { query } : {}), ...(schema ? { schema } : {}) }).then(
      (data) => isCurrent && setState({ key, data }),
      (error: unknown) => isCurrent && setState({ key, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      isCurrent = false;
    };
    // The schema and query are captured through the key.
  }, [key, version]);
  const reload = useCallback(() => setVersion((value) => value + 1), []);
  const isFresh = state.key === key;
  return { data: isFresh ? state.data : undefined, error: isFresh ? state.error : undefined, isLoading: key !== null && !isFresh, reload };
}

// ── Small pieces ──────────────────────────────────────────────────────────────────────────────
export function CasePage({ title, children, back }: { title: string; children: ReactNode; back?: { to: string; label: string } }) {
  useEffect(() => {
    document.title = `${title} · Tiếng Dân`;
  }, [title]);
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

export function LoadState({ loaded, t }: { loaded: Loaded<unknown>; t: Translate }) {
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

/**
 * Focus an error summary each time a submit fails, as the shell's forms do (src/web/backoffice/form.tsx,
 * which modules may not import): pass a counter bumped on every failure; attach the ref to the summary
 * (`tabIndex={-1}`), so keyboard and screen-reader users land on the list of problems.
 */
export function useFocusOnFailure<T extends HTMLElement>(failureCount: number): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (failureCount > 0) ref.current?.focus();
  }, [failureCount]);
  return ref;
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
  const session = useApi<SessionBody>('/api/v1/auth/session');
  const user = session.data?.user;
  if (!user) return null;
  const grants = (session.data?.grants ?? []).filter((grant) => grant.communeId === user.communeId);
  return { userId: user.id, communeId: user.communeId, roles: [...new Set(grants.map((grant) => grant.role))], unitIds: grants.flatMap((grant) => (grant.unitId ? [grant.unitId] : [])) };
}
