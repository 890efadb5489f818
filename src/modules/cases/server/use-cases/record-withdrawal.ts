/** Staff record a withdrawal received on paper (LAW-COMPLAINT-04, LAW-DENUNC-08): the input checks. */
import { validationFailed, type FieldError } from '../../../../core/contract/errors.js';
import { toLocalDate } from '../../../../core/calendar/index.js';
import { formatShortDate } from '../../../../core/calendar/format-local-date.js';
import type { CaseActionInput } from '../../contract.js';
import type * as repository from '../../db/repository.js';
import { isPartialWithdrawalAllowed, type CaseAction, type CaseKind, type CaseSettings, type CaseState } from '../../domain/index.js';

/**
 * A withdrawal received on paper, checked field by field before the state machine applies the same
 * legal limits as the portal's (LAW-COMPLAINT-04, LAW-DENUNC-08): which part for a partial one, a day
 * between the case's receipt and today, and for denunciations whether handling must continue.
 */
export function withdrawalActionOf(input: Extract<CaseActionInput, { type: 'recordWithdrawal' }>, row: repository.CaseRow, state: CaseState, clock: { now: Date; today: string; settings: CaseSettings }): CaseAction {
  const { today } = clock;
  const errors: FieldError[] = [];
  const description = input.description?.trim() ?? '';
  // LAW-COMPLAINT-04: part of a complaint may be withdrawn only from 01/07/2026 (LAW-DENUNC-08: a
  // denunciation always). The same rule and message as the portal's withdrawal: a wrong choice on
  // the whole/partial field, answered on the form, not a 409 for the whole action.
  // A kind that cannot be withdrawn at all is the action's refusal (409), left to the state machine.
  const kind = row.kind as CaseKind;
  const isPartialRefused = input.scope === 'partial' && clock.settings.withdrawableKinds.includes(kind) && !isPartialWithdrawalAllowed(kind, clock.settings, clock.now);
  if (isPartialRefused) {
    errors.push(kind === 'complaint' ? { field: 'scope', messageKey: 'cases.errors.partialComplaintWithdrawalNotYet', params: { date: formatShortDate(clock.settings.partialComplaintWithdrawalFrom) } } : { field: 'scope', messageKey: 'cases.errors.partialWithdrawalNotAllowed' });
  }
  else if (input.scope === 'partial' && description === '') errors.push({ field: 'description', messageKey: 'cases.errors.withdrawalPartRequired' });
  if (input.receivedOn > today) errors.push({ field: 'receivedOn', messageKey: 'cases.errors.withdrawalDateFuture' });
  else if (input.receivedOn < toLocalDate(state.receivedAt)) errors.push({ field: 'receivedOn', messageKey: 'cases.errors.withdrawalDateBeforeCase' });
  // LAW-DENUNC-08: the one receiving it must say whether the conduct appears unlawful or the withdrawal coerced.
  const hasContinueAnswer = input.continueHandling !== undefined && input.continueHandling !== null;
  if (row.kind === 'denunciation' && !hasContinueAnswer) errors.push({ field: 'continueHandling', messageKey: 'cases.errors.withdrawalContinueRequired' });
  // The question exists for denunciations only (LAW-DENUNC-08); another kind's withdrawal ends what it
  // withdraws, so an answer there is refused rather than dropped. A kind that cannot be withdrawn at
  // all stays the state machine's 409.
  else if (row.kind !== 'denunciation' && hasContinueAnswer && clock.settings.withdrawableKinds.includes(kind)) errors.push({ field: 'continueHandling', messageKey: 'cases.errors.withdrawalContinueDenunciationOnly' });
  if (errors.length > 0) throw validationFailed(errors);
  const reason = input.reason?.trim() ?? '';
  return {
    type: 'recordWithdrawal',
    scope: input.scope,
    receivedOn: input.receivedOn,
    channel: input.channel,
    ...(description ? { description } : {}),
    ...(reason ? { reason } : {}),
    ...(row.kind === 'denunciation' ? { continueHandling: input.continueHandling === true } : {}),
  };
}

