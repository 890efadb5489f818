/**
 * Pure Open311 mapping: services (category × public kind), status collapse, extended status
 * tokens, datetimes in +07:00, and the query rules (90-day window, 1,000 cap, comma lists).
 */
import type { Locale } from '../../../../core/i18n/translate.js';
import { LOCAL_DATE_MAX, LOCAL_DATE_MIN } from '../../../../core/contract/paging.js';
import { CASE_MEDIA_URL_MAX } from '../../contract.js';
import { getCaseKindPolicy, type CaseKind, type CaseStatus } from '../../domain/index.js';
import { open311Errors, type PendingError } from './errors.js';

/** Kinds offered as Open311 services. Complaints, denunciations and anonymous corruption reports follow
 * separate legal procedures with protected identities: they are never listed and never returned. */
export const OPEN311_KINDS = ['feedback', 'question'] as const satisfies readonly CaseKind[];
export type Open311Kind = (typeof OPEN311_KINDS)[number];
export function isOpen311Kind(kind: string): kind is Open311Kind {
  return (OPEN311_KINDS as readonly string[]).includes(kind);
}

const kindSuffix: Readonly<Record<Open311Kind, string>> = { feedback: 'PAKN', question: 'HOI' };
const kindLabel: Readonly<Record<Locale, Record<Open311Kind, string>>> = {
  vi: { feedback: 'Phản ánh, kiến nghị', question: 'Hỏi đáp' },
  en: { feedback: 'Feedback and recommendation', question: 'Question' },
};
const kindKeywords: Readonly<Record<Open311Kind, string>> = { feedback: 'phan anh,kien nghi,feedback', question: 'hoi dap,question' };

export interface ServiceCategory {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string | null;
  descriptionEn: string | null;
  kinds: readonly string[];
  papiDimension: string;
  isPublicOpen311: boolean;
  isActive: boolean;
  sortOrder: number;
}

export interface Open311Service {
  serviceCode: string;
  categoryId: string;
  kind: Open311Kind;
  category: ServiceCategory;
}

/** Stable string service code: the category code plus the kind (`MOI-TRUONG-PAKN`). */
export function serviceCodeOf(categoryCode: string, kind: Open311Kind): string {
  return `${categoryCode}-${kindSuffix[kind]}`;
}

/** Services of a commune: active categories flagged `is_public_open311`, one per public kind they accept. */
export function servicesOf(categories: readonly ServiceCategory[]): Open311Service[] {
  return [...categories]
    .filter((category) => category.isActive && category.isPublicOpen311)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))
    .flatMap((category) => OPEN311_KINDS.filter((kind) => category.kinds.includes(kind)).map((kind) => ({ serviceCode: serviceCodeOf(category.code, kind), categoryId: category.id, kind, category })));
}

export function serviceName(service: Open311Service, locale: Locale): string {
  const name = locale === 'en' ? service.category.nameEn || service.category.nameVi : service.category.nameVi;
  return `${name} — ${kindLabel[locale][service.kind]}`;
}

const identityParameters: Readonly<Record<Locale, Record<'fullName' | 'address' | 'contact', string>>> = {
  vi: { fullName: 'họ tên người gửi (first_name, last_name)', address: 'địa chỉ người gửi (attribute[submitter_address])', contact: 'số điện thoại (phone) hoặc e-mail (email)' },
  en: { fullName: 'the submitter\'s name (first_name, last_name)', address: 'the submitter\'s postal address (attribute[submitter_address])', contact: 'a phone number (phone) or e-mail (email)' },
};

/**
 * What a service needs to know about the submitter, from the kind's identity rules (LAW-PAKN-03 for
 * feedback), so a partner learns it before a 400; null when the kind needs nothing. The postal
 * address already satisfies "a way to reach them", so contact is named only when the address is not required.
 */
