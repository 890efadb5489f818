import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import {
  messageResultSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  sessionResultSchema,
  signInResultSchema,
  signInSchema,
  signUpResultSchema,
  signUpSchema,
  totpCodeBodySchema,
  totpSetupResultSchema,
  totpSignInSchema,
  totpStatusSchema,
} from './contract.js';
import * as service from './service.js';
import { clearSessionCookie, csrfTokenFor, sessionTokenOf, setSessionCookie, type IssuedSession } from './session.js';

/** Per-IP request limits on the endpoints people try to brute-force or spam (on top of the DB throttle). */
export const AUTH_RATE_LIMITS = {
  signIn: { max: 20, timeWindow: '1 minute' },
  signUp: { max: 10, timeWindow: '10 minutes' },
  passwordReset: { max: 5, timeWindow: '15 minutes' },
  totp: { max: 10, timeWindow: '1 minute' },
  emailVerification: { max: 10, timeWindow: '15 minutes' },
  phoneVerification: { max: 10, timeWindow: '15 minutes' },
  /** The resident's own account page (`/tai-khoan`): name, phone, e-mail and password changes. */
  account: { max: 10, timeWindow: '15 minutes' },
} as const;

/** Run a sign-in step; a throttled attempt also says when to come back (Retry-After). */
export async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof service.SignInThrottledError) reply.header('retry-after', String(error.retryAfterSeconds));
    throw error;
  }
}

/** The JSON API of sign-up, sign-in (with the TOTP step), sign-out, session, password reset and two-factor setup. */
export async function authRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const startSession = (reply: FastifyReply, session: IssuedSession) => setSessionCookie(reply, session.token, ctx, { maxAgeSeconds: session.maxAgeSeconds });

  app.get('/api/v1/auth/session', { config: { permission: 'public' }, schema: { tags, response: { 200: sessionResultSchema } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const { user, grants } = await service.describeSession(ctx, request.actor);
    return { user, grants, csrfToken: csrfTokenFor(request, reply) };
  });

  app.post(
    '/api/v1/auth/sign-up',
    { config: { permission: 'public', rateLimit: AUTH_RATE_LIMITS.signUp }, schema: { tags, body: signUpSchema, response: { 201: signUpResultSchema } } },
    async (request, reply) => {
      const { user, session } = await service.signUp(ctx, request.body, { locale: request.locale });
      startSession(reply, session);
      return reply.status(201).send({ status: 'signed_in' as const, user });
    },
  );

  app.post(
    '/api/v1/auth/sign-in',
    { config: { permission: 'public', rateLimit: AUTH_RATE_LIMITS.signIn }, schema: { tags, body: signInSchema, response: { 200: signInResultSchema } } },
    async (request, reply) => {
      const outcome = await withRetryAfter(reply, () => service.signIn(ctx, request.body, { ip: request.ip, previousSessionToken: sessionTokenOf(request) }));
      startSession(reply, outcome.session);
      return { status: outcome.status };
    },
  );

  app.post(
    '/api/v1/auth/sign-in/totp',
    { config: { permission: 'public', rateLimit: AUTH_RATE_LIMITS.totp }, schema: { tags, body: totpSignInSchema, response: { 200: signInResultSchema } } },
    async (request, reply) => {
      const outcome = await withRetryAfter(reply, () => service.completeTotpSignIn(ctx, sessionTokenOf(request), request.body.code));
      startSession(reply, outcome.session);
      return { status: outcome.status };
    },
  );

  app.post('/api/v1/auth/sign-out', { config: { permission: 'public' }, schema: { tags, response: { 200: messageResultSchema } } }, async (request, reply) => {
    await service.signOut(ctx, sessionTokenOf(request));
    clearSessionCookie(reply);
    return { message: request.t('auth.signedOut') };
  });

  app.post(
    '/api/v1/auth/password-reset/request',
    { config: { permission: 'public', rateLimit: AUTH_RATE_LIMITS.passwordReset }, schema: { tags, body: passwordResetRequestSchema, response: { 202: messageResultSchema } } },
    async (request, reply) => {
      await service.requestPasswordReset(ctx, request.body, { locale: request.locale });
      return reply.status(202).send({ message: request.t('auth.passwordReset.requested') });
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    { config: { permission: 'public', rateLimit: AUTH_RATE_LIMITS.passwordReset }, schema: { tags, body: passwordResetConfirmSchema, response: { 200: messageResultSchema } } },
    async (request) => {
      await service.confirmPasswordReset(ctx, request.body, { requestId: String(request.id) });
      return { message: request.t('auth.passwordReset.done') };
    },
  );

  app.post('/api/v1/auth/totp/setup', { config: { permission: 'authenticated' }, schema: { tags, response: { 200: totpSetupResultSchema } } }, async (request, reply) => {
    // The secret is shown once; keep it out of every cache.
    reply.header('cache-control', 'no-store');
    return service.setupTotp(ctx, request.actor!, String(request.id));
  });

  app.post(
    '/api/v1/auth/totp/enable',
    { config: { permission: 'authenticated', rateLimit: AUTH_RATE_LIMITS.totp }, schema: { tags, body: totpCodeBodySchema, response: { 200: totpStatusSchema } } },
    async (request) => {
      await service.enableTotp(ctx, request.actor!, request.body.code, String(request.id));
      return { hasTotp: true };
    },
  );

  app.post(
    '/api/v1/auth/totp/disable',
    { config: { permission: 'authenticated', rateLimit: AUTH_RATE_LIMITS.totp }, schema: { tags, body: totpCodeBodySchema, response: { 200: totpStatusSchema } } },
    async (request) => {
      await service.disableTotp(ctx, request.actor!, request.body.code, String(request.id));
      return { hasTotp: false };
    },
  );
}
