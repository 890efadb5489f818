import nodemailer from 'nodemailer';
import type { Locale } from '../../../core/i18n/translate.js';
import type { ChannelKind } from '../contract.js';

export interface OutgoingMessage {
  to: string;
  subject?: string;
  text: string;
  html?: string;
  locale: Locale;
}

/** Something that can deliver a rendered message to one address. */
export interface DeliveryChannel {
  kind: ChannelKind;
  /** True for development adapters that only keep the message in the delivery log. */
  isRecordingOnly?: boolean;
  send(message: OutgoingMessage): Promise<{ providerId?: string }>;
}

/** E-mail over SMTP (nodemailer); `smtpUrl` is `smtp://` or `smtps://`, with credentials if needed. */
export function createSmtpEmailChannel(options: { smtpUrl: string; from: string }): DeliveryChannel {
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    kind: 'email',
    async send(message) {
      const info = await transport.sendMail({ from: options.from, to: message.to, subject: message.subject ?? '', text: message.text, ...(message.html ? { html: message.html } : {}) });
      return { providerId: String(info.messageId ?? '') || undefined };
    },
  };
}

/**
 * A channel that delivers nothing: the notification service records the message in the delivery
 * log with status `recorded`. Used for SMS and Zalo until a provider is contracted, and for
 * e-mail when SMTP_URL is unset.
 */
export function createRecordingChannel(kind: ChannelKind): DeliveryChannel {
  return { kind, isRecordingOnly: true, send: async () => ({}) };
}
