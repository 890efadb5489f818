/**
 * Cases contract: request/response schemas, enums and named limits shared by the JSON API, the
 * portal forms, the back office and Open311. Imports only zod, core/contract and the pure domain.
 */
import { z } from 'zod';
import { isoInstantSchema, localDateSchema, pageOf, pageQuerySchema } from '../../core/contract/paging.js';
import { requiredField } from '../../core/contract/validation.js';
import { CASE_ACTION_TYPES, CASE_KINDS, CASE_STATUSES, PRIVACY_CHOICES, WITHDRAWAL_CHANNELS, SUPERVISION_ANSWER_DAYS_DEFAULT, SUPERVISION_ANSWER_UNIT_DEFAULT, SUPERVISION_FLAG_STATUSES, VIETNAM_MAP_BOUNDS } from './domain/index.js';

// ── Limits ────────────────────────────────────────────────────────────────────────────────────
export const CASE_TITLE_MIN = 5;
export const CASE_TITLE_MAX = 200;
export const CASE_DESCRIPTION_MIN = 10;
/** Open311 GeoReport v2 limits `description` to 4000 characters; we use the same everywhere. */
export const CASE_DESCRIPTION_MAX = 4000;
export const CASE_ADDRESS_MAX = 300;
/** An Open311 `address_id`: a key in an address register, kept as sent. */
export const CASE_ADDRESS_ID_MAX = 100;
/** Open311 `media_url`: a link to a photo the partner hosts (http/https), as long as browsers reliably take. */
export const CASE_MEDIA_URL_MAX = 2000;
export const CASE_NAME_MAX = 120;
export const CASE_EMAIL_MAX = 254;
export const CASE_PHONE_MAX = 20;
/** CCCD has 12 digits, the old CMND 9; passports up to 9 alphanumerics. */
export const CASE_ID_NUMBER_MAX = 20;
/** Default number of photos/PDFs per case; a commune may change it in settings (up to the hard cap). */
export const CASE_MAX_ATTACHMENTS = 5;
export const CASE_MAX_ATTACHMENTS_HARD_CAP = 10;
export const CASE_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const CASE_FILE_NAME_MAX = 200;
export const CASE_NOTE_MAX = 2000;
export const CASE_REASON_MAX = 1000;
export const CASE_ANSWER_MAX = 10_000;
/** An answer a resident can act on is a sentence or more; "ok" is not one. */
export const CASE_ANSWER_MIN = 20;
export const CASE_RATING_COMMENT_MAX = 1000;
export const CASE_SEARCH_QUERY_MAX = 200;
export const CASE_ACCESS_TOKEN_MAX = 128;
export const CASE_CODE_MAX = 32;
export const CASE_DECISION_REF_MAX = 100;
export const CASE_SUPERVISION_NOTE_MAX = 2000;
export const CASE_SIMILAR_MAX = 5;
export const CASE_SIMILAR_TEXT_MAX = CASE_DESCRIPTION_MAX;
export const CASE_STEP_DAYS_MAX = 30;
export const CASE_EXTENSION_AMOUNT_MAX = 60;
/** The outside competent body a case is transferred to (LAW-PAKN-04, LAW-DENUNC-03), as written on the letter. */
export const CASE_TRANSFER_BODY_MIN = 2;
export const CASE_TRANSFER_BODY_MAX = 200;
export const CASE_REMINDER_DAYS_DEFAULT: readonly number[] = [3, 1];
/** Honeypot field: humans never see it, bots fill it. */
export const CASE_HONEYPOT_FIELD = 'website';
/** Image and document types accepted as attachments (detected from the bytes, never the name). */
export const CASE_ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'application/pdf'] as const;

/**
 * A required choice (a select or radio group): left empty it says which choice is missing with the
 * field's own message key ("Vui lòng chọn lĩnh vực."), not the generic format message of a uuid or enum.
 * Anything else (a malformed id, an unknown value) keeps the shared message.
 */
export const requiredChoice = (messageKey: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null || issue.input === '' ? messageKey : undefined),
});

// ── Enums ─────────────────────────────────────────────────────────────────────────────────────
export const caseKindSchema = z.enum(CASE_KINDS, requiredChoice('cases.errors.kindRequired'));
export const privacyChoiceSchema = z.enum(PRIVACY_CHOICES, requiredChoice('cases.errors.privacyRequired'));
export const caseStatusSchema = z.enum(CASE_STATUSES);
export const caseActionTypeSchema = z.enum(CASE_ACTION_TYPES);
export const CASE_CHANNELS = ['portal', 'walk_in', 'phone', 'letter', 'reception', 'meeting', 'open311'] as const;
export const caseChannelSchema = z.enum(CASE_CHANNELS);
export type CaseChannel = z.infer<typeof caseChannelSchema>;
/** Channels an officer records when entering a case on a resident's behalf. */
export const STAFF_INTAKE_CHANNELS = ['walk_in', 'phone', 'letter', 'reception', 'meeting'] as const;
export const PAPI_DIMENSIONS = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8'] as const;
export const papiDimensionSchema = z.enum(PAPI_DIMENSIONS);
export const deadlineUnitSchema = z.enum(['working_days', 'calendar_days'], requiredChoice('cases.errors.deadlineUnitRequired'));
export const supervisionNoteKindSchema = z.enum(['note', 'flag']);
export const indicatorGroupBySchema = z.enum(['unit', 'category', 'dimension', 'kind', 'none']);
export const personalDataKindSchema = z.enum(['citizen_id', 'phone', 'email', 'name', 'address']);

/** Text of `min`–`max` characters; `requiredKey` names what to enter when it is left empty. */
const text = (min: number, max: number, requiredKey?: string) => (requiredKey ? z.string(requiredField(requiredKey)).trim().min(min, requiredField(requiredKey)).max(max) : z.string().trim().min(min).max(max));
const optionalText = (max: number) => z.string().trim().max(max).optional().nullable();
const accessTokenField = z.string().trim().min(16).max(CASE_ACCESS_TOKEN_MAX).optional();
const expectedVersionField = z.number().int().min(0).optional();

// ── Intake ────────────────────────────────────────────────────────────────────────────────────
/** Who the submitter is; what must be filled depends on the kind (domain findMissingIdentityFields). */
export const submitterIdentitySchema = z.strictObject({
  fullName: optionalText(CASE_NAME_MAX),
  address: optionalText(CASE_ADDRESS_MAX),
  phone: optionalText(CASE_PHONE_MAX),
  email: z.union([z.email().max(CASE_EMAIL_MAX), z.literal('')]).optional().nullable(),
  /** Only kept (sealed) for denunciations (LAW-DENUNC-01); ignored for other kinds. */
  idNumber: optionalText(CASE_ID_NUMBER_MAX),
});
export type SubmitterIdentity = z.infer<typeof submitterIdentitySchema>;

