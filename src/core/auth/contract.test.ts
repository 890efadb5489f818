import { describe, expect, it } from 'vitest';
import { zodIssuesToFieldErrors } from '../contract/validation.js';
import { changeEmailSchema, changeNameSchema, changePasswordSchema, changePhoneSchema, createStaffUserSchema, isCommonPassword, isPredictablePassword, normaliseIdentifier, passwordSchema, signUpSchema } from './contract.js';
import { findGrantShapeErrors } from './grant-rules.js';

describe('identifiers', () => {
  it('normalises phones and e-mails to one form', () => {
    expect(normaliseIdentifier('+84 912 345 678')).toEqual({ kind: 'phone', value: '0912345678' });
    expect(normaliseIdentifier('  An.Nguyen@Example.VN ')).toEqual({ kind: 'email', value: 'an.nguyen@example.vn' });
    expect(normaliseIdentifier('hello')).toBeNull();
    expect(normaliseIdentifier('bad@')).toBeNull();
  });
});

describe('password policy', () => {
  it('needs 10 to 128 characters and refuses common passwords', () => {
    expect(passwordSchema.safeParse('short').success).toBe(false);
    expect(passwordSchema.safeParse('x'.repeat(129)).success).toBe(false);
    expect(isCommonPassword('Password123')).toBe(true);
    const common = passwordSchema.safeParse('1234567890');
    expect(common.success).toBe(false);
    expect(zodIssuesToFieldErrors(common.error!.issues)).toEqual([{ field: '(body)', messageKey: 'auth.errors.passwordCommon' }]);
    expect(passwordSchema.safeParse('lúa-chín-vàng-đồng').success).toBe(true);
  });

  it('refuses passwords long only by repetition or a steady run', () => {
    for (const password of ['aaaaaaaaaa', 'ababababab', 'abcdefghij', '9876543210', 'ZYXWVUTSRQ']) {
      expect(isPredictablePassword(password), password).toBe(true);
      expect(passwordSchema.safeParse(password).success, password).toBe(false);
    }
    for (const password of ['NhuQuynh@2026', 'mot-mat-khau-dai', 'abcdefghik']) expect(isPredictablePassword(password), password).toBe(false);
  });
});

describe('sign-up schema', () => {
  it('normalises the phone and needs a phone or an e-mail', () => {
    expect(signUpSchema.parse({ displayName: 'Lan', phone: '0912.345.678', password: 'mot-mat-khau-dai' }).phone).toBe('0912345678');
    const missing = signUpSchema.safeParse({ displayName: 'Lan', password: 'mot-mat-khau-dai' });
    expect(zodIssuesToFieldErrors(missing.error!.issues)).toEqual([{ field: 'phone', messageKey: 'auth.errors.phoneOrEmailRequired' }]);
    const badPhone = signUpSchema.safeParse({ displayName: 'Lan', phone: '12345', password: 'mot-mat-khau-dai' });
    expect(zodIssuesToFieldErrors(badPhone.error!.issues)).toEqual([{ field: 'phone', messageKey: 'auth.errors.phoneInvalid' }]);
  });

  it('refuses unknown fields', () => {
    const result = signUpSchema.safeParse({ displayName: 'Lan', email: 'lan@example.vn', password: 'mot-mat-khau-dai', isAdmin: true });
    expect(zodIssuesToFieldErrors(result.error!.issues)).toEqual([{ field: 'isAdmin', messageKey: 'errors.field.unknown' }]);
  });

  it('staff creation defaults to no grants', () => {
    expect(createStaffUserSchema.parse({ displayName: 'Bình', email: 'binh@xa.gov.vn', password: 'mot-mat-khau-dai' }).grants).toEqual([]);
  });
});

describe('grant shape rules', () => {
  const unitId = '0190a3c4-0000-7000-8000-000000000001';
  const areaId = '0190a3c4-0000-7000-8000-000000000002';

  it('accepts well-formed staff grants', () => {
    expect(findGrantShapeErrors('staff', [{ role: 'officer', unitId }, { role: 'area_head', areaId }, { role: 'leader' }])).toEqual([]);
  });

  it('names each wrong field', () => {
    expect(findGrantShapeErrors('staff', [{ role: 'officer' }, { role: 'leader', areaId }, { role: 'resident' }, { role: 'leader' }, { role: 'leader' }])).toEqual([
      { field: 'grants.0.unitId', messageKey: 'auth.errors.grantUnitRequired' },
      { field: 'grants.1.areaId', messageKey: 'auth.errors.grantAreaNotAllowed' },
      { field: 'grants.2.role', messageKey: 'auth.errors.grantStaffOnly' },
      { field: 'grants.4.role', messageKey: 'auth.errors.grantDuplicate' },
    ]);
    expect(findGrantShapeErrors('resident', [{ role: 'admin' }])).toEqual([{ field: 'grants.0.role', messageKey: 'auth.errors.grantResidentOnly' }]);
  });
});

describe("the resident's own account forms", () => {
  it('keeps a full name as one field: spaces tidied, letters composed (NFC), 120 characters at most', () => {
    const decomposed = 'Nguye\u0302\u0303n  Thi\u0323   Lan '.normalize('NFD');
    expect(changeNameSchema.parse({ displayName: decomposed }).displayName).toBe('Nguyễn Thị Lan');
    expect(changeNameSchema.parse({ displayName: decomposed }).displayName).toBe('Nguyễn Thị Lan'.normalize('NFC'));
    expect(zodIssuesToFieldErrors(changeNameSchema.safeParse({ displayName: '   ' }).error!.issues)).toEqual([{ field: 'displayName', messageKey: 'auth.errors.fullNameRequired' }]);
    expect(zodIssuesToFieldErrors(changeNameSchema.safeParse({ displayName: 'a'.repeat(121) }).error!.issues)[0]!.messageKey).toBe('auth.errors.fullNameTooLong');
  });

  it('normalises a new phone like sign-up and requires the current password for an e-mail or password change', () => {
    expect(changePhoneSchema.parse({ phone: '+84 912 345 678' }).phone).toBe('0912345678');
    expect(changePhoneSchema.safeParse({ phone: '0912 34' }).success).toBe(false);
    expect(zodIssuesToFieldErrors(changePhoneSchema.safeParse({}).error!.issues)[0]!.messageKey).toBe('auth.errors.phoneRequired');
    expect(changeEmailSchema.parse({ email: ' An@Example.VN ', currentPassword: 'x' }).email).toBe('an@example.vn');
    expect(zodIssuesToFieldErrors(changeEmailSchema.safeParse({ email: 'an@example.vn' }).error!.issues)[0]).toMatchObject({ field: 'currentPassword', messageKey: 'auth.errors.currentPasswordRequired' });
    expect(changePasswordSchema.safeParse({ currentPassword: 'x', newPassword: '1234567890' }).success).toBe(false);
  });
});
