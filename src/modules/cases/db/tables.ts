/** Kysely table interfaces of the cases module (its own tables only). */
import type { ColumnType } from 'kysely';


export interface CasesCategoriesTable {
  commune_id: string;
  id: string;
  code: string;
  name_vi: string;
  name_en: string;
  description_vi: string | null;
  description_en: string | null;
  /** JSON array of CaseKind. */
  kinds: string;
  papi_dimension: string;
  papi_subdimension: string | null;
  default_unit_id: string | null;
  /** JSON CategoryDeadlineOverride[] or null. */
  deadline_overrides: string | null;
  is_public_open311: number;
  sort_order: number;
  is_active: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface CasesItemsTable {
  commune_id: string;
  id: string;
  code: string;
  kind: string;
  category_id: string;
  area_id: string | null;
  channel: string;
  privacy: string;
  status: string;
  title: string;
  description: string;
  /** Folded title + description + code + address; never identity (LAW-DENUNC-11). */
  search_text: string;
  /**
   * Sealed kinds only (LAW-DENUNC-12): the folded text as those who may not open the identity see it,
   * personal data cut out of the description (equal to `search_text` when nothing was cut). Null for
   * the other kinds, whose `search_text` everyone searches; null on a sealed case means not computed
   * yet (filed before intake wrote it): the job `cases.backfill-masked-search-text` fills it.
   */
  masked_search_text: string | null;
  address: string | null;
  /** Open311 `address_id` as the partner sent it (a key in their address register); null from other channels. */
  address_id: string | null;
  /** Open311 `media_url` as the partner sent it (http/https link to a photo they host, never fetched); null from other channels. */
  media_url: string | null;
  /** LAW-DENUNC-12: `<words>.<mac>` of a sealed submitter's declared name (server/use-cases/sealed-name.ts), never the name; null otherwise. */
  sealed_name_digest: string | null;
  latitude: number | null;
  longitude: number | null;
  submitter_user_id: string | null;
  submitter_name: string | null;
  submitter_email: string | null;
  submitter_phone: string | null;
  submitter_address: string | null;
  wants_notifications: number;
  /** The language the resident submitted in ('vi' | 'en'): their messages are written in it. */
  locale: ColumnType<string, string | undefined, string>;
  /** FieldVault ciphertext (context = case id) of the denouncer's identity. */
  sealed_identity: string | null;
  access_secret_hash: string | null;
  assigned_unit_id: string | null;
  assigned_officer_id: string | null;
  /** JSON of the domain CaseState. */
  state: string;
  /** JSON of the deadline rules in force at receipt (LAW-BASE-07). */
  rule_ref: string | null;
  acceptance_due_at: string | null;
  due_at: string | null;
  step_due_at: string | null;
  is_overdue: number;
  answered_at: string | null;
  closed_at: string | null;
  rating_score: number | null;
  rating_comment: string | null;
  reopened_count: number;
  merged_into_case_id: string | null;
  answer_draft: string | null;
  answer_text: string | null;
  attachment_count: ColumnType<number, number | undefined, number>;
  answer_approved_by: string | null;
  qa_published_at: string | null;
  qa_question: string | null;
  qa_answer: string | null;
  qa_search_text: string | null;
  received_at: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CasesTimelineTable {
  commune_id: string;
  id: string;
  case_id: string;
  at: string;
  event: string;
  actor_user_id: string | null;
  is_public: number;
  public_note: string | null;
  internal_note: string | null;
  payload: string;
}

export interface CasesAttachmentsTable {
  commune_id: string;
  id: string;
  case_id: string;
  storage_key: string;
  file_name: string;
  content_type: string;
  byte_size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  is_public: number;
  uploaded_by: string | null;
  created_at: string;
}

export interface CasesFollowersTable {
  commune_id: string;
  case_id: string;
  id: string;
  user_id: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
  /** When this follower stopped the case's messages from the link in one (never sent to again). */
  stopped_at: string | null;
  /** When the address's owner confirmed the follow (double opt-in, LAW-PDP-05); null: no messages yet. */
  confirmed_at: string | null;
  /** When a pending confirmation lapses (the row is then swept); null once confirmed or when none was needed. */
  confirm_expires_at: string | null;
  /** The language of the page the follow came from ('vi' | 'en'): their messages are written in it. */
  locale: ColumnType<string, string | undefined, string>;
}

/** A signed-in resident's request to follow with an unverified account e-mail (the follow is the address's row). */
export interface CasesFollowRequestsTable {
  commune_id: string;
  id: string;
  case_id: string;
  user_id: string;
  created_at: string;
  /** The end of the confirmation period: the request is listed as pending until then. */
  expires_at: string;
}

export interface CasesSupervisionNotesTable {
  commune_id: string;
  id: string;
  case_id: string;
  author_user_id: string;
  kind: string;
  body: string;
  created_at: string;
  /** When the supervisor closed the flag. */
  resolved_at: string | null;
  /** Flags only: awaiting_answer | answered | closed (null for notes). */
  status: string | null;
  answer_due_at: string | null;
  answer_body: string | null;
  answered_at: string | null;
  answered_by_user_id: string | null;
  review_comment: string | null;
  resolved_by_user_id: string | null;
}

export interface CasesSettingsTable {
  commune_id: string;
  settings: string;
  updated_at: string;
}

export interface CasesOpen311ClientsTable {
  commune_id: string;
  id: string;
  name: string;
  /** The name folded (case, diacritics, spacing ignored), unique among a commune's active clients. */
  name_key: string;
  api_key_hash: string;
  is_active: number;
  is_demo: number;
  created_at: string;
}

/**
 * The public status read model: what `GET /api/v1/cases/{code}` shows an anonymous reader,
 * refreshed in the transaction of every write that changes it (see server/public-status.ts).
 */
export interface CasesPublicStatusTable {
  code: string;
  commune_id: string;
  case_id: string;
  status: string;
  is_overdue: number;
  /** The resolution due date (overdue is decided when read). */
  due_at: string | null;
  /** The acceptance due date: while `received`, overdue once it has passed (decided when read; LAW-DENUNC-02). Null in rows from before it was kept. */
  acceptance_due_at: string | null;
  /** An open pause moves the due date every day: such cases are computed when read. */
  is_paused: number;
  category_id: string;
  area_id: string | null;
  assigned_unit_id: string | null;
  /** The category, area and unit names the stored views were rendered with (a rename makes them stale). */
  names_vi: string;
  /** The anonymous PublicCaseView as UTF-8 JSON, with `"isOverdue":false` (decided when read). */
  view_vi: Buffer;
  updated_at: string;
}

export interface CasesTables {
  cases_public_status: CasesPublicStatusTable;
  cases_categories: CasesCategoriesTable;
  cases_items: CasesItemsTable;
  cases_timeline: CasesTimelineTable;
  cases_attachments: CasesAttachmentsTable;
  cases_followers: CasesFollowersTable;
  cases_follow_requests: CasesFollowRequestsTable;
  cases_supervision_notes: CasesSupervisionNotesTable;
  cases_settings: CasesSettingsTable;
  cases_open311_clients: CasesOpen311ClientsTable;
}
