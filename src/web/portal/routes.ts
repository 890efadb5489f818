import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createElement } from 'react';
import { z } from 'zod';
import {
  AUTH_RATE_LIMITS,
  clearSessionCookie,
  completeTotpSignIn,
  confirmPasswordReset,
  describeEmailVerification,
  EMAIL_VERIFICATION_PATH,
  findUserContact,
  PHONE_VERIFICATION_PATH,
  DISPLAY_NAME_MAX,
  EMAIL_MAX,
  normaliseIdentifier,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  passwordSchema,
  requestPasswordReset,
  resendEmailVerification,
  sessionTokenOf,
  setSessionCookie,
  signIn,
  signInSchema,
  signOut,
  SignInThrottledError,
  signUp,
  totpSignInSchema,
  verifyEmail,
  type EmailVerificationState,
  type IssuedSession,
} from '../../core/auth/index.js';
import { findSessionByTokenHash, findUserById } from '../../core/auth/repository.js';
import { hashToken } from '../../core/auth/tokens.js';
import type { AppContext } from '../../core/context.js';
import { DomainError, type FieldError } from '../../core/contract/errors.js';
import { requiredField } from '../../core/contract/validation.js';
import { LANG_COOKIE, LANG_COOKIE_MAX_AGE } from '../../core/i18n/negotiate.js';
import { locales } from '../../core/i18n/translate.js';
import { findAreas } from '../../core/tenancy/index.js';
import { errorsByField, parseForm, summaryErrors, type FormValues } from '../../core/ui/form.js';
import { getPortalContext } from '../../core/ui/portal-context.js';
import { sendPage } from '../../core/ui/render.js';
import type { PortalContext } from '../../core/ui/types.js';
import { ForgotPasswordPage, ResetPasswordPage, SignInPage, SignUpPage, TotpPage, VerifyEmailPage, type FormState, type VerifyEmailPageState } from './pages/auth.js';
import { HomePage } from './pages/home.js';
import { accountRoutes } from './account-routes.js';
import { phoneVerificationRoutes } from './phone-verification-routes.js';

const html = (permission: 'public' | 'authenticated' = 'public') => ({ permission, html: true }) as const;

/** Only same-site paths: `/x` yes, `//evil.example` or `/\evil` no. */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.length > 500) return fallback;
  return next;
}

/** The page form of sign-up: one "phone or e-mail" field, an optional hamlet and the consent box. */
const signUpFormSchema = z.object({
  displayName: z.string(requiredField('auth.errors.fullNameRequired')).trim().min(1, requiredField('auth.errors.fullNameRequired')).max(DISPLAY_NAME_MAX),
  contact: z
    .string(requiredField('auth.errors.identifierRequired'))
    .trim()
    .min(1, requiredField('auth.errors.identifierRequired'))
    .max(EMAIL_MAX)
    .refine((value) => normaliseIdentifier(value) !== null, { message: 'portal.signUp.errors.contactInvalid' }),
  password: passwordSchema,
  areaId: z.string().max(64).optional(),
  consent: z.boolean().refine((value) => value, { message: 'portal.signUp.errors.consentRequired' }),
});
const signUpFieldOrder = ['displayName', 'contact', 'password', 'areaId', 'consent'];

/** Label keys of every portal form field, so the error summary names the field. */
const fieldLabelKeys: Record<string, string> = {
  identifier: 'portal.signIn.identifier',
  displayName: 'portal.signUp.displayName',
  contact: 'portal.signUp.contact',
  password: 'portal.signUp.password',
  areaId: 'portal.signUp.area',
  consent: 'portal.signUp.consentLegend',
  email: 'portal.forgot.email',
  code: 'portal.totp.code',
};

function formState(errors: readonly FieldError[], t: PortalContext['t'], values: FormValues, order: readonly string[], ids: Record<string, string> = {}): FormState {
  const labels = Object.fromEntries(order.filter((field) => fieldLabelKeys[field]).map((field) => [field, t(fieldLabelKeys[field]!)]));
  return { values, errors: errorsByField(errors, t), summary: summaryErrors(errors, t, { order, ids, labels }) };
}

/** Turn a service's DomainError into field errors on the page (the whole-form message goes on `fallbackField`). */
function domainFieldErrors(error: DomainError, fallbackField: string, rename: Record<string, string> = {}): FieldError[] {
  if (error.fieldErrors.length > 0) return error.fieldErrors.map((fieldError) => ({ ...fieldError, field: rename[fieldError.field] ?? fieldError.field }));
  return [{ field: fallbackField, messageKey: error.messageKey, params: error.params }];
}

