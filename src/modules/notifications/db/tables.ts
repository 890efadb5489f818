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

/**
 * The columns of core/auth's `auth_users` this module reads, only in `findUserContact`: the auth
 * part exposes no contact read function yet.
 */
export interface UserContactView {
  auth_users: { id: string; commune_id: string; email: string | null; phone: string | null; locale: string; notify_email: number; notify_sms: number; is_active: number };
}
