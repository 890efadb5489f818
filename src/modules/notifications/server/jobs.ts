import { z } from 'zod';
import { EMAIL_VERIFICATION_EVENT, EMAIL_VERIFICATION_TTL_HOURS, issueEmailVerificationLink, issuePhoneVerificationCode, PHONE_VERIFICATION_EVENT } from '../../../core/auth/index.js';
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

/** Payload of `auth.email-verification.requested`: ids only, the address and the link are made at send time. */
const emailVerificationPayloadSchema = z.object({
  eventId: z.string(),
  userId: z.string(),
  locale: z.enum(locales).catch('vi'),
});

/**
 * E-mail a verification link to the account's current address. The single-use token is made here, so
 * the outbox never holds a usable secret; nothing is sent when the address was verified meanwhile.
 */
export const sendEmailVerificationJob = defineJob({
  name: 'notifications.send-email-verification',
  payload: emailVerificationPayloadSchema,
  maxAttempts: 5,
  async handle(ctx, payload) {
    // A retry after the mail went out makes no second token.
    if (await isAlreadyDelivered(ctx, payload.eventId, ['email'])) return;
    const link = await issueEmailVerificationLink(ctx, payload.userId);
    if (!link) return;
    const [result] = await sendNotification(ctx, {
      communeId: link.communeId,
      userId: payload.userId,
      to: { email: link.email },
      template: 'auth.email-verification',
      params: { verifyUrl: link.verifyUrl, hours: EMAIL_VERIFICATION_TTL_HOURS },
      locale: payload.locale,
      channels: ['email'],
      dedupeKey: payload.eventId,
    });
    if (result?.status === 'failed') throw new Error('e-mail verification delivery failed');
  },
});

/** Payload of `auth.phone-verification.requested`: ids only, the number and the code are made at send time. */
const phoneVerificationPayloadSchema = emailVerificationPayloadSchema;

/**
 * SMS a verification code to the account's current phone. The code is made here, so the outbox never
 * holds it; nothing is sent when the phone was verified meanwhile or the account's hourly codes are spent.
 */
export const sendPhoneVerificationJob = defineJob({
  name: 'notifications.send-phone-verification',
  payload: phoneVerificationPayloadSchema,
  maxAttempts: 5,
  async handle(ctx, payload) {
    // A retry after the SMS went out makes no second code.
    if (await isAlreadyDelivered(ctx, payload.eventId, ['sms'])) return;
    const issued = await issuePhoneVerificationCode(ctx, payload.userId);
    if (!issued) return;
    const [result] = await sendNotification(ctx, {
      communeId: issued.communeId,
      userId: payload.userId,
      to: { phone: issued.phone },
      template: 'auth.phone-verification',
      params: { code: issued.code, minutes: issued.minutes },
      locale: payload.locale,
      channels: ['sms'],
      dedupeKey: payload.eventId,
    });
    if (result?.status === 'failed') throw new Error('phone verification SMS delivery failed');
  },
});

export const notificationJobs = [sendPasswordResetJob, sendEmailVerificationJob, sendPhoneVerificationJob];

export const notificationSubscriptions: EventSubscription[] = [
  { event: 'auth.password-reset.requested', job: 'notifications.send-password-reset' },
  { event: EMAIL_VERIFICATION_EVENT, job: 'notifications.send-email-verification' },
  { event: PHONE_VERIFICATION_EVENT, job: 'notifications.send-phone-verification' },
];
