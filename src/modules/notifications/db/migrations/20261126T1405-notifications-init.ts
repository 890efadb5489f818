import type { Kysely } from 'kysely';
import { dialectOf, instantType } from '../../../../core/db/columns.js';

// The delivery log: one row per delivery attempt on any channel (also what dev adapters "send").
// `dedupe_key` lets at-least-once jobs skip a message already delivered.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  await db.schema
    .createTable('notifications_messages')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('commune_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addColumn('sent_at', instantType(dialect))
    .execute();
  await db.schema.createIndex('notifications_messages_commune_created').on('notifications_messages').columns(['commune_id', 'created_at']).execute();
  await db.schema.createIndex('notifications_messages_dedupe').on('notifications_messages').columns(['dedupe_key', 'channel']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications_messages').execute();
}
