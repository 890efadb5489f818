/**
 * The resident portal pages of the cases module (server-rendered, work with JavaScript off):
 *   GET  /gui-phan-anh                 submission flow, first question
 *   POST /gui-phan-anh                 next / previous question (answers carried in hidden fields);
 *                                      `_action=language` + `?lang=` (the header switch): same question, other language, answers kept
 *   POST /gui-phan-anh/gui             send (multipart: photos/PDFs) → 303 /gui-phan-anh/da-gui/:code
 *   GET  /gui-phan-anh/da-gui/:code    confirmation: big tracking code, secret link, next steps
 *   GET  /tra-cuu                      look-up form (?ma=CODE → 303 /tra-cuu/CODE)
 *   GET  /tra-cuu/:code                status page (?khoa=secret for anonymous submitters)
 *   POST /tra-cuu/:code/danh-gia|mo-lai|rut|theo-doi   rate, reopen, withdraw, follow
 *   POST /tra-cuu/:code/bo-sung        the submitter answers a request for information (multipart: text + files)
 *   POST /tra-cuu/:code/ngung-theo-doi  a signed-in resident stops following with their account
 *   GET  /xac-nhan-theo-doi?t=TOKEN    what a follow's confirmation link confirms (double opt-in, LAW-PDP-05)
 *   POST /xac-nhan-theo-doi            confirm it (t in the form) → 303 back to the GET, which says so
 *   GET  /ngung-nhan-tin?t=TOKEN       what a message's stop link will stop (case, masked address)
 *   POST /ngung-nhan-tin               stop it (t in the form) → 303 back to the GET, which says so
 *   GET  /hoi-dap                      published questions and answers, search + paging
 *   GET  /ho-so-cua-toi                a signed-in resident's own cases, newest first, paging
 *   GET  /ho-so-toi-theo-doi           the cases a signed-in resident follows (stop buttons), and follows waiting for the e-mail confirmation
 * Pages call the service (never the repository); the page components live in ../ui/portal/.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withMultipart } from '../../../core/http/multipart.js';
import { createElement, type ReactElement } from 'react';
import type { AppContext } from '../../../core/context.js';
import { LANG_COOKIE, LANG_COOKIE_MAX_AGE } from '../../../core/i18n/negotiate.js';
import type { Locale } from '../../../core/i18n/translate.js';
import { DomainError, statusByKind, type FieldError } from '../../../core/contract/errors.js';
import { getPortalContext, portalCommune, type PortalContext } from '../../../core/ui/portal-context.js';
import { sendPage } from '../../../core/ui/render.js';
import { findAreas } from '../../../core/tenancy/index.js';
import { CASE_ACCESS_TOKEN_MAX, CASE_CODE_MAX, CASE_EMAIL_MAX, CASE_HONEYPOT_FIELD, CASE_PORTAL_PAGE_SIZE, CASE_RATING_COMMENT_MAX, CASE_REASON_MAX, CASE_SEARCH_QUERY_MAX, CASE_SIMILAR_TEXT_MAX, type Category, type SimilarCase } from '../contract.js';
import { CASE_KINDS, getCaseKindPolicy, isValidTrackingCode, normaliseTrackingCode, PRIVACY_CHOICES, type CaseKind, type PrivacyChoice } from '../domain/index.js';
import { caseTranslate } from '../ui/i18n.js';
import { MyCasesListPage } from '../ui/portal/my-cases-page.js';
import { FOLLOWED_CASES_PATH, FollowedCasesListPage, RETURN_TO_FOLLOWED_FIELD, RETURN_TO_FOLLOWED_VALUE } from '../ui/portal/followed-cases-page.js';
import { QaListPage } from '../ui/portal/qa-page.js';
import { MY_CASES_PATH, StatusPage, TrackFormPage, casePath, type StatusFormErrors } from '../ui/portal/status-pages.js';
import { firstInvalidStep, isCaseKind, isSubmitStep, nextStep, readFlowState, STEP_FIELDS, toSubmitInput, validateStep, type FlowChoices, type FlowError, type FlowState, type SubmitStep } from '../ui/portal/submit-flow.js';
import { ConfirmationPage, SUBMIT_PATH, SubmitStepPage, type AreaChoice, type CategoryChoice } from '../ui/portal/submit-pages.js';
import type { UploadedFile } from './attachments.js';
import { StopNotificationsPage } from '../ui/portal/stop-notifications-page.js';
import { confirmFollow, CONFIRM_FOLLOW_PATH, describeFollowConfirmation, type FollowConfirmationView } from './service.js';
import { FollowConfirmationPage } from '../ui/portal/follow-confirmation-page.js';
import { isFollowingCase, provideInformation, unfollowCase } from './service.js';
import { describeStopNotifications, findSimilarCases, followCase, getPublicCase, listCategories, listFollowedCases, listMyCases, listPublishedQa, rateCase, reopenCase, STOP_NOTIFICATIONS_PATH, stopNotifications, submitCase, withdrawCase, type StopNotificationsView } from './service.js';
import { ACCOUNT_WRITE_LIMIT } from './limits.js';
import { describeAccount } from '../../../core/auth/index.js';
import { formatVietnamesePhone } from '../../../core/contract/phone.js';
import { loadCaseModuleSettings } from './settings.js';

const SENT_COOKIE = 'td_case_sent';
const SENT_COOKIE_MAX_AGE = 30 * 60;
const QA_PAGE_SIZE = 10;
const codePattern = new RegExp(`^[A-Za-z0-9-]{1,${CASE_CODE_MAX}}$`);

/** Multipart bodies are read into `request.body` (fields) and this map (files) before the CSRF check. */
interface MultipartResult {
  files: UploadedFile[];
  /** Message key when a file was too large or there were too many. */
  errorKey: string | null;
}
const uploads = new WeakMap<FastifyRequest, MultipartResult>();

