import type { ChannelKind, MessageStatus } from '../contract.js';

export interface NotificationsMessagesTable {
  id: string;
  commune_id: string | null;
  channel: ChannelKind;
  /** Personal data: stored for the delivery log, never logged. */
  recipient: string;
  subject: string | null;
  body: string;
  template: string;
  status: MessageStatus;
  /** Provider error with the recipient scrubbed out. */
  error: string | null;
  provider_id: string | null;
  dedupe_key: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface NotificationsTables {
  notifications_messages: NotificationsMessagesTable;
}
