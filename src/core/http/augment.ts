import type { Actor, RoutePermission } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import type { Locale, Translate } from '../i18n/translate.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares who may call it; the server refuses to start otherwise. */
    permission?: RoutePermission;
    /** Portal pages answer errors with an HTML page instead of problem+json. */
    html?: boolean;
    /** Writes that need no CSRF token because they are not cookie-authenticated (API keys). */
    csrfExempt?: boolean;
    /**
     * A failed CSRF check does not stop the request: `request.isCsrfRejected` is set and the handler
     * must change nothing, only answer with the form again (with a fresh token) so nothing typed is lost.
     */
    csrfRecoverable?: boolean;
    /**
     * A limit per signed-in account on top of the per-address `rateLimit`: one budget shared by every
     * route naming the same `group` (a resident hopping between addresses or routes still runs out).
     */
    accountRateLimit?: { group: string; max: number; timeWindow: string };
    /**
     * Going over the route's `rateLimit` (or its `accountRateLimit`) does not stop the request:
     * `request.rateLimitRetryAfter` is set (seconds, with a `Retry-After` header) and the handler must
     * change nothing, only answer with the form again, status 429, so nothing typed is lost. Counted
     * when the request arrives, before its body is read, like every other limit.
     */
    rateLimitRecoverable?: boolean;
    /**
     * Which security headers the response carries: 'api' (JSON: nothing loads, nothing frames,
     * nothing is cached) or 'document' (HTML pages). Set from the URL when the route is added:
     * `/api/…` and `/open311/…` are 'api', except the API's own documentation pages.
     */
    securityHeaders?: 'api' | 'document';
  }
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    actor: Actor | null;
    /** The CSRF check failed on a `csrfRecoverable` route: the handler must not write anything. */
    isCsrfRejected: boolean;
    /** Over its limit on a `rateLimitRecoverable` route: seconds until it may try again; null otherwise. The handler must not write anything. */
    rateLimitRetryAfter: number | null;
  }
  interface FastifyInstance {
    ctx: AppContext;
    /** Every route with the permission it declared (for the "every route declares" test and docs). */
    declaredRoutes: ReadonlyArray<{ method: string; url: string; permission: string }>;
    /**
     * Answers for the errors Fastify meets before routing (a path it cannot decode, a path parameter
     * too long) under a prefix whose API has its own error shape (Open311's list of {code, description}),
     * instead of problem+json. A module adds one when it registers its routes; the first matching prefix answers.
     */
    frameworkErrorRenderers: Array<{ prefix: string; render: (request: FastifyRequest, reply: FastifyReply, error: Error) => FastifyReply }>;
  }
}

export {};
