import type { Selectable } from 'kysely';
import { typed, type Db, type Tx } from '../../../core/db/database.js';
import type { ChannelKind, MessageStatus } from '../contract.js';
import type { NotificationsMessagesTable, NotificationsTables } from './tables.js';

const q = (db: Db | Tx) => typed<NotificationsTables>(db);

export type MessageRow = Selectable<NotificationsMessagesTable>;

export async function insertMessage(db: Db | Tx, row: MessageRow): Promise<void> {
  await q(db).insertInto('notifications_messages').values(row).execute();
}

/** True when a message with this dedupe key already went out (or was recorded) on the channel. */
export async function hasDeliveredMessage(db: Db | Tx, dedupeKey: string, channel: ChannelKind): Promise<boolean> {
  const row = await q(db)
    .selectFrom('notifications_messages')
    .select('id')
    .where('dedupe_key', '=', dedupeKey)
    .where('channel', '=', channel)
    .where('status', 'in', ['sent', 'recorded'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface MessageFilter {
  communeId?: string;
  channel?: ChannelKind;
  recipient?: string;
  template?: string;
  status?: MessageStatus;
}

function filtered(db: Db | Tx, filter: MessageFilter) {
  let select = q(db).selectFrom('notifications_messages');
  if (filter.communeId) select = select.where('commune_id', '=', filter.communeId);
  if (filter.channel) select = select.where('channel', '=', filter.channel);
  if (filter.recipient) select = select.where('recipient', '=', filter.recipient);
  if (filter.template) select = select.where('template', '=', filter.template);
  if (filter.status) select = select.where('status', '=', filter.status);
  return select;
}

/** Messages oldest first (tests, diagnostics). */
export async function findMessages(db: Db | Tx, filter: MessageFilter): Promise<MessageRow[]> {
  return filtered(db, filter).selectAll().orderBy('created_at').orderBy('id').execute();
}

/** A page of the delivery log, newest first. */
export async function findMessagesPage(db: Db | Tx, filter: MessageFilter, page: { limit: number; offset: number }): Promise<{ rows: MessageRow[]; total: number }> {
  const rows = await filtered(db, filter).selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
  const count = await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.count) };
}
