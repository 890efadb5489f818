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
    await routes(scope);
  });
}
