/**
 * The resident's own account page (manage-account.ts in core/auth holds the rules):
 *   GET  /tai-khoan                 the account and one form per change
 *   POST /tai-khoan/ho-ten          change the full name
 *   POST /tai-khoan/so-dien-thoai   change the phone → the SMS code page
 *   POST /tai-khoan/email           ask for a new e-mail (current password; a link is mailed to it)
 *   POST /tai-khoan/email/huy       withdraw the e-mail change still waiting for its link
 *   POST /tai-khoan/mat-khau        change the password (current password; other sessions end)
 *   POST /tai-khoan/ngon-ngu        the language of the account's e-mails and SMS
 * Only signed-in residents (auth.account.manage); every POST carries the CSRF token (server hook), is
 * rate limited per address, and answers post/redirect/get or the page with errors on the field.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createElement } from 'react';
import { z } from 'zod';
import {
  ACCOUNT_PATH,
  AUTH_RATE_LIMITS,
  cancelEmailChange,
  changeDisplayName,
  changeEmailSchema,
  changeLocale,
  changeLocaleSchema,
  changeNameSchema,
  changePassword,
  changePasswordSchema,
  changePhone,
  changePhoneSchema,
  describeAccount,
  PHONE_VERIFICATION_PATH,
  requestEmailChange,
  sessionTokenOf,
  SignInThrottledError,
} from '../../core/auth/index.js';
import type { AppContext } from '../../core/context.js';
import { DomainError, type FieldError } from '../../core/contract/errors.js';
import { errorsByField, parseForm, summaryErrors, type FormValues } from '../../core/ui/form.js';
import { getPortalContext } from '../../core/ui/portal-context.js';
import { sendPage } from '../../core/ui/render.js';
import { ACCOUNT_FIELD_IDS, AccountPage, type AccountSection } from './pages/account.js';

const config = { permission: 'auth.account.manage', html: true } as const;
const postConfig = { ...config, rateLimit: AUTH_RATE_LIMITS.account } as const;
const statusOf: Partial<Record<DomainError['kind'], number>> = { validation: 400, conflict: 409, rate_limited: 429 };

/** Each form's fields in page order, with the label keys the error summary names them by. */
const sections: Record<AccountSection, Record<string, string>> = {
  name: { displayName: 'portal.account.newName' },
  phone: { phone: 'portal.account.newPhone' },
  email: { email: 'portal.account.newEmail', currentPassword: 'portal.account.currentPassword' },
  password: { currentPassword: 'portal.account.currentPassword', newPassword: 'portal.account.newPassword' },
  locale: { locale: 'portal.account.localeLegend' },
};
/** Where a message about the whole form goes (a throttled password check: on the password). */
const wholeFormField: Record<AccountSection, string> = { name: 'displayName', phone: 'phone', email: 'currentPassword', password: 'currentPassword', locale: 'locale' };
const notices = { ten: 'portal.account.nameDone', email: 'portal.account.emailSent', 'huy-email': 'portal.account.emailCancelled', 'mat-khau': 'portal.account.passwordDone', 'ngon-ngu': 'portal.account.localeDone' } as const;

