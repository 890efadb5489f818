import { sql, type Kysely } from 'kysely';
import { dialectOf, instantType } from '../../../../core/db/columns.js';

// Cases: categories, case items, timeline, attachments, followers, supervision notes, settings and
// Open311 clients. Every table leads its keys with commune_id. Portable: SQLite and PostgreSQL.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const instant = instantType(dialect);
  const real = sql`double precision`;

  await db.schema
    .createTable('cases_categories')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description_vi', 'text')
    .addColumn('description_en', 'text')
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('papi_dimension', 'text', (c) => c.notNull())
    .addColumn('papi_subdimension', 'text')
    .addColumn('default_unit_id', 'text')
    .addColumn('deadline_overrides', 'text')
    .addColumn('is_public_open311', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('cases_categories_pk', ['commune_id', 'id'])
    .addUniqueConstraint('cases_categories_code_unique', ['commune_id', 'code'])
    .execute();

  await db.schema
    .createTable('cases_items')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('area_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('privacy', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('latitude', real)
    .addColumn('longitude', real)
    .addColumn('submitter_user_id', 'text')
    .addColumn('submitter_name', 'text')
    .addColumn('submitter_email', 'text')
    .addColumn('submitter_phone', 'text')
    .addColumn('submitter_address', 'text')
    .addColumn('wants_notifications', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sealed_identity', 'text')
    .addColumn('access_secret_hash', 'text')
    .addColumn('assigned_unit_id', 'text')
    .addColumn('assigned_officer_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('rule_ref', 'text')
    .addColumn('acceptance_due_at', instant)
    .addColumn('due_at', instant)
    .addColumn('step_due_at', instant)
    .addColumn('is_overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered_at', instant)
    .addColumn('closed_at', instant)
    .addColumn('rating_score', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('reopened_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_into_case_id', 'text')
    .addColumn('answer_draft', 'text')
    .addColumn('answer_text', 'text')
    // Lets a status lookup skip the attachments query for the (many) cases without any.
    .addColumn('attachment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answer_approved_by', 'text')
    .addColumn('qa_published_at', instant)
    .addColumn('qa_question', 'text')
    .addColumn('qa_answer', 'text')
    .addColumn('qa_search_text', 'text')
    .addColumn('received_at', instant, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('cases_items_pk', ['commune_id', 'id'])
    .execute();
  await db.schema.createIndex('cases_items_status_due_idx').on('cases_items').columns(['commune_id', 'status', 'due_at']).execute();
  await db.schema.createIndex('cases_items_unit_idx').on('cases_items').columns(['commune_id', 'assigned_unit_id', 'status']).execute();
  await db.schema.createIndex('cases_items_area_category_idx').on('cases_items').columns(['commune_id', 'area_id', 'category_id', 'status']).execute();
  await db.schema.createIndex('cases_items_received_idx').on('cases_items').columns(['commune_id', 'received_at']).execute();
  // Partial: only published answers are indexed, so a new case never touches this index.
  await db.schema.createIndex('cases_items_qa_idx').on('cases_items').columns(['commune_id', 'qa_published_at']).where('qa_published_at', 'is not', null).execute();

  await db.schema
    .createTable('cases_timeline')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('at', instant, (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('public_note', 'text')
    .addColumn('internal_note', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cases_timeline_pk', ['commune_id', 'id'])
    .execute();
  await db.schema.createIndex('cases_timeline_case_idx').on('cases_timeline').columns(['commune_id', 'case_id', 'at']).execute();

  await db.schema
    .createTable('cases_attachments')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('cases_attachments_pk', ['commune_id', 'id'])
    .execute();
  await db.schema.createIndex('cases_attachments_case_idx').on('cases_attachments').columns(['commune_id', 'case_id']).execute();

  await db.schema
    .createTable('cases_followers')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('cases_followers_pk', ['commune_id', 'case_id', 'id'])
    .execute();

  await db.schema
    .createTable('cases_supervision_notes')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('resolved_at', instant)
    .addPrimaryKeyConstraint('cases_supervision_notes_pk', ['commune_id', 'id'])
    .execute();
  await db.schema.createIndex('cases_supervision_notes_case_idx').on('cases_supervision_notes').columns(['commune_id', 'case_id']).execute();

  await db.schema
    .createTable('cases_settings')
    .addColumn('commune_id', 'text', (c) => c.primaryKey())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cases_open311_clients')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('api_key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('cases_open311_clients_pk', ['commune_id', 'id'])
    .execute();
}