export function identityNote(kind: Open311Kind, locale: Locale): string | null {
  const fields = getCaseKindPolicy(kind).requiredIdentityFields;
  const named = fields.filter((field) => field !== 'contact' || !fields.includes('address')).map((field) => identityParameters[locale][field]);
  if (named.length === 0) return null;
  const list = named.join(locale === 'en' ? ' and ' : ' và ');
  return locale === 'en' ? `By law this service needs ${list}; they are never published.` : `Theo quy định, loại yêu cầu này cần ${list}; các thông tin này không được công khai.`;
}

/** The category's description in the request's language, else a sentence from the kind and the category name, then the identity note. */
export function serviceDescription(service: Open311Service, locale: Locale): string {
  const isEnglish = locale === 'en';
  const given = (isEnglish ? service.category.descriptionEn : service.category.descriptionVi)?.trim();
  const name = isEnglish ? service.category.nameEn || service.category.nameVi : service.category.nameVi;
  const base = given || `${kindLabel[locale][service.kind]} ${isEnglish ? 'about' : 'về'} ${name}`;
  const sentence = /[.!?…]$/.test(base) ? base : `${base}.`;
  const note = identityNote(service.kind, locale);
  return note ? `${sentence} ${note}` : sentence;
}

export function serviceDocument(service: Open311Service, locale: Locale) {
  const description = serviceDescription(service, locale);
  return {
    service_code: service.serviceCode,
    service_name: serviceName(service, locale),
    description,
    metadata: true,
    type: 'realtime',
    keywords: kindKeywords[service.kind],
    group: locale === 'en' ? service.category.nameEn || service.category.nameVi : service.category.nameVi,
  };
}

/**
 * When the service documents' wording and shape written here and in routes.ts last changed (kind labels,
 * keywords, descriptions, the identity note, the attribute questions): part of discovery's changeset.
 * Bump it with any such change, so clients refresh their cached definitions (GeoReport v2 §3.0).
 */
export const SERVICE_DOCUMENTS_REVISED_AT = '2026-11-27T21:50:00.000Z';

/**
 * Discovery's changeset: the latest change of anything the service list and definitions are built
 * from — the categories (services, names, descriptions, kinds, the public flag), the areas (values of
 * the `area` attribute, active or not) and the documents' wording in code.
 */
export function definitionsChangeset(changedAt: ReadonlyArray<string | null | undefined>): string {
  const times = changedAt.map((instant) => (instant ? Date.parse(instant) : Number.NaN)).filter((time) => Number.isFinite(time));
  return toOpen311DateTime(new Date(Math.max(Date.parse(SERVICE_DOCUMENTS_REVISED_AT), ...times)))!;
}

/** Core GeoReport status: answered, closed, refused, merged and withdrawn cases are closed; the rest open. */
export function open311Status(status: CaseStatus | string): 'open' | 'closed' {
  return ['answered', 'closed', 'refused', 'merged', 'withdrawn', 'transferred'].includes(status) ? 'closed' : 'open';
}