/** A resident's case, from the portal form or the JSON API (attachments travel as multipart parts). */
export const submitCaseSchema = z.strictObject({
  kind: caseKindSchema,
  categoryId: z.uuid(requiredChoice('cases.errors.categoryRequired')),
  /** Optional here ("no particular hamlet" is null); the portal flow asks for an explicit choice. */
  areaId: z.uuid().optional().nullable(),
  address: optionalText(CASE_ADDRESS_MAX),
  latitude: z.number().min(-90).max(90).optional().nullable(),
  longitude: z.number().min(-180).max(180).optional().nullable(),
  title: text(CASE_TITLE_MIN, CASE_TITLE_MAX, 'cases.errors.titleRequired'),
  description: text(CASE_DESCRIPTION_MIN, CASE_DESCRIPTION_MAX, 'cases.errors.descriptionRequired'),
  privacy: privacyChoiceSchema,
  submitter: submitterIdentitySchema.optional(),
  /** False: the resident does not want e-mail/SMS updates (they can still look the case up). */
  wantsNotifications: z.boolean().optional().default(true),
  /** Honeypot: must stay empty. */
  website: z.string().max(200).optional(),
});
export type SubmitCase = z.infer<typeof submitCaseSchema>;
export type SubmitCaseInput = z.input<typeof submitCaseSchema>;

/** Staff entry on a resident's behalf (LAW-RECEP-08: record the statement; LAW-PAKN-03: phone transcribed). */
/**
 * How far back staff may date a case they enter (a letter or call from before today). A guard
 * against a mistyped year, not a legal rule: a case dated years back would be overdue at once, and
 * one dated before the working calendar's range would get no deadline at all.
 */
export const STAFF_INTAKE_MAX_BACKDATE_DAYS = 366;
/** Languages a resident's messages (e-mail, SMS) can be written in; the same as the site's. */
export const RECIPIENT_LOCALES = ['vi', 'en'] as const;

export const staffIntakeSchema = z.strictObject({
  ...submitCaseSchema.omit({ website: true }).shape,
  channel: z.enum(STAFF_INTAKE_CHANNELS, requiredChoice('cases.errors.channelRequired')),
  /** When the resident actually handed it in (defaults to now; cannot be in the future). */
  receivedAt: isoInstantSchema.optional(),
  /** The language the resident asked to be written to in (stored as cases_items.locale); Vietnamese unless they ask. */
  recipientLocale: z.enum(RECIPIENT_LOCALES).optional().default('vi'),
});
export type StaffIntake = z.infer<typeof staffIntakeSchema>;

export const submitCaseResultSchema = z.object({
  id: z.string(),
  code: z.string(),
  /** Secret link token, shown once (only its hash is stored); null for signed-in submitters. */
  accessToken: z.string().nullable(),
  status: caseStatusSchema,
  receivedAt: isoInstantSchema,
  acceptanceDueAt: isoInstantSchema.nullable(),
  dueAt: isoInstantSchema.nullable(),
  attachmentCount: z.number().int(),
});
export type SubmitCaseResult = z.infer<typeof submitCaseResultSchema>;

/**
 * What staff intake answers: the submission result, plus the unit the case went to and whether the
 * officer who entered it may open it (an officer sees only their units' cases).
 */
export const staffIntakeResultSchema = submitCaseResultSchema.extend({
  assignedUnitName: z.string().nullable(),
  canOpen: z.boolean(),
});
export type StaffIntakeResult = z.infer<typeof staffIntakeResultSchema>;

/**
 * The box a resident's map point must fall in (latitude south..north, longitude west..east): a point
 * outside it is refused, and one that fits only read the other way round is shown as a swap.
 */
export const mapBoundsSchema = z
  .strictObject({ south: z.number().min(-90).max(90), west: z.number().min(-180).max(180), north: z.number().min(-90).max(90), east: z.number().min(-180).max(180) })
  .refine((box) => box.south < box.north && box.west < box.east, { message: 'cases.errors.mapBoundsOrder', path: ['north'] });
export type MapBoundsSetting = z.infer<typeof mapBoundsSchema>;

/**
 * The commune's attachment limits as the staff intake form states them (the same settings the
 * portal's submit form reads and the server enforces, issue 3 point 11). The scanned letter and
 * photos go into the case file (LAW-COMPLAINT-01 related documents, LAW-COMPLAINT-13).
 */
export const staffIntakeLimitsSchema = z.object({
  maxAttachments: z.number().int(),
  attachmentMaxBytes: z.number().int(),
  /** The commune's box for map points (setting `mapBounds`), which the form checks a typed point against. */
  mapBounds: mapBoundsSchema,
});
export type StaffIntakeLimits = z.infer<typeof staffIntakeLimitsSchema>;

// ── Staff actions ─────────────────────────────────────────────────────────────────────────────
const action = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), expectedVersion: expectedVersionField, ...shape });

