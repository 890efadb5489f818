import { z } from 'zod';
import { pageOf, pageQuerySchema } from '../contract/paging.js';
import { normaliseVietnamesePhone } from '../contract/phone.js';
import { requiredField } from '../contract/validation.js';
import { locales, type Locale } from '../i18n/translate.js';
import { roleSchema } from './roles.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const DISPLAY_NAME_MAX = 120;
export const EMAIL_MAX = 254;
export const IDENTIFIER_MAX = 254;
export const TOTP_CODE_LENGTH = 6;
export const RESET_TOKEN_MAX = 200;
export const USER_SEARCH_MAX = 100;
export const GRANTS_MAX = 20;

/** Passwords people pick first; refused whatever their length (compared case-insensitively). */
export const COMMON_PASSWORDS: readonly string[] = [
  '1234567890', '12345678910', '0123456789', '1234512345', '1111111111', '0000000000', '1234567899',
  'qwertyuiop', 'password123', 'password1234', 'matkhau123', 'matkhau1234', 'abc1234567', 'iloveyou123',
  'qwerty12345', 'a123456789', 'asdfghjkl1', '1q2w3e4r5t', 'anhyeuem123', 'vietnam123', 'admin12345',
];

/** True when the password is one of the common ones (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.includes(password.trim().toLowerCase());
}

/**
 * True for passwords that are long only by repetition or a run (NIST SP 800-63B §5.1.1.2 asks to
 * refuse "repetitive or sequential characters"): fewer than 4 different characters ("aaaaaaaaaa",
 * "ababababab"), or one steady run up or down ("abcdefghij", "9876543210").
 */
export function isPredictablePassword(password: string): boolean {
  const characters = [...password.trim().toLowerCase()];
  if (new Set(characters).size < 4) return true;
  const steps = new Set<number>();
  for (let index = 1; index < characters.length; index += 1) steps.add(characters[index]!.codePointAt(0)! - characters[index - 1]!.codePointAt(0)!);
  return steps.size === 1 && Math.abs([...steps][0]!) === 1;
}

export const passwordSchema = z
  .string(requiredField('auth.errors.passwordRequired'))
  .min(PASSWORD_MIN_LENGTH, requiredField('auth.errors.passwordRequired'))
  .max(PASSWORD_MAX_LENGTH)
  .refine((value) => !isCommonPassword(value) && !isPredictablePassword(value), { message: 'auth.errors.passwordCommon' });

/** A Vietnamese phone in any accepted form, normalised to '0912345678'. */
export const phoneSchema = z
  .string()
  .trim()
  .max(20)
  .transform((value, context) => {
    const normalised = normaliseVietnamesePhone(value);
    if (normalised === null) {
      context.addIssue({ code: 'custom', message: 'auth.errors.phoneInvalid' });
      return z.NEVER;
    }
    return normalised;
  });

export const emailSchema = z
  .string(requiredField('auth.errors.emailRequired'))
  .trim()
  .min(1, requiredField('auth.errors.emailRequired'))
  .max(EMAIL_MAX)
  .pipe(z.email())
  .transform((value) => value.toLowerCase());

export const localeSchema = z.enum(locales);
export const totpCodeSchema = z.string().trim().regex(/^\d{6}$/, 'auth.errors.totpFormat');

export type IdentifierKind = 'email' | 'phone';

/**
 * Residents and staff sign in with an e-mail or a phone; both are stored normalised, so the same
 * person typing "+84 912 345 678" or "0912345678" reaches the same account and the same throttle.
 */
export function normaliseIdentifier(input: string): { kind: IdentifierKind; value: string } | null {
  const trimmed = input.trim();
  if (trimmed.includes('@')) {
    const parsed = z.email().safeParse(trimmed);
    return parsed.success ? { kind: 'email', value: trimmed.toLowerCase() } : null;
  }
  const phone = normaliseVietnamesePhone(trimmed);
  return phone ? { kind: 'phone', value: phone } : null;
}

