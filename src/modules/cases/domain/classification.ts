/**
 * Changing how a case is classified after intake: its kind (reclassification, LAW-PAKN-04 "assess
 * and classify") and, for complaints, the complexity / remote-area determination that selects the
 * longer resolution deadline (LAW-COMPLAINT-07, LAW-COMPLAINT-08).
 */
import { caseKindPolicies, type CaseKind, type IdentityField, type PrivacyChoice } from './case-types.js';
import type { DeadlineVariant } from './deadlines.js';

/** Why a kind change is refused (a TransitionFailure). */
export type ReclassifyRefusal = 'reclassify_from_sealed' | 'reclassify_to_sealed' | 'reclassify_identity_missing';

/**
 * Whether a case may change from one kind to another, given how its submitter chose to be named and
 * which identity fields it holds. Only changes that keep the identity as it was filed are safe:
 * - a denunciation's identity is sealed (LAW-DENUNC-11/12) and anonymous information never collects
 *   one (LAW-DENUNC-04): moving out of these kinds would expose or invent an identity;
 * - a denunciation must be filed with its identity sealed from the start (LAW-DENUNC-01, -11): the
 *   identity of a feedback or complaint has already been seen in plain, so no kind becomes one later
 *   (the person is guided to file a denunciation); nor does a named case become anonymous information;
 * - between feedback, questions and complaints the target kind's identity rules must hold
 *   (LAW-PAKN-03, LAW-COMPLAINT-01): an anonymous question does not become a complaint.
 */
export function checkReclassification(
  fromKind: CaseKind,
  toKind: CaseKind,
  privacy: PrivacyChoice,
  providedIdentity: readonly IdentityField[],
): ReclassifyRefusal | null {
  if (fromKind === toKind) return null;
  if (caseKindPolicies[fromKind].isIdentitySealed) return 'reclassify_from_sealed';
  const target = caseKindPolicies[toKind];
  if (target.isIdentitySealed) return 'reclassify_to_sealed';
  if (!target.allowedPrivacy.includes(privacy)) return 'reclassify_identity_missing';
  const missing = target.requiredIdentityFields.filter((field) => !providedIdentity.includes(field));
  return missing.length === 0 ? null : 'reclassify_identity_missing';
}

/** The complaint resolution variant for a complexity determination (LAW-COMPLAINT-07: 30 / 45 / 45 / 60 days). */
export function complaintVariantOf(isComplex: boolean, isRemoteArea: boolean): DeadlineVariant {
  if (isRemoteArea) return isComplex ? 'remote_complex' : 'remote';
  return isComplex ? 'complex' : 'standard';
}
