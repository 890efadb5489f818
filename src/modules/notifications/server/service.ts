import { findUserContact } from '../../../core/auth/index.js';
import type { Actor } from '../../../core/auth/roles.js';
import type { AppContext } from '../../../core/context.js';
import { newId } from '../../../core/contract/ids.js';
import { isLocale, type Locale } from '../../../core/i18n/translate.js';
import type { ChannelKind, DeliveryLogPage, ListDeliveryLogQuery, MessageStatus } from '../contract.js';
import * as repository from '../db/repository.js';
import { maskRecipient, scrubRecipient } from '../domain/recipient.js';
import { toSmsText } from '../domain/sms-text.js';
import { builtInTemplates, renderTemplate, type NotificationTemplate } from '../domain/templates.js';
import { createRecordingChannel, createSmtpEmailChannel, type DeliveryChannel } from './channels.js';

/** Per-context state: the template registry and the channel per kind (kept in ctx.services). */
interface NotificationsState {
  templates: Map<string, NotificationTemplate>;
  channels: Map<ChannelKind, DeliveryChannel>;
}

const STATE_SERVICE = 'notifications';

function createState(ctx: AppContext): NotificationsState {
  const templates = new Map(builtInTemplates.map((template) => [template.key, template]));
  const channels = new Map<ChannelKind, DeliveryChannel>();
  if (ctx.config.smtpUrl) {
    channels.set('email', createSmtpEmailChannel({ smtpUrl: ctx.config.smtpUrl, from: ctx.config.mailFrom }));
  } else {
    ctx.logger.info('SMTP_URL is not set: e-mails are recorded in the delivery log, not sent');
    channels.set('email', createRecordingChannel('email'));
  }
  channels.set('sms', createRecordingChannel('sms'));
  channels.set('zalo', createRecordingChannel('zalo'));
  return { templates, channels };
}

/** The module's state for this context, created on first use (normally by the descriptor's init). */
export function notificationsStateOf(ctx: AppContext): NotificationsState {
  try {
    return ctx.services.get<NotificationsState>(STATE_SERVICE);
  } catch {
    const state = createState(ctx);
    ctx.services.provide(STATE_SERVICE, state);
    return state;
  }
}

/** Add a module's template; a key registered twice is a programming error. */
export function registerTemplate(ctx: AppContext, template: NotificationTemplate): void {
  const { templates } = notificationsStateOf(ctx);
  if (templates.has(template.key)) throw new Error(`Notification template ${template.key} registered twice`);
  templates.set(template.key, template);
}

/** Replace the channel of one kind (a contracted SMS provider, or a test double). */
export function setDeliveryChannel(ctx: AppContext, channel: DeliveryChannel): void {
  notificationsStateOf(ctx).channels.set(channel.kind, channel);
}

export interface SendNotification {
  communeId: string | null;
  /** Who the message is about, for callers' bookkeeping; addresses come from `to`. */
  userId?: string;
  to?: { email?: string | null; phone?: string | null };
  /** The resident's opt-outs (their account's e-mail / SMS notification settings turned off); `sms` covers Zalo too. */
  optOut?: { email?: boolean; sms?: boolean };
  template: string;
  params: Record<string, string | number>;
  locale: Locale;
  /** Defaults to e-mail when an address is known, otherwise SMS. */
  channels?: ChannelKind[];
  /** At-least-once jobs pass a stable key (e.g. the event id) so a retry never sends twice. */
  dedupeKey?: string;
  /**
   * What the delivery log stores instead of the address, for a recipient whose contact is sealed
   * (a denouncer's, LAW-DENUNC-11/12): the address is used for this one delivery and kept nowhere.
   */
  logRecipientAs?: string;
}

export interface DeliveryResult {
  channel: ChannelKind;
  status: MessageStatus | 'skipped';
  reason?: 'no-address' | 'opted-out' | 'already-delivered';
  messageId?: string;
}

function defaultChannels(to: SendNotification['to']): ChannelKind[] {
  if (to?.email) return ['email'];
  if (to?.phone) return ['sms'];
  return [];
}

/**
 * Render a template and deliver it on each channel, recording every attempt in the delivery log.
 * Opt-outs are honoured unless the template is always sent (password reset). Never throws for a
 * provider failure: the result says `failed`, and the caller (a job) decides whether to retry.
 */
export async function sendNotification(ctx: AppContext, input: SendNotification): Promise<DeliveryResult[]> {
  const state = notificationsStateOf(ctx);
  const template = state.templates.get(input.template);
  if (!template) throw new Error(`Unknown notification template ${input.template}`);
  const rendered = renderTemplate(template, input.locale, input.params);
  const results: DeliveryResult[] = [];
  for (const kind of input.channels ?? defaultChannels(input.to)) {
    const recipient = (kind === 'email' ? input.to?.email : input.to?.phone) ?? '';
    const isOptedOut = kind === 'email' ? input.optOut?.email === true : input.optOut?.sms === true;
    if (!recipient) {
      results.push({ channel: kind, status: 'skipped', reason: 'no-address' });
    } else if (isOptedOut && !template.isAlwaysSent) {
      results.push({ channel: kind, status: 'skipped', reason: 'opted-out' });
    } else if (input.dedupeKey && (await repository.hasDeliveredMessage(ctx.db, input.dedupeKey, kind))) {
      results.push({ channel: kind, status: 'skipped', reason: 'already-delivered' });
    } else {
      results.push(await deliver(ctx, state.channels.get(kind)!, template, { ...input, recipient, rendered }));
    }
  }
  return results;
}