export const signUpSchema = z
  .strictObject({
    displayName: z.string(requiredField('auth.errors.fullNameRequired')).trim().min(1, requiredField('auth.errors.fullNameRequired')).max(DISPLAY_NAME_MAX),
    phone: phoneSchema.optional(),
    email: emailSchema.optional(),
    password: passwordSchema,
    communeId: z.uuid().optional(),
    /** The resident's hamlet or residential group, from the commune's own list. */
    areaId: z.uuid().optional(),
    locale: localeSchema.optional(),
  })
  .superRefine((value, context) => {
    if (!value.phone && !value.email) context.addIssue({ code: 'custom', path: ['phone'], message: 'auth.errors.phoneOrEmailRequired' });
  });
export type SignUp = z.infer<typeof signUpSchema>;

export const signInSchema = z.strictObject({
  identifier: z.string(requiredField('auth.errors.identifierRequired')).trim().min(1, requiredField('auth.errors.identifierRequired')).max(IDENTIFIER_MAX),
  password: z.string(requiredField('auth.errors.passwordRequired')).min(1, requiredField('auth.errors.passwordRequired')).max(PASSWORD_MAX_LENGTH),
});
export type SignIn = z.infer<typeof signInSchema>;

/** The SMS code that proves a resident's phone is theirs: 6 digits (a space in the middle is allowed). */
export const PHONE_VERIFICATION_CODE_LENGTH = 6;
export const phoneVerificationSchema = z.strictObject({
  code: z
    .string(requiredField('auth.errors.phoneCodeRequired'))
    .trim()
    .min(1, requiredField('auth.errors.phoneCodeRequired'))
    .max(20, 'auth.errors.phoneCodeFormat')
    .regex(/^\d{3}\s?\d{3}$/, 'auth.errors.phoneCodeFormat'),
});
export type PhoneVerification = z.infer<typeof phoneVerificationSchema>;

/**
 * A full name as Vietnamese write it: one "Họ và tên" field (family, middle, given), never split;
 * spaces trimmed and runs of spaces made one, letters composed (NFC) so "Nguyễn" is stored one way.
 */
export const fullNameSchema = z
  .string(requiredField('auth.errors.fullNameRequired'))
  .transform((value) => value.normalize('NFC').replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, requiredField('auth.errors.fullNameRequired')).max(DISPLAY_NAME_MAX, { message: 'auth.errors.fullNameTooLong' }));

/** What `/tai-khoan` shows the resident about their own account. */
export interface AccountView {
  displayName: string;
  email: string | null;
  isEmailVerified: boolean;
  /** A new e-mail waiting for its owner to open the link mailed to it. */
  pendingEmail: string | null;
  phone: string | null;
  isPhoneVerified: boolean;
  locale: Locale;
}

/** The resident's own account page: change the name. */
export const changeNameSchema = z.strictObject({ displayName: fullNameSchema });
export type ChangeName = z.infer<typeof changeNameSchema>;

/** The resident's own account page: the language of the messages the account receives (e-mail, SMS). */
export const changeLocaleSchema = z.strictObject({ locale: z.enum(locales, requiredField('auth.errors.localeRequired')) });
export type ChangeLocale = z.infer<typeof changeLocaleSchema>;

/** Change the phone: normalised like sign-up ('+84 912 345 678' → '0912345678'). */
export const changePhoneSchema = z.strictObject({ phone: z.string(requiredField('auth.errors.phoneRequired')).pipe(phoneSchema) });
export type ChangePhone = z.infer<typeof changePhoneSchema>;

const currentPasswordSchema = z.string(requiredField('auth.errors.currentPasswordRequired')).min(1, requiredField('auth.errors.currentPasswordRequired')).max(PASSWORD_MAX_LENGTH);

