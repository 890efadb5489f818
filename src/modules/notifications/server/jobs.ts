import { z } from 'zod';
import { locales } from '../../../core/i18n/translate.js';
import { defineJob, type EventSubscription } from '../../../core/jobs/types.js';
import { sendNotification } from './service.js';

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

export const notificationJobs = [sendPasswordResetJob];

export const notificationSubscriptions: EventSubscription[] = [{ event: 'auth.password-reset.requested', job: 'notifications.send-password-reset' }];