async function readMultipart(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const fields: Record<string, string | string[]> = {};
  const result: MultipartResult = { files: [], errorKey: null };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        // Over the limit nothing is stored: the files are read past, not kept in memory.
        if (request.rateLimitRetryAfter !== null) {
          part.file.resume();
          continue;
        }
        try {
          const bytes = await part.toBuffer();
          // A picker left empty sends a part with no file name: nothing chosen. A named file with no
          // bytes was chosen: the service refuses it on the field, rather than it vanishing unseen.
          if (part.filename) result.files.push({ fileName: part.filename, bytes });
        } catch {
          result.errorKey = 'cases.portal.errors.fileTooLarge';
        }
        continue;
      }
      const value = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      const existing = fields[part.fieldname];
      fields[part.fieldname] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  } catch {
    result.errorKey ??= 'cases.portal.errors.tooManyFiles';
  }
  request.body = fields;
  uploads.set(request, result);
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function text(body: Record<string, unknown>, name: string): string | undefined {
  const raw = body[name];
  const value = Array.isArray(raw) ? raw.at(-1) : raw;
  return typeof value === 'string' ? value : undefined;
}

interface PageKit {
  portal: PortalContext;
  t: PortalContext['t'];
}

async function pageKit(request: FastifyRequest, reply: FastifyReply, ctx: AppContext): Promise<PageKit> {
  const base = await getPortalContext(request, reply, ctx);
  const t = caseTranslate(base.t, base.locale);
  return { portal: { ...base, t }, t };
}

function categoryChoices(categories: readonly Category[], locale: string): CategoryChoice[] {
  return categories
    .filter((category) => category.isActive)
    .map((category) => ({ id: category.id, name: locale === 'en' ? category.nameEn : category.nameVi, description: locale === 'en' ? category.descriptionEn : category.descriptionVi, kinds: category.kinds }));
}

async function loadChoices(ctx: AppContext, communeId: string, locale: string) {
  const [categories, areas, settings] = await Promise.all([listCategories(ctx, communeId), findAreas(ctx.db, communeId), loadCaseModuleSettings(ctx.db, communeId)]);
  const categoryList = categoryChoices(categories, locale);
  const areaList: AreaChoice[] = areas.filter((area) => area.isActive).map((area) => ({ id: area.id, name: area.name }));
  const choices: FlowChoices = { categoryKinds: new Map(categoryList.map((category) => [category.id, category.kinds])), areaIds: new Set(areaList.map((area) => area.id)), mapBounds: settings.mapBounds };
  return { categories: categoryList, areas: areaList, choices, maxAttachments: settings.maxAttachments, attachmentMaxBytes: settings.attachmentMaxBytes };
}

function translateErrors(errors: readonly FlowError[], t: PortalContext['t']): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const error of errors) byField[error.field] ??= t(error.key, error.params);
  return byField;
}

/** Service field names → the flow's field names. */
const serviceFieldToFlow: Record<string, string> = {
  'submitter.fullName': 'fullName',
  'submitter.phone': 'phone',
  'submitter.email': 'email',
  'submitter.address': 'submitterAddress',
  submitter: 'fullName',
  files: 'attachments',
  attachments: 'attachments',
  latitude: 'location',
  longitude: 'location',
};

function stepOfField(field: string): SubmitStep {
  for (const [step, fields] of Object.entries(STEP_FIELDS) as Array<[SubmitStep, readonly string[]]>) if (fields.includes(field)) return step;
  return 'check';
}

interface SentFlash {
  code: string;
  token: string | null;
  kind: CaseKind;
  privacy: PrivacyChoice;
  acceptanceDueAt: string | null;
  dueAt: string | null;
  attachmentCount: number;
}

function readSentFlash(request: FastifyRequest, code: string): SentFlash | null {
  const raw = request.cookies[SENT_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const flash = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as SentFlash;
    if (flash.code !== code || !(CASE_KINDS as readonly string[]).includes(flash.kind) || !(PRIVACY_CHOICES as readonly string[]).includes(flash.privacy)) return null;
    return flash;
  } catch {
    return null;
  }
}

/** A wait in minutes and seconds, as people say it: "8 phút 20 giây", "45 seconds", "1 minute". */
function formatWait(totalSeconds: number, t: PortalContext['t']): string {
  const seconds = Math.max(1, Math.ceil(totalSeconds));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(t(minutes === 1 ? 'cases.portal.wait.minute' : 'cases.portal.wait.minutes', { count: minutes }));
  if (rest > 0) parts.push(t(rest === 1 ? 'cases.portal.wait.second' : 'cases.portal.wait.seconds', { count: rest }));
  return parts.join(' ');
}

/** `?trang=N` of a portal list: a whole page number, 1 when missing or not a number. */
const pageParam = (value: unknown): number => Math.min(100_000, Math.max(1, Number.parseInt(typeof value === 'string' ? value : '1', 10) || 1));

