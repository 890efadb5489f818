/**
 * The resident's phone verification pages (phone-verification.ts in core/auth holds the rules):
 *   GET  /xac-minh-so-dien-thoai          the code form (or "verified", or "no phone")
 *   POST /xac-minh-so-dien-thoai          check the typed code (post/redirect/get when right)
 *   POST /xac-minh-so-dien-thoai/gui-lai  send a new code by SMS
 * Only signed-in residents (auth.phone.verify); every POST carries the CSRF token (server hook) and is
 * rate limited per address on top of the per-account limits of the use case.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createElement } from 'react';
import { z } from 'zod';
import { AUTH_RATE_LIMITS, describePhoneVerification, PHONE_VERIFICATION_PATH, PHONE_VERIFICATION_TTL_MINUTES, phoneVerificationSchema, resendPhoneVerification, verifyPhone } from '../../core/auth/index.js';
import type { AppContext } from '../../core/context.js';
import { DomainError, type FieldError } from '../../core/contract/errors.js';
import { errorsByField, parseForm, summaryErrors, type FormValues } from '../../core/ui/form.js';
import { getPortalContext } from '../../core/ui/portal-context.js';
import { sendPage } from '../../core/ui/render.js';
import { VerifyPhonePage } from './pages/verify-phone.js';

const config = { permission: 'auth.phone.verify', html: true } as const;
const statusOf: Partial<Record<DomainError['kind'], number>> = { validation: 400, rate_limited: 429, invalid_state: 409 };

export async function phoneVerificationRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const render = async (request: FastifyRequest, reply: FastifyReply, options: { errors?: readonly FieldError[]; values?: FormValues; isSent?: boolean; status?: number } = {}) => {
    const portal = await getPortalContext(request, reply, ctx);
    const { phone, isVerified } = await describePhoneVerification(ctx, request.actor);
    const errors = options.errors ?? [];
    const form = { values: options.values ?? {}, errors: errorsByField(errors, portal.t), summary: summaryErrors(errors, portal.t, { order: ['code'], labels: { code: portal.t('portal.verifyPhone.code') } }) };
    reply.header('cache-control', 'no-store');
    const state = !phone ? 'none' : isVerified ? 'verified' : 'form';
    return sendPage(reply, createElement(VerifyPhonePage, { portal, state, phone, minutes: PHONE_VERIFICATION_TTL_MINUTES, isSent: options.isSent ?? false, form }), options.status ?? 200);
  };
  /** A use case's error on the page: the field it names (the code), the user's text kept. */
  const renderError = (request: FastifyRequest, reply: FastifyReply, error: unknown, values: FormValues) => {
    if (!(error instanceof DomainError) || statusOf[error.kind] === undefined) throw error;
    const errors = error.fieldErrors.length > 0 ? error.fieldErrors : [{ field: 'code', messageKey: error.messageKey, params: error.params }];
    return render(request, reply, { errors, values, status: statusOf[error.kind] });
  };

  app.get(PHONE_VERIFICATION_PATH, { config, schema: { hide: true, querystring: z.object({ 'da-gui': z.string().optional() }) } }, async (request, reply) =>
    render(request, reply, { isSent: Boolean(request.query['da-gui']) }),
  );

  app.post(PHONE_VERIFICATION_PATH, { config: { ...config, rateLimit: AUTH_RATE_LIMITS.phoneVerification }, schema: { hide: true } }, async (request, reply) => {
    const parsed = parseForm(phoneVerificationSchema, request.body);
    if (!parsed.ok) return render(request, reply, { errors: parsed.errors, values: parsed.values, status: 400 });
    try {
      await verifyPhone(ctx, request.actor, parsed.data.code, { requestId: String(request.id) });
    } catch (error) {
      return renderError(request, reply, error, parsed.values);
    }
    return reply.redirect(PHONE_VERIFICATION_PATH, 303);
  });

  app.post(`${PHONE_VERIFICATION_PATH}/gui-lai`, { config: { ...config, rateLimit: AUTH_RATE_LIMITS.phoneVerification }, schema: { hide: true } }, async (request, reply) => {
    try {
      await resendPhoneVerification(ctx, request.actor, request.locale);
    } catch (error) {
      return renderError(request, reply, error, {});
    }
    return reply.redirect(`${PHONE_VERIFICATION_PATH}?da-gui=1`, 303);
  });
}
