import type { AppContext } from '../context.js';
import { DomainError } from '../contract/errors.js';
import { newId } from '../contract/ids.js';
import { normaliseVietnamesePhone } from '../contract/phone.js';
import type { Tx } from '../db/database.js';
import type { Locale } from '../i18n/translate.js';
import { hashPassword } from './password.js';
import { findTakenContacts, insertGrants, insertUser } from './repository.js';
import type { Role } from './roles.js';

export interface NewUserInput {
  /** Home commune; grants without their own commune are given here. */
  communeId: string;
  displayName: string;
  /** The resident's hamlet or residential group (checked against the commune's areas by the caller). */
  homeAreaId?: string | null;
  email?: string | null;
  phone?: string | null;
  /** Omitted: the account cannot sign in until a password reset. */
  password?: string;
  locale?: Locale;
  isDemo?: boolean;
  /** When the owner proved the e-mail is theirs (seeds and tests); a sign-up leaves it unset until the link is opened. */
  emailVerifiedAt?: string | null;
  /** When the owner proved the phone is theirs (seeds and tests); a sign-up leaves it unset until the SMS code is typed. */
  phoneVerifiedAt?: string | null;
  grants?: ReadonlyArray<{ role: Role; unitId?: string | null; areaId?: string | null; communeId?: string }>;
}

/** Insert a staff account with its grants (no audit: the caller audits, the demo seed needs none). */
export function createStaffUser(tx: Tx, ctx: AppContext, input: NewUserInput): Promise<string> {
  return createUser(tx, ctx, 'staff', input);
}

/** Insert a resident account; without explicit grants it gets `resident` in its home commune. */
export function createResidentUser(tx: Tx, ctx: AppContext, input: NewUserInput): Promise<string> {
  return createUser(tx, ctx, 'resident', { ...input, grants: input.grants ?? [{ role: 'resident' }] });
}

async function createUser(tx: Tx, ctx: AppContext, kind: 'staff' | 'resident', input: NewUserInput): Promise<string> {
  const email = input.email ? input.email.trim().toLowerCase() : null;
  const phone = input.phone ? normaliseVietnamesePhone(input.phone) : null;
  if (input.phone && !phone) throw new DomainError('validation', 'errors.validation', {}, [{ field: 'phone', messageKey: 'auth.errors.phoneInvalid' }]);
  const taken = await findTakenContacts(tx, { email, phone });
  if (taken.length > 0) throw new DomainError('conflict', 'auth.errors.accountExists', {}, taken.map((field) => ({ field, messageKey: `auth.errors.${field}Taken` })));
  const now = ctx.clock();
  const at = now.toISOString();
  const id = newId(now.getTime());
  await insertUser(tx, {
    commune_id: input.communeId,
    id,
    kind,
    display_name: input.displayName.trim(),
    home_area_id: input.homeAreaId ?? null,
    email,
    phone,
    password_hash: input.password ? await hashPassword(input.password) : null,
    totp_secret_sealed: null,
    totp_pending_secret_sealed: null,
    totp_last_step: null,
    locale: input.locale ?? 'vi',
    is_demo: input.isDemo ? 1 : 0,
    last_sign_in_at: null,
    email_verified_at: email ? (input.emailVerifiedAt ?? null) : null,
    phone_verified_at: phone ? (input.phoneVerifiedAt ?? null) : null,
    created_at: at,
    updated_at: at,
  });
  const grants = (input.grants ?? []).map((grant) => ({ role: grant.role, communeId: grant.communeId ?? input.communeId, unitId: grant.unitId ?? null, areaId: grant.areaId ?? null }));
  await insertGrants(tx, id, grants, at);
  return id;
}
