/**
 * Which message a case event sends its submitter (issue 3, workflow review). The status alone made
 * extensions, complexity decisions, withdrawals and refusals arrive as repeats of "Đã thụ lý": each of
 * those events now has its own message saying what happened. Followers are not the submitter: they
 * keep the neutral status message and never get what is written to the submitter only.
 */

/** What the message needs besides the case's code, link and stop link. */
export type SubmitterNotice =
  | { template: 'cases.status-changed' }
  /** LAW-DENUNC-02 / LAW-DENUNC-06: the new deadline (the acceptance one while the case is still received) and the reason. */
  | { template: 'cases.acceptance-extended' | 'cases.deadline-extended'; deadline: 'acceptance' | 'resolution' }
  /** LAW-COMPLAINT-07/08: the resolution deadline the determination set. */
  | { template: 'cases.complexity-decided'; deadline: 'resolution' }
  /** LAW-DENUNC-02, LAW-COMPLAINT-05: the legal ground's label. */
  | { template: 'cases.refused' }
  /** LAW-BASE-10: the request's note, written to the submitter. */
  | { template: 'cases.information-requested' }
  /** LAW-COMPLAINT-04, LAW-DENUNC-08. */
  | { template: 'cases.partially-withdrawn' | 'cases.withdrawn' | 'cases.withdrawal-continued' | 'cases.withdrawal-request-received' };

/** The submitter's message for `event` (`cases.case.<name>`), given the status the event left the case in. */
export function submitterNoticeOf(event: string, toStatus: string): SubmitterNotice {
  switch (event) {
    case 'cases.case.deadline_extended':
      return toStatus === 'received' ? { template: 'cases.acceptance-extended', deadline: 'acceptance' } : { template: 'cases.deadline-extended', deadline: 'resolution' };
    case 'cases.case.complexity_decided':
      return { template: 'cases.complexity-decided', deadline: 'resolution' };
    case 'cases.case.refused':
      return { template: 'cases.refused' };
    case 'cases.case.information_requested':
      return { template: 'cases.information-requested' };
    case 'cases.case.partially_withdrawn':
      return { template: 'cases.partially-withdrawn' };
    case 'cases.case.withdrawn':
      return { template: 'cases.withdrawn' };
    case 'cases.case.handling_continued_after_withdrawal':
      return { template: 'cases.withdrawal-continued' };
    case 'cases.case.withdrawal_requested':
      return { template: 'cases.withdrawal-request-received' };
    default:
      return { template: 'cases.status-changed' };
  }
}

/** Someone reachable by an account, an e-mail address or a phone number. */
export interface Reachable {
  userId: string | null;
  email: string | null;
  phone: string | null;
}

/**
 * Whether two recipients are the same person (issue 3 point 4: each person is told once per event),
 * e.g. the submitter of a merged duplicate copied as a follower of the case it was merged into.
 */
export function isSameRecipient(a: Reachable, b: Reachable): boolean {
  if (a.userId && a.userId === b.userId) return true;
  if (a.email && b.email && a.email.trim().toLowerCase() === b.email.trim().toLowerCase()) return true;
  const digits = (phone: string) => phone.replace(/\D/g, '').replace(/^84/, '0');
  return Boolean(a.phone && b.phone && digits(a.phone) === digits(b.phone));
}