export async function accountRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const render = async (request: FastifyRequest, reply: FastifyReply, options: { section?: AccountSection; errors?: readonly FieldError[]; values?: FormValues; notice?: string | undefined; status?: number } = {}) => {
    const portal = await getPortalContext(request, reply, ctx);
    const account = await describeAccount(ctx, request.actor);
    const errors = options.errors ?? [];
    const fields = options.section ? sections[options.section] : {};
    const labels = Object.fromEntries(Object.entries(fields).map(([field, key]) => [field, portal.t(key)]));
    // Passwords are never sent back into the page.
    const values = { ...options.values, currentPassword: undefined, newPassword: undefined };
    const form = { values, errors: errorsByField(errors, portal.t), summary: summaryErrors(errors, portal.t, { order: Object.keys(fields), labels, ids: options.section ? ACCOUNT_FIELD_IDS[options.section] : {} }) };
    reply.header('cache-control', 'no-store');
    return sendPage(reply, createElement(AccountPage, { portal, account, section: options.section, form, notice: options.notice }), options.status ?? 200);
  };

  /** Parse the form, run the change, and answer: the page with errors on the field, or a redirect. */
  const handle = <S extends z.ZodType>(section: AccountSection, schema: S, change: (request: FastifyRequest, data: z.output<S>) => Promise<string>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const parsed = parseForm(schema, request.body);
    if (!parsed.ok) return render(request, reply, { section, errors: parsed.errors, values: parsed.values, status: 400 });
    let location: string;
    try {
      location = await change(request, parsed.data);
    } catch (error) {
      if (!(error instanceof DomainError) || statusOf[error.kind] === undefined) throw error;
      if (error instanceof SignInThrottledError) reply.header('retry-after', String(error.retryAfterSeconds));
      const errors = error.fieldErrors.length > 0 ? error.fieldErrors : [{ field: wholeFormField[section], messageKey: error.messageKey, params: error.params }];
      return render(request, reply, { section, errors, values: parsed.values, status: statusOf[error.kind] });
    }
    return reply.redirect(location, 303);
  };

  app.get(ACCOUNT_PATH, { config, schema: { hide: true, querystring: z.object({ xong: z.string().max(20).optional() }) } }, async (request, reply) => {
    const done = request.query.xong;
    // Own keys only: `in` also finds `__proto__` and `constructor`, which are no message (`__proto__` was a 500).
    const notice = done && Object.hasOwn(notices, done) ? request.t(notices[done as keyof typeof notices]) : undefined;
    return render(request, reply, { notice });
  });

  app.post(`${ACCOUNT_PATH}/ho-ten`, { config: postConfig, schema: { hide: true } }, handle('name', changeNameSchema, async (request, data) => {
    await changeDisplayName(ctx, request.actor, data, { requestId: String(request.id) });
    return `${ACCOUNT_PATH}?xong=ten`;
  }));

  app.post(`${ACCOUNT_PATH}/so-dien-thoai`, { config: postConfig, schema: { hide: true } }, handle('phone', changePhoneSchema, async (request, data) => {
    const { isChanged } = await changePhone(ctx, request.actor, data, { requestId: String(request.id) });
    // A new number gets a code by SMS: the next page is where to type it.
    return isChanged ? PHONE_VERIFICATION_PATH : ACCOUNT_PATH;
  }));

  app.post(`${ACCOUNT_PATH}/email`, { config: postConfig, schema: { hide: true } }, handle('email', changeEmailSchema, async (request, data) => {
    const { isPending } = await requestEmailChange(ctx, request.actor, data, { requestId: String(request.id), ip: request.ip });
    return isPending ? `${ACCOUNT_PATH}?xong=email` : ACCOUNT_PATH;
  }));

  app.post(`${ACCOUNT_PATH}/email/huy`, { config: postConfig, schema: { hide: true } }, async (request, reply) => {
    const { isCancelled } = await cancelEmailChange(ctx, request.actor, { requestId: String(request.id) });
    return reply.redirect(isCancelled ? `${ACCOUNT_PATH}?xong=huy-email` : ACCOUNT_PATH, 303);
  });

  app.post(`${ACCOUNT_PATH}/mat-khau`, { config: postConfig, schema: { hide: true } }, handle('password', changePasswordSchema, async (request, data) => {
    await changePassword(ctx, request.actor, data, { requestId: String(request.id), ip: request.ip, sessionToken: sessionTokenOf(request) });
    return `${ACCOUNT_PATH}?xong=mat-khau`;
  }));

  app.post(`${ACCOUNT_PATH}/ngon-ngu`, { config: postConfig, schema: { hide: true } }, handle('locale', changeLocaleSchema, async (request, data) => {
    await changeLocale(ctx, request.actor, data, { requestId: String(request.id) });
    return `${ACCOUNT_PATH}?xong=ngon-ngu`;
  }));
}
