/**
 * The back office's JSON API client, browser-safe (no Node APIs): one call to the same-origin API
 * with the session cookie, the CSRF header on writes, problem+json (RFC 9457) → typed `ApiError`
 * with field errors, and a trip to the sign-in page on 401. The SPA shell injects the session's
 * CSRF token (`setCsrfToken`) and the UI language (`setApiLocale`) at start-up; module pages
 * mounted in the shell simply call `api` / `apiRequest` / `useApiQuery`.
 */
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { Locale } from '../i18n/translate.js';

/** Field name → message, as shown next to each form control. */
export type FieldErrors = Record<string, string>;

/** An API call that failed: the problem+json body (RFC 9457) in a typed shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly fieldErrors: FieldErrors = {},
    readonly requestId?: string,
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }
}

interface ProblemBody {
  title?: unknown;
  detail?: unknown;
  requestId?: unknown;
  errors?: Array<{ field?: unknown; message?: unknown }>;
}

// The CSRF token comes from GET /api/v1/auth/session; every write echoes it in this header.
const CSRF_HEADER = 'x-csrf-token';
let csrfToken = '';
let apiLocale: Locale = 'vi';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Ask the server for its messages (problem titles, field errors) in the UI's language. */
export function setApiLocale(locale: Locale): void {
  apiLocale = locale;
}

/** Where staff sign in; the portal page sends them back to `next` afterwards. */
export function signInUrl(next = '/staff/'): string {
  return `/dang-nhap?next=${encodeURIComponent(next)}`;
}

/** Turn a problem+json body into field errors; the first message of each field wins. */
export function toApiError(status: number, body: unknown, fallback: string): ApiError {
  const problem = (body && typeof body === 'object' ? body : {}) as ProblemBody;
  const fieldErrors: FieldErrors = {};
  for (const entry of Array.isArray(problem.errors) ? problem.errors : []) {
    if (typeof entry.field !== 'string' || typeof entry.message !== 'string') continue;
    fieldErrors[entry.field] ??= entry.message;
  }
  const title = typeof problem.title === 'string' ? problem.title : fallback;
  const detail = typeof problem.detail === 'string' ? problem.detail : title;
  return new ApiError(status, title, detail, fieldErrors, typeof problem.requestId === 'string' ? problem.requestId : undefined);
}

export interface RequestOptions<T> {
  /** A value sent as JSON, or a FormData sent as multipart (files). */
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** Parse the response with the contract's schema, so a drifting API fails loudly here. */
  schema?: z.ZodType<T>;
  /** Go to the sign-in page on 401 (default true); the session probe turns it off. */
  redirectOnUnauthenticated?: boolean;
}

function withQuery(path: string, query: RequestOptions<unknown>['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** One JSON (or multipart, for a FormData body) call to the same-origin API with the session cookie; throws ApiError on 4xx/5xx. */
export async function apiRequest<T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': apiLocale };
  if (method !== 'GET') headers[CSRF_HEADER] = csrfToken;
  // A FormData body (files) goes as multipart: the browser sets the content type with its boundary.
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  const requestBody = options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body);
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { method, headers, credentials: 'same-origin', body: requestBody });
  } catch {
    throw new ApiError(0, apiLocale === 'vi' ? 'Không kết nối được máy chủ' : 'Cannot reach the server', apiLocale === 'vi' ? 'Vui lòng kiểm tra mạng và thử lại.' : 'Check the connection and try again.');
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && options.redirectOnUnauthenticated !== false) {
      window.location.assign(signInUrl(`${window.location.pathname}${window.location.search}`));
    }
    throw toApiError(response.status, body, response.statusText || `HTTP ${response.status}`);
  }
  return options.schema ? options.schema.parse(body) : (body as T);
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions<T>, 'body'>) => apiRequest<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions<T>) => apiRequest<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions<T>) => apiRequest<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions<T>) => apiRequest<T>('PUT', path, { ...options, body }),
};

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  isLoading: boolean;
  reload: () => void;
}

/**
 * Load a GET resource when `path` (with its query) changes; `null` waits. A small stand-in for
 * React Query: one request per key, stale responses ignored, explicit reload after a write.
 */
export function useApiQuery<T>(path: string | null, schema?: z.ZodType<T>, query?: RequestOptions<T>['query']): QueryState<T> {
  const key = path === null ? null : withQuery(path, query);
  const [state, setState] = useState<{ key: string | null; data?: T; error?: ApiError | Error }>({ key: null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let isCurrent = true;
    apiRequest<T>('GET', key, { schema }).then(
      (data) => isCurrent && setState({ key, data }),
      (error: unknown) => isCurrent && setState({ key, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      isCurrent = false;
    };
    // The schema is a module-level constant; the key and version alone decide when to fetch.
  }, [key, version]);
  const reload = useCallback(() => setVersion((value) => value + 1), []);
  const isFresh = state.key === key;
  return { data: isFresh ? state.data : undefined, error: isFresh ? state.error : undefined, isLoading: key !== null && !isFresh, reload };
}
