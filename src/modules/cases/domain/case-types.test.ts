import { describe, expect, it } from 'vitest';
import { CASE_KINDS, caseKindPolicies, findMissingIdentityFields, getCaseKindPolicy, isPrivacyChoiceAllowed } from './case-types.js';
import { isRefusalGroundValid, RECEPTION_OUTCOMES, refusalGroundLabel, refusalGrounds, refusalGroundsFor, refusalNoteIn } from './refusal-grounds.js';

describe('case kinds and identity rules', () => {
  it('LAW-PAKN-03: feedback is never anonymous but the name may be hidden from the public', () => {
    expect(isPrivacyChoiceAllowed('feedback', 'anonymous')).toBe(false);
    expect(isPrivacyChoiceAllowed('feedback', 'handler_only')).toBe(true);
    expect(findMissingIdentityFields('feedback', 'handler_only', { fullName: 'An', address: ' ' , phone: '0912345678' })).toEqual(['address']);
  });

  it('questions may be anonymous', () => {
    expect(isPrivacyChoiceAllowed('question', 'anonymous')).toBe(true);
    expect(findMissingIdentityFields('question', 'anonymous', {})).toEqual([]);
  });

  it('LAW-COMPLAINT-01: complaints require name and address', () => {
    expect(getCaseKindPolicy('complaint').isAnonymityAllowed).toBe(false);
    expect(findMissingIdentityFields('complaint', 'handler_only', {})).toEqual(['fullName', 'address']);
    // Choosing "anonymous" for a kind that forbids it does not waive the requirement.
    expect(findMissingIdentityFields('complaint', 'anonymous', {})).toEqual(['fullName', 'address']);
  });

  it('LAW-DENUNC-01/11: denunciations require identity and always seal it', () => {
    const policy = getCaseKindPolicy('denunciation');
    expect(policy).toMatchObject({ isAnonymityAllowed: false, isIdentitySealed: true, allowedPrivacy: ['handler_only'] });
    expect(findMissingIdentityFields('denunciation', 'handler_only', { fullName: 'B', address: 'Xóm 3' })).toEqual([]);
    // The address is required and is also a way to reach the sender: one error, not "address" and "contact".
    expect(findMissingIdentityFields('denunciation', 'handler_only', { fullName: 'B' })).toEqual(['address']);
    expect(findMissingIdentityFields('feedback', 'handler_only', {})).toEqual(['fullName', 'address']);
  });

  it('LAW-DENUNC-04: corruption reports are anonymous and never ask for identity', () => {
    expect(getCaseKindPolicy('corruption_report')).toMatchObject({ isAnonymityAllowed: true, isIdentityAsked: false, allowedPrivacy: ['anonymous'] });
  });

  it('every kind has a consistent policy', () => {
    for (const kind of CASE_KINDS) {
      const policy = caseKindPolicies[kind];
      expect(policy.allowedPrivacy).toContain(policy.defaultPrivacy);
      expect(policy.allowedPrivacy.includes('anonymous')).toBe(policy.isAnonymityAllowed);
    }
  });
});

describe('refusal grounds', () => {
  it('LAW-COMPLAINT-05 lists exactly 9 complaint grounds', () => {
    expect(refusalGroundsFor('complaint').filter((ground) => ground.legalRef === 'LAW-COMPLAINT-05')).toHaveLength(9);
  });

  it('every kind and reception has grounds with vi + en labels and unique codes', () => {
    for (const subject of [...CASE_KINDS, 'reception'] as const) expect(refusalGroundsFor(subject).length).toBeGreaterThan(0);
    for (const ground of refusalGrounds) {
      expect(ground.labelVi).not.toBe('');
      expect(ground.labelEn).not.toBe('');
    }
    expect(new Set(refusalGrounds.map((ground) => ground.code)).size).toBe(refusalGrounds.length);
  });

  it('validates grounds per kind', () => {
    expect(isRefusalGroundValid('complaint', 'complaint_unsigned')).toBe(true);
    expect(isRefusalGroundValid('feedback', 'complaint_unsigned')).toBe(false);
    expect(isRefusalGroundValid('denunciation', 'denunciation_anonymous')).toBe(true);
  });

  it('LAW-PAKN-03: a refusal ground reads in the reader\'s language; other notes stay as written', () => {
    const ground = refusalGroundsFor('feedback')[0]!;
    expect(refusalGroundLabel(ground, 'en')).toBe(ground.labelEn);
    expect(refusalGroundLabel(ground, 'vi')).toBe(ground.labelVi);
    expect(refusalNoteIn(ground.labelVi, 'en')).toBe(ground.labelEn);
    expect(refusalNoteIn(ground.labelVi, 'vi')).toBe(ground.labelVi);
    expect(refusalNoteIn('Ghi chú khác', 'en')).toBe('Ghi chú khác');
    expect(refusalNoteIn(null, 'en')).toBeNull();
  });

  it('LAW-RECEP-10 has the four answer outcomes plus extension of review', () => {
    expect(RECEPTION_OUTCOMES.map((outcome) => outcome.code)).toEqual(['accepted', 'acceptance_review_extended', 'refused_not_competent', 'refused_conditions_unmet', 'forwarded']);
  });
});
