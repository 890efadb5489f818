/** Public wording of statuses and timeline events for status_notes and the update feed. */
import type { Locale } from '../../../../core/i18n/translate.js';
import { isValidTrackingCode, refusalNoteIn } from '../../domain/index.js';

const statusLabels: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  vi: {
    received: 'Đã tiếp nhận, chờ xem xét thụ lý.',
    accepted: 'Đã thụ lý.',
    assigned: 'Đã giao đơn vị xử lý.',
    forwarded: 'Đã chuyển đơn vị phối hợp xử lý.',
    awaiting_information: 'Đang chờ người gửi bổ sung thông tin.',
    in_progress: 'Đang xử lý.',
    answer_drafted: 'Đang xử lý.',
    answer_approved: 'Đang xử lý.',
    answered: 'Đã trả lời.',
    closed: 'Đã kết thúc.',
    reopened: 'Đã mở lại theo đề nghị của người gửi.',
    refused: 'Không thụ lý.',
    merged: 'Đã gộp vào một yêu cầu trùng nội dung.',
    transferred: 'Đã chuyển đến cơ quan có thẩm quyền.',
    withdrawn: 'Người gửi đã rút yêu cầu.',
  },
  en: {
    received: 'Received, awaiting the acceptance decision.',
    accepted: 'Accepted.',
    assigned: 'Assigned to a unit.',
    forwarded: 'Referred to another unit.',
    awaiting_information: 'Waiting for more information from the submitter.',
    in_progress: 'In progress.',
    answer_drafted: 'In progress.',
    answer_approved: 'In progress.',
    answered: 'Answered.',
    closed: 'Closed.',
    reopened: 'Reopened at the submitter\'s request.',
    refused: 'Not accepted.',
    merged: 'Merged into a request about the same issue.',
    transferred: 'Sent to the competent body.',
    withdrawn: 'Withdrawn by the submitter.',
  },
};

export function statusLabel(locale: Locale, status: string): string {
  return statusLabels[locale][status] ?? statusLabels[locale].in_progress!;
}

const eventStatus: Readonly<Record<string, string>> = {
  received: 'OPEN',
  accepted: 'INVESTIGATING',
  refused: 'NO_FURTHER_ACTION',
  assigned: 'INTERNAL_REFERRAL',
  forwarded: 'INTERNAL_REFERRAL',
  work_started: 'IN_PROGRESS',
  information_requested: 'INVESTIGATING',
  information_received: 'IN_PROGRESS',
  directed: 'IN_PROGRESS',
  deadline_extended: 'IN_PROGRESS',
  answer_published: 'CLOSED',
  rated: 'CLOSED',
  reopened: 'REOPEN',
  merged: 'DUPLICATE',
  closed: 'CLOSED',
  withdrawn: 'CANCELLED',
  transferred_out: 'NOT_COUNCILS_RESPONSIBILITY',
  reclassified: 'IN_PROGRESS',
  complexity_decided: 'IN_PROGRESS',
};

const eventLabels: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  vi: {
    received: 'Đã tiếp nhận.',
    accepted: 'Đã thụ lý.',
    refused: 'Không thụ lý.',
    assigned: 'Đã giao đơn vị xử lý.',
    forwarded: 'Đã chuyển đơn vị phối hợp.',
    work_started: 'Bắt đầu xử lý.',
    information_requested: 'Đề nghị người gửi bổ sung thông tin.',
    information_received: 'Đã nhận thông tin bổ sung.',
    deadline_extended: 'Gia hạn thời hạn giải quyết.',
    answer_published: 'Đã công bố câu trả lời.',
    rated: 'Người gửi đã đánh giá câu trả lời.',
    reopened: 'Mở lại theo đề nghị của người gửi.',
    merged: 'Gộp vào yêu cầu trùng nội dung.',
    merged_in: 'Một yêu cầu trùng nội dung đã được gộp vào yêu cầu này.',
    closed: 'Kết thúc.',
    transferred_out: 'Đã chuyển đến cơ quan có thẩm quyền.',
    withdrawn: 'Người gửi đã rút yêu cầu.',
    reclassified: 'Đã phân loại lại.',
    complexity_decided: 'Đã xác định lại thời hạn giải quyết.',
  },
  en: {
    received: 'Received.',
    accepted: 'Accepted.',
    refused: 'Not accepted.',
    assigned: 'Assigned to a unit.',
    forwarded: 'Referred to another unit.',
    work_started: 'Work started.',
    information_requested: 'More information requested from the submitter.',
    information_received: 'More information received.',
    deadline_extended: 'Deadline extended.',
    answer_published: 'Answer published.',
    rated: 'The submitter rated the answer.',
    reopened: 'Reopened at the submitter\'s request.',
    merged: 'Merged into a request about the same issue.',
    merged_in: 'A request about the same issue was merged into this one.',
    closed: 'Closed.',
    transferred_out: 'Sent to the competent body.',
    withdrawn: 'Withdrawn by the submitter.',
    reclassified: 'Reclassified.',
    complexity_decided: 'Time limit to resolve set again.',
  },
};

