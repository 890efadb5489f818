import './augment.js';
import { randomUUID } from 'node:crypto';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { validatorCompiler } from './validator.js';
import qs from 'node:querystring';
import type { Actor } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import { DomainError, validationFailed } from '../contract/errors.js';
import { blankZeroWidthOnly, invalidTextErrors, isNestedTooDeep, MAX_INPUT_DEPTH, stripControlCharacters, TEXT_PROBLEM_KEYS } from './control-characters.js';
import { createTranslate, type Locale, type Translate } from '../i18n/translate.js';
import { negotiateLocale } from '../i18n/negotiate.js';
import { normaliseError, sendProblem } from './problem.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { apiSecurityHeaders, strictSecurityHeaders } from './security-headers.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Routes registered by third-party plugins that serve only public static documents. */
const pluginRoutePrefixes = ['/api/docs'];
const isReadMethod = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
/** Routes answering JSON (or files) to programs rather than HTML pages to people. */
const apiRoutePrefixes = ['/api/', '/open311/'];

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: string;
}

export interface HttpServerOptions {
  /** Resolves the signed-in actor from the request (session cookie); null when anonymous. */
  resolveActor: (request: FastifyRequest) => Actor | null | Promise<Actor | null>;
  /** Checks the CSRF token of a cookie-authenticated write; throws a DomainError when wrong. */
  verifyCsrf: (request: FastifyRequest) => void;
  /** Renders an HTML error page for portal routes. */
  renderHtmlError?: (request: FastifyRequest, status: number, message: string, messageKey?: string) => string;
  logger?: boolean | Record<string, unknown>;
}

/**
 * Build the Fastify instance with the house rules: Zod contracts, problem+json errors in the
 * request's language, strict security headers, and a declared permission on every route.
 */
