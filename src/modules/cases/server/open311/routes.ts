/**
 * Open311 GeoReport v2 at /open311/v2/ (+ discovery, the page/page_size extension and mySociety's
 * GET servicerequestupdates). Formats by suffix: `.xml` (text/xml, the mandatory one) and `.json`
 * (top-level arrays for lists). Errors are lists of {code, description} in the request's language:
 * 404 unknown jurisdiction/service/request/token, 403 missing or bad api_key, 400 everything else.
 *
 * Privacy: GET answers carry no submitter data except the name of one who chose to show it
 * ("Công khai tên", then also the details; otherwise the title stands as the description), only
 * kinds published as services (feedback and questions of categories flagged is_public_open311),
 * and free texts pass through the personal-data redaction. Denunciations, complaints and anonymous corruption reports are
 * neither listed nor returned.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../../core/context.js';
import { DomainError } from '../../../../core/contract/errors.js';
import type { Locale } from '../../../../core/i18n/translate.js';
import type { Commune } from '../../../../core/tenancy/index.js';
import { applyRedaction, detectPersonalData, normaliseTrackingCode, refusalNoteIn, type CaseStatus } from '../../domain/index.js';
import { CASE_ADDRESS_ID_MAX, CASE_DESCRIPTION_MAX, CASE_TITLE_MAX, CASE_TITLE_MIN } from '../../contract.js';
import { Open311Error, open311Errors, translateErrors, type PendingError } from './errors.js';
import { OPEN311_FORMATS, OPEN311_MIME, sendDocument, splitFormat, type Open311Format } from './format.js';
import { eventExtendedStatus, eventLabel, mergedInNote, mergedIntoNote, statusNotes, type TrackUrlOf } from './labels.js';
import {
  commaList,
  dateWindow,
  definitionsChangeset,
  extendedStatus,
  identityNote,
  MAX_RESULTS,
  mediaUrlOf,
  open311Status,
  paging,
  param,
  serviceDocument,
  serviceName,
  serviceNotice,
  servicesOf,
  statusFilter,
  throwIfErrors,
  toOpen311DateTime,
  type Open311Service,
  type RawQuery,
} from './mapping.js';
import { createOpen311Port, type Open311Port, type PublicRequestRow, type PublicUpdateRow } from './port.js';

export const OPEN311_PREFIX = '/open311/v2';
export const OPEN311_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'accepted', 'assigned', 'forwarded', 'awaiting_information', 'in_progress', 'answer_drafted', 'answer_approved', 'reopened'];
const CLOSED_STATUSES: readonly CaseStatus[] = ['answered', 'closed', 'refused', 'merged', 'withdrawn', 'transferred'];
const POST_RATE_LIMIT = { max: 120, timeWindow: '1 minute' };
/**
 * The POST parameters that take one value (GeoReport v2 §3.4; api_key and attributes are checked on
 * their own). Sent twice they are refused by name, never cut to the first; sent as a structure they
 * are not text.
 */
