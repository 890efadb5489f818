import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Run helmet once and keep the headers it sets. Our policy is the same for every response, and
 * @fastify/helmet rebuilds (and re-parses) the whole policy on every request, which cost a tenth of
 * a small request's time.
 */
export function computeSecurityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let isDone = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    isDone = true;
  });
  if (!isDone) throw new Error('helmet did not finish synchronously');
  return Object.freeze(headers);
}

/** One year: browsers keep to HTTPS for that long after a visit (documents and API alike). */
const HSTS_MAX_AGE_SECONDS = 31_536_000;

/** The strict policy: everything from our own origin, no inline scripts or styles, no framing. */
export function strictSecurityHeaders(isHttps: boolean): Readonly<Record<string, string>> {
  return computeSecurityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: isHttps ? [] : null,
      },
    },
    strictTransportSecurity: isHttps ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * JSON API responses (`/api/…`, `/open311/…`), after the OWASP REST Security Cheat Sheet: a JSON
 * answer may load and run nothing, may not be framed, is never sniffed into another type, is not
 * kept in any cache (staff answers carry personal data), and sends no referrer. The document set
 * above would add a dozen headers that only mean something to an HTML page, on the hottest routes.
 */
export function apiSecurityHeaders(isHttps: boolean): Readonly<Record<string, string>> {
  return Object.freeze({
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...(isHttps ? { 'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` } : {}),
  });
}