/** One lifecycle action; `expectedVersion` (optional) enables optimistic concurrency (409 when stale). */
export const caseActionSchema = z.discriminatedUnion('type', [
  action('accept', {}),
  action('refuse', { ground: z.string(requiredChoice('cases.errors.groundRequired')).trim().min(1, 'cases.errors.groundRequired').max(100), note: optionalText(CASE_NOTE_MAX) }),
  action('assign', { unitId: z.uuid(requiredChoice('cases.errors.unitRequired')), officerId: z.uuid().optional().nullable() }),
  action('startWork', {}),
  action('forward', { toUnitId: z.uuid(requiredChoice('cases.errors.unitRequired')), stepDays: z.number().int().min(1).max(CASE_STEP_DAYS_MAX) }),
  action('requestInformation', { note: text(1, CASE_NOTE_MAX, 'cases.errors.requestNoteRequired') }),
  action('receiveInformation', { note: optionalText(CASE_NOTE_MAX) }),
  action('direct', { note: text(1, CASE_NOTE_MAX, 'cases.errors.directionRequired') }),
  action('extendDeadline', {
    amount: z.number().int().min(1).max(CASE_EXTENSION_AMOUNT_MAX),
    unit: deadlineUnitSchema,
    reason: text(1, CASE_REASON_MAX),
    decisionRef: optionalText(CASE_DECISION_REF_MAX),
    /** Written complexity determination (LAW-COMPLAINT-08, LAW-DENUNC-06) that selects the rule variant. */
    complexity: z.enum(['complex', 'especially_complex']).optional(),
  }),
  action('draftAnswer', { text: text(CASE_ANSWER_MIN, CASE_ANSWER_MAX) }),
  action('rejectDraft', { reason: text(1, CASE_REASON_MAX) }),
  /** The drafting officer takes back a draft awaiting approval to correct it. */
  action('recallDraft', { reason: optionalText(CASE_REASON_MAX) }),
  action('approveAnswer', {}),
  action('publishAnswer', {}),
  action('merge', { intoCode: z.string().trim().min(1).max(CASE_CODE_MAX) }),
  action('close', {}),
  /**
   * Staff record a withdrawal received on paper (LAW-COMPLAINT-04, LAW-DENUNC-08): signed or
   * fingerprinted, whole or partial (`description` names the withdrawn part), the day it arrived and
   * how. `continueHandling` is asked for denunciations only (the service says so by field).
   */
  action('recordWithdrawal', {
    scope: z.enum(['whole', 'partial'], requiredChoice('cases.errors.withdrawalScopeRequired')),
    description: optionalText(CASE_REASON_MAX),
    receivedOn: z.iso.date(requiredChoice('cases.errors.withdrawalDateRequired')),
    channel: z.enum(WITHDRAWAL_CHANNELS, requiredChoice('cases.errors.withdrawalChannelRequired')),
    reason: optionalText(CASE_REASON_MAX),
    isSigned: z.literal(true, 'cases.errors.withdrawalSignedRequired'),
    continueHandling: z.boolean().optional().nullable(),
  }),
  /** Change the kind and/or the category before the answer is drafted (LAW-PAKN-04: assess and classify). */
  action('reclassify', {
    kind: caseKindSchema,
    categoryId: z.uuid(requiredChoice('cases.errors.categoryRequired')),
    reason: text(1, CASE_REASON_MAX, 'cases.errors.reclassifyReasonRequired'),
  }),
  /** Send the case to an outside competent body within 5 working days (LAW-PAKN-04, LAW-DENUNC-03). */
  action('transferOut', {
    bodyName: text(CASE_TRANSFER_BODY_MIN, CASE_TRANSFER_BODY_MAX, 'cases.errors.transferBodyRequired'),
    letterRef: optionalText(CASE_DECISION_REF_MAX),
    note: optionalText(CASE_NOTE_MAX),
  }),
  /** A leader's written determination that a complaint is complex and/or from a remote area (LAW-COMPLAINT-07/08). */
  action('decideComplexity', {
    isComplex: z.boolean(),
    isRemoteArea: z.boolean(),
    reason: text(1, CASE_REASON_MAX, 'cases.errors.complexityReasonRequired'),
    decisionRef: optionalText(CASE_DECISION_REF_MAX),
  }),
]);
export type CaseActionInput = z.infer<typeof caseActionSchema>;

// ── Resident actions ──────────────────────────────────────────────────────────────────────────
export const rateCaseSchema = z.strictObject({ score: z.number().int().min(1).max(5), comment: optionalText(CASE_RATING_COMMENT_MAX), accessToken: accessTokenField });
export type RateCase = z.infer<typeof rateCaseSchema>;
export const reopenCaseSchema = z.strictObject({ reason: text(1, CASE_REASON_MAX), accessToken: accessTokenField });
export type ReopenCase = z.infer<typeof reopenCaseSchema>;
export const withdrawCaseSchema = z.strictObject({ scope: z.enum(['whole', 'partial']), description: optionalText(CASE_REASON_MAX), accessToken: accessTokenField });
export type WithdrawCase = z.infer<typeof withdrawCaseSchema>;
/** The resident's answer to "please provide more information" (LAW-BASE-10: it restarts the clock). */
export const CASE_INFORMATION_MAX = CASE_DESCRIPTION_MAX;
export const provideInformationSchema = z.strictObject({ text: text(1, CASE_INFORMATION_MAX, 'cases.errors.informationRequired'), accessToken: accessTokenField });
export type ProvideInformation = z.infer<typeof provideInformationSchema>;
/** Follow a case: signed-in residents need nothing; anonymous visitors give an e-mail. */
export const followCaseSchema = z.strictObject({ email: z.email().max(CASE_EMAIL_MAX).optional(), website: z.string().max(200).optional() });
export type FollowCase = z.infer<typeof followCaseSchema>;

// ── Reads ─────────────────────────────────────────────────────────────────────────────────────
const arrayParam = <T extends z.ZodType>(item: T) => z.preprocess((value) => (value === undefined ? undefined : Array.isArray(value) ? value : String(value).split(',')), z.array(item).max(20).optional());
const booleanParam = z.preprocess((value) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value), z.boolean().optional());

export const listCasesQuerySchema = z.strictObject({
  ...pageQuerySchema.shape,
  q: z.string().trim().max(CASE_SEARCH_QUERY_MAX).optional(),
  code: z.string().trim().max(CASE_CODE_MAX).optional(),
  status: arrayParam(caseStatusSchema),
  kind: arrayParam(caseKindSchema),
  categoryId: z.uuid().optional(),
  areaId: z.uuid().optional(),
  /** One unit, or several separated by commas (an officer of two units: "my units"). */
  unitId: arrayParam(z.uuid()),
  /** `me` (the signed-in officer) or a staff id. */
  assignedOfficerId: z.union([z.literal('me'), z.uuid()]).optional(),
  isOverdue: booleanParam,
  /** A missed step ("Quá hạn bước": a forward's own deadline passed while its clock runs), apart from the statutory `isOverdue`. */
  isStepOverdue: booleanParam,
  receivedFrom: localDateSchema.optional(),
  receivedTo: localDateSchema.optional(),
  lang: z.string().max(10).optional(),
})
  // Received "to" before "from" is a mistake to name on the field, not an empty list.
  .refine((query) => !query.receivedFrom || !query.receivedTo || query.receivedFrom <= query.receivedTo, { path: ['receivedTo'], message: 'cases.errors.receivedPeriodOrder' });
export type ListCasesQuery = z.infer<typeof listCasesQuerySchema>;

export const caseListItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: caseKindSchema,
  status: caseStatusSchema,
  channel: caseChannelSchema,
  title: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  areaId: z.string().nullable(),
  assignedUnitId: z.string().nullable(),
  assignedOfficerId: z.string().nullable(),
  receivedAt: isoInstantSchema,
  dueAt: isoInstantSchema.nullable(),
  isOverdue: z.boolean(),
  /** The current step's deadline (a forward to another unit) passed while the step runs (issue 3 point 4). */
  isStepOverdue: z.boolean(),
});
export type CaseListItem = z.infer<typeof caseListItemSchema>;
export const caseListPageSchema = pageOf(caseListItemSchema);
export type CaseListPage = z.infer<typeof caseListPageSchema>;