const suffixOf = (event: string) => event.split('.').pop() ?? event;

/** mySociety status token for a timeline event (null: fall back to the case's current status). */
export function eventExtendedStatus(event: string): string | null {
  return eventStatus[suffixOf(event)] ?? null;
}

export function eventLabel(locale: Locale, event: string): string {
  return eventLabels[locale][suffixOf(event)] ?? (locale === 'en' ? 'Status updated.' : 'Cập nhật trạng thái.');
}

/** The public status page of a request (`/tra-cuu/<code>` on the portal), where a reader follows it. */
export type TrackUrlOf = (code: string) => string;

/**
 * A merged request: the request it was merged into and where to follow it, since its news are that
 * request's from now on. The note is the code the system wrote (public-status.ts `SYSTEM_NOTE_EVENTS`);
 * anything else gives the neutral status sentence. Open311 only serves kinds that are not sealed, whose
 * status page anyone may read, so naming the other request's code hides nothing (LAW-DENUNC-11 concerns
 * denunciations, never listed here).
 */
export function mergedIntoNote(locale: Locale, intoCode: string | null, trackUrlOf: TrackUrlOf): string {
  if (!intoCode || !isValidTrackingCode(intoCode)) return statusLabel(locale, 'merged');
  return locale === 'en'
    ? `Merged into request ${intoCode} about the same issue. Follow it at ${trackUrlOf(intoCode)}`
    : `Đã gộp vào yêu cầu ${intoCode} trùng nội dung. Theo dõi yêu cầu đó tại ${trackUrlOf(intoCode)}`;
}

/** The other side of a merge, on the request that carries on: which request was merged into it, and where it was. */
export function mergedInNote(locale: Locale, fromCode: string | null, trackUrlOf: TrackUrlOf): string {
  if (!fromCode || !isValidTrackingCode(fromCode)) return eventLabel(locale, 'cases.case.merged_in');
  return locale === 'en'
    ? `Request ${fromCode} about the same issue was merged into this one (${trackUrlOf(fromCode)}).`
    : `Yêu cầu ${fromCode} trùng nội dung đã được gộp vào yêu cầu này (${trackUrlOf(fromCode)}).`;
}

/**
 * `status_notes`, "why the status is what it is" (GeoReport v2 §3.5): the published answer of an
 * answered or closed case; for a refusal, the status and its ground (public on the status page and in
 * the update feed, LAW-PAKN-03); for a merge, the request merged into and its status page; else the
 * status in words. `statusNote` is the public note of the refusal or merge (repository `status_note`).
 */
export function statusNotes(locale: Locale, input: { status: string; answerText: string | null; statusNote: string | null }, trackUrlOf: TrackUrlOf): string {
  const { status, answerText, statusNote } = input;
  if (answerText && (status === 'answered' || status === 'closed')) return answerText;
  if (status === 'refused' && statusNote) {
    const ground = refusalNoteIn(statusNote, locale)!.replace(/[.\s]+$/, '');
    return locale === 'en' ? `${statusLabel(locale, status)} Ground: ${ground}.` : `${statusLabel(locale, status)} Lý do: ${ground}.`;
  }
  if (status === 'merged') return mergedIntoNote(locale, statusNote, trackUrlOf);
  return statusLabel(locale, status);
}
