import type { FastifyReply } from 'fastify';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/** Server only. A full HTML document from a page element (normally wrapped in PortalLayout). */
export function renderPage(element: ReactElement): string {
  return `<!doctype html>${renderToStaticMarkup(element)}`;
}

export interface SendPageOptions {
  /**
   * `no-store` (default): the page carries a CSRF token or personal data. `public` is for pages
   * identical for everyone (caches for 5 minutes).
   */
  cache?: 'no-store' | 'public';
}

/** Server only. Send a rendered page as `text/html; charset=utf-8`. */
export function sendPage(reply: FastifyReply, element: ReactElement, status = 200, options: SendPageOptions = {}): FastifyReply {
  return reply
    .status(status)
    .header('cache-control', options.cache === 'public' ? 'public, max-age=300' : 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderPage(element));
}