const SINGLE_VALUED_PARAMETERS = ['jurisdiction_id', 'service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'device_id', 'account_id', 'first_name', 'last_name', 'phone', 'description', 'media_url'] as const;

function singleValueErrors(body: RawQuery, query: RawQuery): PendingError[] {
  const errors: PendingError[] = [];
  for (const name of SINGLE_VALUED_PARAMETERS) {
    const value = body[name];
    const inQuery = name === 'jurisdiction_id' ? query[name] : undefined;
    if (Array.isArray(value) || Array.isArray(inQuery) || (value !== undefined && inQuery !== undefined)) errors.push({ key: 'repeated', value: name });
    else if (value !== null && typeof value === 'object') errors.push({ key: 'notText', value: name });
  }
  return errors;
}

/** A query parameter sent more than once (`status=open&status=closed`) is refused by name, as in a POST: never cut to the first value. Lists are comma-separated (GeoReport v2). */
function repeatedQueryErrors(query: RawQuery): PendingError[] {
  return Object.entries(query).filter(([, value]) => Array.isArray(value)).map(([name]) => ({ key: 'repeated', value: name }));
}

const tags = ['open311'];

/**
 * A WGS84 coordinate written as a decimal number (`21.0012`, `-0.5`, `1e-7`), else NaN (refused by
 * name). `Number()` alone also reads `0x15`, `0b10101` and `0o25` as 21, so a malformed value would
 * be stored as a point nobody sent.
 */
function coordinateOf(text: string): number {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
}

/**
 * The 404 for a path no route serves: a suffix other than .xml/.json (`/services.csv`) is named as
 * the format not supported, so the partner learns what to change; anything else is not found.
 */
function unknownResource(url: string, otherwise: Open311Error = open311Errors.notFound('notFound')): Open311Error {
  const last = (url.split('?')[0] ?? '').split('/').pop() ?? '';
  const dot = last.lastIndexOf('.');
  const suffix = dot > 0 ? last.slice(dot + 1) : '';
  return /^[A-Za-z0-9]{1,10}$/.test(suffix) && !(OPEN311_FORMATS as readonly string[]).includes(suffix.toLowerCase()) ? open311Errors.notFound('format', suffix) : otherwise;
}

function formatOfUrl(url: string): Open311Format {
  return (url.split('?')[0] ?? '').toLowerCase().endsWith('.json') ? 'json' : 'xml';
}

/** Replace phone numbers, e-mails, ID numbers, the submitter's own name and what looks like a name or a house address in a published text (no officer confirms this feed, so it errs on the side of removing). */
function redact(text: string, locale: Locale, name: string | null, options: { mayBeCut?: boolean } = {}): string {
  const spans = detectPersonalData(text, { markedNames: name ? [name] : [], mayBeCut: options.mayBeCut === true });
  return spans.length > 0 ? applyRedaction(text, spans, locale) : text;
}

/** A field error of the cases service, named as the Open311 parameter the partner sent. */
const fieldToParameter: Readonly<Record<string, string>> = {
  title: 'attribute[title]',
  description: 'description',
  'submitter.fullName': 'first_name/last_name',
  'submitter.phone': 'phone',
  'submitter.email': 'email',
  'submitter.address': 'attribute[submitter_address]',
  areaId: 'attribute[area]',
  address: 'address_string',
  latitude: 'lat',
  longitude: 'long',
  categoryId: 'service_code',
  kind: 'service_code',
};

/** Register every Open311 route under /open311/v2 (its own error and not-found rendering). */
export async function open311Routes(app: FastifyInstance, ctx: AppContext, port: Open311Port = createOpen311Port(ctx)): Promise<void> {
  // The portal's status page of a request (portal-routes.ts `/tra-cuu/:code`), absolute so a partner app can link it.
  const trackUrlOf: TrackUrlOf = (code) => `${ctx.config.publicUrl}/tra-cuu/${encodeURIComponent(code)}`;
  // Errors met before routing (core/http answers them as problem+json elsewhere) get the spec's list
  // too: a path parameter too long names no resource that can exist (404); an undecodable path is a 400.
  app.frameworkErrorRenderers.push({
    prefix: `${OPEN311_PREFIX}/`,
    render: (request, reply, error) => {
      const statusCode = (error as { statusCode?: number }).statusCode;
      return sendError(request, reply, statusCode === 414 || statusCode === 404 ? open311Errors.notFound('notFound') : open311Errors.badRequest({ key: 'badUrl' }));
    },
  });
  await app.register(
    async (scope) => {
      scope.setErrorHandler((error, request, reply) => sendError(request, reply, error));
      scope.setNotFoundHandler((request, reply) => sendError(request, reply, unknownResource(request.url)));

      async function jurisdictionOf(value: string | undefined): Promise<Commune> {
        const communes = await port.communes();
        if (value) {
          const commune = communes.find((candidate) => candidate.code === value || candidate.slug === value);
          if (!commune) throw open311Errors.notFound('jurisdiction', value);
          return commune;
        }
        if (communes.length === 1) return communes[0]!;
        if (communes.length === 0) throw open311Errors.notFound('jurisdiction', '');
        throw open311Errors.badRequest({ key: 'jurisdictionRequired' });
      }

      async function servicesOfCommune(communeId: string): Promise<Open311Service[]> {
        return servicesOf(await port.categories(communeId));
      }

      for (const format of OPEN311_FORMATS) {
        // ── 0. Discovery ────────────────────────────────────────────────────────────────
        scope.get(`/discovery.${format}`, { config: { permission: 'public' }, schema: { tags, summary: `Open311 service discovery (${format})` } }, async (request, reply) => {
          const query = request.query as RawQuery;
          const communes = await port.communes();
          const requested = param(query, 'jurisdiction_id');
          const commune = requested || communes.length === 1 ? await jurisdictionOf(requested) : null;
          const covered = commune ? [commune] : communes;
          const categories = (await Promise.all(covered.map((entry) => port.categories(entry.id)))).flat();
          const areasChangedAt = await Promise.all(covered.map((entry) => port.areasChangedAt(entry.id)));
          const changeset = definitionsChangeset([...categories.map((category) => category.updatedAt), ...areasChangedAt]);
          const isEnglish = request.locale === 'en';
          const contact = commune
            ? `${commune.name} — ${commune.contact.address} — ${commune.contact.phone} — ${commune.contact.email}`
            : isEnglish
              ? 'Tiếng Dân — contact the commune People\'s Committee office.'
              : 'Tiếng Dân — liên hệ Văn phòng UBND xã.';
          const keyService = isEnglish
            ? `Ask the commune People's Committee office${commune ? ` (${commune.contact.email})` : ''} for an api_key; reading needs no key.`
            : `Liên hệ Văn phòng UBND xã${commune ? ` (${commune.contact.email})` : ''} để được cấp khóa API (api_key); đọc dữ liệu không cần khóa.`;
          return sendDocument(reply, format, 'discovery', {
            changeset,
            contact,
            key_service: keyService,
            endpoints: [{ specification: OPEN311_SPECIFICATION, url: `${ctx.config.publicUrl}${OPEN311_PREFIX}`, changeset, type: 'production', formats: OPEN311_FORMATS.map((entry) => OPEN311_MIME[entry]) }],
          });
        });

        // ── 1. Service list ─────────────────────────────────────────────────────────────
        scope.get(`/services.${format}`, { config: { permission: 'public' }, schema: { tags, summary: `Open311 service list (${format})` } }, async (request, reply) => {
          const commune = await jurisdictionOf(param(request.query as RawQuery, 'jurisdiction_id'));
          const services = await servicesOfCommune(commune.id);
          return sendDocument(reply, format, 'services', services.map((service) => serviceDocument(service, request.locale)));
        });

        // ── 3. Create a service request ─────────────────────────────────────────────────
        scope.post(
          `/requests.${format}`,
          { config: { permission: 'public', csrfExempt: true, rateLimit: POST_RATE_LIMIT }, schema: { tags, summary: `Open311 create service request (${format}, form-urlencoded, api_key)` } },
          async (request, reply) => {
            const body = (request.body && typeof request.body === 'object' ? request.body : {}) as RawQuery;
            // One key, sent once (body or query): two keys are refused, never one of them picked (403, as for an invalid key).
            const apiKeys = [body['api_key'], (request.query as RawQuery)['api_key']].flat().filter((value) => value !== undefined && value !== null && String(value).trim() !== '');
            if (apiKeys.length > 1) throw open311Errors.forbidden('apiKeyRepeated');
            const apiKey = param(body, 'api_key') ?? param(request.query as RawQuery, 'api_key');
            if (!apiKey) throw open311Errors.forbidden('apiKeyMissing');
            const repeated = singleValueErrors(body, request.query as RawQuery);
            if (repeated.length > 0) throw open311Errors.badRequest(...repeated);
            const commune = await jurisdictionOf(param(body, 'jurisdiction_id') ?? param(request.query as RawQuery, 'jurisdiction_id'));
            const client = await port.verifyApiKey(commune.id, apiKey);
            if (!client) throw open311Errors.forbidden('apiKey');
            const serviceCode = param(body, 'service_code');
            if (!serviceCode) throw open311Errors.badRequest({ key: 'required', value: 'service_code' });
            const service = (await servicesOfCommune(commune.id)).find((candidate) => candidate.serviceCode === serviceCode);
            if (!service) throw open311Errors.notFound('service', serviceCode);
            const { input, addressId, mediaUrl } = await submissionInput(body, service, commune, request.locale);
            let result;
            try {
              result = await port.submit(input, { requestId: String(request.id), client, addressId, mediaUrl });
            } catch (error) {
              if (error instanceof DomainError && error.kind === 'validation') {
                const items: PendingError[] = error.fieldErrors.map((fieldError) => ({ text: `${fieldToParameter[fieldError.field] ?? fieldError.field}: ${request.t(fieldError.messageKey, fieldError.params)}` }));
                throw open311Errors.badRequest(...(items.length > 0 ? items : [{ text: request.t(error.messageKey, error.params) }]));
              }
              throw error;
            }
            request.log.info({ open311: { service: service.serviceCode, code: result.code } }, 'open311 request created');
            return sendDocument(reply, format, 'service_requests', [
              { service_request_id: result.code, service_notice: serviceNotice(request.locale, { acceptanceDueAt: result.acceptanceDueAt, dueAt: result.dueAt }) },
            ]);
          },
        );

        // ── 5. Query service requests ───────────────────────────────────────────────────
        scope.get(`/requests.${format}`, { config: { permission: 'public' }, schema: { tags, summary: `Open311 query service requests (${format}; page/page_size extension)` } }, async (request, reply) => {
          const query = request.query as RawQuery;
          throwIfErrors(repeatedQueryErrors(query));
          const commune = await jurisdictionOf(param(query, 'jurisdiction_id'));
          const services = await servicesOfCommune(commune.id);
          const serviceKeys = services.map((service) => ({ categoryId: service.categoryId, kind: service.kind }));
          const errors: PendingError[] = [];
          const ids = commaList(param(query, 'service_request_id'));
          let rows: PublicRequestRow[];
          if (ids.length > 0) {
            // service_request_id overrides every other filter.
            const codes = ids.map((id) => normaliseTrackingCode(id)).filter((code): code is string => code !== null);
            rows = await port.requests({ communeId: commune.id, services: serviceKeys, codes: codes.slice(0, MAX_RESULTS), limit: MAX_RESULTS, offset: 0 });
          } else {
            const serviceCodes = commaList(param(query, 'service_code'));
            const unknown = serviceCodes.find((code) => !services.some((service) => service.serviceCode === code));
            if (unknown) throw open311Errors.notFound('service', unknown);
            const selected = serviceCodes.length > 0 ? services.filter((service) => serviceCodes.includes(service.serviceCode)) : services;
            const window = dateWindow(query, ctx.clock(), errors);
            const statuses = statusFilter(query, errors);
            const pages = paging(query, errors);
            throwIfErrors(errors);
            const internalStatuses = statuses.length === 0 ? undefined : statuses.flatMap((status) => (status === 'open' ? OPEN_STATUSES : CLOSED_STATUSES));
            rows = await port.requests({
              communeId: commune.id,
              services: selected.map((service) => ({ categoryId: service.categoryId, kind: service.kind })),
              ...(window ? { from: window.from.toISOString(), to: window.to.toISOString() } : {}),
              ...(internalStatuses ? { statuses: internalStatuses } : {}),
              limit: pages.pageSize,
              offset: pages.offset,
            });
          }
          const documents = await requestDocuments(rows, services, commune.id, request.locale);
          return sendDocument(reply, format, 'service_requests', documents);
        });

        // ── mySociety extension: public updates feed ────────────────────────────────────
        scope.get(`/servicerequestupdates.${format}`, { config: { permission: 'public' }, schema: { tags, summary: `Open311 service request updates (${format}; mySociety extension)` } }, async (request, reply) => {
          const query = request.query as RawQuery;
          throwIfErrors(repeatedQueryErrors(query));
          const commune = await jurisdictionOf(param(query, 'jurisdiction_id'));
          const services = await servicesOfCommune(commune.id);
          const errors: PendingError[] = [];
          const window = dateWindow(query, ctx.clock(), errors);
          const pages = paging(query, errors);
          throwIfErrors(errors);
          const rows = await port.updates({
            communeId: commune.id,
            services: services.map((service) => ({ categoryId: service.categoryId, kind: service.kind })),
            from: window!.from.toISOString(),
            to: window!.to.toISOString(),
            limit: pages.pageSize,
            offset: pages.offset,
          });
          return sendDocument(
            reply,
            format,
            'service_request_updates',
            rows.map((row) => ({
              update_id: row.id,
              service_request_id: row.code,
              status: eventExtendedStatus(row.event) ?? extendedStatus(row.status),
              updated_datetime: toOpen311DateTime(row.at),
              description: updateDescription(row, request.locale),
              media_url: null,
            })),
          );
        });
      }

      // ── 2. Service definition, 4. token, 6. one request: `{id}.{format}` in one path segment ──
      scope.get('/services/:file', { config: { permission: 'public' }, schema: { tags, summary: 'Open311 service definition ({service_code}.xml|json)' } }, async (request, reply) => {
        const target = splitFormat((request.params as { file: string }).file);
        if (!target) throw unknownResource(request.url);
        const commune = await jurisdictionOf(param(request.query as RawQuery, 'jurisdiction_id'));
        const service = (await servicesOfCommune(commune.id)).find((candidate) => candidate.serviceCode === target.id);
        if (!service) throw open311Errors.notFound('service', target.id);
        const areas = (await port.areas(commune.id)).filter((area) => area.isActive);
        return sendDocument(reply, target.format, 'service_definition', definitionOf(service, areas, request.locale));
      });

      scope.get('/requests/:file', { config: { permission: 'public' }, schema: { tags, summary: 'Open311 one service request ({service_request_id}.xml|json)' } }, async (request, reply) => {
        const target = splitFormat((request.params as { file: string }).file);
        if (!target) throw unknownResource(request.url);
        const commune = await jurisdictionOf(param(request.query as RawQuery, 'jurisdiction_id'));
        const code = normaliseTrackingCode(target.id);
        if (!code) throw open311Errors.notFound('request', target.id);
        const services = await servicesOfCommune(commune.id);
        const rows = await port.requests({ communeId: commune.id, services: services.map((service) => ({ categoryId: service.categoryId, kind: service.kind })), codes: [code], limit: 1, offset: 0 });
        if (rows.length === 0) throw open311Errors.notFound('request', target.id);
        return sendDocument(reply, target.format, 'service_requests', await requestDocuments(rows, services, commune.id, request.locale));
      });

      scope.get('/tokens/:file', { config: { permission: 'public' }, schema: { tags, summary: 'Open311 token lookup (always 404: ids are assigned in real time)' } }, async (request) => {
        const file = (request.params as { file: string }).file;
        const target = splitFormat(file);
        throw target ? open311Errors.notFound('token', target.id) : unknownResource(request.url, open311Errors.notFound('token', file));
      });

      /**
       * An update's words: a merge names the other request and its status page, in both directions (the
       * note is the code the system wrote); a refusal its ground in the reader's language; another
       * public note, redacted; else the event in words.
       */
      function updateDescription(row: PublicUpdateRow, locale: Locale): string {
        if (row.event === 'cases.case.merged') return mergedIntoNote(locale, row.public_note, trackUrlOf);
        if (row.event === 'cases.case.merged_in') return mergedInNote(locale, row.public_note, trackUrlOf);
        return redact((row.event === 'cases.case.refused' ? refusalNoteIn(row.public_note, locale) : row.public_note) ?? eventLabel(locale, row.event), locale, row.submitter_name);
      }

      async function requestDocuments(rows: readonly PublicRequestRow[], services: readonly Open311Service[], communeId: string, locale: Locale) {
        const units = rows.some((row) => row.assigned_unit_id) ? new Map((await port.units(communeId)).map((unit) => [unit.id, unit.name])) : new Map<string, string>();
        return rows.flatMap((row) => {
          const service = services.find((candidate) => candidate.categoryId === row.category_id && candidate.kind === row.kind);
          if (!service) return [];
          const status = open311Status(row.status);
          const notes = statusNotes(locale, { status: row.status, answerText: row.answer_text, statusNote: row.status_note }, trackUrlOf);
          return [
            {
              service_request_id: row.code,
              status,
              status_notes: redact(notes, locale, row.submitter_name),
              service_name: serviceName(service, locale),
              service_code: service.serviceCode,
              // As on the status page (public-status.ts): the details only with "name public" (LAW-PDP-05),
              // else the title, which every non-sealed case shows; both redacted.
              description: row.privacy === 'public_name' ? redact(row.description, locale, null) : redact(row.title, locale, row.submitter_name, { mayBeCut: true }),
              agency_responsible: row.assigned_unit_id ? (units.get(row.assigned_unit_id) ?? null) : null,
              service_notice: serviceNotice(locale, { acceptanceDueAt: row.status === 'received' ? row.acceptance_due_at : null, dueAt: row.due_at, isClosed: status === 'closed' }),
              requested_datetime: toOpen311DateTime(row.received_at),
              updated_datetime: toOpen311DateTime(status === 'closed' ? (row.closed_at ?? row.answered_at ?? row.updated_at) : row.updated_at),
              expected_datetime: toOpen311DateTime(row.due_at),
              // Free text too (the partner's address_string, the portal's "address or place"): a phone
              // number, a name or a house number typed there is redacted like the title; a place stays.
              address: row.address === null ? null : redact(row.address, locale, row.submitter_name),
              address_id: row.address_id,
              zipcode: null,
              lat: row.latitude,
              long: row.longitude,
              // Published as sent, for every request returned (GeoReport v2 §3.5 lists it). It is a link to
              // a photo the partner itself already publishes (§3.3: "already hosted elsewhere"), not a file
              // we hold or a field of the submitter's identity, so it is not treated like the description
              // (shown only with "name public"): hiding it would drop the one photo field the spec has.
              // What the photo shows is the partner's responsibility as its publisher; the POST refuses
              // anything but an http/https link without credentials, and we never fetch it.
              media_url: row.media_url,
              // Not in GeoReport v2 (an extra field clients may ignore): the name the submitter chose to show.
              ...(row.privacy === 'public_name' && row.submitter_name ? { submitter_name: row.submitter_name } : {}),
            },
          ];
        });
      }

      async function submissionInput(body: RawQuery, service: Open311Service, commune: Commune, locale: Locale): Promise<{ input: Record<string, unknown>; addressId: string | null; mediaUrl: string | null }> {
        const errors: PendingError[] = [];
        /** Every non-empty value sent as `attribute[code]` or `attribute[code][]` (node's querystring keeps both keys flat and repeats as arrays). */
        const attributeValues = (code: string): string[] => {
          const nested = body.attribute && typeof body.attribute === 'object' && !Array.isArray(body.attribute) ? (body.attribute as RawQuery)[code] : undefined;
          return [nested, body[`attribute[${code}]`], body[`attribute[${code}][]`]]
            .flatMap((raw) => (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]))
            .map((value) => String(value).trim())
            .filter((value) => value !== '');
        };
        // Every attribute we define takes one value (singlevaluelist or string): several values are refused, not cut to the first.
        const attribute = (code: string): string | undefined => {
          const values = attributeValues(code);
          if (values.length > 1) errors.push({ key: 'attributeSingle', value: code });
          return values.length === 1 ? values[0] : undefined;
        };
        const latText = param(body, 'lat');
        const longText = param(body, 'long');
        const addressString = param(body, 'address_string');
        const addressId = param(body, 'address_id');
        if ((latText === undefined) !== (longText === undefined)) errors.push({ key: 'latLong' });
        const latitude = latText === undefined ? null : coordinateOf(latText);
        const longitude = longText === undefined ? null : coordinateOf(longText);
        if (latitude !== null && (!Number.isFinite(latitude) || latitude < -90 || latitude > 90)) errors.push({ key: 'invalid', value: 'lat' });
        if (longitude !== null && (!Number.isFinite(longitude) || longitude < -180 || longitude > 180)) errors.push({ key: 'invalid', value: 'long' });
        if (latText === undefined && longText === undefined && !addressString && !addressId) errors.push({ key: 'location' });
        if (addressId && addressId.length > CASE_ADDRESS_ID_MAX) errors.push({ key: 'tooLong', value: 'address_id' });
        const mediaUrl = mediaUrlOf(param(body, 'media_url'), errors);

        const description = param(body, 'description');
        if (!description) errors.push({ key: 'required', value: 'description' });
        else if (description.length > CASE_DESCRIPTION_MAX) errors.push({ key: 'tooLong', value: 'description' });

        const areas = await port.areas(commune.id);
        const areaCode = attribute('area');
        const area = areas.find((candidate) => candidate.isActive && candidate.code === (areaCode ?? addressId));
        if (areaCode && !area) errors.push({ key: 'attributeValue', value: 'area' });
        const submitterAddress = attribute('submitter_address');
        if (service.kind === 'feedback' && !submitterAddress) errors.push({ key: 'attribute', value: 'submitter_address' });
        // The partner's own title is refused when too long, as when too short (the cases service), never cut.
        const givenTitle = attribute('title');
        if (givenTitle !== undefined && givenTitle.length > CASE_TITLE_MAX) errors.push({ key: 'tooLong', value: 'attribute[title]' });
        throwIfErrors(errors);

        const firstName = param(body, 'first_name');
        const lastName = param(body, 'last_name');
        // Vietnamese order: family name first, given name last ("Nguyễn Thị Lan").
        const fullName = [lastName, firstName].filter(Boolean).join(' ') || null;
        const text = description!;
        const derived = text.replace(/\s+/g, ' ').slice(0, 80).trim();
        // Only the title we derive from the description may be cut: it is ours, not the partner's.
        const title = givenTitle ?? (derived.length >= CASE_TITLE_MIN ? derived : `${serviceName(service, locale)}: ${derived}`).slice(0, CASE_TITLE_MAX);
        const email = param(body, 'email');
        const phone = param(body, 'phone');
        const input = {
          kind: service.kind,
          categoryId: service.categoryId,
          areaId: area?.id ?? null,
          address: addressString ?? null,
          latitude,
          longitude,
          title,
          description: text,
          privacy: 'handler_only',
          submitter: { fullName, address: submitterAddress ?? null, phone: phone ?? null, email: email ?? null },
          wantsNotifications: Boolean(email || phone),
        };
        return { input, addressId: addressId ?? null, mediaUrl };
      }
    },
    { prefix: OPEN311_PREFIX },
  );
}