const validToken = (value: string | undefined): string | null => (value && value.length >= 16 && value.length <= CASE_ACCESS_TOKEN_MAX && /^[\w-]+$/.test(value) ? value : null);

export async function portalRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const page = { permission: 'public', html: true } as const;

  // ── Submission flow ────────────────────────────────────────────────────────────────────────
  async function renderStep(request: FastifyRequest, reply: FastifyReply, step: SubmitStep, shownState: FlowState, errors: Record<string, string>, status = 200, notice?: string) {
    const { portal, t } = await pageKit(request, reply, ctx);
    const state = step === 'identity' ? await withAccountIdentity(request, shownState) : shownState;
    const loaded = await loadChoices(ctx, portal.commune.id, portal.locale);
    const similarCases = step === 'check' ? await similarOpenCases(state, loaded.choices, portal.locale) : [];
    const element = createElement(SubmitStepPage, { portal, t, step, state, errors, categories: loaded.categories, areas: loaded.areas, maxAttachments: loaded.maxAttachments, attachmentMaxBytes: loaded.attachmentMaxBytes, similarCases, ...(notice ? { notice } : {}) });
    return sendPage(reply, element, status);
  }

  /**
   * A signed-in resident's identity step opens with their account's name, phone and e-mail filled in,
   * to correct or clear (the address is not kept on accounts). Only the first time: once the step was
   * sent, what they typed (even a field left empty) is what the page shows.
   */
  async function withAccountIdentity(request: FastifyRequest, state: FlowState): Promise<FlowState> {
    if (request.actor?.kind !== 'resident' || state.fullName !== undefined || state.phone !== undefined || state.email !== undefined) return state;
    const account = await describeAccount(ctx, request.actor);
    return { ...state, fullName: account.displayName, ...(account.phone ? { phone: formatVietnamesePhone(account.phone) } : {}), ...(account.email ? { email: account.email } : {}) };
  }

  /**
   * Open cases of the same hamlet and category like the one on the check page (issue 3, point 12), so a
   * resident without JavaScript can follow one instead of filing it again. Not for a complaint, a
   * denunciation or a corruption report: those are filed in their own right, whatever else is open
   * (`isFollowedInsteadOfFiled`; findSimilarCases says the same to the typing helper).
   */
  async function similarOpenCases(state: FlowState, choices: FlowChoices, locale: Locale): Promise<SimilarCase[]> {
    if (!isCaseKind(state.kind) || !getCaseKindPolicy(state.kind).isFollowedInsteadOfFiled) return [];
    if (!state.areaId || !choices.areaIds.has(state.areaId) || !state.categoryId || !choices.categoryKinds.has(state.categoryId)) return [];
    const text = `${state.title ?? ''} ${state.description ?? ''}`.trim().slice(0, CASE_SIMILAR_TEXT_MAX);
    if (text === '') return [];
    return findSimilarCases(ctx, { areaId: state.areaId, categoryId: state.categoryId, text, kind: state.kind }, locale);
  }

  app.get(SUBMIT_PATH, { config: page, schema: { hide: true } }, async (request, reply) => renderStep(request, reply, 'kind', {}, {}));

  // The forms that send files: the only portal routes that parse multipart bodies (core/http/multipart.ts).
  await withMultipart(app, (fileForms) => {
    fileForms.post(SUBMIT_PATH, { config: { ...page, rateLimit: { max: 120, timeWindow: '10 minutes' } }, preValidation: readMultipart, schema: { hide: true } }, async (request, reply) => {
      const body = bodyOf(request);
      const state = readFlowState(body);
      const current: SubmitStep = isSubmitStep(text(body, '_step')) ? (text(body, '_step') as SubmitStep) : 'kind';
      const action = text(body, '_action') ?? 'next';
      if (action === 'language') {
        // The header's language switch on a flow page posts the form (the answers typed so far, even on
        // this step) with `?lang=`: the same question comes back in that language, nothing checked or
        // lost; the cookie keeps the language for the next pages, as the /ngon-ngu link does.
        reply.setCookie(LANG_COOKIE, request.locale, { path: '/', sameSite: 'lax', maxAge: LANG_COOKIE_MAX_AGE, secure: ctx.config.isSecureCookies, httpOnly: false });
        return renderStep(request, reply, current, state, {});
      }
      if (action.startsWith('edit:')) {
        const target = action.slice(5);
        return renderStep(request, reply, isSubmitStep(target) ? target : current, state, {});
      }
      const { portal } = await pageKit(request, reply, ctx);
      const { choices } = await loadChoices(ctx, portal.commune.id, portal.locale);
      const errors = validateStep(current, state, choices);
      if (errors.length > 0) return renderStep(request, reply, current, state, translateErrors(errors, portal.t), 400);
      if (current === 'check') return renderStep(request, reply, 'check', state, {});
      // After the check page, a change returns straight to it (when everything is still valid).
      if (state.reviewing === '1' && !firstInvalidStep(state, choices)) return renderStep(request, reply, 'check', state, {});
      const next = nextStep(current, state);
      return renderStep(request, reply, next, next === 'check' ? { ...state, reviewing: '1' } : state, {});
    });

    // csrfRecoverable: an expired token on "Send" must not throw away every answer (the wizard state is in the form);
    // rateLimitRecoverable: nor must going over the limit (a shared address, a resident sending several things).
    fileForms.post(`${SUBMIT_PATH}/gui`, { config: { ...page, csrfRecoverable: true, rateLimitRecoverable: true, rateLimit: { max: 20, timeWindow: '10 minutes' }, accountRateLimit: ACCOUNT_WRITE_LIMIT }, preValidation: readMultipart, schema: { hide: true } }, async (request, reply) => {
      const body = bodyOf(request);
      const state: FlowState = { ...readFlowState(body), reviewing: '1' };
      const upload = uploads.get(request) ?? { files: [], errorKey: null };
      const { portal, t } = await pageKit(request, reply, ctx);
      const loaded = await loadChoices(ctx, portal.commune.id, portal.locale);
      const invalid = firstInvalidStep(state, loaded.choices);
      if (request.rateLimitRetryAfter !== null) {
        // Nothing is stored: the answers come back, 429, with how long to wait before sending again.
        const notice = t('cases.portal.errors.rateLimitedSendAgain', { wait: formatWait(request.rateLimitRetryAfter, t) });
        return invalid ? renderStep(request, reply, invalid.step, state, translateErrors(invalid.errors, t), 429, notice) : renderStep(request, reply, 'check', state, {}, 429, notice);
      }
      if (request.isCsrfRejected) {
        // Nothing is stored: the answers come back on the page with a fresh token, to be sent again.
        const notice = t('cases.portal.errors.expiredSendAgain');
        return invalid ? renderStep(request, reply, invalid.step, state, translateErrors(invalid.errors, t), 400, notice) : renderStep(request, reply, 'check', state, {}, 200, notice);
      }
      if (invalid) return renderStep(request, reply, invalid.step, state, translateErrors(invalid.errors, t), 400);
      const honeypot = text(body, CASE_HONEYPOT_FIELD);
      if (honeypot && honeypot.trim() !== '') {
        // Nothing is stored; a person who somehow filled the hidden field can simply send again.
        request.log.info({ event: 'cases.portal.honeypot' }, 'submission rejected by the honeypot');
        return renderStep(request, reply, 'check', state, {}, 400, t('cases.portal.errors.rejected'));
      }
      if (upload.errorKey) return renderStep(request, reply, 'check', state, { attachments: t(upload.errorKey, { count: loaded.maxAttachments }) }, 400);
      if (upload.files.length > loaded.maxAttachments) return renderStep(request, reply, 'check', state, { attachments: t('cases.portal.errors.tooManyFiles', { count: loaded.maxAttachments }) }, 400);
      try {
        const result = await submitCase(ctx, request.actor, toSubmitInput(state, undefined), { files: upload.files, requestId: String(request.id), locale: request.locale });
        const input = toSubmitInput(state, undefined);
        const flash: SentFlash = {
          code: result.code,
          token: result.accessToken,
          kind: input.kind,
          privacy: input.privacy,
          acceptanceDueAt: result.acceptanceDueAt,
          dueAt: result.dueAt,
          attachmentCount: result.attachmentCount,
        };
        reply.setCookie(SENT_COOKIE, Buffer.from(JSON.stringify(flash)).toString('base64url'), { signed: true, httpOnly: true, sameSite: 'lax', path: SUBMIT_PATH, maxAge: SENT_COOKIE_MAX_AGE, secure: ctx.config.isSecureCookies });
        return reply.redirect(`${SUBMIT_PATH}/da-gui/${encodeURIComponent(result.code)}`, 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind !== 'validation' && error.kind !== 'payload_too_large' && error.kind !== 'unsupported_media_type') throw error;
        const fieldErrors: FieldError[] = error.fieldErrors.length > 0 ? error.fieldErrors : [{ field: 'attachments', messageKey: error.messageKey, params: error.params }];
        const mapped = fieldErrors.map((fieldError) => ({ ...fieldError, field: serviceFieldToFlow[fieldError.field] ?? fieldError.field }));
        const step = mapped.map((fieldError) => stepOfField(fieldError.field)).sort((a, b) => STEP_ORDER.indexOf(a) - STEP_ORDER.indexOf(b))[0] ?? 'check';
        const messages: Record<string, string> = {};
        for (const fieldError of mapped) {
          const field = stepOfField(fieldError.field) === 'check' ? 'attachments' : fieldError.field;
          messages[field] ??= t(fieldError.messageKey, fieldError.params);
        }
        return renderStep(request, reply, step, state, messages, 400);
      }
    });

    // The submitter answers a request for information (LAW-BASE-10: the clock runs again): text and
    // files (multipart, so it works without JavaScript), with the secret link's `khoa` or signed in.
    fileForms.post(`/tra-cuu/:code/bo-sung`, { config: { ...page, rateLimit: { max: 20, timeWindow: '10 minutes' }, accountRateLimit: ACCOUNT_WRITE_LIMIT }, preValidation: readMultipart, schema: { hide: true } }, async (request, reply) => {
      const { code } = request.params as { code: string };
      const normalised = code.trim().toUpperCase();
      if (!codePattern.test(normalised)) throw new DomainError('not_found', 'errors.notFound');
      const body = bodyOf(request);
      const accessToken = validToken(text(body, 'khoa'));
      const upload = uploads.get(request) ?? { files: [], errorKey: null };
      const t = caseTranslate(request.t, request.locale);
      const values = { text: text(body, 'text') ?? '' };
      const fail = (fields: Record<string, string>) => renderStatus(request, reply, normalised, accessToken, { formErrors: { form: 'information', fields, values }, status: 400 });
      if (upload.errorKey) return fail({ attachments: t(upload.errorKey, { count: (await loadCaseModuleSettings(ctx.db, (await portalCommune(ctx)).id)).maxAttachments }) });
      try {
        await provideInformation(ctx, request.actor, normalised, { text: values.text, ...(accessToken ? { accessToken } : {}) }, { files: upload.files, requestId: String(request.id) });
      } catch (error) {
        if (!(error instanceof DomainError) || !['validation', 'payload_too_large', 'unsupported_media_type'].includes(error.kind)) throw error;
        const fields: Record<string, string> = {};
        // Every file problem is the file picker's ("attachments.1" → attachments); the rest is the text's.
        for (const fieldError of error.fieldErrors) fields[fieldError.field.startsWith('attachments') ? 'attachments' : 'text'] ??= t(fieldError.messageKey, fieldError.params);
        if (Object.keys(fields).length === 0) fields.text = t(error.messageKey, error.params);
        return fail(fields);
      }
      const query = new URLSearchParams({ ...(accessToken ? { khoa: accessToken } : {}), xong: 'information' });
      return reply.redirect(`${casePath(normalised)}?${query.toString()}`, 303);
    });
  });
  app.get(`${SUBMIT_PATH}/da-gui/:code`, { config: page, schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    if (!codePattern.test(code)) throw new DomainError('not_found', 'errors.notFound');
    const { portal, t } = await pageKit(request, reply, ctx);
    const flash = readSentFlash(request, code);
    // The confirmation is shown once, to whoever just sent the case; anyone else (a shared or made-up
    // link) goes to the status page, which says whether the code exists.
    if (!flash) return reply.redirect(casePath(code), 303);
    const secretLink = flash?.token ? `${ctx.config.publicUrl}${casePath(code)}?khoa=${encodeURIComponent(flash.token)}` : null;
    return sendPage(
      reply,
      createElement(ConfirmationPage, {
        portal,
        t,
        code,
        secretLink,
        kind: flash?.kind ?? null,
        privacy: flash?.privacy ?? null,
        acceptanceDueAt: flash?.acceptanceDueAt ?? null,
        dueAt: flash?.dueAt ?? null,
        attachmentCount: flash?.attachmentCount ?? null,
      }),
    );
  });

  // ── Tracking ───────────────────────────────────────────────────────────────────────────────
  app.get('/tra-cuu', { config: page, schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const raw = typeof query.ma === 'string' ? query.ma.trim().toUpperCase() : undefined;
    const { portal, t } = await pageKit(request, reply, ctx);
    if (raw === undefined) return sendPage(reply, createElement(TrackFormPage, { portal, t }));
    if (raw === '') return sendPage(reply, createElement(TrackFormPage, { portal, t, code: raw, error: t('cases.portal.errors.codeRequired') }), 400);
    // Read as people type or read it aloud: "nq 2611 re3mx" is NQ-2611-RE3MX.
    const normalised = raw.length <= 2 * CASE_CODE_MAX ? normaliseTrackingCode(raw) : null;
    if (!normalised) return sendPage(reply, createElement(TrackFormPage, { portal, t, code: raw, error: t('cases.portal.errors.codeFormat') }), 400);
    // The check character catches one mistyped character before any lookup.
    if (!isValidTrackingCode(normalised)) return sendPage(reply, createElement(TrackFormPage, { portal, t, code: raw, error: t('cases.portal.errors.codeMistyped', { code: normalised }) }), 400);
    return reply.redirect(casePath(normalised), 303);
  });

  async function renderStatus(request: FastifyRequest, reply: FastifyReply, code: string, accessToken: string | null, options: { flash?: string; formErrors?: StatusFormErrors; status?: number; hasJustFollowed?: boolean; hasSecretLink?: boolean } = {}) {
    const { portal, t } = await pageKit(request, reply, ctx);
    let view;
    try {
      view = await getPublicCase(ctx, request.actor, code, { accessToken, locale: request.locale });
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not_found') {
        return sendPage(reply, createElement(TrackFormPage, { portal, t, code, error: t('cases.portal.errors.codeNotFound', { code }) }), 404);
      }
      throw error;
    }
    // Their own follow, for a signed-in resident: "you follow this case" and a stop button instead of the form.
    const isFollowing = await isFollowingCase(ctx, request.actor, code);
    const settings = view.canProvideInformation ? await loadCaseModuleSettings(ctx.db, portal.commune.id) : null;
    const maxAttachments = settings?.maxAttachments ?? 0;
    return sendPage(reply, createElement(StatusPage, { portal, t, view, accessToken, isSecretLinkRefused: options.hasSecretLink === true && view.isSubmitter !== true, ...(options.flash ? { flash: options.flash } : {}), ...(options.formErrors ? { formErrors: options.formErrors } : {}), hasJustFollowed: options.hasJustFollowed ?? false, isFollowing, maxAttachments, ...(settings ? { attachmentMaxBytes: settings.attachmentMaxBytes } : {}) }), options.status ?? 200);
  }

  const doneMessages: Record<string, string> = { rated: 'cases.portal.rate.done', reopened: 'cases.portal.reopen.done', withdrawn: 'cases.portal.withdraw.done', 'withdrawal-requested': 'cases.portal.withdraw.requested', followed: 'cases.portal.follow.done', 'follow-pending': 'cases.portal.follow.pending', 'follow-pending-account': 'cases.portal.follow.pendingAccount', unfollowed: 'cases.portal.follow.stopped', information: 'cases.portal.information.done' };

  app.get('/tra-cuu/:code', { config: page, schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const query = request.query as Record<string, unknown>;
    const normalised = code.trim().toUpperCase();
    const accessToken = validToken(typeof query.khoa === 'string' ? query.khoa : undefined);
    if (!codePattern.test(normalised)) {
      const { portal, t } = await pageKit(request, reply, ctx);
      return sendPage(reply, createElement(TrackFormPage, { portal, t, code, error: t('cases.portal.errors.codeFormat') }), 404);
    }
    // Own keys only: `?xong=__proto__` or `toString` is no message (it used to reach t() as an object, a 500).
    const done = typeof query.xong === 'string' && Object.hasOwn(doneMessages, query.xong) ? doneMessages[query.xong] : undefined;
    const t = caseTranslate(request.t, request.locale);
    reply.header('referrer-policy', 'no-referrer');
    const hasJustFollowed = query.xong === 'followed' || query.xong === 'follow-pending' || query.xong === 'follow-pending-account';
    const hasSecretLink = query.khoa !== undefined;
    return renderStatus(request, reply, normalised, accessToken, done ? { flash: t(done), hasJustFollowed, hasSecretLink } : { hasSecretLink });
  });

  type ResidentForm = StatusFormErrors['form'];
  type FormCheck = Promise<Record<string, string> | null>;
  const residentAction = (suffix: string, form: ResidentForm, run: (code: string, body: Record<string, unknown>, accessToken: string | null, request: FastifyRequest) => FormCheck, done: string | ((request: FastifyRequest) => string)) => {
    app.post(`/tra-cuu/:code/${suffix}`, { config: { ...page, rateLimit: { max: 20, timeWindow: '10 minutes' }, accountRateLimit: ACCOUNT_WRITE_LIMIT }, schema: { hide: true } }, async (request, reply) => {
      const { code } = request.params as { code: string };
      const normalised = code.trim().toUpperCase();
      if (!codePattern.test(normalised)) throw new DomainError('not_found', 'errors.notFound');
      const body = bodyOf(request);
      const accessToken = validToken(text(body, 'khoa'));
      const t = caseTranslate(request.t, request.locale);
      const values: Record<string, string> = {};
      for (const [key, value] of Object.entries(body)) if (typeof value === 'string' && key !== '_csrf' && key !== 'khoa') values[key] = value;
      let fields: Record<string, string> | null;
      let status = 400;
      try {
        fields = await run(normalised, body, accessToken, request);
      } catch (error) {
        // A refusal of the case's state (reopening past the limit or the period, issue 3 point 4) is the
        // resident's form answered too: the page again, their text kept, the reason next to the field.
        if (!(error instanceof DomainError) || (error.kind !== 'validation' && error.kind !== 'invalid_state' && error.kind !== 'conflict')) throw error;
        status = statusByKind[error.kind];
        fields = {};
        for (const fieldError of error.fieldErrors) fields[fieldError.field] ??= t(fieldError.messageKey, fieldError.params);
        if (Object.keys(fields).length === 0) fields[Object.keys(values)[0] ?? 'reason'] = t(error.messageKey, error.params);
      }
      if (fields) return renderStatus(request, reply, normalised, accessToken, { formErrors: { form, fields, values }, status });
      const query = new URLSearchParams({ ...(accessToken ? { khoa: accessToken } : {}), xong: typeof done === 'string' ? done : done(request) });
      return reply.redirect(`${casePath(normalised)}?${query.toString()}`, 303);
    });
  };

  residentAction('danh-gia', 'rate', async (code, body, accessToken, request): FormCheck => {
    const score = Number(text(body, 'score'));
    const comment = (text(body, 'comment') ?? '').trim();
    const t = caseTranslate(request.t, request.locale);
    const errors: Record<string, string> = {};
    if (!Number.isInteger(score) || score < 1 || score > 5) errors.score = t('cases.portal.errors.scoreRequired');
    if (comment.length > CASE_RATING_COMMENT_MAX) errors.comment = t('cases.portal.errors.ratingCommentTooLong', { max: CASE_RATING_COMMENT_MAX });
    if (Object.keys(errors).length > 0) return errors;
    await rateCase(ctx, request.actor, code, { score, comment: comment || null, ...(accessToken ? { accessToken } : {}) });
    return null;
  }, 'rated');

  residentAction('mo-lai', 'reopen', async (code, body, accessToken, request): FormCheck => {
    const reason = (text(body, 'reason') ?? '').trim();
    const t = caseTranslate(request.t, request.locale);
    if (reason === '') return { reason: t('cases.portal.errors.reasonRequired') };
    if (reason.length > CASE_REASON_MAX) return { reason: t('cases.portal.errors.reopenReasonTooLong', { max: CASE_REASON_MAX }) };
    await reopenCase(ctx, request.actor, code, { reason, ...(accessToken ? { accessToken } : {}) });
    return null;
  }, 'reopened');

  const withdrawalRequested = new WeakSet<FastifyRequest>();
  residentAction('rut', 'withdraw', async (code, body, accessToken, request): FormCheck => {
    const scope = text(body, 'scope');
    const description = (text(body, 'description') ?? '').trim();
    const t = caseTranslate(request.t, request.locale);
    // Every mistake at once (the scope, the note, the unticked confirmation), each naming its field.
    const errors: Record<string, string> = {};
    if (scope !== 'whole' && scope !== 'partial') errors.scope = t('cases.portal.errors.scopeRequired');
    if (scope === 'partial' && description === '') errors.description = t('cases.portal.errors.partialDescriptionRequired');
    else if (description.length > CASE_REASON_MAX) errors.description = t('cases.portal.errors.withdrawNoteTooLong', { max: CASE_REASON_MAX });
    if (text(body, 'confirm') !== 'yes') errors.confirm = t('cases.portal.errors.withdrawConfirm');
    if (Object.keys(errors).length > 0 || (scope !== 'whole' && scope !== 'partial')) return errors;
    const result = await withdrawCase(ctx, request.actor, code, { scope, description: description || null, ...(accessToken ? { accessToken } : {}) });
    // A denouncer's withdrawal waits for the handler's decision (LAW-DENUNC-08): the page says it was asked, not done.
    if (result.status !== 'withdrawn') withdrawalRequested.add(request);
    return null;
  }, (request) => (withdrawalRequested.has(request) ? 'withdrawal-requested' : 'withdrawn'));

  const followPending = new WeakSet<FastifyRequest>();
  residentAction('theo-doi', 'follow', async (code, body, _accessToken, request): FormCheck => {
    const t = caseTranslate(request.t, request.locale);
    if ((text(body, CASE_HONEYPOT_FIELD) ?? '').trim() !== '') return { email: t('cases.portal.errors.rejected') };
    const email = (text(body, 'email') ?? '').trim();
    if (!request.actor) {
      if (email === '') return { email: t('cases.portal.errors.followEmailRequired') };
      if (email.length > CASE_EMAIL_MAX || !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) return { email: t('cases.portal.errors.emailFormat') };
    }
    const outcome = await followCase(ctx, request.actor, code, request.actor ? {} : { email }, { locale: request.locale, requestId: String(request.id) });
    if (outcome === 'pending') followPending.add(request);
    return null;
    // A typed address (or an account's unverified one) follows only once its owner confirms from the mail
    // (LAW-PDP-05); the page says so the same way whether or not a mail went out, so it tells nobody who
    // already follows the case.
  }, (request) => (!followPending.has(request) ? 'followed' : request.actor ? 'follow-pending-account' : 'follow-pending'));

  // A signed-in resident stops following with their account (LAW-PDP-04/05: withdrawal made electronically).
  // Residents only (signed out: 401; staff: 403); CSRF like every form. Post/redirect/get to the status page.
  app.post(`/tra-cuu/:code/ngung-theo-doi`, { config: { permission: 'cases.follow.own', html: true, rateLimit: { max: 20, timeWindow: '10 minutes' }, accountRateLimit: ACCOUNT_WRITE_LIMIT }, schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const normalised = code.trim().toUpperCase();
    if (!codePattern.test(normalised)) throw new DomainError('not_found', 'errors.notFound');
    const accessToken = validToken(text(bodyOf(request), 'khoa'));
    const hasStopped = await unfollowCase(ctx, request.actor!, normalised, { requestId: String(request.id) });
    // From "Hồ sơ tôi theo dõi": back to that list (a fixed value, never a URL), which says which case was
    // stopped only when one was, and only from a value this server signed: a crafted link shows no notice.
    if (text(bodyOf(request), RETURN_TO_FOLLOWED_FIELD) === RETURN_TO_FOLLOWED_VALUE) {
      return reply.redirect(hasStopped ? `${FOLLOWED_CASES_PATH}?${new URLSearchParams({ 'da-ngung': reply.signCookie(normalised) }).toString()}` : FOLLOWED_CASES_PATH, 303);
    }
    const query = new URLSearchParams();
    if (accessToken) query.set('khoa', accessToken);
    query.set('xong', 'unfollowed');
    return reply.redirect(`${casePath(normalised)}?${query.toString()}`, 303);
  });

  // ── Confirm a follow by e-mail (double opt-in, LAW-PDP-05) ─────────────────────────────────
  async function renderConfirm(request: FastifyRequest, reply: FastifyReply, token: string, load: () => Promise<FollowConfirmationView>) {
    const { portal, t } = await pageKit(request, reply, ctx);
    // The token is personal: never sent on to another site, never kept by a shared cache.
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    let view: FollowConfirmationView | null = null;
    try {
      view = await load();
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
    }
    return sendPage(reply, createElement(FollowConfirmationPage, { portal, t, view, token, action: CONFIRM_FOLLOW_PATH }), view ? 200 : 404);
  }

  // GET only shows the page (mail scanners prefetch links); the button posts.
  app.get(CONFIRM_FOLLOW_PATH, { config: page, schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const token = typeof query.t === 'string' ? query.t.trim() : '';
    return renderConfirm(request, reply, token, () => describeFollowConfirmation(ctx, token));
  });

  app.post(CONFIRM_FOLLOW_PATH, { config: { ...page, rateLimit: { max: 20, timeWindow: '10 minutes' } }, schema: { hide: true } }, async (request, reply) => {
    const token = (text(bodyOf(request), 't') ?? '').trim();
    try {
      await confirmFollow(ctx, token, { requestId: String(request.id) });
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
      return renderConfirm(request, reply, token, () => Promise.reject(error));
    }
    return reply.redirect(`${CONFIRM_FOLLOW_PATH}?t=${encodeURIComponent(token)}`, 303);
  });

  // ── Stop messages about a case (LAW-PDP-04, LAW-PDP-05) ────────────────────────────────────
  async function renderStop(request: FastifyRequest, reply: FastifyReply, token: string, load: () => Promise<StopNotificationsView>) {
    const { portal, t } = await pageKit(request, reply, ctx);
    // The token is personal: never sent on to another site, never kept by a shared cache.
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    let view: StopNotificationsView | null = null;
    try {
      view = await load();
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
    }
    return sendPage(reply, createElement(StopNotificationsPage, { portal, t, view, token, action: STOP_NOTIFICATIONS_PATH }), view ? 200 : 404);
  }

  app.get(STOP_NOTIFICATIONS_PATH, { config: page, schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const token = typeof query.t === 'string' ? query.t.trim() : '';
    return renderStop(request, reply, token, () => describeStopNotifications(ctx, token));
  });

  app.post(STOP_NOTIFICATIONS_PATH, { config: { ...page, rateLimit: { max: 20, timeWindow: '10 minutes' } }, schema: { hide: true } }, async (request, reply) => {
    const token = (text(bodyOf(request), 't') ?? '').trim();
    try {
      await stopNotifications(ctx, token, { requestId: String(request.id) });
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
      return renderStop(request, reply, token, () => Promise.reject(error));
    }
    return reply.redirect(`${STOP_NOTIFICATIONS_PATH}?t=${encodeURIComponent(token)}`, 303);
  });

  // ── Questions and answers ──────────────────────────────────────────────────────────────────
  app.get('/hoi-dap', { config: page, schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = typeof query.q === 'string' ? query.q.trim().slice(0, CASE_SEARCH_QUERY_MAX) : '';
    const pageNumber = pageParam(query.trang);
    const { portal, t } = await pageKit(request, reply, ctx);
    const result = await listPublishedQa(ctx, portal.commune.id, { page: pageNumber, pageSize: QA_PAGE_SIZE, ...(q ? { q } : {}) }, portal.locale);
    // Past the last page (an old link once answers were unpublished, a hand-typed number): its last page, same search.
    const past = pastLastPage('/hoi-dap', pageNumber, result, { ...(q ? { q } : {}), ...(typeof query.lang === 'string' ? { lang: portal.locale } : {}) });
    if (past) return reply.redirect(past, 303);
    return sendPage(reply, createElement(QaListPage, { portal, t, page: result, query: q }) as ReactElement);
  });

  // ── The resident's own cases ───────────────────────────────────────────────────────────────
  // Residents only: signed out → the sign-in page with `next` back here (the HTML error handler
  // turns 401 into that redirect); staff → 403. The service binds the query to the actor's id.
  app.get(MY_CASES_PATH, { config: { permission: 'cases.own.read', html: true }, schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const pageNumber = pageParam(query.trang);
    const { portal, t } = await pageKit(request, reply, ctx);
    const result = await listMyCases(ctx, request.actor!, { page: pageNumber, pageSize: CASE_PORTAL_PAGE_SIZE });
    const past = pastLastPage(MY_CASES_PATH, pageNumber, result);
    if (past) return reply.redirect(past, 303);
    // Its links carry the resident's own codes: not sent on as a referrer (sendPage sets no-store).
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(reply, createElement(MyCasesListPage, { portal, t, page: result }));
  });

  // ── The cases the resident follows ─────────────────────────────────────────────────────────
  // Residents only, like "Hồ sơ của tôi" (signed out → sign-in page and back; staff → 403). The service
  // binds the query to the actor's own id; each case is shown as its public status shows it.
  app.get(FOLLOWED_CASES_PATH, { config: { permission: 'cases.follows.own.read', html: true }, schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const pageNumber = pageParam(query.trang);
    const { portal, t } = await pageKit(request, reply, ctx);
    const result = await listFollowedCases(ctx, request.actor!, { page: pageNumber, pageSize: CASE_PORTAL_PAGE_SIZE }, portal.locale);
    const past = pastLastPage(FOLLOWED_CASES_PATH, pageNumber, result);
    if (past) return reply.redirect(past, 303);
    const signed = typeof query['da-ngung'] === 'string' ? request.unsignCookie(query['da-ngung']) : null;
    const stopped = signed?.valid && signed.value ? signed.value : '';
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(reply, createElement(FollowedCasesListPage, { portal, t, page: result, ...(codePattern.test(stopped) ? { flash: t('cases.portal.following.stopped', { code: stopped }) } : {}) }));
  });
}

/** A page number past the end of a list (an old link, a hand-typed one): where its last page is, with the list's other parameters, or null. */
function pastLastPage(path: string, pageNumber: number, result: { total: number; pageSize: number }, params: Record<string, string> = {}): string | null {
  const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));
  return pageNumber > lastPage ? `${path}?${new URLSearchParams({ ...params, trang: String(lastPage) }).toString()}` : null;
}

const STEP_ORDER: readonly SubmitStep[] = ['kind', 'category', 'area', 'text', 'privacy', 'identity', 'check'];