/** Change the e-mail: the current password proves it is the owner asking, not whoever holds the session. */
export const changeEmailSchema = z.strictObject({ email: emailSchema, currentPassword: currentPasswordSchema });
export type ChangeEmail = z.infer<typeof changeEmailSchema>;

/** Change the password: the current one, and a new one held to the sign-up rules. */
export const changePasswordSchema = z.strictObject({ currentPassword: currentPasswordSchema, newPassword: passwordSchema });
export type ChangePassword = z.infer<typeof changePasswordSchema>;

export const totpSignInSchema = z.strictObject({ code: totpCodeSchema });
export type TotpSignIn = z.infer<typeof totpSignInSchema>;

export const signInResultSchema = z.object({ status: z.enum(['signed_in', 'totp_required']) });
export type SignInResult = z.infer<typeof signInResultSchema>;

export const passwordResetRequestSchema = z.strictObject({ email: emailSchema, locale: localeSchema.optional() });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const passwordResetConfirmSchema = z.strictObject({
  token: z.string().trim().min(1).max(RESET_TOKEN_MAX),
  password: passwordSchema,
});
export type PasswordResetConfirm = z.infer<typeof passwordResetConfirmSchema>;

export const messageResultSchema = z.object({ message: z.string() });

export const totpSetupResultSchema = z.object({ secret: z.string(), uri: z.string() });
export type TotpSetupResult = z.infer<typeof totpSetupResultSchema>;
export const totpCodeBodySchema = z.strictObject({ code: totpCodeSchema });
export const totpStatusSchema = z.object({ hasTotp: z.boolean() });

export const grantSchema = z.object({
  role: roleSchema,
  communeId: z.string(),
  unitId: z.string().nullable(),
  areaId: z.string().nullable(),
});

export const userKinds = ['staff', 'resident'] as const;

export const userSchema = z.object({
  id: z.string(),
  kind: z.enum(userKinds),
  communeId: z.string(),
  displayName: z.string(),
  homeAreaId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: localeSchema,
  notifyEmail: z.boolean(),
  notifySms: z.boolean(),
  isActive: z.boolean(),
  hasTotp: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const sessionResultSchema = z.object({ user: userSchema.nullable(), grants: z.array(grantSchema), csrfToken: z.string() });
export type SessionResult = z.infer<typeof sessionResultSchema>;

export const signUpResultSchema = z.object({ status: z.literal('signed_in'), user: userSchema });

// Admin management of accounts.
export const grantInputSchema = z.strictObject({
  role: roleSchema,
  unitId: z.uuid().nullable().optional(),
  areaId: z.uuid().nullable().optional(),
});
export type GrantInput = z.infer<typeof grantInputSchema>;

export const setGrantsSchema = z.strictObject({ grants: z.array(grantInputSchema).max(GRANTS_MAX) });
export type SetGrants = z.infer<typeof setGrantsSchema>;

export const createStaffUserSchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(DISPLAY_NAME_MAX),
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    password: passwordSchema,
    locale: localeSchema.optional(),
    grants: z.array(grantInputSchema).max(GRANTS_MAX).default([]),
  })
  .superRefine((value, context) => {
    if (!value.phone && !value.email) context.addIssue({ code: 'custom', path: ['email'], message: 'auth.errors.phoneOrEmailRequired' });
  });
export type CreateStaffUser = z.infer<typeof createStaffUserSchema>;

export const updateUserSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(DISPLAY_NAME_MAX).optional(),
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  locale: localeSchema.optional(),
  notifyEmail: z.boolean().optional(),
  notifySms: z.boolean().optional(),
  isActive: z.boolean().optional(),
});
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const listUsersQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(USER_SEARCH_MAX).optional(),
  kind: z.enum(userKinds).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const userWithGrantsSchema = userSchema.extend({ grants: z.array(grantSchema) });
export type UserWithGrants = z.infer<typeof userWithGrantsSchema>;
export const userPageSchema = pageOf(userSchema);
export const userIdParamsSchema = z.object({ id: z.uuid() });
