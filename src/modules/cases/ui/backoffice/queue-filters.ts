/**
 * The work queue's filters as they travel in addresses: the queue keeps them in its own query string,
 * and a case opened from it carries them in one `list` parameter so its "back to the list" link
 * returns to the same filtered page. Only the queue's own parameters with well-formed values survive,
 * and the link always points at the queue itself (never an address taken from the URL: no open
 * redirect). Browser-safe and pure.
 */
import { parseShortDate } from '../../../../core/calendar/format-local-date.js';
import { CASE_SEARCH_QUERY_MAX } from '../../contract.js';
import { CASE_KINDS, CASE_STATUSES } from '../../domain/index.js';
import { isQueueScope } from './queue-scope.js';

export const QUEUE_PATH = '/cases';
export const QUEUE_FILTER_KEYS = ['scope', 'status', 'kind', 'categoryId', 'areaId', 'unitId', 'receivedFrom', 'receivedTo', 'overdue', 'stepOverdue', 'q', 'page'] as const;
/** The received-date filters: typed day first (dd/mm/yyyy), kept in the address as yyyy-mm-dd (a plain form submission may carry dd/mm/yyyy). */
export const QUEUE_DATE_KEYS = ['receivedFrom', 'receivedTo'] as const;
export type QueueFilters = Partial<Record<(typeof QUEUE_FILTER_KEYS)[number], string>>;
/** The case page's parameter holding the queue's query string. */
export const QUEUE_RETURN_PARAM = 'list';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A page number a person could reach (the API caps it too; this only keeps the address tidy). */
const PAGE = /^[1-9]\d{0,5}$/;

const isValid: Record<(typeof QUEUE_FILTER_KEYS)[number], (value: string) => boolean> = {
  scope: isQueueScope,
  status: (value) => value === 'open' || value === 'any' || (CASE_STATUSES as readonly string[]).includes(value),
  kind: (value) => (CASE_KINDS as readonly string[]).includes(value),
  categoryId: (value) => UUID.test(value),
  areaId: (value) => UUID.test(value),
  unitId: (value) => UUID.test(value),
  receivedFrom: (value) => parseShortDate(value) !== null,
  receivedTo: (value) => parseShortDate(value) !== null,
  overdue: (value) => value === '1',
  stepOverdue: (value) => value === '1',
  q: (value) => value.length <= CASE_SEARCH_QUERY_MAX,
  page: (value) => PAGE.test(value),
};

/** The queue's query string (`?status=open&q=…`, or '' when nothing is set), keys in a fixed order. */
export function toQueueSearch(filters: QueueFilters): string {
  const params = new URLSearchParams();
  for (const key of QUEUE_FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Keep only the queue's own parameters, and only well-formed values; anything else is dropped silently. */
export function sanitiseQueueFilters(record: Readonly<Record<string, string>>): QueueFilters {
  const filters: QueueFilters = {};
  for (const key of QUEUE_FILTER_KEYS) {
    const value = record[key];
    if (value !== undefined && value !== '' && isValid[key](value)) filters[key] = value;
  }
  return filters;
}

/** The address of a case opened from the queue with these filters (`/cases/<id>?list=status%3Dopen…`). */
export function caseHrefFromQueue(caseId: string, filters: QueueFilters): string {
  const search = toQueueSearch(sanitiseQueueFilters(filters as Record<string, string>)).slice(1);
  return `/cases/${encodeURIComponent(caseId)}${search ? `?${QUEUE_RETURN_PARAM}=${encodeURIComponent(search)}` : ''}`;
}

/** Where the case page's "back to the list" goes: the queue, with the filters the case was opened from. */
export function queueHrefFromCaseSearch(caseSearch: string): string {
  const carried = new URLSearchParams(caseSearch).get(QUEUE_RETURN_PARAM);
  if (!carried) return QUEUE_PATH;
  return `${QUEUE_PATH}${toQueueSearch(sanitiseQueueFilters(Object.fromEntries(new URLSearchParams(carried))))}`;
}
