import { currentPagePath } from '../http/page-path.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenFor } from '../auth/session.js';
import type { AppContext } from '../context.js';
import { LANG_COOKIE, LANG_COOKIE_MAX_AGE } from '../i18n/negotiate.js';
import { isLocale } from '../i18n/translate.js';
import { DomainError } from '../contract/errors.js';
import { findCommunes, type Commune } from '../tenancy/index.js';
import { portalAssets } from './assets.js';
import type { PortalContext } from './types.js';

export type { PortalContext } from './types.js';

const COMMUNE_CACHE_MS = 30_000;
let cache: { commune: Commune; at: number; db: unknown } | null = null;

/**
 * The commune this request is for. For now the first commune in the database (one commune per
 * installation), cached for 30 seconds per database.
 */
export async function portalCommune(ctx: AppContext): Promise<Commune> {
  const now = Date.now();
  if (cache && cache.db === ctx.db && now - cache.at < COMMUNE_CACHE_MS) return cache.commune;
  const commune = (await findCommunes(ctx.db))[0];
  if (!commune) throw new DomainError('invalid_state', 'portal.errors.noCommune');
  cache = { commune, at: now, db: ctx.db };
  return commune;
}

/** The last commune seen, for synchronous error pages (may be null before the first request). */
export function cachedCommune(): Commune | null {
  return cache?.commune ?? null;
}

/** Forget the cached commune (after an admin edits it, or between tests). */
export function clearPortalCommuneCache(): void {
  cache = null;
}

/**
 * Server only. Everything a portal page needs, built once per request:
 * `{ commune, locale, t, actor, csrfToken, currentPath, assets }`.
 * Calling it sets the CSRF cookie when missing, so call it before `sendPage`.
 */
export async function getPortalContext(request: FastifyRequest, reply: FastifyReply, ctx: AppContext): Promise<PortalContext> {
  const commune = await portalCommune(ctx);
  rememberLanguageFromQuery(request, reply, ctx);
  return {
    commune,
    locale: request.locale,
    t: request.t,
    actor: request.actor,
    csrfToken: csrfTokenFor(request, reply),
    currentPath: currentPagePath(request),
    assets: portalAssets(),
  };
}

/**
 * A portal page opened with `?lang=` (a shared link, a message's link) keeps that language for the
 * next pages, as the `/ngon-ngu` switch does: the form a page posts carries no `?lang=`.
 */
function rememberLanguageFromQuery(request: FastifyRequest, reply: FastifyReply, ctx: AppContext): void {
  const chosen = (request.query as Record<string, unknown> | undefined)?.lang;
  if (!isLocale(chosen) || request.cookies[LANG_COOKIE] === chosen) return;
  reply.setCookie(LANG_COOKIE, chosen, { path: '/', sameSite: 'lax', maxAge: LANG_COOKIE_MAX_AGE, secure: ctx.config.isSecureCookies, httpOnly: false });
}
