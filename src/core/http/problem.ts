import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { DomainError, statusByKind, type FieldError, type Problem } from '../contract/errors.js';
import { zodIssuesToFieldErrors } from '../contract/validation.js';

const fastifyCodeToKey: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'errors.malformedBody',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'errors.malformedBody',
  FST_ERR_CTP_BODY_TOO_LARGE: 'errors.payloadTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'errors.unsupportedMediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'errors.badRequest',
  FST_REQ_FILE_TOO_LARGE: 'errors.payloadTooLarge',
  FST_FILES_LIMIT: 'errors.payloadTooLarge',
  FST_PARTS_LIMIT: 'errors.payloadTooLarge',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'errors.unsupportedMediaType',
  FST_MP_PREMATURE_CLOSE: 'errors.malformedBody',
  TD_MULTIPART_MALFORMED: 'errors.malformedBody',
  FST_ERR_BAD_URL: 'errors.badUrl',
};

export interface NormalisedError {
  status: number;
  messageKey: string;
  params: Record<string, string | number>;
  fieldErrors: FieldError[];
  isServerError: boolean;
}

/** Reduce anything thrown in a request to a status, a message key and field errors. */
export function normaliseError(error: unknown): NormalisedError {
  if (error instanceof DomainError) {
    return { status: statusByKind[error.kind], messageKey: error.messageKey, params: error.params, fieldErrors: error.fieldErrors, isServerError: false };
  }
  const candidate = error as { statusCode?: number; code?: string; validation?: unknown; validationContext?: string } | null;
  if (candidate && hasZodFastifySchemaValidationErrors(candidate)) {
    const context = (candidate as { validationContext?: string }).validationContext;
    // The type provider spreads each Zod issue into `params` and moves code/path/message out.
    const issues = candidate.validation.map(
      (entry) => ({ ...(entry.params as object), code: entry.keyword, path: entry.instancePath.split('/').filter(Boolean), message: entry.message ?? '' }) as unknown as z.core.$ZodIssue,
    );
    const basePath = context && context !== 'body' ? [context] : [];
    return { status: 400, messageKey: 'errors.validation', params: {}, fieldErrors: zodIssuesToFieldErrors(issues, basePath), isServerError: false };
  }
  const status = candidate?.statusCode;
  if (status === 429 && !(candidate?.code && fastifyCodeToKey[candidate.code])) {
    // The limiters say how long to wait; without that the message asks to come back later, never "{seconds}".
    const seconds = (candidate as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    return typeof seconds === 'number' && seconds > 0
      ? { status, messageKey: 'errors.rateLimited', params: { seconds: String(seconds) }, fieldErrors: [], isServerError: false }
      : { status, messageKey: 'errors.rateLimited.retryLater', params: {}, fieldErrors: [], isServerError: false };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const key = (candidate?.code && fastifyCodeToKey[candidate.code]) ?? (status === 413 ? 'errors.payloadTooLarge' : status === 415 ? 'errors.unsupportedMediaType' : status === 404 ? 'errors.notFound' : 'errors.badRequest');
    return { status, messageKey: key, params: {}, fieldErrors: [], isServerError: false };
  }
  return { status: 500, messageKey: 'errors.internal', params: {}, fieldErrors: [], isServerError: true };
}

const problemTypeBase = 'https://tiengdan.vn/problems/';

/** The problem's title: a short complete sentence; the detail says what to do (how long to wait). */
function titleKeyOf(normalised: NormalisedError): string {
  if (normalised.status === 400 && normalised.fieldErrors.length > 0) return 'errors.validation.title';
  if (normalised.messageKey.startsWith('errors.rateLimited')) return 'errors.rateLimited.title';
  return normalised.messageKey;
}

/** Build the RFC 9457 body in the request's language. */
export function toProblem(request: FastifyRequest, normalised: NormalisedError): Problem {
  const t = request.t;
  const problem: Problem = {
    type: `${problemTypeBase}${(normalised.messageKey.startsWith('errors.rateLimited') ? 'errors.rateLimited' : normalised.messageKey).replace(/^errors\./, '').replace(/\./g, '-')}`,
    title: t(titleKeyOf(normalised), normalised.params),
    status: normalised.status,
    detail: t(normalised.messageKey, normalised.params),
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
  };
  if (normalised.fieldErrors.length > 0) {
    problem.errors = normalised.fieldErrors.map((fieldError) => ({ field: fieldError.field, message: t(fieldError.messageKey, fieldError.params) }));
  }
  return problem;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const normalised = normaliseError(error);
  if (normalised.isServerError) {
    request.log.error({ err: error }, 'request failed');
  }
  const problem = toProblem(request, normalised);
  const retryAfter = reply.getHeader('retry-after');
  // The generic limit's wait comes from the header the limiter set; a throttle with its own words (a locked sign-in) keeps them.
  if (normalised.status === 429 && retryAfter && normalised.messageKey.startsWith('errors.rateLimited')) problem.detail = request.t('errors.rateLimited', { seconds: String(retryAfter) });
  return reply.status(normalised.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}
