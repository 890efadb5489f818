import type { FastifyRequest } from 'fastify';

/** The path (and query) of the page a form was posted from, when the Referer is this site's own; null otherwise. */
export function sameOriginRefererPath(request: FastifyRequest): string | null {
  const referer = request.headers.referer;
  if (!referer) return null;
  try {
    const url = new URL(referer);
    const own = new URL(request.server.ctx.config.publicUrl);
    if (url.host !== own.host && url.host !== request.headers.host) return null;
    return url.pathname.startsWith('/') && !url.pathname.startsWith('//') ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}

/**
 * The address of the page being shown, for links that come back to it (the language switch). A page
 * rendered in answer to a POST (a form with errors) has no address of its own that a GET could
 * open: the page the form was posted from stands in for it, or the home page.
 */
export function currentPagePath(request: FastifyRequest): string {
  if (request.method === 'GET' || request.method === 'HEAD') return request.url;
  return sameOriginRefererPath(request) ?? '/';
}
