/** The cases JSON API: public status, intake, staff workflow, sealed identity, Q&A, supervision, indicators. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { validationFailed } from '../../../core/contract/errors.js';
import { blankZeroWidthOnly, invalidTextErrors, isNestedTooDeep, MAX_INPUT_DEPTH, TEXT_PROBLEM_KEYS } from '../../../core/http/control-characters.js';
import { withMultipart } from '../../../core/http/multipart.js';
import { ACCOUNT_WRITE_LIMIT } from './limits.js';
import { findCommunes } from '../../../core/tenancy/index.js';
import {
  addSupervisionNoteSchema,
  answerSupervisionFlagSchema,
  assigneeSchema,
  assigneesQuerySchema,
  caseActionSchema,
  caseActionResultSchema,
  caseDetailSchema,
  caseIndicatorsViewSchema,
  caseListPageSchema,
  categorySchema,
  codeParamsSchema,
  followCaseSchema,
  idParamsSchema,
  indicatorsQuerySchema,
  listCasesQuerySchema,
  listCategoriesQuerySchema,
  listQaQuerySchema,
  listSupervisionFlagsQuerySchema,
  okSchema,
  publicCaseQuerySchema,
  publicCaseViewSchema,
  type PublicCaseView,
  publishQaResultSchema,
  publishQaSchema,
  qaPageSchema,
  qaPreviewRequestSchema,
  qaPreviewSchema,
  rateCaseSchema,
  reopenCaseSchema,
  sealedIdentitySchema,
  similarCaseSchema,
  similarCasesQuerySchema,
  staffIntakeLimitsSchema,
  staffIntakeResultSchema,
  submitCaseResultSchema,
  reviewSupervisionFlagSchema,
  supervisionFlagItemSchema,
  supervisionNoteParamsSchema,
  supervisionNoteSchema,
  withdrawCaseSchema,
} from '../contract.js';
import { contentDisposition, type UploadedFile } from './attachments.js';
import * as service from './service.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const tags = ['cases'];
/** Public writes are rate-limited per IP (the portal form has its own, stricter limits). */
const PUBLIC_WRITE_LIMIT = { max: 30, timeWindow: '10 minutes' };
// A reader under the limit gets no quota headers (three fewer on the hottest route); a refused one
// still learns the limit and when to come back (Retry-After).
const PUBLIC_READ_LIMIT = {
  max: 120,
  timeWindow: '1 minute',
  addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
};
const statusResultSchema = z.object({ status: z.string(), code: z.string() });

/**
 * JSON or multipart: multipart carries the JSON case in a `payload` field (or the fields one by one,
 * numbers and booleans as text) plus up to N file parts. Files larger than the server cap fail with 413.
 */
async function readSubmission(request: FastifyRequest): Promise<{ input: unknown; files: UploadedFile[] }> {
  if (!request.isMultipart()) return { input: request.body ?? {}, files: [] };
  const files: UploadedFile[] = [];
  const fields: Record<string, unknown> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') files.push({ fileName: part.filename ?? 'file', bytes: await part.toBuffer() });
    else fields[part.fieldname] = part.value;
  }
  const input = typeof fields.payload === 'string' ? parsePayloadField(fields.payload) : multipartFields(fields);
  // The checks every other body gets before its handler (core/http/server.ts): this one is read here.
  blankZeroWidthOnly(input);
  const invalidText = invalidTextErrors(input);
  if (invalidText.length > 0) throw validationFailed(invalidText);
  return { input, files };
}

function parsePayloadField(payload: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(payload) as unknown;
  } catch {
    throw validationFailed([{ field: 'payload', messageKey: 'errors.malformedBody' }]);
  }
  if (isNestedTooDeep(value)) throw validationFailed([{ field: 'payload', messageKey: TEXT_PROBLEM_KEYS.tooDeep, params: { max: MAX_INPUT_DEPTH } }]);
  return value;
}

