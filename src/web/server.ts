import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createElement } from 'react';
import { CSRF_COOKIE } from '../core/auth/session.js';
import { csrfTokenFromCookie } from '../core/auth/tokens.js';
import type { AppContext } from '../core/context.js';
import type { Catalog, Locale } from '../core/i18n/translate.js';
import { portalAssets, setPortalAssets } from '../core/ui/assets.js';
import { uiMessages } from '../core/ui/messages/index.js';
import { cachedCommune } from '../core/ui/portal-context.js';
import { renderPage } from '../core/ui/render.js';
import type { LayoutContext } from '../core/ui/types.js';
import { portalMessages } from './portal/messages/index.js';
import { currentPagePath, sameOriginRefererPath } from '../core/http/page-path.js';
import { ErrorPage } from './portal/pages/error.js';
import { portalRoutes } from './portal/routes.js';

/** The brand mark: the commune red with a speech bubble ("the people's voice"), 32×32. */
const FAVICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#a4161a"/><path d="M8 9h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-9l-5 4v-4H8a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2z" fill="#fff"/></svg>';

/*
 * The web composition root: static assets, the back office SPA under /staff/, the portal pages.
 *
 * URL layout (all under one origin, strict CSP `script-src 'self'; style-src 'self'`):
 *   /assets/portal.css        tokens.css + portal.css from src/core/ui/styles (content-hashed ?v=)
 *   /assets/fonts/<file>      four Be Vietnam Pro woff2 files from node_modules (allow-listed)
 *   /assets/<hashed files>    everything Vite builds into dist/web/assets/ (SPA + islands)
 *   /staff, /staff/*          dist/web/backoffice/index.html (the SPA routes on the client)
 */

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const stylesDir = fileURLToPath(new URL('../core/ui/styles/', import.meta.url));
export const distDir = `${projectRoot}dist/web/`;
const distAssetsDir = `${distDir}assets/`;
const spaIndexFile = `${distDir}backoffice/index.html`;
const fontsDir = `${projectRoot}node_modules/@fontsource/be-vietnam-pro/files/`;

/** Only the weights and subsets the design system uses. */
export const FONT_FILES: ReadonlySet<string> = new Set(['vietnamese', 'latin'].flatMap((subset) => ['400', '700'].map((weight) => `be-vietnam-pro-${subset}-${weight}-normal.woff2`)));
const IMMUTABLE = 'public, max-age=31536000, immutable';
const ASSET_PATH = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

function loadPortalCss(): { css: string; hash: string } {
  const css = ['tokens.css', 'portal.css'].map((file) => readFileSync(`${stylesDir}${file}`, 'utf8')).join('\n');
  return { css, hash: createHash('sha256').update(css).digest('hex').slice(0, 12) };
}

/** Island scripts built by Vite (src/web/islands/<name>.ts), by name, found through the Vite manifest. */
function loadIslands(): Record<string, string> {
  const manifestFile = `${distDir}.vite/manifest.json`;
  if (!existsSync(manifestFile)) return {};
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, { file: string; isEntry?: boolean }>;
  return Object.fromEntries(
    Object.entries(manifest)
      .filter(([source, chunk]) => source.startsWith('islands/') && chunk.isEntry)
      .map(([source, chunk]) => [source.slice('islands/'.length).replace(/\.ts$/, ''), `/${chunk.file}`]),
  );
}

/** The island every portal page loads (focus the error summary, live character count, no double submit). */
const GLOBAL_ISLAND = 'portal';

/** Web is not a module descriptor; if app.ts did not merge the portal + ui messages, add them once here. */
function ensureWebMessages(ctx: AppContext): void {
  if ('portal.home.title' in ctx.catalogs.vi) return;
  for (const part of [portalMessages, uiMessages]) {
    for (const locale of ['vi', 'en'] as const satisfies readonly Locale[]) {
      const target = ctx.catalogs[locale] as Record<string, string>;
      for (const [key, value] of Object.entries(part[locale] as Catalog)) {
        if (key in target) throw new Error(`Duplicate message key ${locale}:${key}`);
        target[key] = value;
      }
    }
  }
}

