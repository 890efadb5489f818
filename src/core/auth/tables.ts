import type { Generated } from 'kysely';
import type { Role } from './roles.js';

export interface AuthUsersTable {
  commune_id: string;
  id: string;
  kind: 'staff' | 'resident';
  display_name: string;
  home_area_id: string | null;
  email: string | null;
  phone: string | null;
  /** Diacritic-folded name, e-mail and phone, so search works the same on both dialects. */
  search_text: string;
  password_hash: string | null;
  totp_secret_sealed: string | null;
  totp_pending_secret_sealed: string | null;
  /** The last TOTP time step accepted, so a code cannot be replayed. */
  totp_last_step: number | null;
  locale: Generated<string>;
  notify_email: Generated<number>;
  notify_sms: Generated<number>;
  is_demo: Generated<number>;
  is_active: Generated<number>;
  last_sign_in_at: string | null;
  /** When the owner of `email` opened a verification link mailed to it; NULL until then and after a change. */
  email_verified_at: string | null;
  /** When the owner of `phone` typed a code sent to it by SMS; NULL until then and after a change. */
  phone_verified_at: string | null;
  /** A new e-mail the resident asked for: it replaces `email` only once a link mailed to it is opened. */
  pending_email: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface AuthRoleGrantsTable {
  commune_id: string;
  id: string;
  user_id: string;
  role: Role;
  unit_id: string | null;
  area_id: string | null;
  created_at: string;
}

export type SessionStage = 'active' | 'totp_pending';

export interface AuthSessionsTable {
  commune_id: string;
  id: string;
  token_hash: string;
  user_id: string;
  stage: SessionStage;
  failed_attempts: Generated<number>;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface AuthLoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: string;
  next_allowed_at: string | null;
  locked_until: string | null;
}

export interface AuthPasswordResetTokensTable {
  commune_id: string;
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuthEmailVerificationTokensTable {
  commune_id: string;
  id: string;
  token_hash: string;
  user_id: string;
  /** The address this link proves: a requested new e-mail; NULL for the account's current one. */
  email: Generated<string | null>;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuthPhoneVerificationCodesTable {
  commune_id: string;
  id: string;
  /** HMAC of the 6-digit code (keyed, with the row id): never the code itself. */
  code_hash: string;
  user_id: string;
  /** Tries made against this code, the right one included; at PHONE_VERIFICATION_MAX_ATTEMPTS it is void. */
  attempts: Generated<number>;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuthTables {
  auth_users: AuthUsersTable;
  auth_role_grants: AuthRoleGrantsTable;
  auth_sessions: AuthSessionsTable;
  auth_login_throttle: AuthLoginThrottleTable;
  auth_password_reset_tokens: AuthPasswordResetTokensTable;
  auth_email_verification_tokens: AuthEmailVerificationTokensTable;
  auth_phone_verification_codes: AuthPhoneVerificationCodesTable;
}