/** Cases on a portal page ("Hồ sơ của tôi"). */
export const CASE_PORTAL_PAGE_SIZE = 10;
/**
 * A case in the signed-in resident's own list: what they sent and where it stands. `dueAt` is the
 * deadline running now (acceptance while received, then resolution), null when none runs.
 */
export const myCaseItemSchema = caseListItemSchema.pick({ code: true, kind: true, status: true, title: true, receivedAt: true, dueAt: true, isOverdue: true });
export type MyCaseItem = z.infer<typeof myCaseItemSchema>;
export const myCasesPageSchema = pageOf(myCaseItemSchema);
export type MyCasesPage = z.infer<typeof myCasesPageSchema>;

/** How many follow requests waiting for the e-mail confirmation the "cases I follow" page lists. */
export const CASE_PENDING_FOLLOWS_SHOWN_MAX = 50;
/**
 * One case a signed-in resident follows, as its public status shows it (redacted title, null for a
 * sealed kind; status; the due date running now, null when none).
 */
export const followedCaseItemSchema = z.object({
  code: z.string(),
  status: caseStatusSchema,
  title: z.string().nullable(),
  dueAt: isoInstantSchema.nullable(),
  isOverdue: z.boolean(),
  isPaused: z.boolean(),
});
export type FollowedCaseItem = z.infer<typeof followedCaseItemSchema>;
/** A follow asked with the account's unverified e-mail: it waits for the confirmation mail. */
export const pendingFollowItemSchema = followedCaseItemSchema.pick({ code: true, status: true, title: true }).extend({ expiresAt: isoInstantSchema });
export type PendingFollowItem = z.infer<typeof pendingFollowItemSchema>;
export const followedCasesPageSchema = pageOf(followedCaseItemSchema).extend({ pending: z.array(pendingFollowItemSchema) });
export type FollowedCasesPage = z.infer<typeof followedCasesPageSchema>;

