import { fileURLToPath } from 'node:url';
import type { ModuleDescriptor } from '../../../core/module.js';
import en from '../messages/en.json' with { type: 'json' };
import vi from '../messages/vi.json' with { type: 'json' };
import { notificationJobs, notificationSubscriptions } from './jobs.js';
import { notificationsRoutes } from './routes.js';
import { notificationsStateOf } from './service.js';

export { findRecordedMessages, isAlreadyDelivered, registerTemplate, sendNotification, sendToUser, setDeliveryChannel, type DeliveryResult, type SendNotification, type SendToUser } from './service.js';
export { createRecordingChannel, createSmtpEmailChannel, type DeliveryChannel, type OutgoingMessage } from './channels.js';
export { builtInTemplates, type NotificationTemplate } from '../domain/templates.js';
export { maskRecipient } from '../domain/recipient.js';
export type { ChannelKind, MessageStatus } from '../contract.js';

/** Delivery channels, templates, the delivery log, and the jobs that turn events into messages. */
export const notificationsModule: ModuleDescriptor = {
  name: 'notifications',
  migrationsDir: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  permissions: { 'notifications.view-log': ['admin'] },
  messages: { vi, en },
  routes: notificationsRoutes,
  jobs: notificationJobs,
  subscriptions: notificationSubscriptions,
  init: (ctx) => {
    notificationsStateOf(ctx);
  },
};
