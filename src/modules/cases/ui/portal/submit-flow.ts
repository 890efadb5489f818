/**
 * The resident's submission flow, one question per page, with the answers so far carried in hidden
 * fields (works with JavaScript off). Pure and browser-safe: the route parses the posted values,
 * asks `validateStep`, and renders the next step or the same step with its errors.
 */
import { normaliseVietnamesePhone } from '../../../../core/contract/phone.js';
import { CASE_ADDRESS_MAX, CASE_DESCRIPTION_MAX, CASE_DESCRIPTION_MIN, CASE_EMAIL_MAX, CASE_NAME_MAX, CASE_PHONE_MAX, CASE_TITLE_MAX, CASE_TITLE_MIN, type SubmitCaseInput } from '../../contract.js';
import { CASE_KINDS, findMissingIdentityFields, formatMapPoint, getCaseKindPolicy, parseMapPoint, type CaseKind, type MapBounds, type MapPoint, type PrivacyChoice } from '../../domain/index.js';

/** Steps in order. `check` is the check-your-answers page (with the file upload and the send button). */
export const SUBMIT_STEPS = ['kind', 'category', 'area', 'text', 'privacy', 'identity', 'check'] as const;
export type SubmitStep = (typeof SUBMIT_STEPS)[number];

/** Every field the flow collects; each step carries the others as hidden inputs. */
export const FLOW_FIELDS = ['kind', 'categoryId', 'areaId', 'address', 'location', 'title', 'description', 'privacy', 'fullName', 'phone', 'email', 'submitterAddress', 'wantsNotifications', 'reviewing'] as const;
export type FlowField = (typeof FLOW_FIELDS)[number];
export type FlowState = Partial<Record<FlowField, string>>;

/** Fields shown (not hidden) on each step. */
export const STEP_FIELDS: Record<SubmitStep, readonly FlowField[]> = {
  kind: ['kind'],
  category: ['categoryId'],
  area: ['areaId', 'address', 'location'],
  text: ['title', 'description'],
  privacy: ['privacy'],
  identity: ['fullName', 'phone', 'email', 'submitterAddress', 'wantsNotifications'],
  check: [],
};

/** The value of the "no particular hamlet" choice in the area picker. */
export const NO_AREA = 'none';
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export interface FlowChoices {
  /** Category ids valid for each kind (active categories). */
  categoryKinds: ReadonlyMap<string, readonly CaseKind[]>;
  areaIds: ReadonlySet<string>;
  /** The commune's box for map points (case setting `mapBounds`). */
  mapBounds: MapBounds;
}