/** A service's definition (GeoReport v2 §3.2). Changing its wording or attributes: bump SERVICE_DOCUMENTS_REVISED_AT (mapping.ts). */
function definitionOf(service: Open311Service, areas: ReadonlyArray<{ code: string; name: string }>, locale: Locale) {
  const isEnglish = locale === 'en';
  const note = identityNote(service.kind, locale);
  return {
    service_code: service.serviceCode,
    attributes: [
      {
        variable: true,
        code: 'area',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: isEnglish ? 'One key from the list.' : 'Chọn một mã trong danh sách.',
        order: 1,
        description: isEnglish ? 'Hamlet or residential group where it happens' : 'Thôn, tổ dân phố nơi xảy ra sự việc',
        values: areas.map((area) => ({ key: area.code, name: area.name })),
      },
      {
        variable: true,
        code: 'title',
        datatype: 'string',
        required: false,
        datatype_description: isEnglish ? `${CASE_TITLE_MIN}–${CASE_TITLE_MAX} characters; taken from the description when absent.` : `${CASE_TITLE_MIN}–${CASE_TITLE_MAX} ký tự; nếu bỏ trống sẽ lấy từ nội dung.`,
        order: 2,
        description: isEnglish ? 'Short title' : 'Tiêu đề ngắn',
      },
      {
        variable: true,
        code: 'submitter_address',
        datatype: 'string',
        // LAW-PAKN-03: feedback must carry the submitter's name, address and phone or e-mail.
        required: service.kind === 'feedback',
        datatype_description: isEnglish ? 'Never published.' : 'Không bao giờ được công khai.',
        order: 3,
        description: isEnglish ? 'Submitter\'s postal address (required by law for feedback)' : 'Địa chỉ của người gửi (bắt buộc đối với phản ánh, kiến nghị theo quy định)',
      },
      // Display-only (variable: false, GeoReport v2 §3.2): the identity this kind needs, before a 400 says so.
      ...(note
        ? [{ variable: false, code: 'submitter_identity', datatype: 'string', required: false, datatype_description: isEnglish ? 'Information only; nothing to send.' : 'Chỉ để thông tin; không cần gửi.', order: 4, description: note }]
        : []),
    ],
  };
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const format = formatOfUrl(request.url);
  let open311: Open311Error;
  if (error instanceof Open311Error) open311 = error;
  else if (error instanceof DomainError) {
    const status = error.kind === 'not_found' ? 404 : error.kind === 'forbidden' || error.kind === 'unauthenticated' ? 403 : 400;
    open311 = new Open311Error(status, error.fieldErrors.length > 0 ? error.fieldErrors.map((fieldError) => ({ text: `${fieldToParameter[fieldError.field] ?? fieldError.field}: ${request.t(fieldError.messageKey, fieldError.params)}` })) : [{ text: request.t(error.messageKey, error.params) }]);
  } else {
    const statusCode = (error as { statusCode?: number } | null)?.statusCode;
    if (statusCode === 429) {
      const items = [{ code: 429, description: request.t('errors.rateLimited', { seconds: String(reply.getHeader('retry-after') ?? 60) }) }];
      return sendDocument(reply, format, 'errors', items, 429);
    }
    if (typeof statusCode !== 'number' || statusCode >= 500) request.log.error({ err: error }, 'open311 request failed');
    // The spec folds every other failure (bad body, back end down) into 400; a body of another type
    // (multipart, XML, none) or over the size limit is told what to send instead of "body is invalid".
    if (statusCode === 415) open311 = new Open311Error(400, [{ key: 'mediaType' }]);
    else if (statusCode === 413) open311 = new Open311Error(400, [{ key: 'bodyTooLarge', value: String(CASE_DESCRIPTION_MAX) }]);
    else open311 = new Open311Error(400, [{ key: typeof statusCode === 'number' && statusCode < 500 ? 'invalid' : 'unavailable', value: 'body' }]);
  }
  return sendDocument(reply, format, 'errors', translateErrors(open311, request.locale), open311.status);
}