async function deliver(
  ctx: AppContext,
  channel: DeliveryChannel,
  template: NotificationTemplate,
  message: SendNotification & { recipient: string; rendered: ReturnType<typeof renderTemplate> },
): Promise<DeliveryResult> {
  const id = newId();
  const isEmail = channel.kind === 'email';
  // SMS stays in GSM-7 (templates are unaccented; inserted values such as the status label are folded too).
  const text = isEmail ? message.rendered.text : channel.kind === 'sms' ? toSmsText(message.rendered.short) : message.rendered.short;
  let status: MessageStatus;
  let error: string | null = null;
  let providerId: string | null = null;
  try {
    const sent = await channel.send({ to: message.recipient, subject: isEmail ? message.rendered.subject : undefined, text, locale: message.locale });
    providerId = sent.providerId ?? null;
    status = channel.isRecordingOnly ? 'recorded' : 'sent';
  } catch (cause) {
    status = 'failed';
    error = scrubRecipient(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause), message.recipient).slice(0, 500);
    // Never log the recipient or the body.
    ctx.logger.warn({ messageId: id, channel: channel.kind, template: template.key, error }, 'notification delivery failed');
  }
  const now = ctx.clock().toISOString();
  await repository.insertMessage(ctx.db, {
    id,
    commune_id: message.communeId,
    channel: channel.kind,
    recipient: message.logRecipientAs ?? message.recipient,
    subject: isEmail ? message.rendered.subject : null,
    // A secret link leaves the log once a real provider carried it; dev recorders keep it to be usable.
    body: template.isSensitive && !channel.isRecordingOnly ? '[redacted]' : text,
    template: template.key,
    status,
    error,
    provider_id: providerId,
    dedupe_key: message.dedupeKey ?? null,
    created_at: now,
    sent_at: status === 'failed' ? null : now,
  });
  return { channel: channel.kind, status, messageId: id };
}

/**
 * True when a message with this dedupe key already went out (or was recorded) on every one of the
 * channels, so a caller can skip work such as opening a sealed contact for a retried job.
 */
export async function isAlreadyDelivered(ctx: AppContext, dedupeKey: string, channels: readonly ChannelKind[]): Promise<boolean> {
  for (const channel of channels) {
    if (!(await repository.hasDeliveredMessage(ctx.db, dedupeKey, channel))) return false;
  }
  return channels.length > 0;
}

export type SendToUser = Omit<SendNotification, 'to' | 'optOut' | 'userId' | 'locale' | 'communeId' | 'logRecipientAs'> & { locale?: Locale; communeId?: string | null };

/**
 * Send to a user's stored addresses, in their language, honouring their opt-outs. The phone gets SMS
 * only once its owner proved it theirs (a resident types any number at sign-up; until verified it may
 * be a stranger's), so an unverified phone is skipped as no address.
 */
export async function sendToUser(ctx: AppContext, userId: string, input: SendToUser): Promise<DeliveryResult[]> {
  const contact = await findUserContact(ctx.db, userId);
  if (!contact || !contact.isActive) return (input.channels ?? ['email']).map((channel) => ({ channel, status: 'skipped', reason: 'no-address' }));
  return sendNotification(ctx, {
    ...input,
    communeId: input.communeId === undefined ? contact.communeId : input.communeId,
    userId,
    to: { email: contact.email, phone: contact.isPhoneVerified ? contact.phone : null },
    optOut: { email: !contact.notifyEmail, sms: !contact.notifySms },
    locale: input.locale ?? (isLocale(contact.locale) ? contact.locale : 'vi'),
  });
}

/** Messages in the delivery log, oldest first (what the SMS/Zalo dev adapters "sent"). */
export async function findRecordedMessages(db: AppContext['db'], filter: repository.MessageFilter = {}) {
  const rows = await repository.findMessages(db, filter);
  return rows.map((row) => ({
    id: row.id,
    communeId: row.commune_id,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    template: row.template,
    status: row.status,
    error: row.error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  }));
}

/** The admin's view of the commune's delivery log: masked recipients, no bodies. */
export async function listDeliveryLog(ctx: AppContext, actor: Actor, query: ListDeliveryLogQuery): Promise<DeliveryLogPage> {
  const { rows, total } = await repository.findMessagesPage(
    ctx.db,
    { communeId: actor.communeId, channel: query.channel, status: query.status, template: query.template },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      recipient: maskRecipient(row.recipient),
      template: row.template,
      subject: row.subject,
      status: row.status,
      error: row.error,
      createdAt: row.created_at,
      sentAt: row.sent_at,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