export const timelineEntrySchema = z.object({
  id: z.string(),
  at: isoInstantSchema,
  event: z.string(),
  isPublic: z.boolean(),
  publicNote: z.string().nullable(),
  internalNote: z.string().nullable(),
  actorUserId: z.string().nullable(),
  /** A withdrawal recorded by staff: how and when the signed letter or record arrived (staff view only). */
  writtenWithdrawal: z.object({ scope: z.enum(['whole', 'partial']), receivedOn: localDateSchema, channel: z.enum(WITHDRAWAL_CHANNELS) }).optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  isPublic: z.boolean(),
  url: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const supervisionFlagStatusSchema = z.enum(SUPERVISION_FLAG_STATUSES);
/**
 * A supervisor's note, or a flag (recommendation) the commune People's Committee must answer by
 * `answerDueAt` (LAW-DEMO-54). Notes have no status, deadline or answer.
 */
export const supervisionNoteSchema = z.object({
  id: z.string(),
  kind: supervisionNoteKindSchema,
  body: z.string(),
  authorUserId: z.string(),
  createdAt: isoInstantSchema,
  /** When the supervisor closed the flag. */
  resolvedAt: isoInstantSchema.nullable(),
  status: supervisionFlagStatusSchema.nullable(),
  answerDueAt: isoInstantSchema.nullable(),
  /** Awaiting an answer after `answerDueAt`. */
  isOverdue: z.boolean(),
  /** The committee's latest answer (kept, for reference, when the supervisor keeps the flag open). */
  answerBody: z.string().nullable(),
  answeredAt: isoInstantSchema.nullable(),
  answeredByName: z.string().nullable(),
  /** The supervisor's words when closing or keeping the flag open. */
  reviewComment: z.string().nullable(),
});
export type SupervisionNote = z.infer<typeof supervisionNoteSchema>;

export const deadlineViewSchema = z.object({
  acceptanceDueAt: isoInstantSchema.nullable(),
  dueAt: isoInstantSchema.nullable(),
  stepDueAt: isoInstantSchema.nullable(),
  /** The current step's deadline passed while the step runs (issue 3 point 4); the statutory `isOverdue` is apart. */
  isStepOverdue: z.boolean(),
  /** While the case is being classified: the end of the 5-working-day limit to transfer it out (LAW-PAKN-04, LAW-DENUNC-03), moved by paused days (LAW-BASE-10). */
  transferDueAt: isoInstantSchema.nullable().optional(),
  isPaused: z.boolean(),
  isOverdue: z.boolean(),
  /** Rule id, version and legal reference ("feedback.resolution v1 (LAW-PAKN-08)"), for the audit trail. */
  ruleRef: z.string().nullable(),
  /** The same rule in words for staff, legal reference kept ("Thời hạn trả lời phản ánh, kiến nghị: 15 ngày làm việc (căn cứ: LAW-PAKN-08, độ tin cậy S)"). */
  ruleLabel: z.string().nullable(),
  explanation: z.array(z.string()),
});
export type DeadlineView = z.infer<typeof deadlineViewSchema>;

/** Staff view. Sealed identity is NEVER part of it (separate endpoint, LAW-DENUNC-11). */
export const caseDetailSchema = caseListItemSchema.extend({
  description: z.string(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  privacy: privacyChoiceSchema,
  /** Null for sealed kinds, anonymous cases and viewers who do not handle cases (supervisors). */
  submitter: z.object({ fullName: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() }).nullable(),
  isIdentitySealed: z.boolean(),
  hasSealedIdentity: z.boolean(),
  /** Whether this reader may open the sealed identity (a leader, or the officer the case is assigned to). */
  canReadSealedIdentity: z.boolean(),
  deadline: deadlineViewSchema,
  timeline: z.array(timelineEntrySchema),
  availableActions: z.array(caseActionTypeSchema),
  /** Whether part of this case may be withdrawn today (LAW-COMPLAINT-04, LAW-DENUNC-08; `isPartialWithdrawalAllowed`): the written-withdrawal form offers "partial" only then. */
  canWithdrawPartially: z.boolean().optional(),
  /**
   * The extension "Gia hạn" may grant now: the longest single extension of the rule in force and its
   * unit (LAW-DENUNC-02: 3 working days; LAW-DENUNC-06: 30 days). Null when no extension is allowed
   * (then the action is not offered).
   */
  extensionOffer: z.object({ maxAmount: z.number().int(), unit: deadlineUnitSchema }).nullable().optional(),
  attachments: z.array(attachmentSchema),
  supervisionNotes: z.array(supervisionNoteSchema),
  answerDraft: z.string().nullable(),
  /** A denouncer's withdrawal sent from the portal, awaiting the handler's decision (LAW-DENUNC-08). */
  withdrawalRequest: z.object({ at: isoInstantSchema, scope: z.enum(['whole', 'partial']), description: z.string().nullable() }).nullable(),
  answerText: z.string().nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  /** Ratings given before the case was reopened, oldest first (kept; counted in the mean rating). */
  earlierRatings: z.array(z.object({ score: z.number().int(), comment: z.string().nullable() })),
  reopenedCount: z.number().int(),
  mergedIntoCode: z.string().nullable(),
  /** The case this one was merged into (the staff case page links it). */
  mergedIntoId: z.string().nullable(),
  /**
   * Open311 `media_url`: a link to a photo the partner hosts, as sent (http/https only). Shown to staff
   * as an external link they may choose to open; the server never fetches it. Null from other
   * channels, and withheld from those who may not open a sealed case's files (LAW-DENUNC-12).
   */
  mediaUrl: z.string().nullable(),
  qa: z.object({ publishedAt: isoInstantSchema, question: z.string(), answer: z.string() }).nullable(),
  /** The display name of `assignedOfficerId` (null when no officer is named). */
  assignedOfficerName: z.string().nullable(),
  version: z.number().int(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/**
 * What a staff action answers when the case has just left the actor's sight (forwarded or assigned
 * to a unit they do not belong to): what happened to it, not the case itself (least privilege).
 */
export const caseHandedOverSchema = z.object({
  handedOver: z.literal(true),
  id: z.string(),
  code: z.string(),
  status: caseStatusSchema,
  assignedUnitName: z.string().nullable(),
});
export type CaseHandedOver = z.infer<typeof caseHandedOverSchema>;
/** The answer of `POST /api/v1/cases/:id/actions`: the case as the actor now sees it, or that it was handed over. */
export const caseActionResultSchema = z.union([caseDetailSchema, caseHandedOverSchema]);
export type CaseActionResult = z.infer<typeof caseActionResultSchema>;

/** Public status page: nothing sealed or personal (no names, contacts, internal notes, officers). */
export const publicCaseViewSchema = z.object({
  code: z.string(),
  kind: caseKindSchema,
  status: caseStatusSchema,
  /** Null for denunciations and anonymous corruption reports. */
  title: z.string().nullable(),
  /** Only when the submitter chose "name public" (never for a sealed kind): their name, and the description with personal data redacted; absent in older stored views. */
  submitterName: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  categoryName: z.string(),
  areaName: z.string().nullable(),
  assignedUnitName: z.string().nullable(),
  receivedAt: isoInstantSchema,
  deadline: z.object({
    dueAt: isoInstantSchema.nullable(),
    isPaused: z.boolean(),
    isOverdue: z.boolean(),
    explanation: z.array(z.string()),
    /** A complaint or denunciation not yet accepted: its resolution due date, counted as if accepted at receipt (LAW-COMPLAINT-07, LAW-DENUNC-06); absent in older stored views. */
    provisionalResolutionDueAt: isoInstantSchema.nullable().optional(),
  }),
  timeline: z.array(z.object({ at: isoInstantSchema, event: z.string(), note: z.string().nullable() })),
  answer: z.object({ text: z.string(), answeredAt: isoInstantSchema }).nullable(),
  rating: z.number().int().nullable(),
  attachments: z.array(attachmentSchema),
  canRate: z.boolean(),
  canReopen: z.boolean(),
  /**
   * Why the submitter of an answered or closed case is not offered the reopen form: the commune's
   * limit of reopenings or its period after the answer has passed (issue 3 point 4). Null otherwise;
   * absent in older stored views (anonymous readers).
   */
  reopenUnavailable: z.enum(['reopen_limit_reached', 'reopen_window_expired']).nullable().optional(),
  canWithdraw: z.boolean(),
  /** Whether the withdrawal form may offer "part of it" (LAW-DENUNC-08, LAW-COMPLAINT-04); absent in older stored views. */
  canWithdrawPartially: z.boolean().optional(),
  /** The outside competent body the case was sent to (status `transferred`); absent in older stored views. */
  transferredTo: z.string().nullable().optional(),
  /** The problem's place on the map (never on a sealed kind, LAW-DENUNC-11); absent in older stored views. */
  location: z.object({ latitude: z.number(), longitude: z.number() }).nullable().optional(),
  /**
   * The reader is the case's submitter (signed in as them, or holding the secret link): the portal
   * does not offer them to follow their own case. Absent in older stored views (anonymous readers).
   */
  isSubmitter: z.boolean().optional(),
  /** Whether the reader may answer the officer's request for more information; absent in older stored views. */
  canProvideInformation: z.boolean().optional(),
});
export type PublicCaseView = z.infer<typeof publicCaseViewSchema>;

export const codeParamsSchema = z.object({ code: z.string().trim().min(1).max(CASE_CODE_MAX) });
export const idParamsSchema = z.object({ id: z.uuid() });
export const publicCaseQuerySchema = z.object({ accessToken: z.string().max(CASE_ACCESS_TOKEN_MAX).optional(), lang: z.string().max(10).optional() });

// ── Categories ────────────────────────────────────────────────────────────────────────────────
export const categorySchema = z.object({
  id: z.string(),
  communeId: z.string(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  descriptionVi: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  kinds: z.array(caseKindSchema),
  papiDimension: papiDimensionSchema,
  papiSubdimension: z.string().nullable(),
  defaultUnitId: z.string().nullable(),
  isPublicOpen311: z.boolean(),
  sortOrder: z.number().int(),
  isActive: z.boolean(),
  /** When the category last changed (Open311's discovery `changeset`). */
  updatedAt: isoInstantSchema,
});
export type Category = z.infer<typeof categorySchema>;

// ── Category administration (per commune) ─────────────────────────────────────────────────────
export const CATEGORY_CODE_MAX = 40;
export const CATEGORY_NAME_MAX = 150;
export const CATEGORY_DESCRIPTION_MAX = 1000;
export const CATEGORY_SORT_ORDER_MAX = 9999;
export const CATEGORY_OVERRIDES_MAX = 10;
export const CATEGORY_OVERRIDE_AMOUNT_MAX = 90;
/** Upper-case letters, digits and hyphens: `ROADS`, `ADMIN-PROC`. */
export const CATEGORY_CODE_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
/** PAPI sub-dimension: dimension number, a dot, the indicator number (`6.2`). */
export const PAPI_SUBDIMENSION_PATTERN = /^[1-8]\.\d{1,2}$/;
/**
 * The sub-dimensions of each PAPI dimension, as in the PAPI framework 2018–2024
 * (`/work/shared/papi/framework.json`, 29 sub-dimensions; admin-contract.test.ts compares the two).
 * A category may only point at one of its dimension's sub-dimensions.
 */
export const PAPI_SUBDIMENSIONS: Readonly<Record<(typeof PAPI_DIMENSIONS)[number], readonly string[]>> = {
  D1: ['1.1', '1.2', '1.3', '1.4'],
  D2: ['2.1', '2.2', '2.3', '2.4'],
  D3: ['3.1', '3.2', '3.3'],
  D4: ['4.1', '4.2', '4.3', '4.4'],
  D5: ['5.1', '5.2', '5.3', '5.4'],
  D6: ['6.1', '6.2', '6.3', '6.4'],
  D7: ['7.1', '7.2', '7.3'],
  D8: ['8.1', '8.2', '8.3'],
};
export const categoryOverrideStageSchema = z.enum(['acceptance', 'resolution']);

/** A commune service standard for one kind of case: answer within `amount` days instead of the legal default. */
export const categoryDeadlineOverrideSchema = z.strictObject({
  kind: caseKindSchema,
  stage: categoryOverrideStageSchema,
  amount: z.number().int().min(1).max(CATEGORY_OVERRIDE_AMOUNT_MAX),
  unit: deadlineUnitSchema,
});
export type CategoryDeadlineOverrideInput = z.infer<typeof categoryDeadlineOverrideSchema>;

/** Create or replace a category (the back office form and the admin API use this same schema). */
export const saveCategorySchema = z
  .strictObject({
    code: z.string().trim().toUpperCase().min(1).max(CATEGORY_CODE_MAX).regex(CATEGORY_CODE_PATTERN, 'cases.errors.categoryCodeFormat'),
    nameVi: text(1, CATEGORY_NAME_MAX),
    nameEn: text(1, CATEGORY_NAME_MAX),
    descriptionVi: optionalText(CATEGORY_DESCRIPTION_MAX),
    descriptionEn: optionalText(CATEGORY_DESCRIPTION_MAX),
    kinds: z.array(caseKindSchema).min(1).max(CASE_KINDS.length),
    papiDimension: papiDimensionSchema,
    papiSubdimension: z.string().trim().regex(PAPI_SUBDIMENSION_PATTERN, 'cases.errors.papiSubdimensionFormat').optional().nullable(),
    defaultUnitId: z.uuid().optional().nullable(),
    deadlineOverrides: z.array(categoryDeadlineOverrideSchema).max(CATEGORY_OVERRIDES_MAX).optional().default([]),
    isPublicOpen311: z.boolean().optional().default(false),
    sortOrder: z.number().int().min(0).max(CATEGORY_SORT_ORDER_MAX).optional().default(0),
  })
  .superRefine((value, context) => {
    if (new Set(value.kinds).size !== value.kinds.length) context.addIssue({ code: 'custom', path: ['kinds'], message: 'cases.errors.kindsDuplicate' });
    if (value.papiSubdimension && value.papiSubdimension.split('.')[0] !== value.papiDimension.slice(1)) {
      context.addIssue({ code: 'custom', path: ['papiSubdimension'], message: 'cases.errors.papiSubdimensionMismatch' });
    } else if (value.papiSubdimension && !PAPI_SUBDIMENSIONS[value.papiDimension].includes(value.papiSubdimension)) {
      context.addIssue({ code: 'custom', path: ['papiSubdimension'], message: 'cases.errors.papiSubdimensionUnknown' });
    }
    const seen = new Set<string>();
    value.deadlineOverrides.forEach((override, index) => {
      if (!value.kinds.includes(override.kind)) context.addIssue({ code: 'custom', path: ['deadlineOverrides', index, 'kind'], message: 'cases.errors.overrideKindNotInCategory' });
      const key = `${override.kind}:${override.stage}`;
      if (seen.has(key)) context.addIssue({ code: 'custom', path: ['deadlineOverrides', index, 'stage'], message: 'cases.errors.overrideDuplicate' });
      seen.add(key);
    });
  });
export type SaveCategory = z.infer<typeof saveCategorySchema>;
export type SaveCategoryInput = z.input<typeof saveCategorySchema>;

/** The admin view of a category: everything the form edits, inactive ones included. */
export const adminCategorySchema = categorySchema.extend({
  deadlineOverrides: z.array(categoryDeadlineOverrideSchema),
  createdAt: isoInstantSchema,
});
export type AdminCategory = z.infer<typeof adminCategorySchema>;
export const listCategoriesQuerySchema = z.object({ communeId: z.uuid().optional(), lang: z.string().max(10).optional() });

// ── Similar cases, Q&A, supervision, indicators, sealed identity ──────────────────────────────
export const similarCasesQuerySchema = z.strictObject({
  areaId: z.uuid(),
  categoryId: z.uuid(),
  text: z.string().trim().min(1).max(CASE_SIMILAR_TEXT_MAX),
  /** The kind being written: none are suggested for a kind filed in its own right (complaint, denunciation, corruption report). */
  kind: caseKindSchema.optional(),
  lang: z.string().max(10).optional(),
});
export type SimilarCasesQuery = z.infer<typeof similarCasesQuerySchema>;
export const similarCaseSchema = z.object({ code: z.string(), title: z.string(), status: caseStatusSchema, receivedAt: isoInstantSchema });
export type SimilarCase = z.infer<typeof similarCaseSchema>;

export const personalDataSpanSchema = z.object({ start: z.number().int(), end: z.number().int(), kind: personalDataKindSchema, text: z.string() });
export const qaPreviewSchema = z.object({
  question: z.object({ text: z.string(), spans: z.array(personalDataSpanSchema) }),
  answer: z.object({ text: z.string(), spans: z.array(personalDataSpanSchema) }),
  /** What is public now, when the case was published already (publishing again replaces it). */
  published: z.object({ question: z.string(), answer: z.string(), publishedAt: isoInstantSchema }).nullable(),
});
export type QaPreview = z.infer<typeof qaPreviewSchema>;
/** More names the officer marks on the publication page (one per line there), found like the submitter's own. */
export const QA_MARKED_NAMES_MAX = 20;
export const qaMarkedNamesSchema = z.array(text(1, 100)).max(QA_MARKED_NAMES_MAX);
export const qaPreviewRequestSchema = z.strictObject({ markedNames: qaMarkedNamesSchema.optional() });
export type QaPreviewRequest = z.infer<typeof qaPreviewRequestSchema>;
/**
 * `keep`: what the detection still finds in the texts to publish that the leader confirms is not
 * personal data (the committee's own hotline, an official acting in office), each as detected;
 * anything else it finds refuses the publication (point 8).
 */
export const QA_KEPT_MAX = 50;
export const publishQaSchema = z.strictObject({ question: text(1, CASE_DESCRIPTION_MAX), answer: text(1, CASE_ANSWER_MAX), markedNames: qaMarkedNamesSchema.optional(), keep: z.array(text(1, 200)).max(QA_KEPT_MAX).optional() });
export type PublishQa = z.infer<typeof publishQaSchema>;
/** `redactedKinds`: kinds every detected item of which was removed; `keptKinds`: kinds the leader confirmed keeping an item of. */
export const publishQaResultSchema = z.object({ publishedAt: isoInstantSchema, redactedKinds: z.array(personalDataKindSchema), keptKinds: z.array(personalDataKindSchema) });

export const listQaQuerySchema = z.strictObject({
  ...pageQuerySchema.shape,
  q: z.string().trim().max(CASE_SEARCH_QUERY_MAX).optional(),
  categoryId: z.uuid().optional(),
  communeId: z.uuid().optional(),
  lang: z.string().max(10).optional(),
});
export type ListQaQuery = z.infer<typeof listQaQuerySchema>;
/** `title`: the heading of the published (redacted) question — its title paragraph, or its first sentence cut to 120 characters. */
export const qaItemSchema = z.object({ code: z.string(), categoryId: z.string(), categoryName: z.string(), title: z.string(), question: z.string(), answer: z.string(), publishedAt: isoInstantSchema });
export type QaItem = z.infer<typeof qaItemSchema>;
export const qaPageSchema = pageOf(qaItemSchema);
export type QaPage = z.infer<typeof qaPageSchema>;

export const addSupervisionNoteSchema = z.strictObject({ kind: supervisionNoteKindSchema, body: text(1, CASE_SUPERVISION_NOTE_MAX) });
export type AddSupervisionNote = z.infer<typeof addSupervisionNoteSchema>;
export const supervisionNoteParamsSchema = z.object({ id: z.uuid(), noteId: z.uuid() });
/** The committee's answer to a flag (a leader, on the committee's behalf: LAW-DEMO-50/54). */
export const answerSupervisionFlagSchema = z.strictObject({ body: text(1, CASE_SUPERVISION_NOTE_MAX) });
export type AnswerSupervisionFlag = z.infer<typeof answerSupervisionFlagSchema>;
export const SUPERVISION_REVIEW_OUTCOMES = ['close', 'keep_open'] as const;
/** The supervisor's verdict on a flag: close it (satisfied), or keep it open, saying why. */
export const reviewSupervisionFlagSchema = z
  .strictObject({ outcome: z.enum(SUPERVISION_REVIEW_OUTCOMES), comment: optionalText(CASE_SUPERVISION_NOTE_MAX) })
  .superRefine((value, context) => {
    if (value.outcome === 'keep_open' && !value.comment) context.addIssue({ code: 'custom', path: ['comment'], message: 'cases.errors.supervisionKeepOpenReason' });
  });
export type ReviewSupervisionFlag = z.infer<typeof reviewSupervisionFlagSchema>;
export const SUPERVISION_FLAG_FILTERS = ['open', 'overdue', 'closed', 'all'] as const;
export const listSupervisionFlagsQuerySchema = z.strictObject({ filter: z.enum(SUPERVISION_FLAG_FILTERS).optional().default('open') });
/** A flag in the supervisors' and leaders' list, with the case it is on (code and kind only). */
export const supervisionFlagItemSchema = supervisionNoteSchema.extend({ caseId: z.string(), caseCode: z.string(), caseKind: caseKindSchema });
export type SupervisionFlagItem = z.infer<typeof supervisionFlagItemSchema>;

export const sealedIdentitySchema = z.object({
  fullName: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
});
export type SealedIdentity = z.infer<typeof sealedIdentitySchema>;

export const indicatorsQuerySchema = z
  .strictObject({
    from: localDateSchema,
    to: localDateSchema,
    groupBy: indicatorGroupBySchema.optional().default('none'),
    lang: z.string().max(10).optional(),
  })
  // A period that ends before it starts is a mistake to name, not an empty result.
  .refine((query) => query.from <= query.to, { path: ['to'], message: 'cases.errors.periodOrder' });
export type IndicatorsQuery = z.infer<typeof indicatorsQuerySchema>;
export const indicatorSetSchema = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  byKind: z.record(z.string(), z.number().int()),
  answeredOnTime: z.number().int(),
  answeredLate: z.number().int(),
  openOnTime: z.number().int(),
  /** Open and overdue as the staff list's overdue filter decides it: a missed acceptance deadline (LAW-DENUNC-02, LAW-PAKN-08) counts; a paused case does not (LAW-BASE-10). */
  openOverdue: z.number().int(),
  onTimeRate: z.number().nullable(),
  medianHoursToAnswer: z.number().nullable(),
  medianDaysToAnswer: z.number().nullable(),
  reopenRate: z.number().nullable(),
  meanRating: z.number().nullable(),
  ratingCount: z.number().int(),
});
export const caseIndicatorsSchema = z.object({
  communeId: z.string(),
  from: localDateSchema,
  to: localDateSchema,
  groupBy: indicatorGroupBySchema,
  overall: indicatorSetSchema,
  groups: z.record(z.string(), indicatorSetSchema),
  /** LAW-DENUNC-04: anonymous information is counted even though no denouncer exists. */
  anonymousCorruptionReports: z.number().int(),
});
export type CaseIndicators = z.infer<typeof caseIndicatorsSchema>;
/**
 * What the back-office page reads: the indicators plus each group's human name in the asked language
 * (unit and category names, PAPI dimension names, kind labels), so no screen or export shows an id.
 */
export const caseIndicatorsViewSchema = caseIndicatorsSchema.extend({ groupNames: z.record(z.string(), z.string()) });
export type CaseIndicatorsView = z.infer<typeof caseIndicatorsViewSchema>;

// ── Settings ──────────────────────────────────────────────────────────────────────────────────
export const CASE_FOLLOW_CONFIRMATION_DAYS_DEFAULT = 7;
export const CASE_FOLLOW_CONFIRMATION_DAYS_MAX = 30;
/** Follows of one address waiting for confirmation at once, across the commune's cases (each sent one mail). */
export const CASE_FOLLOW_PENDING_PER_ADDRESS_MAX = 3;

export const caseModuleSettingsSchema = z.object({
  maxAttachments: z.number().int().min(0).max(CASE_MAX_ATTACHMENTS_HARD_CAP).default(CASE_MAX_ATTACHMENTS),
  attachmentMaxBytes: z.number().int().min(1024).max(CASE_ATTACHMENT_MAX_BYTES * 2).default(CASE_ATTACHMENT_MAX_BYTES),
  reminderDaysBefore: z.array(z.number().int().min(1).max(30)).max(5).default([...CASE_REMINDER_DAYS_DEFAULT]),
  reopenWindowDays: z.number().int().min(0).max(365).optional(),
  maxReopenCount: z.number().int().min(0).max(10).optional(),
  autoCloseAfterDays: z.number().int().min(0).max(365).optional(),
  /** Days a follower's e-mail has to confirm the follow before it lapses (double opt-in, LAW-PDP-05). */
  followConfirmationDays: z.number().int().min(1).max(CASE_FOLLOW_CONFIRMATION_DAYS_MAX).default(CASE_FOLLOW_CONFIRMATION_DAYS_DEFAULT),
  /** LAW-DEMO-54: the committee answers a supervision flag within 15 (calendar) days; configurable (open point 1). */
  supervisionAnswerDays: z.number().int().min(1).max(90).default(SUPERVISION_ANSWER_DAYS_DEFAULT),
  supervisionAnswerUnit: deadlineUnitSchema.default(SUPERVISION_ANSWER_UNIT_DEFAULT),
  /** Where the commune's map points may lie; Vietnam (with its islands) unless narrowed. */
  mapBounds: mapBoundsSchema.default({ ...VIETNAM_MAP_BOUNDS }),
});
export type CaseModuleSettings = z.infer<typeof caseModuleSettingsSchema>;

export const CASE_REOPEN_WINDOW_MAX = 365;
export const CASE_MAX_REOPEN_COUNT_MAX = 10;
export const CASE_AUTO_CLOSE_DAYS_MAX = 365;
export const CASE_REMINDER_DAY_MAX = 30;
export const CASE_REMINDERS_MAX = 5;
export const CASE_SUPERVISION_ANSWER_DAYS_MAX = 90;
export const CASE_ATTACHMENT_MIN_BYTES = 100 * 1024;
/** The HTTP upload limit: a commune cannot allow files the server would refuse anyway. */
export const CASE_ATTACHMENT_MAX_BYTES_HARD_CAP = 10 * 1024 * 1024;

/** The settings form / `PUT /api/v1/admin/cases/settings`: every value explicit, within the named limits. */
export const updateCaseSettingsSchema = z
  .strictObject({
    reopenWindowDays: z.number().int().min(1).max(CASE_REOPEN_WINDOW_MAX),
    maxReopenCount: z.number().int().min(0).max(CASE_MAX_REOPEN_COUNT_MAX),
    /** Days after the answer without rating or reopening before the case closes by itself. */
    autoCloseAfterDays: z.number().int().min(1).max(CASE_AUTO_CLOSE_DAYS_MAX),
    /** Working days before a deadline on which the assignee is reminded (each once). */
    reminderDaysBefore: z.array(z.number().int().min(1).max(CASE_REMINDER_DAY_MAX)).max(CASE_REMINDERS_MAX),
    maxAttachments: z.number().int().min(0).max(CASE_MAX_ATTACHMENTS_HARD_CAP),
    /** Bytes on the wire, megabytes in the form: the range message speaks MB (0,1 to 10 MB, see admin-contract.test.ts). */
    attachmentMaxBytes: z.number().int().min(CASE_ATTACHMENT_MIN_BYTES, 'cases.errors.attachmentSizeRange').max(CASE_ATTACHMENT_MAX_BYTES_HARD_CAP, 'cases.errors.attachmentSizeRange'),
    /** Days a follower's e-mail has to confirm before the follow lapses (LAW-PDP-05); unchanged when left out. */
    followConfirmationDays: z.number().int().min(1).max(CASE_FOLLOW_CONFIRMATION_DAYS_MAX).optional(),
    /** Days the committee has to answer a supervision flag (LAW-DEMO-54); left out = unchanged. */
    supervisionAnswerDays: z.number().int().min(1).max(CASE_SUPERVISION_ANSWER_DAYS_MAX).optional(),
    supervisionAnswerUnit: deadlineUnitSchema.optional(),
    /** The box residents' map points must fall in; left out = unchanged. */
    mapBounds: mapBoundsSchema.optional(),
  })
  .superRefine((value, context) => {
    if (new Set(value.reminderDaysBefore).size !== value.reminderDaysBefore.length) context.addIssue({ code: 'custom', path: ['reminderDaysBefore'], message: 'cases.errors.reminderDaysDuplicate' });
  });
export type UpdateCaseSettings = z.infer<typeof updateCaseSettingsSchema>;
/** The settings in force (defaults filled in), as the form shows them. */
export const caseSettingsViewSchema = z.object({
  reopenWindowDays: z.number().int(),
  maxReopenCount: z.number().int(),
  autoCloseAfterDays: z.number().int(),
  reminderDaysBefore: z.array(z.number().int()),
  maxAttachments: z.number().int(),
  attachmentMaxBytes: z.number().int(),
  followConfirmationDays: z.number().int(),
  supervisionAnswerDays: z.number().int(),
  supervisionAnswerUnit: deadlineUnitSchema,
  mapBounds: mapBoundsSchema,
  updatedAt: isoInstantSchema.nullable(),
});
export type CaseSettingsView = z.infer<typeof caseSettingsViewSchema>;

// ── Open311 partner clients ───────────────────────────────────────────────────────────────────
export const OPEN311_CLIENT_NAME_MAX = 120;
export const open311ClientSchema = z.object({ id: z.string(), name: z.string(), isActive: z.boolean(), createdAt: isoInstantSchema });
export type Open311Client = z.infer<typeof open311ClientSchema>;
export const createOpen311ClientSchema = z.strictObject({ name: text(2, OPEN311_CLIENT_NAME_MAX) });
export type CreateOpen311Client = z.infer<typeof createOpen311ClientSchema>;
/** The key is shown once, here; only its sha256 is stored. */
export const createdOpen311ClientSchema = z.object({ client: open311ClientSchema, apiKey: z.string() });
export type CreatedOpen311Client = z.infer<typeof createdOpen311ClientSchema>;

// ── Assignment ────────────────────────────────────────────────────────────────────────────────
export const assigneesQuerySchema = z.strictObject({ unitId: z.uuid() });
export const assigneeSchema = z.object({ id: z.string(), displayName: z.string(), unitId: z.string() });
export type Assignee = z.infer<typeof assigneeSchema>;

export const okSchema = z.object({ ok: z.literal(true) });
