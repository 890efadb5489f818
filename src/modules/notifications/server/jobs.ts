import { z } from 'zod';
import { EMAIL_CHANGED_EVENT, EMAIL_VERIFICATION_EVENT, EMAIL_VERIFICATION_TTL_HOURS, issueEmailVerificationLink, issuePhoneVerificationCode, PHONE_VERIFICATION_EVENT } from '../../../core/auth/index.js';
import { locales } from '../../../core/i18n/translate.js';
import { defineJob, type EventSubscription } from '../../../core/jobs/types.js';
import { isAlreadyDelivered, sendNotification } from './service.js';

/** Payload of `auth.password-reset.requested` as the dispatcher hands it over. */
const passwordResetPayloadSchema = z.object({
  eventId: z.string(),
  communeId: z.string().nullable(),
  userId: z.string(),
  email: z.email(),
  resetUrl: z.url(),
  locale: z.enum(locales).catch('vi'),
});

/** E-mail the reset link. Always sent (even to opted-out residents); the event id dedupes retries. */
export const sendPasswordResetJob = defineJob({
  name: 'notifications.send-password-reset',
  payload: passwordResetPayloadSchema,
  maxAttempts: 5,
  async handle(ctx, payload) {
    const [result] = await sendNotification(ctx, {
      communeId: payload.communeId,
      userId: payload.userId,
      to: { email: payload.email },
      template: 'auth.password-reset',
      params: { resetUrl: payload.resetUrl },
      locale: payload.locale,
      channels: ['email'],
      dedupeKey: payload.eventId,
    });
    if (result?.status === 'failed') throw new Error('password reset e-mail delivery failed');
  },
});

/** Payload of `auth.email.changed`: the old address, which the account no longer has. */
const emailChangedPayloadSchema = z.object({
  eventId: z.string(),
  communeId: z.string().nullable(),
  userId: z.string(),
  oldEmail: z.email(),
  locale: z.enum(locales).catch('vi'),
});

/** Tell the old, verified address that the account's e-mail was changed (always sent; the event id dedupes retries). */
export const sendEmailChangedJob = defineJob({
  name: 'notifications.send-email-changed',
  payload: emailChangedPayloadSchema,
  maxAttempts: 5,
  async handle(ctx, payload) {
    const [result] = await sendNotification(ctx, { communeId: payload.communeId, userId: payload.userId, to: { email: payload.oldEmail }, template: 'auth.email-changed', params: {}, locale: payload.locale, channels: ['email'], dedupeKey: payload.eventId });
    if (result?.status === 'failed') throw new Error('e-mail changed notice delivery failed');
  },
});

/** Payload of `auth.email-verification.requested`: ids only, the address and the link are made at send time. */
const accountSecretPayloadSchema = z.object({
  eventId: z.string(),
  userId: z.string(),
  locale: z.enum(locales).catch('vi'),
});

/**
 * A job that sends an account a single-use secret made at send time (a link, a code), so the outbox
 * never holds a usable secret: `issue` makes it (or returns null when there is nothing to send: verified
 * meanwhile, no address, the hour's codes spent), and a retry after delivery makes no second one.
 */
function defineAccountSecretJob<Issued extends { communeId: string }>(spec: { name: string; channel: 'email' | 'sms'; template: string; issue: (ctx: Parameters<Parameters<typeof defineJob>[0]['handle']>[0], userId: string) => Promise<Issued | null>; message: (issued: Issued) => { to: { email: string } | { phone: string }; params: Record<string, string | number> } }) {
  return defineJob({
    name: spec.name,
    payload: accountSecretPayloadSchema,
    maxAttempts: 5,
    async handle(ctx, payload) {
      if (await isAlreadyDelivered(ctx, payload.eventId, [spec.channel])) return;
      const issued = await spec.issue(ctx, payload.userId);
      if (!issued) return;
      const { to, params } = spec.message(issued);
      const [result] = await sendNotification(ctx, { communeId: issued.communeId, userId: payload.userId, to, template: spec.template, params, locale: payload.locale, channels: [spec.channel], dedupeKey: payload.eventId });
      if (result?.status === 'failed') throw new Error(`${spec.template} delivery failed`);
    },
  });
}

/** E-mail a verification link to the account's current address; nothing when it was verified meanwhile. */
export const sendEmailVerificationJob = defineAccountSecretJob({
  name: 'notifications.send-email-verification',
  channel: 'email',
  template: 'auth.email-verification',
  issue: issueEmailVerificationLink,
  message: (link) => ({ to: { email: link.email }, params: { verifyUrl: link.verifyUrl, hours: EMAIL_VERIFICATION_TTL_HOURS } }),
});

/** SMS a verification code to the account's current phone; nothing when it was verified meanwhile or the account's hourly codes are spent. */
export const sendPhoneVerificationJob = defineAccountSecretJob({
  name: 'notifications.send-phone-verification',
  channel: 'sms',
  template: 'auth.phone-verification',
  issue: issuePhoneVerificationCode,
  message: (issued) => ({ to: { phone: issued.phone }, params: { code: issued.code, minutes: issued.minutes } }),
});

export const notificationJobs = [sendPasswordResetJob, sendEmailChangedJob, sendEmailVerificationJob, sendPhoneVerificationJob];

export const notificationSubscriptions: EventSubscription[] = [
  { event: 'auth.password-reset.requested', job: 'notifications.send-password-reset' },
  { event: EMAIL_CHANGED_EVENT, job: 'notifications.send-email-changed' },
  { event: EMAIL_VERIFICATION_EVENT, job: 'notifications.send-email-verification' },
  { event: PHONE_VERIFICATION_EVENT, job: 'notifications.send-phone-verification' },
];