function multipartFields(fields: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const submitter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith('submitter.')) submitter[key.slice('submitter.'.length)] = value;
    else if (key === 'latitude' || key === 'longitude') input[key] = value === '' ? null : Number(value);
    else if (key === 'wantsNotifications') input[key] = value === 'true' || value === '1' || value === 'on';
    else input[key] = value;
  }
  if (Object.keys(submitter).length > 0) input.submitter = submitter;
  return input;
}

/** Routes of the cases module (the portal pages and Open311 live in their own plugins). */
export async function casesApiRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // The routes that take files (JSON or multipart): the only ones that parse multipart bodies.
  await withMultipart(fastify, (scope) => {
    const uploads = scope.withTypeProvider<ZodTypeProvider>();
    uploads.post('/api/v1/cases', { config: { permission: 'public', rateLimit: PUBLIC_WRITE_LIMIT, accountRateLimit: ACCOUNT_WRITE_LIMIT }, schema: { tags, summary: 'Submit a case (JSON, or multipart with a `payload` JSON field and files)', response: { 201: submitCaseResultSchema } } }, async (request, reply) => {
      const { input, files } = await readSubmission(request);
      return reply.status(201).send(await service.submitCase(ctx, request.actor, input, { files, requestId: String(request.id), locale: request.locale }));
    });
    // LAW-BASE-10: the submitter's answer to a request for information restarts the clock. JSON
    // ({ text, accessToken? }) or multipart (the same fields, plus up to the commune's number of files).
    uploads.post('/api/v1/cases/:code/information', { config: { permission: 'public', rateLimit: PUBLIC_WRITE_LIMIT, accountRateLimit: ACCOUNT_WRITE_LIMIT }, schema: { tags, summary: 'The submitter provides the information an officer asked for (JSON, or multipart with files)', params: codeParamsSchema, response: { 200: statusResultSchema } } }, async (request) => {
      const { input, files } = await readSubmission(request);
      return service.provideInformation(ctx, request.actor, request.params.code, input, { files, requestId: String(request.id) });
    });
    uploads.post('/api/v1/cases/intake', { config: { permission: 'cases.intake' }, schema: { tags, summary: 'Staff entry on a resident\'s behalf (JSON or multipart)', response: { 201: staffIntakeResultSchema } } }, async (request, reply) => {
      const { input, files } = await readSubmission(request);
      return reply.status(201).send(await service.enterCaseForResident(ctx, request.actor!, input, { files, requestId: String(request.id) }));
    });
  });

  // The limits the intake form states before an officer attaches the scanned letter or photos.
  app.get('/api/v1/cases/intake/limits', { config: { permission: 'cases.intake' }, schema: { tags, summary: 'Attachment limits for staff intake (the commune settings)', response: { 200: staffIntakeLimitsSchema } } }, async (request) =>
    service.getIntakeLimits(ctx, request.actor!),
  );

  // ── Public ────────────────────────────────────────────────────────────────
  app.get('/api/v1/cases/categories', { config: { permission: 'public' }, schema: { tags, querystring: listCategoriesQuerySchema, response: { 200: z.array(categorySchema) } } }, async (request) => {
    const communeId = request.query.communeId ?? request.actor?.communeId ?? (await findCommunes(ctx.db))[0]?.id;
    return communeId ? service.listCategories(ctx, communeId) : [];
  });


  app.get('/api/v1/cases/similar', { config: { permission: 'public', rateLimit: PUBLIC_READ_LIMIT }, schema: { tags, querystring: similarCasesQuerySchema, response: { 200: z.array(similarCaseSchema) } } }, async (request) =>
    service.findSimilarCases(ctx, request.query, request.locale),
  );

  app.get('/api/v1/qa', { config: { permission: 'public' }, schema: { tags, querystring: listQaQuerySchema, response: { 200: qaPageSchema } } }, async (request) =>
    service.listPublishedQa(ctx, null, request.query, request.locale),
  );

  app.get('/api/v1/cases/attachments/:id', { config: { permission: 'public' }, schema: { tags, params: idParamsSchema } }, async (request, reply) => {
    const file = await service.getCaseAttachment(ctx, request.actor, request.params.id, request.id);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', contentDisposition(file.fileName, file.isInline))
      .header('x-content-type-options', 'nosniff')
      // A sealed case's file is read again through the audited route, never from a cache (LAW-DENUNC-12).
      .header('cache-control', file.isSealed ? 'no-store' : 'private, max-age=300')
      .send(file.bytes);
  });

  app.get(`/api/v1/cases/:code`, { config: { permission: 'public', rateLimit: PUBLIC_READ_LIMIT }, schema: { tags, summary: 'Public status of a case by tracking code', params: codeParamsSchema, querystring: publicCaseQuerySchema, response: { 200: publicCaseViewSchema } } }, async (request, reply) => {
    // Already JSON bytes (the stored read model, or the live view checked against the same schema):
    // a Buffer is sent as it is, not serialised again.
    const json = await service.getPublicCaseJson(ctx, request.params.code, request.locale, { actor: request.actor, accessToken: request.query.accessToken ?? null });
    return reply.type('application/json; charset=utf-8').send(json as unknown as PublicCaseView);
  });

  app.post('/api/v1/cases/:code/rating', { config: { permission: 'public', rateLimit: PUBLIC_WRITE_LIMIT, accountRateLimit: ACCOUNT_WRITE_LIMIT }, schema: { tags, params: codeParamsSchema, body: rateCaseSchema, response: { 200: statusResultSchema } } }, async (request) =>
    service.rateCase(ctx, request.actor, request.params.code, request.body),
  );
  app.post('/api/v1/cases/:code/reopen', { config: { permission: 'public', rateLimit: PUBLIC_WRITE_LIMIT, accountRateLimit: ACCOUNT_WRITE_LIMIT }, schema: { tags, params: codeParamsSchema, body: reopenCaseSchema, response: { 200: statusResultSchema } } }, async (request) =>
    service.reopenCase(ctx, request.actor, request.params.code, request.body),
  );
  app.post('/api/v1/cases/:code/withdraw', { config: { permission: 'public', rateLimit: PUBLIC_WRITE_LIMIT, accountRateLimit: ACCOUNT_WRITE_LIMIT }, schema: { tags, params: codeParamsSchema, body: withdrawCaseSchema, response: { 200: statusResultSchema } } }, async (request) =>
    service.withdrawCase(ctx, request.actor, request.params.code, request.body),
  );
  app.post('/api/v1/cases/:code/follow', { config: { permission: 'public', rateLimit: PUBLIC_WRITE_LIMIT, accountRateLimit: ACCOUNT_WRITE_LIMIT }, schema: { tags, params: codeParamsSchema, body: followCaseSchema, response: { 200: okSchema } } }, async (request) => {
    await service.followCase(ctx, request.actor, request.params.code, request.body, { locale: request.locale, requestId: String(request.id) });
    return { ok: true as const };
  });

  // ── Staff ─────────────────────────────────────────────────────────────────
  app.get('/api/v1/cases', { config: { permission: 'cases.read' }, schema: { tags, querystring: listCasesQuerySchema, response: { 200: caseListPageSchema } } }, async (request) =>
    service.listCases(ctx, request.actor!, request.query, request.locale),
  );

  // Only those who assign need the commune's officers by unit: not supervisors, admins (who have the
  // users page) or the province viewer, who read cases but never assign one (least privilege).
  app.get('/api/v1/cases/assignees', { config: { permission: 'cases.handle' }, schema: { tags, summary: 'Officers and leaders of a unit (the assign form\'s choices)', querystring: assigneesQuerySchema, response: { 200: z.array(assigneeSchema) } } }, async (request) =>
    service.listAssignees(ctx, request.actor!, request.query.unitId),
  );


  app.get('/api/v1/cases/indicators', { config: { permission: 'cases.indicators' }, schema: { tags, querystring: indicatorsQuerySchema, response: { 200: caseIndicatorsViewSchema } } }, async (request) =>
    service.viewCaseIndicators(ctx, request.actor!, request.query, request.locale),
  );

  // The same table as a CSV download (same permission and query schema, so the same 400s). The
  // body is text/csv, not JSON, so it has no response schema: it is built from counts only.
  app.get('/api/v1/cases/indicators.csv', { config: { permission: 'cases.indicators' }, schema: { tags, summary: 'Case indicators as CSV (UTF-8 with BOM; rates in percent, dot decimal); audited', querystring: indicatorsQuerySchema } }, async (request, reply) => {
    const csv = await service.exportCaseIndicatorsCsv(ctx, request.actor!, request.query, request.locale, String(request.id));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csv.fileName}"`)
      .header('cache-control', 'no-store')
      .send(csv.bytes);
  });

  app.get(`/api/v1/cases/:id(${UUID})`, { config: { permission: 'cases.read' }, schema: { tags, summary: 'Staff view of a case (never the sealed identity)', params: idParamsSchema, response: { 200: caseDetailSchema } } }, async (request) =>
    service.getCaseDetail(ctx, request.actor!, request.params.id, request.locale, String(request.id)),
  );

  app.post('/api/v1/cases/:id/actions', { config: { permission: 'cases.handle' }, schema: { tags, params: idParamsSchema, body: caseActionSchema, response: { 200: caseActionResultSchema } } }, async (request) => {
    await service.applyCaseAction(ctx, request.actor!, request.params.id, request.body, String(request.id));
    return service.getCaseAfterAction(ctx, request.actor!, request.params.id, request.locale, String(request.id));
  });

  app.get('/api/v1/cases/:id/sealed-identity', { config: { permission: 'cases.sealed.read' }, schema: { tags, params: idParamsSchema, response: { 200: sealedIdentitySchema } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return service.readSealedIdentity(ctx, request.actor!, request.params.id, String(request.id));
  });

  app.post('/api/v1/cases/:id/qa/preview', { config: { permission: 'cases.lead' }, schema: { tags, params: idParamsSchema, body: qaPreviewRequestSchema.nullish(), response: { 200: qaPreviewSchema } } }, async (request) =>
    service.previewQa(ctx, request.actor!, request.params.id, request.body ?? {}, request.locale),
  );
  app.post('/api/v1/cases/:id/qa/publish', { config: { permission: 'cases.lead' }, schema: { tags, params: idParamsSchema, body: publishQaSchema, response: { 200: publishQaResultSchema } } }, async (request) =>
    service.publishQa(ctx, request.actor!, request.params.id, request.body, String(request.id)),
  );

  app.post('/api/v1/cases/:id/supervision-notes', { config: { permission: 'cases.supervise' }, schema: { tags, params: idParamsSchema, body: addSupervisionNoteSchema, response: { 201: supervisionNoteSchema } } }, async (request, reply) =>
    reply.status(201).send(await service.addSupervisionNote(ctx, request.actor!, request.params.id, request.body, String(request.id))),
  );
  // LAW-DEMO-50/54: the committee answers a flag (a leader); the supervising body closes it or keeps it open.
  app.post('/api/v1/cases/:id/supervision-notes/:noteId/answer', { config: { permission: 'cases.supervision.answer' }, schema: { tags, params: supervisionNoteParamsSchema, body: answerSupervisionFlagSchema, response: { 200: supervisionNoteSchema } } }, async (request) =>
    service.answerSupervisionFlag(ctx, request.actor!, request.params.id, request.params.noteId, request.body, String(request.id)),
  );
  app.post('/api/v1/cases/:id/supervision-notes/:noteId/review', { config: { permission: 'cases.supervise' }, schema: { tags, params: supervisionNoteParamsSchema, body: reviewSupervisionFlagSchema, response: { 200: supervisionNoteSchema } } }, async (request) =>
    service.reviewSupervisionFlag(ctx, request.actor!, request.params.id, request.params.noteId, request.body, String(request.id)),
  );
  app.get('/api/v1/cases/supervision-flags', { config: { permission: 'cases.supervision.read' }, schema: { tags, querystring: listSupervisionFlagsQuerySchema, response: { 200: z.array(supervisionFlagItemSchema) } } }, async (request) =>
    service.listSupervisionFlags(ctx, request.actor!, request.query.filter),
  );
}