/** Where a freshly signed-in account goes: staff to the back office, residents home (or back where they were). */
async function landingPath(ctx: AppContext, session: IssuedSession, next: unknown): Promise<string> {
  const row = await findSessionByTokenHash(ctx.db, hashToken(session.token));
  const user = row ? await findUserById(ctx.db, row.user_id) : undefined;
  const fallback = user?.kind === 'staff' ? '/staff/' : '/';
  return safeNext(next, fallback);
}

const startSession = (reply: FastifyReply, ctx: AppContext, session: IssuedSession) => setSessionCookie(reply, session.token, ctx, { maxAgeSeconds: session.maxAgeSeconds });
const bodyField = (request: FastifyRequest, name: string): unknown => (request.body as Record<string, unknown> | undefined)?.[name];

/** The resident portal's shell pages: home, sign-in (with the TOTP step), sign-up, password reset, sign-out, language. */
export async function portalRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/', { config: html(), schema: { hide: true } }, async (request, reply) => {
    const portal = await getPortalContext(request, reply, ctx);
    const contact = request.actor?.kind === 'resident' ? await findUserContact(ctx.db, request.actor.userId) : undefined;
    const phone = contact?.phone ? { phone: contact.phone, isVerified: contact.isPhoneVerified } : undefined;
    return sendPage(reply, createElement(HomePage, { portal, isEmailUnverified: Boolean(contact?.email && !contact.isEmailVerified), phone }));
  });

  app.get('/ngon-ngu/:lang', { config: html(), schema: { hide: true, params: z.object({ lang: z.enum(locales) }), querystring: z.object({ next: z.string().optional() }) } }, async (request, reply) => {
    reply.setCookie(LANG_COOKIE, request.params.lang, { path: '/', sameSite: 'lax', maxAge: LANG_COOKIE_MAX_AGE, secure: ctx.config.isSecureCookies, httpOnly: false });
    return reply.redirect(safeNext(request.query.next), 303);
  });

  // Sign-in
  const signInQuery = z.object({ next: z.string().optional(), 'da-dang-xuat': z.string().optional(), 'doi-mat-khau': z.string().optional() });
  app.get('/dang-nhap', { config: html(), schema: { hide: true, querystring: signInQuery } }, async (request, reply) => {
    const portal = await getPortalContext(request, reply, ctx);
    const notice = request.query['da-dang-xuat'] ? portal.t('portal.signIn.signedOut') : request.query['doi-mat-khau'] ? portal.t('portal.signIn.resetDone') : undefined;
    return sendPage(reply, createElement(SignInPage, { portal, notice, next: request.query.next ? safeNext(request.query.next) : undefined }));
  });

  app.post('/dang-nhap', { config: { ...html(), rateLimit: AUTH_RATE_LIMITS.signIn }, schema: { hide: true } }, async (request, reply) => {
    const next = bodyField(request, 'next');
    const nextField = typeof next === 'string' ? safeNext(next) : undefined;
    const parsed = parseForm(signInSchema, request.body);
    const portal = await getPortalContext(request, reply, ctx);
    const order = ['identifier', 'password'];
    if (!parsed.ok) return sendPage(reply, createElement(SignInPage, { portal, next: nextField, state: formState(parsed.errors, portal.t, parsed.values, order) }), 400);
    try {
      const outcome = await signIn(ctx, parsed.data, { ip: request.ip, previousSessionToken: sessionTokenOf(request) });
      startSession(reply, ctx, outcome.session);
      if (outcome.status === 'totp_required') return reply.redirect(nextField ? `/dang-nhap/ma-xac-thuc?next=${encodeURIComponent(nextField)}` : '/dang-nhap/ma-xac-thuc', 303);
      return reply.redirect(await landingPath(ctx, outcome.session, nextField), 303);
    } catch (error) {
      if (!(error instanceof DomainError) || !['unauthenticated', 'rate_limited'].includes(error.kind)) throw error;
      if (error instanceof SignInThrottledError) reply.header('retry-after', String(error.retryAfterSeconds));
      const values = { identifier: parsed.values.identifier };
      return sendPage(reply, createElement(SignInPage, { portal, next: nextField, state: formState(domainFieldErrors(error, 'identifier'), portal.t, values, order) }), error.kind === 'rate_limited' ? 429 : 401);
    }
  });

  app.get('/dang-nhap/ma-xac-thuc', { config: html(), schema: { hide: true, querystring: z.object({ next: z.string().optional() }) } }, async (request, reply) => {
    if (!sessionTokenOf(request)) return reply.redirect('/dang-nhap', 303);
    const portal = await getPortalContext(request, reply, ctx);
    return sendPage(reply, createElement(TotpPage, { portal, next: request.query.next ? safeNext(request.query.next) : undefined }));
  });

  app.post('/dang-nhap/ma-xac-thuc', { config: { ...html(), rateLimit: AUTH_RATE_LIMITS.totp }, schema: { hide: true } }, async (request, reply) => {
    const next = bodyField(request, 'next');
    const nextField = typeof next === 'string' ? safeNext(next) : undefined;
    const parsed = parseForm(totpSignInSchema, request.body);
    const portal = await getPortalContext(request, reply, ctx);
    if (!parsed.ok) return sendPage(reply, createElement(TotpPage, { portal, next: nextField, state: formState(parsed.errors, portal.t, {}, ['code']) }), 400);
    try {
      const outcome = await completeTotpSignIn(ctx, sessionTokenOf(request), parsed.data.code);
      startSession(reply, ctx, outcome.session);
      return reply.redirect(await landingPath(ctx, outcome.session, nextField), 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error instanceof SignInThrottledError) reply.header('retry-after', String(error.retryAfterSeconds));
      if (error.kind === 'unauthenticated') {
        // The password step expired: start again from the password page, saying why.
        return sendPage(reply, createElement(SignInPage, { portal, next: nextField, state: formState(domainFieldErrors(error, 'identifier'), portal.t, {}, ['identifier']) }), 401);
      }
      if (error.kind !== 'validation' && error.kind !== 'rate_limited') throw error;
      return sendPage(reply, createElement(TotpPage, { portal, next: nextField, state: formState(domainFieldErrors(error, 'code'), portal.t, {}, ['code']) }), error.kind === 'rate_limited' ? 429 : 400);
    }
  });

  // Sign-up
  app.get('/dang-ky', { config: html(), schema: { hide: true } }, async (request, reply) => {
    const portal = await getPortalContext(request, reply, ctx);
    return sendPage(reply, createElement(SignUpPage, { portal, areas: await findAreas(ctx.db, portal.commune.id) }));
  });

  app.post('/dang-ky', { config: { ...html(), rateLimit: AUTH_RATE_LIMITS.signUp }, schema: { hide: true } }, async (request, reply) => {
    const portal = await getPortalContext(request, reply, ctx);
    const areas = await findAreas(ctx.db, portal.commune.id);
    const parsed = parseForm(signUpFormSchema, request.body, { booleans: ['consent'] });
    const errors: FieldError[] = parsed.ok ? [] : [...parsed.errors];
    if (parsed.ok && parsed.data.areaId && !areas.some((area) => area.id === parsed.data.areaId)) errors.push({ field: 'areaId', messageKey: 'portal.signUp.errors.areaUnknown' });
    const rerender = (fieldErrors: FieldError[], status: number) => sendPage(reply, createElement(SignUpPage, { portal, areas, state: formState(fieldErrors, portal.t, { ...parsed.values, password: undefined }, signUpFieldOrder) }), status);
    if (!parsed.ok || errors.length > 0) return rerender(errors, 400);
    const contact = normaliseIdentifier(parsed.data.contact)!;
    try {
      const { session } = await signUp(ctx, { displayName: parsed.data.displayName, ...(parsed.data.areaId ? { areaId: parsed.data.areaId } : {}), password: parsed.data.password, communeId: portal.commune.id, locale: portal.locale, ...(contact.kind === 'phone' ? { phone: contact.value } : { email: contact.value }) }, { locale: portal.locale });
      startSession(reply, ctx, session);
      // A phone gets a code by SMS: the next page is where to type it.
      return reply.redirect(contact.kind === 'phone' ? PHONE_VERIFICATION_PATH : '/', 303);
    } catch (error) {
      if (!(error instanceof DomainError) || !['validation', 'conflict'].includes(error.kind)) throw error;
      return rerender(domainFieldErrors(error, 'contact', { phone: 'contact', email: 'contact', communeId: 'contact', areaId: 'areaId' }), error.kind === 'conflict' ? 409 : 400);
    }
  });

  // Sign-out (a form in the header; CSRF checked by the server hook)
  app.post('/dang-xuat', { config: html(), schema: { hide: true } }, async (request, reply) => {
    await signOut(ctx, sessionTokenOf(request));
    clearSessionCookie(reply);
    return reply.redirect('/dang-nhap?da-dang-xuat=1', 303);
  });

  // Password reset
  app.get('/quen-mat-khau', { config: html(), schema: { hide: true, querystring: z.object({ 'da-gui': z.string().optional() }) } }, async (request, reply) => {
    const portal = await getPortalContext(request, reply, ctx);
    return sendPage(reply, createElement(ForgotPasswordPage, { portal, sent: Boolean(request.query['da-gui']) }));
  });

  app.post('/quen-mat-khau', { config: { ...html(), rateLimit: AUTH_RATE_LIMITS.passwordReset }, schema: { hide: true } }, async (request, reply) => {
    const parsed = parseForm(passwordResetRequestSchema, request.body);
    if (!parsed.ok) {
      const portal = await getPortalContext(request, reply, ctx);
      return sendPage(reply, createElement(ForgotPasswordPage, { portal, state: formState(parsed.errors, portal.t, parsed.values, ['email']) }), 400);
    }
    await requestPasswordReset(ctx, { ...parsed.data, locale: parsed.data.locale ?? request.locale }, { locale: request.locale });
    return reply.redirect('/quen-mat-khau?da-gui=1', 303);
  });

  app.get('/dat-lai-mat-khau', { config: html(), schema: { hide: true, querystring: z.object({ token: z.string().max(200).optional() }) } }, async (request, reply) => {
    const portal = await getPortalContext(request, reply, ctx);
    return sendPage(reply, createElement(ResetPasswordPage, { portal, token: request.query.token }));
  });

  app.post('/dat-lai-mat-khau', { config: { ...html(), rateLimit: AUTH_RATE_LIMITS.passwordReset }, schema: { hide: true } }, async (request, reply) => {
    const parsed = parseForm(passwordResetConfirmSchema, request.body);
    const token = typeof bodyField(request, 'token') === 'string' ? (bodyField(request, 'token') as string) : undefined;
    const rerender = async (errors: FieldError[]) => {
      const portal = await getPortalContext(request, reply, ctx);
      return sendPage(reply, createElement(ResetPasswordPage, { portal, token, state: formState(errors, portal.t, {}, ['password'], { token: 'password' }) }), 400);
    };
    if (!parsed.ok) return rerender(parsed.errors);
    try {
      await confirmPasswordReset(ctx, parsed.data, { requestId: String(request.id) });
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'validation') return rerender(domainFieldErrors(error, 'password'));
      throw error;
    }
    return reply.redirect('/dang-nhap?doi-mat-khau=1', 303);
  });

  // E-mail verification (resident accounts). A GET only shows the page: mail scanners prefetch links,
  // and a prefetch must not count as the owner's proof. The button posts (CSRF like every form).
  const verifyStatus: Record<VerifyEmailPageState, number> = { valid: 200, verified: 200, used: 200, sent: 200, expired: 410, invalid: 404 };
  const renderVerify = async (request: FastifyRequest, reply: FastifyReply, state: VerifyEmailPageState, token?: string, error?: string, status?: number) => {
    const portal = await getPortalContext(request, reply, ctx);
    // The token is personal: never sent on to another site, never kept by a shared cache.
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    return sendPage(reply, createElement(VerifyEmailPage, { portal, state, token, error }), status ?? verifyStatus[state]);
  };
  const verifyQuery = z.object({ token: z.string().max(200).optional(), xong: z.string().optional(), 'da-gui': z.string().optional() });
  app.get(EMAIL_VERIFICATION_PATH, { config: html(), schema: { hide: true, querystring: verifyQuery } }, async (request, reply) => {
    if (request.query.xong) return renderVerify(request, reply, 'verified');
    if (request.query['da-gui']) return renderVerify(request, reply, 'sent');
    const token = (request.query.token ?? '').trim();
    return renderVerify(request, reply, await describeEmailVerification(ctx, token), token);
  });

  app.post(EMAIL_VERIFICATION_PATH, { config: { ...html(), rateLimit: AUTH_RATE_LIMITS.emailVerification }, schema: { hide: true } }, async (request, reply) => {
    const raw = bodyField(request, 'token');
    const token = typeof raw === 'string' ? raw.trim() : '';
    const state: EmailVerificationState = await verifyEmail(ctx, token, { requestId: String(request.id) });
    if (state === 'verified') return reply.redirect(`${EMAIL_VERIFICATION_PATH}?xong=1`, 303);
    return renderVerify(request, reply, state, token);
  });

  // A new link: for the owner of an expired link (the token names the account) or the signed-in resident.
  app.post(`${EMAIL_VERIFICATION_PATH}/gui-lai`, { config: { ...html(), rateLimit: AUTH_RATE_LIMITS.emailVerification }, schema: { hide: true } }, async (request, reply) => {
    const raw = bodyField(request, 'token');
    const token = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
    try {
      await resendEmailVerification(ctx, { actor: request.actor, ...(token ? { token } : {}) }, request.locale);
    } catch (error) {
      if (!(error instanceof DomainError) || !['validation', 'rate_limited'].includes(error.kind)) throw error;
      return renderVerify(request, reply, token && error.kind === 'rate_limited' ? 'expired' : 'invalid', token, request.t(error.messageKey), error.kind === 'rate_limited' ? 429 : 400);
    }
    return reply.redirect(`${EMAIL_VERIFICATION_PATH}?da-gui=1`, 303);
  });

  await phoneVerificationRoutes(fastify, ctx);
  await accountRoutes(fastify, ctx);
}