/** A field error: the field name (its input id) and a message key with parameters. */
export interface FlowError {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

export function isSubmitStep(value: unknown): value is SubmitStep {
  return typeof value === 'string' && (SUBMIT_STEPS as readonly string[]).includes(value);
}

export function isCaseKind(value: unknown): value is CaseKind {
  return typeof value === 'string' && (CASE_KINDS as readonly string[]).includes(value);
}

/** Copy the flow's fields from a posted body (strings only; the last one wins when repeated). */
export function readFlowState(body: Record<string, unknown> | undefined): FlowState {
  const state: FlowState = {};
  for (const field of FLOW_FIELDS) {
    const raw = body?.[field];
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (typeof value === 'string') state[field] = value;
  }
  return state;
}

/** The privacy the kind forces when there is only one choice (denunciation: handler only; corruption report: anonymous). */
export function effectivePrivacy(state: FlowState): PrivacyChoice | null {
  if (!isCaseKind(state.kind)) return null;
  const policy = getCaseKindPolicy(state.kind);
  if (policy.allowedPrivacy.length === 1) return policy.allowedPrivacy[0]!;
  const chosen = policy.allowedPrivacy.find((choice) => choice === state.privacy);
  return chosen ?? null;
}

/** Whether a step is asked for this state (privacy only when there is a choice; identity unless anonymous). */
export function isStepShown(step: SubmitStep, state: FlowState): boolean {
  if (!isCaseKind(state.kind)) return step === 'kind';
  const policy = getCaseKindPolicy(state.kind);
  if (step === 'privacy') return policy.allowedPrivacy.length > 1;
  if (step === 'identity') return policy.isIdentityAsked && effectivePrivacy(state) !== 'anonymous';
  return true;
}

export function nextStep(step: SubmitStep, state: FlowState): SubmitStep {
  const index = SUBMIT_STEPS.indexOf(step);
  for (const candidate of SUBMIT_STEPS.slice(index + 1)) if (isStepShown(candidate, state)) return candidate;
  return 'check';
}

export function previousStep(step: SubmitStep, state: FlowState): SubmitStep | null {
  const index = SUBMIT_STEPS.indexOf(step);
  for (const candidate of SUBMIT_STEPS.slice(0, index).reverse()) if (isStepShown(candidate, state)) return candidate;
  return null;
}

const length = (value: string | undefined) => (value ?? '').trim().length;

/** The map point field's error, saying what was expected (the commune's box, or the point written the other way round); staff intake asks the same. */
export function locationError(text: string | undefined, bounds: MapBounds): FlowError | null {
  if (length(text) === 0) return null;
  const result = parseMapPoint(text ?? '', bounds);
  if (result.ok) return null;
  // Written as typed into the field (a dot, latitude first), not as a number of the page's language.
  const box = { south: String(bounds.south), north: String(bounds.north), west: String(bounds.west), east: String(bounds.east) };
  if (result.problem === 'swapped' && result.point) return { field: 'location', key: 'cases.portal.errors.locationSwapped', params: { ...box, suggestion: formatMapPoint(result.point) } };
  if (result.problem === 'outside' || result.problem === 'range') return { field: 'location', key: 'cases.portal.errors.locationOutside', params: box };
  if (result.problem === 'shortLink') return { field: 'location', key: 'cases.portal.errors.locationShortLink' };
  return { field: 'location', key: 'cases.portal.errors.locationFormat' };
}

/** The map point of a valid state (the field already checked against the commune's box), or null when none was given. */
export function flowMapPoint(state: FlowState): MapPoint | null {
  if (length(state.location) === 0) return null;
  const result = parseMapPoint(state.location ?? '', ANYWHERE);
  return result.ok ? result.point : null;
}
const ANYWHERE: MapBounds = { south: -90, west: -180, north: 90, east: 180 };

/** Validate one step's answers. */
export function validateStep(step: SubmitStep, state: FlowState, choices: FlowChoices): FlowError[] {
  const errors: FlowError[] = [];
  switch (step) {
    case 'kind':
      if (!isCaseKind(state.kind)) errors.push({ field: 'kind', key: 'cases.portal.errors.kindRequired' });
      break;
    case 'category': {
      const kinds = state.categoryId ? choices.categoryKinds.get(state.categoryId) : undefined;
      if (!kinds || !isCaseKind(state.kind) || !kinds.includes(state.kind)) errors.push({ field: 'categoryId', key: 'cases.portal.errors.categoryRequired' });
      break;
    }
    case 'area':
      if (state.areaId !== NO_AREA && !(state.areaId && choices.areaIds.has(state.areaId))) errors.push({ field: 'areaId', key: 'cases.portal.errors.areaRequired' });
      if (length(state.address) > CASE_ADDRESS_MAX) errors.push({ field: 'address', key: 'cases.portal.errors.addressTooLong', params: { max: CASE_ADDRESS_MAX } });
      {
        const problem = locationError(state.location, choices.mapBounds);
        if (problem) errors.push(problem);
      }
      break;
    case 'text': {
      const title = length(state.title);
      if (title === 0) errors.push({ field: 'title', key: 'cases.portal.errors.titleRequired' });
      else if (title < CASE_TITLE_MIN || title > CASE_TITLE_MAX) errors.push({ field: 'title', key: 'cases.portal.errors.titleLength', params: { min: CASE_TITLE_MIN, max: CASE_TITLE_MAX, count: title } });
      const description = length(state.description);
      if (description === 0) errors.push({ field: 'description', key: 'cases.portal.errors.descriptionRequired' });
      else if (description < CASE_DESCRIPTION_MIN || description > CASE_DESCRIPTION_MAX) errors.push({ field: 'description', key: 'cases.portal.errors.descriptionLength', params: { min: CASE_DESCRIPTION_MIN, max: CASE_DESCRIPTION_MAX, count: description } });
      break;
    }
    case 'privacy':
      if (!effectivePrivacy(state)) errors.push({ field: 'privacy', key: 'cases.portal.errors.privacyRequired' });
      break;
    case 'identity': {
      if (!isCaseKind(state.kind)) break;
      const privacy = effectivePrivacy(state);
      if (!privacy || privacy === 'anonymous') break;
      const missing = findMissingIdentityFields(state.kind, privacy, { fullName: state.fullName, address: state.submitterAddress, phone: state.phone, email: state.email });
      if (missing.includes('fullName')) errors.push({ field: 'fullName', key: 'cases.portal.errors.fullNameRequired' });
      else if (length(state.fullName) > CASE_NAME_MAX) errors.push({ field: 'fullName', key: 'cases.portal.errors.fullNameTooLong', params: { max: CASE_NAME_MAX } });
      if (length(state.phone) > 0 && (length(state.phone) > CASE_PHONE_MAX || !normaliseVietnamesePhone(state.phone ?? ''))) errors.push({ field: 'phone', key: 'cases.portal.errors.phoneFormat' });
      else if (missing.includes('contact')) errors.push({ field: 'phone', key: 'cases.portal.errors.contactRequired' });
      if (length(state.email) > 0 && (length(state.email) > CASE_EMAIL_MAX || !EMAIL_PATTERN.test((state.email ?? '').trim()))) errors.push({ field: 'email', key: 'cases.portal.errors.emailFormat' });
      if (missing.includes('address')) errors.push({ field: 'submitterAddress', key: 'cases.portal.errors.addressRequired' });
      else if (length(state.submitterAddress) > CASE_ADDRESS_MAX) errors.push({ field: 'submitterAddress', key: 'cases.portal.errors.submitterAddressTooLong', params: { max: CASE_ADDRESS_MAX } });
      break;
    }
    case 'check':
      break;
  }
  return errors;
}

/** The first shown step with an error, and its errors; null when every answer is valid. */
export function firstInvalidStep(state: FlowState, choices: FlowChoices): { step: SubmitStep; errors: FlowError[] } | null {
  for (const step of SUBMIT_STEPS) {
    if (!isStepShown(step, state)) continue;
    const errors = validateStep(step, state, choices);
    if (errors.length > 0) return { step, errors };
  }
  return null;
}

const clean = (value: string | undefined): string | null => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

/** The contract's input from a complete, valid state (identity left out when anonymous or never asked). */
export function toSubmitInput(state: FlowState, honeypot: string | undefined): SubmitCaseInput {
  const kind = state.kind as CaseKind;
  const privacy = effectivePrivacy(state) ?? getCaseKindPolicy(kind).defaultPrivacy;
  const asksIdentity = isStepShown('identity', state);
  const phone = clean(state.phone);
  const point = flowMapPoint(state);
  return {
    kind,
    categoryId: state.categoryId ?? '',
    areaId: state.areaId && state.areaId !== NO_AREA ? state.areaId : null,
    address: clean(state.address),
    latitude: point?.latitude ?? null,
    longitude: point?.longitude ?? null,
    title: (state.title ?? '').trim(),
    description: (state.description ?? '').trim(),
    privacy,
    ...(asksIdentity
      ? {
          submitter: {
            fullName: clean(state.fullName),
            phone: phone ? (normaliseVietnamesePhone(phone) ?? phone) : null,
            email: clean(state.email),
            address: clean(state.submitterAddress),
          },
        }
      : {}),
    wantsNotifications: asksIdentity ? state.wantsNotifications === 'yes' : false,
    ...(honeypot ? { website: honeypot } : {}),
  };
}
