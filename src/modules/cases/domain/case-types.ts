/**
 * Case kinds and their identity rules: who must identify themselves, who may stay anonymous,
 * and whose identity is sealed from everyone but the handler.
 */

/** The kinds of case a resident can open. */
export const CASE_KINDS = ['feedback', 'question', 'complaint', 'denunciation', 'corruption_report'] as const;
/** One of CASE_KINDS. */
export type CaseKind = (typeof CASE_KINDS)[number];

/** How the submitter's name is shown: publicly, to handling staff only, or never collected. */
export const PRIVACY_CHOICES = ['public_name', 'handler_only', 'anonymous'] as const;
/** One of PRIVACY_CHOICES. */
export type PrivacyChoice = (typeof PRIVACY_CHOICES)[number];

/** Submitter identity fields that a kind may require. */
export type IdentityField = 'fullName' | 'address' | 'contact';

/** Identity rules for one case kind. */
export interface CaseKindPolicy {
  kind: CaseKind;
  labelVi: string;
  labelEn: string;
  legalRefs: readonly string[];
  /** Submitter may withhold identity entirely. */
  isAnonymityAllowed: boolean;
  /** Identity is stored in the restricted vault and never shown to verifiers or the public. */
  isIdentitySealed: boolean;
  /** The intake form asks for identity at all (false: never ask — protects whistle-blowers). */
  isIdentityAsked: boolean;
  requiredIdentityFields: readonly IdentityField[];
  allowedPrivacy: readonly PrivacyChoice[];
  defaultPrivacy: PrivacyChoice;
  /**
   * Open cases of this kind are offered to residents writing one, to follow instead of filing it again
   * (issue 3, point 12). Only for the matters of everyone (feedback, questions): a complaint is the
   * complainant's own, in their name and about their rights (LAW-COMPLAINT-01), and a denunciation or a
   * corruption report is filed in its own right and never shown to others (LAW-DENUNC-11).
   */
  isFollowedInsteadOfFiled: boolean;
}

/** Identity policy per case kind (data, so that legal review can change it without touching logic). */
export const caseKindPolicies: Readonly<Record<CaseKind, CaseKindPolicy>> = {
  feedback: {
    kind: 'feedback',
    labelVi: 'Phản ánh, kiến nghị',
    labelEn: 'Feedback and recommendation',
    // LAW-PAKN-03: name, address and phone (or postal address) are required; the name may be hidden from the public.
    legalRefs: ['LAW-PAKN-03'],
    isAnonymityAllowed: false,
    isIdentitySealed: false,
    isIdentityAsked: true,
    requiredIdentityFields: ['fullName', 'address', 'contact'],
    allowedPrivacy: ['public_name', 'handler_only'],
    defaultPrivacy: 'handler_only',
    isFollowedInsteadOfFiled: true,
  },
  question: {
    kind: 'question',
    labelVi: 'Hỏi đáp',
    labelEn: 'Question',
    legalRefs: [],
    isAnonymityAllowed: true,
    isIdentitySealed: false,
    isIdentityAsked: true,
    requiredIdentityFields: [],
    allowedPrivacy: ['public_name', 'handler_only', 'anonymous'],
    defaultPrivacy: 'handler_only',
    isFollowedInsteadOfFiled: true,
  },
  complaint: {
    kind: 'complaint',
    labelVi: 'Khiếu nại',
    labelEn: 'Complaint',
    // LAW-COMPLAINT-01: a complaint must state the complainant's full name and address.
    legalRefs: ['LAW-COMPLAINT-01'],
    isAnonymityAllowed: false,
    isIdentitySealed: false,
    isIdentityAsked: true,
    requiredIdentityFields: ['fullName', 'address'],
    allowedPrivacy: ['handler_only', 'public_name'],
    defaultPrivacy: 'handler_only',
    isFollowedInsteadOfFiled: false,
  },
  denunciation: {
    kind: 'denunciation',
    labelVi: 'Tố cáo',
    labelEn: 'Denunciation',
    // LAW-DENUNC-01: name, address, contact required; LAW-DENUNC-11/12: identity always kept secret.
    legalRefs: ['LAW-DENUNC-01', 'LAW-DENUNC-11', 'LAW-DENUNC-12'],
    isAnonymityAllowed: false,
    isIdentitySealed: true,
    isIdentityAsked: true,
    requiredIdentityFields: ['fullName', 'address', 'contact'],
    allowedPrivacy: ['handler_only'],
    defaultPrivacy: 'handler_only',
    isFollowedInsteadOfFiled: false,
  },
  corruption_report: {
    kind: 'corruption_report',
    labelVi: 'Phản ánh tiêu cực, tham nhũng (ẩn danh)',
    labelEn: 'Anonymous corruption report',
    // LAW-DENUNC-04: anonymous information is checked if verifiable; identity is never asked.
    legalRefs: ['LAW-DENUNC-04'],
    isAnonymityAllowed: true,
    isIdentitySealed: true,
    isIdentityAsked: false,
    requiredIdentityFields: [],
    allowedPrivacy: ['anonymous'],
    defaultPrivacy: 'anonymous',
    isFollowedInsteadOfFiled: false,
  },
};

/** The identity policy of a case kind. */
export function getCaseKindPolicy(kind: CaseKind): CaseKindPolicy {
  return caseKindPolicies[kind];
}

/** The kinds whose open cases are offered to follow instead of filing another (point 12). */
export const FOLLOWED_INSTEAD_OF_FILED_KINDS: readonly CaseKind[] = CASE_KINDS.filter((kind) => caseKindPolicies[kind].isFollowedInsteadOfFiled);

/** The kinds whose submitter identity is sealed (LAW-DENUNC-11/12): denunciations and corruption reports. */
export const SEALED_CASE_KINDS: readonly CaseKind[] = CASE_KINDS.filter((kind) => caseKindPolicies[kind].isIdentitySealed);

/** Whether a privacy choice is allowed for the kind (e.g. anonymous complaints are not, LAW-COMPLAINT-01). */
export function isPrivacyChoiceAllowed(kind: CaseKind, privacy: PrivacyChoice): boolean {
  return caseKindPolicies[kind].allowedPrivacy.includes(privacy);
}

/** Submitter identity as entered on the intake form. */
export interface SubmitterIdentity {
  fullName?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** Required identity fields that are missing or blank for the kind; anonymous choices need none. */
export function findMissingIdentityFields(kind: CaseKind, privacy: PrivacyChoice, identity: SubmitterIdentity): IdentityField[] {
  if (privacy === 'anonymous' && isPrivacyChoiceAllowed(kind, 'anonymous')) return [];
  const isBlank = (value: string | null | undefined): boolean => value === null || value === undefined || value.trim() === '';
  const required = caseKindPolicies[kind].requiredIdentityFields;
  return required.filter((field) => {
    // An address is a way to reach the sender too: where the address is required anyway, its own
    // "missing" says everything, and a second "give a phone, an e-mail or an address" would repeat it.
    if (field === 'contact') return isBlank(identity.phone) && isBlank(identity.email) && isBlank(identity.address) && !required.includes('address');
    return isBlank(identity[field]);
  });
}