/** mySociety's extended status vocabulary, for the update feed. */
export function extendedStatus(status: CaseStatus | string): string {
  switch (status) {
    case 'received':
      return 'OPEN';
    case 'accepted':
    case 'awaiting_information':
      return 'INVESTIGATING';
    case 'assigned':
    case 'forwarded':
      return 'INTERNAL_REFERRAL';
    case 'in_progress':
    case 'answer_drafted':
    case 'answer_approved':
      return 'IN_PROGRESS';
    case 'refused':
      return 'NO_FURTHER_ACTION';
    case 'merged':
      return 'DUPLICATE';
    case 'withdrawn':
      return 'CANCELLED';
    case 'transferred':
      return 'NOT_COUNCILS_RESPONSIBILITY';
    case 'reopened':
      return 'REOPEN';
    default:
      return 'CLOSED';
  }
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** W3C datetime with an explicit `+07:00` offset (Vietnam has no daylight saving time). */
export function toOpen311DateTime(instant: string | Date | null | undefined): string | null {
  if (instant === null || instant === undefined) return null;
  const time = new Date(instant).getTime();
  if (Number.isNaN(time)) return null;
  return `${new Date(time + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** dd/mm/yyyy in Vietnam time, for notices. */
export function toLocalDay(instant: string | Date): string {
  const local = new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}

/** The statutory handling promise of a case, from its computed deadlines. */
export function serviceNotice(locale: Locale, input: { acceptanceDueAt: string | null; dueAt: string | null; isClosed?: boolean }): string | null {
  if (input.isClosed) return null;
  const parts: string[] = [];
  if (locale === 'en') {
    if (input.acceptanceDueAt) parts.push(`The commune decides whether to accept the case by ${toLocalDay(input.acceptanceDueAt)}`);
    if (input.dueAt) parts.push(`and answers by ${toLocalDay(input.dueAt)}, as the law requires (working days, public holidays excluded).`);
  } else {
    if (input.acceptanceDueAt) parts.push(`UBND xã xem xét thụ lý trước ngày ${toLocalDay(input.acceptanceDueAt)}`);
    if (input.dueAt) parts.push(`và trả lời trước ngày ${toLocalDay(input.dueAt)} theo thời hạn luật định (tính ngày làm việc, trừ ngày nghỉ lễ).`);
  }
  if (parts.length === 0) return null;
  const text = parts.join(parts.length === 2 ? ' ' : '');
  return input.acceptanceDueAt ? text : text.replace(/^(and|và) /, '').replace(/^./, (first) => first.toUpperCase());
}

// ── Query parameters ──────────────────────────────────────────────────────────────────────────
export const MAX_RESULTS = 1000;
export const WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

export type RawQuery = Record<string, unknown>;

/** A parameter as one trimmed string; empty counts as absent (spec: "optional" means empty = absent). */
export function param(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return undefined;
  const text = String(first).trim();
  return text === '' ? undefined : text;
}

export function commaList(value: string | undefined): string[] {
  return value ? value.split(',').map((item) => item.trim()).filter((item) => item !== '') : [];
}

export interface DateWindow {
  from: Date;
  to: Date;
}

const EARLIEST_DATE_PARAM = Date.parse(`${LOCAL_DATE_MIN}T00:00:00+07:00`);
const LATEST_DATE_PARAM = Date.parse(`${LOCAL_DATE_MAX}T23:59:59.999+07:00`);

/** A W3C datetime with its timezone (`Z` or `±HH:MM`), as GeoReport v2 §2 requires. */
const DATETIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * True when the date and time written are ones the calendar has: 2026-02-30, 2026-04-31, 24:00 or
 * minute 60 are not, though the runtime's parser rolls them over into the next day, month or hour
 * (2026-02-30 would be read as 2026-03-02) and so would answer for a window nobody asked for. A bad
 * zone (+24:00) the runtime refuses itself.
 */
function isCalendarDateTime(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const isDate = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return isDate && hour <= 23 && minute <= 59 && second <= 59;
}

function parseDateParam(name: string, sent: string, errors: PendingError[]): Date | null {
  // `+07:00` sent unencoded in a query string arrives as ` 07:00` (a "+" there means a space): the
  // offset was written, so it is read as the "+" it was, not refused as a datetime without a zone.
  const value = sent.replace(/^(\d{4}-\d{2}-\d{2}T[\d:.]+) (\d{2}:\d{2})$/, '$1+$2');
  // A bare date is that day in Vietnam: from its start as start_date, to its end as end_date, so
  // start_date=2026-11-29&end_date=2026-11-29 is the whole of that day (as the staff list's dates are).
  const isBareDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const normalised = isBareDate ? `${value}T${name === 'end_date' ? '23:59:59.999' : '00:00:00'}+07:00` : value;
  // A datetime without a zone is refused, not guessed (the runtime would read it as local time or UTC).
  if (/^\d{4}-\d{2}-\d{2}T/.test(normalised) && !DATETIME_WITH_ZONE.test(normalised)) {
    errors.push({ key: 'dateTimezone', value: name });
    return null;
  }
  const time = DATETIME_WITH_ZONE.test(normalised) && isCalendarDateTime(normalised) ? Date.parse(normalised) : Number.NaN;
  // Within the calendar's dates (core/contract LOCAL_DATE_MIN…MAX): year 0001 is no date a database keeps.
  if (Number.isNaN(time) || time < EARLIEST_DATE_PARAM || time > LATEST_DATE_PARAM) {
    errors.push({ key: 'invalid', value: name });
    return null;
  }
  return new Date(time);
}

/** start_date/end_date on requested_datetime: at most 90 days; the default is the 90 days up to now. */
export function dateWindow(query: RawQuery, now: Date, errors: PendingError[]): DateWindow | null {
  const startText = param(query, 'start_date');
  const endText = param(query, 'end_date');
  const start = startText ? parseDateParam('start_date', startText, errors) : undefined;
  const end = endText ? parseDateParam('end_date', endText, errors) : undefined;
  if (start === null || end === null) return null;
  const to = end ?? (start ? new Date(Math.min(start.getTime() + WINDOW_DAYS * DAY_MS, Math.max(now.getTime(), start.getTime()))) : now);
  const from = start ?? new Date(to.getTime() - WINDOW_DAYS * DAY_MS);
  if (from.getTime() > to.getTime()) {
    errors.push({ key: 'dateOrder' });
    return null;
  }
  if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS) {
    errors.push({ key: 'dateRange' });
    return null;
  }
  return { from, to };
}

export interface Paging {
  page: number;
  pageSize: number;
  offset: number;
}

/** The `page`/`page_size` extension: page ≥ 1, page_size 1…1000 (default 1000, the spec's cap). */
export function paging(query: RawQuery, errors: PendingError[]): Paging {
  const pageText = param(query, 'page');
  const sizeText = param(query, 'page_size');
  // Digits only: Number() would also read `0x2`, `1e2` and `0b10` as the numbers they spell.
  const page = pageText === undefined ? 1 : /^\d+$/.test(pageText) ? Number(pageText) : Number.NaN;
  const pageSize = sizeText === undefined ? MAX_RESULTS : /^\d+$/.test(sizeText) ? Number(sizeText) : Number.NaN;
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000) errors.push({ key: 'invalid', value: 'page' });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_RESULTS) errors.push({ key: 'invalid', value: 'page_size' });
  const safePage = Number.isInteger(page) && page >= 1 ? page : 1;
  const safeSize = Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_RESULTS ? pageSize : MAX_RESULTS;
  return { page: safePage, pageSize: safeSize, offset: (safePage - 1) * safeSize };
}

export function statusFilter(query: RawQuery, errors: PendingError[]): Array<'open' | 'closed'> {
  const statuses = commaList(param(query, 'status')).map((status) => status.toLowerCase());
  const invalid = statuses.filter((status) => status !== 'open' && status !== 'closed');
  if (invalid.length > 0) errors.push({ key: 'invalid', value: 'status' });
  return statuses.filter((status): status is 'open' | 'closed' => status === 'open' || status === 'closed');
}

/**
 * `media_url` (GeoReport v2 §3.3): a link to a photo the partner already hosts. Only an absolute
 * http/https URL with a host and no user name or password in it, at most CASE_MEDIA_URL_MAX characters;
 * anything else (`javascript:`, `data:`, `file:`, a bare word) is a 400 naming the field. The server
 * never fetches it (no request to a partner-chosen address, SSRF): it is a link, stored and returned.
 */
export function mediaUrlOf(value: string | undefined, errors: PendingError[]): string | null {
  if (value === undefined) return null;
  if (value.length > CASE_MEDIA_URL_MAX) {
    errors.push({ key: 'tooLong', value: 'media_url' });
    return null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    errors.push({ key: 'mediaUrl' });
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || url.username !== '' || url.password !== '' || /\s/.test(value)) {
    errors.push({ key: 'mediaUrl' });
    return null;
  }
  return value;
}

export function throwIfErrors(errors: PendingError[]): void {
  if (errors.length > 0) throw open311Errors.badRequest(...errors);
}
