import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/** The largest file a multipart body may carry (a module may set a lower limit of its own). */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
const MULTIPART_LIMITS = { fileSize: UPLOAD_LIMIT_BYTES, files: 10, fields: 50, fieldSize: 64 * 1024, parts: 70 };

/**
 * Register the routes that read multipart bodies (files) inside a scope of their own that parses them.
 * @fastify/multipart hooks every request of the scope it is registered in (a listener on each
 * response, a clean-up after it): registered for the whole server, every status lookup paid for them
 * (about 2 µs of its ~45). A route outside such a scope answers a multipart body with 415.
 */
export async function withMultipart(app: FastifyInstance, routes: (scope: FastifyInstance) => void | Promise<void>): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: MULTIPART_LIMITS });
    // A body the parser cannot read (no boundary, cut short) is the sender's mistake: a 400, never a
    // 500. Everything else goes on, unchanged, to the server's own error handler.
    scope.setErrorHandler((error) => {
      throw isMalformedMultipart(error) ? Object.assign(new Error('malformed multipart body', { cause: error }), { statusCode: 400, code: MALFORMED_MULTIPART_CODE }) : error;
    });
    await routes(scope);
  });
}

/** The code of a multipart body the parser could not read (core/http/problem.ts: errors.malformedBody). */
export const MALFORMED_MULTIPART_CODE = 'TD_MULTIPART_MALFORMED';

/**
 * The parser's (@fastify/busboy's) own errors for a body it cannot read: plain Errors, told apart
 * only by their messages. A premature close already comes as a 400 (FST_MP_PREMATURE_CLOSE).
 */
const malformedMultipartMessages = [
  /^Multipart: Boundary not found$/,
  /^Unexpected end of multipart data$/,
  /terminated early due to unexpected end of multipart data$/,
  /^The needle cannot (be an empty|have a length bigger)/,
  /^Malformed part header$/,
];

function isMalformedMultipart(error: unknown): boolean {
  if (!(error instanceof Error) || (error as { statusCode?: unknown }).statusCode !== undefined) return false;
  return malformedMultipartMessages.some((pattern) => pattern.test(error.message));
}