function sendBuildMissing(reply: FastifyReply): FastifyReply {
  const body = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Trang cán bộ chưa được build</title><link rel="stylesheet" href="${portalAssets().stylesheet}"></head><body><main class="td-width td-main"><h1>Trang cán bộ chưa sẵn sàng</h1><p>Giao diện cán bộ chưa được build. Chạy <code>npm run build:web</code> rồi tải lại trang.</p><p lang="en">The staff app has not been built. Run <code>npm run build:web</code> and reload.</p></main></body></html>`;
  return reply.status(503).header('cache-control', 'no-store').header('retry-after', '30').type('text/html; charset=utf-8').send(body);
}

/** Register static assets, the staff SPA and the portal pages on the app. */
export async function registerWeb(app: FastifyInstance, ctx: AppContext): Promise<void> {
  ensureWebMessages(ctx);
  const portalCss = loadPortalCss();
  const islands = loadIslands();
  setPortalAssets({ stylesheet: `/assets/portal.css?v=${portalCss.hash}`, scripts: islands[GLOBAL_ISLAND] ? [islands[GLOBAL_ISLAND]] : [], islands });

  // reply.sendFile only; every route below declares its own permission.
  await app.register(fastifyStatic, { root: fontsDir, serve: false });

  const publicAsset = { permission: 'public' } as const;
  app.get('/assets/portal.css', { config: publicAsset, schema: { hide: true } }, async (request, reply) => {
    const query = request.query as { v?: string };
    const etag = `"${portalCss.hash}"`;
    reply.header('cache-control', query.v === portalCss.hash ? IMMUTABLE : 'no-cache').header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type('text/css; charset=utf-8').send(portalCss.css);
  });

  // Browsers ask for /favicon.ico on every page; answer with the brand mark (SVG) instead of a 404.
  for (const path of ['/favicon.ico', '/favicon.svg']) {
    app.get(path, { config: publicAsset, schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(FAVICON_SVG),
    );
  }

  app.get('/assets/fonts/:file', { config: publicAsset, schema: { hide: true } }, async (request, reply) => {
    const { file } = request.params as { file: string };
    if (!FONT_FILES.has(file)) return reply.callNotFound();
    return reply.header('cache-control', IMMUTABLE).sendFile(file, fontsDir, { cacheControl: false });
  });

  app.get('/assets/*', { config: publicAsset, schema: { hide: true } }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    if (!ASSET_PATH.test(path) || !existsSync(`${distAssetsDir}${path}`)) return reply.callNotFound();
    return reply.header('cache-control', IMMUTABLE).sendFile(path, distAssetsDir, { cacheControl: false });
  });

  // The back office SPA: any /staff/... path answers its index.html; the app checks the session itself.
  const staffShell = async (_request: FastifyRequest, reply: FastifyReply) => {
    if (!existsSync(spaIndexFile)) return sendBuildMissing(reply);
    return reply.header('cache-control', 'no-cache').header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(readFileSync(spaIndexFile));
  };
  app.get('/staff', { config: { permission: 'public', html: true }, schema: { hide: true } }, staffShell);
  app.get('/staff/*', { config: { permission: 'public', html: true }, schema: { hide: true } }, staffShell);

  await app.register(async (scope) => portalRoutes(scope, ctx));
}

/**
 * A full portal error page, synchronously and without the database (the commune comes from the
 * portal cache; before the first portal request the page has a generic header).
 */
export function renderHtmlError(request: FastifyRequest, status: number, message: string, messageKey?: string): string {
  const csrfCookie = request.cookies?.[CSRF_COOKIE];
  const portal: LayoutContext = {
    commune: cachedCommune(),
    locale: request.locale,
    t: request.t,
    actor: request.actor,
    csrfToken: csrfCookie ? csrfTokenFromCookie(request.server.ctx.config.sessionSecret, csrfCookie) : null,
    currentPath: currentPagePath(request),
    assets: portalAssets(),
  };
  // An expired form (the CSRF check): offer the page the form was on again, when it was ours.
  const isExpiredForm = messageKey === 'errors.csrf';
  const back = isExpiredForm ? sameOriginRefererPath(request) : null;
  return renderPage(createElement(ErrorPage, { portal, status, message, ...(isExpiredForm ? { isExpiredForm, backPath: back } : {}) }));
}