export async function createHttpServer(ctx: AppContext, options: HttpServerOptions): Promise<FastifyInstance> {
  const requestIdPrefix = randomUUID().slice(0, 23);
  let requestCount = 0;
  const nextRequestId = () => `${requestIdPrefix}-${(requestCount += 1).toString(16).padStart(12, '0')}`;
  const app = Fastify({
    loggerInstance: ctx.logger,
    // A caller's own id is kept; otherwise this process's random prefix and a counter: unique across
    // instances and restarts like a UUID, without drawing 16 random bytes for every request.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : nextRequestId();
    },
    bodyLimit: BODY_LIMIT_BYTES,
    // A path Fastify cannot decode (`/tra-cuu/%ff`) is answered before any hook: answered here like every other error.
    frameworkErrors: (error, request, reply) => answerFrameworkError(error, request, reply),
    // Only trusted proxies may set X-Forwarded-For; otherwise any client could pick its own address
    // and walk around the per-address rate limits.
    trustProxy: ctx.config.trustProxy as boolean | string[], // a number (hop count) is accepted at run time too
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // A request's child logger carries its id; with logging off (LOG_LEVEL=silent) it could never
    // write a line, so the shared logger serves instead of building (and redacting) one per request.
    childLoggerFactory: (logger, bindings, childOptions) => (logger.level === 'silent' ? logger : logger.child(bindings, childOptions)),
  }).withTypeProvider<ZodTypeProvider>();

  // JSON as Fastify parses it (prototype poisoning refused), and no deeper than MAX_INPUT_DEPTH: a body
  // nested thousands of levels is bad input (400 naming the body), never a stack overflow further on.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) => {
    parseJson(request, String(body), (error, value) => {
      if (error) return done(error, undefined);
      if (isNestedTooDeep(value)) return done(validationFailed([{ field: '(body)', messageKey: TEXT_PROBLEM_KEYS.tooDeep, params: { max: MAX_INPUT_DEPTH } }]), undefined);
      return done(null, value);
    });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);
  const declaredRoutes: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declaredRoutes);
  app.decorate('frameworkErrorRenderers', []);
  app.decorateRequest('locale', 'vi');
  app.decorateRequest('t', (key: string) => key);
  app.decorateRequest('actor', null);
  app.decorateRequest('isCsrfRejected', false);
  app.decorateRequest('rateLimitRetryAfter', null);

  // Every route must say who may call it; a forgotten declaration stops the server at startup.
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (pluginRoutePrefixes.some((prefix) => route.url.startsWith(prefix))) {
      route.config = { ...(route.config ?? {}), permission: 'public' };
      declaredRoutes.push({ method: String(route.method), url: route.url, permission: 'public' });
      return;
    }
    if (!permission) throw new Error(`Route ${String(route.method)} ${route.url} does not declare its permission`);
    if (permission !== 'public' && permission !== 'authenticated' && !ctx.permissions.has(permission)) {
      throw new Error(`Route ${String(route.method)} ${route.url} uses unknown permission ${permission}`);
    }
    declaredRoutes.push({ method: String(route.method), url: route.url, permission });
    if (!route.config?.securityHeaders) {
      route.config = { ...route.config, securityHeaders: apiRoutePrefixes.some((prefix) => route.url.startsWith(prefix)) ? 'api' : 'document' };
    }
    // Reads carry no body: no request-decompression hook on them (response compression stays).
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((method) => method === 'GET' || method === 'HEAD') && route.decompress === undefined) route.decompress = false;
    // One knob scales every per-route limit (the rate-limit plugin reads the config after this hook).
    const scale = (max: number) => Math.max(1, Math.round(max * ctx.config.rateLimitScale));
    const limit = route.config?.rateLimit;
    if (limit && typeof limit === 'object' && typeof limit.max === 'number' && ctx.config.rateLimitScale !== 1) {
      route.config = { ...route.config, rateLimit: { ...limit, max: scale(limit.max) } };
    }
    const isRecoverable = route.config?.rateLimitRecoverable === true;
    const recoverableLimit = route.config?.rateLimit;
    if (isRecoverable) {
      // Counted here instead of by the plugin (which would answer 429 itself): the same fixed window
      // and the same key as the plugin's own per-route counter (route, then the normalised address).
      if (!recoverableLimit || typeof recoverableLimit !== 'object' || typeof recoverableLimit.max !== 'number') throw new Error(`Route ${String(route.method)} ${route.url} is rateLimitRecoverable without a rateLimit`);
      const routeKey = `${String(route.method)} ${route.url}|`;
      const check = app.createRateLimit({ max: recoverableLimit.max, ...(recoverableLimit.timeWindow !== undefined ? { timeWindow: recoverableLimit.timeWindow } : {}), keyGenerator: (request: FastifyRequest) => routeKey + normalizeIP(request.ip) });
      route.config = { ...route.config, rateLimit: false };
      const counter = async (request: FastifyRequest, reply: FastifyReply) => {
        const result = await check(request);
        if (result.isAllowed || !result.isExceeded) return;
        reply.header('retry-after', String(result.ttlInSeconds));
        request.rateLimitRetryAfter = result.ttlInSeconds;
      };
      route.onRequest = [...(Array.isArray(route.onRequest) ? route.onRequest : route.onRequest ? [route.onRequest] : []), counter];
    }
    if (!methods.every(isReadMethod)) route.preHandler = [guardWrite, ...(Array.isArray(route.preHandler) ? route.preHandler : route.preHandler ? [route.preHandler] : [])];
    const accountLimit = route.config?.accountRateLimit;
    if (accountLimit) {
      // Runs after the global preValidation hook has resolved the actor; anonymous requests have only the per-address limit.
      const check = accountLimiter(accountLimit.group, scale(accountLimit.max), accountLimit.timeWindow);
      const handler = async (request: FastifyRequest, reply: FastifyReply) => {
        if (!request.actor) return;
        const result = await check(request);
        if (result.isAllowed || !result.isExceeded) return;
        reply.header('retry-after', String(Math.max(result.ttlInSeconds, request.rateLimitRetryAfter ?? 0)));
        if (isRecoverable) {
          request.rateLimitRetryAfter = Math.max(result.ttlInSeconds, request.rateLimitRetryAfter ?? 0);
          return;
        }
        throw Object.assign(new Error('rate limited'), { statusCode: 429, code: 'RATE_LIMITED', retryAfterSeconds: result.ttlInSeconds });
      };
      route.preHandler = [...(Array.isArray(route.preHandler) ? route.preHandler : route.preHandler ? [route.preHandler] : []), handler];
    }
  });
  // One counter per group of routes, keyed by account (created once the rate-limit plugin is registered).
  type AccountLimiter = ReturnType<FastifyInstance['createRateLimit']>;
  const accountLimiters = new Map<string, AccountLimiter>();
  function accountLimiter(group: string, max: number, timeWindow: string): AccountLimiter {
    const existing = accountLimiters.get(group);
    if (existing) return existing;
    const limiter = app.createRateLimit({ max, timeWindow, keyGenerator: (request: FastifyRequest) => `${group}:account:${request.actor?.userId ?? ''}` });
    accountLimiters.set(group, limiter);
    return limiter;
  }

  await app.register(compress, { threshold: 1024 });
  await app.register(cookie, { secret: ctx.config.sessionSecret });
  // Forms post arrays as repeated keys; node's querystring keeps them.
  await app.register(formbody, { bodyLimit: BODY_LIMIT_BYTES, parser: (body) => qs.parse(body) });
  await app.register(rateLimit, {
    global: false,
    // Shared through the database on PostgreSQL (the scale path: several instances serve one
    // database), per process on SQLite (one process owns the file); RATE_LIMIT_STORE overrides.
    ...((ctx.config.rateLimitStore ?? (ctx.dialect === 'postgres' ? 'database' : 'memory')) === 'database'
      ? { store: databaseRateLimitStore(ctx.db, ctx.clock, (error) => ctx.logger.error({ err: error }, 'rate-limit counters unavailable; request let through')), skipOnError: true }
      : {}),
    errorResponseBuilder: (_request, context) => Object.assign(new Error('rate limited'), { statusCode: 429, code: 'RATE_LIMITED', ttl: context.ttl, retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });

  const translators = { vi: createTranslate(ctx.catalogs, 'vi'), en: createTranslate(ctx.catalogs, 'en') } satisfies Record<Locale, Translate>;
  const documentHeaders = strictSecurityHeaders(ctx.config.isSecureCookies);
  const apiHeaders = apiSecurityHeaders(ctx.config.isSecureCookies);
  // One hook for what every response carries (a hook costs a pass through Fastify's hook runner):
  // the security headers, the request id, and the language the answer is written in. It runs before
  // any route-level hook (the rate limit's 429 carries the headers too).
  app.addHook('onRequest', (request, reply, done) => {
    // `routeOptions` is a getter that builds a fresh object on each read: read it once per hook.
    const config = request.routeOptions.config;
    reply.headers(config?.securityHeaders === 'api' ? apiHeaders : documentHeaders);
    const query = request.query as Record<string, unknown> | undefined;
    // Portal pages are Vietnamese unless the visitor switches (`?lang=`, then the `lang` cookie): "English
    // is a switch" (ui-guidelines), and many phones in the commune are set to English. APIs still honour Accept-Language.
    const isPage = config?.html === true;
    request.locale = negotiateLocale({ query: query?.lang, cookie: request.cookies.lang, acceptLanguage: isPage ? undefined : request.headers['accept-language'] });
    request.t = translators[request.locale];
    reply.header('x-request-id', String(request.id));
    reply.header('content-language', request.locale);
    done();
  });

  /**
   * Who is calling, and may they: the route's permission. Runs in preValidation, before the body
   * is checked against the route's schema, so a caller without the right learns nothing of the
   * fields a route takes (401/403, never a 400 listing them).
   */
  function authorise(request: FastifyRequest, actor: Actor | null): void {
    request.actor = actor;
    const permission = request.routeOptions.config?.permission ?? 'public';
    if (permission === 'public') return;
    if (!actor) throw new DomainError('unauthenticated', 'errors.unauthenticated');
    if (permission === 'authenticated') return;
    if (!ctx.permissions.allows(actor, permission)) throw new DomainError('forbidden', 'errors.forbidden');
  }
  // Callback style: an anonymous request (no session cookie) is decided without a promise.
  // (No named closures in here: the dev/runtime transpiler wraps each one in a naming call.)
  // Global hooks run before a route's own: the actor is known in every route-level hook.
  // A read is then checked for control characters, before its schema; it has no CSRF token to check,
  // so a read route runs no preHandler hook of ours at all.
  app.addHook('preValidation', (request, _reply, done) => {
    // Before the route's schema: a text of zero-width characters only is empty to its checks.
    blankZeroWidthOnly(request.body);
    let resolved: Actor | null | Promise<Actor | null>;
    try {
      resolved = options.resolveActor(request);
      if (!(resolved instanceof Promise)) {
        authorise(request, resolved);
        return done(isReadMethod(request.method) ? controlCharacterError(request) : undefined);
      }
    } catch (error) {
      return done(error as Error);
    }
    resolved.then((actor) => authorise(request, actor)).then(
      () => done(isReadMethod(request.method) ? controlCharacterError(request) : undefined),
      (error: unknown) => done(error as Error),
    );
  });

  /**
   * Control characters (NUL above all) never reach a handler: a page's form loses only the
   * invisible characters, an API caller is told which field held one (see control-characters.ts).
   */
  function controlCharacterError(request: FastifyRequest): Error | undefined {
    // A multipart body is read by its route's own preValidation hook, after the global one.
    blankZeroWidthOnly(request.body);
    if (request.routeOptions.config?.html) {
      stripControlCharacters(request.body);
      stripControlCharacters(request.query);
      stripControlCharacters(request.params);
      return undefined;
    }
    const errors = [...invalidTextErrors(request.body), ...invalidTextErrors(request.query), ...invalidTextErrors(request.params)];
    return errors.length > 0 ? validationFailed(errors.slice(0, 20)) : undefined;
  }

  /** CSRF on a cookie-authenticated write (undefined when it passes, or when the route may answer a rejection itself). */
  function csrfError(request: FastifyRequest): Error | undefined {
    if (request.routeOptions.config?.csrfExempt) return undefined;
    try {
      options.verifyCsrf(request);
    } catch (error) {
      // Only the CSRF answer is softened, and only where the route promised to write nothing then.
      if (!request.routeOptions.config?.csrfRecoverable || !(error instanceof DomainError) || error.messageKey !== 'errors.csrf') return error as Error;
      request.isCsrfRejected = true;
    }
    return undefined;
  }

  // A write is checked once its body is read (a multipart form is read by its route's own
  // preValidation hook, and a form's CSRF token may travel in it): CSRF, then control characters,
  // before the route's own preHandler hooks (attached to each write route by the onRoute hook above).
  function guardWrite(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
    if (isReadMethod(request.method)) return done();
    done(csrfError(request) ?? controlCharacterError(request));
  }


  app.setErrorHandler((error, request, reply) => {
    if (request.routeOptions.config?.html && options.renderHtmlError) {
      const normalised = normaliseError(error);
      if (normalised.isServerError) request.log.error({ err: error }, 'request failed');
      if (normalised.status === 401 && request.method === 'GET') return reply.redirect(`/dang-nhap?next=${encodeURIComponent(request.url)}`);
      return reply.status(normalised.status).type('text/html; charset=utf-8').send(options.renderHtmlError(request, normalised.status, request.t(normalised.messageKey, normalised.params), normalised.messageKey));
    }
    return sendProblem(request, reply, error);
  });

  /**
   * Errors Fastify answers before routing (a path it cannot decode, a parameter too long): no hook has
   * run, so this gives them what the onRequest hook gives every answer (security headers, request id,
   * language), then the same localised problem+json, or the HTML error page for a browser.
   */
  function answerFrameworkError(error: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const url = request.raw.url ?? '/';
    const isApi = apiRoutePrefixes.some((prefix) => url.startsWith(prefix));
    reply.headers(isApi ? apiHeaders : documentHeaders);
    const cookieLang = /(?:^|;\s*)lang=([^;]*)/.exec(request.headers.cookie ?? '')?.[1];
    const queryLang = /[?&]lang=([^&#]*)/.exec(url)?.[1];
    const acceptsHtml = !isApi && (request.headers.accept ?? '').includes('text/html') && options.renderHtmlError !== undefined;
    request.locale = negotiateLocale({ query: queryLang, cookie: cookieLang, acceptLanguage: acceptsHtml ? undefined : request.headers['accept-language'] });
    request.t = translators[request.locale];
    reply.header('x-request-id', String(request.id));
    reply.header('content-language', request.locale);
    const renderer = app.frameworkErrorRenderers.find((candidate) => url.startsWith(candidate.prefix));
    if (renderer) return renderer.render(request, reply, error);
    if (acceptsHtml && options.renderHtmlError) {
      const normalised = normaliseError(error);
      return reply.status(normalised.status).type('text/html; charset=utf-8').send(options.renderHtmlError(request, normalised.status, request.t(normalised.messageKey, normalised.params), normalised.messageKey));
    }
    return sendProblem(request, reply, error);
  }

  app.setNotFoundHandler((request, reply) => {
    const error = new DomainError('not_found', 'errors.route.notFound', { method: request.method, url: request.url.split('?')[0] ?? '' });
    const acceptsHtml = (request.headers.accept ?? '').includes('text/html') && !request.url.startsWith('/api/') && !request.url.startsWith('/open311/');
    if (acceptsHtml && options.renderHtmlError) {
      // A missing page is a portal page too: in Vietnamese unless the visitor switched.
      request.locale = negotiateLocale({ query: (request.query as Record<string, unknown> | undefined)?.lang, cookie: request.cookies.lang });
      request.t = translators[request.locale];
      reply.header('content-language', request.locale);
      return reply.status(404).type('text/html; charset=utf-8').send(options.renderHtmlError(request, 404, request.t('errors.notFound')));
    }
    return sendProblem(request, reply, error);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tiếng Dân API', version: ctx.config.version, description: 'JSON API of Tiếng Dân. Errors are RFC 9457 problem+json.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'td_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: (header) => header });

  return app;
}
