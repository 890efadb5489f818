/**
 * The whole/partial choice of the staff written-withdrawal form (LAW-COMPLAINT-04, LAW-DENUNC-08).
 * "Partial" is offered only when the server's `isPartialWithdrawalAllowed` said so for this case today
 * (`canWithdrawPartially` of the case detail); otherwise it is shown disabled with the reason, instead
 * of a field error after sending. Browser-safe and pure.
 */
import type { Translate } from '../../../../core/i18n/translate.js';

export interface ScopeChoice {
  value: 'whole' | 'partial';
  label: string;
  isDisabled?: boolean;
}

/** The options and, when "partial" is not allowed, the short explanation shown under the legend. */
export function withdrawalScopeChoices(detail: { kind: string; canWithdrawPartially?: boolean }, t: Translate): { options: ScopeChoice[]; hint: string | undefined } {
  // An older server that does not say keeps the old form: the server still answers a field error.
  const isPartialAllowed = detail.canWithdrawPartially !== false;
  return {
    options: [
      { value: 'whole', label: t('cases.backoffice.action.withdrawalWhole') },
      { value: 'partial', label: t('cases.backoffice.action.withdrawalPartial'), isDisabled: !isPartialAllowed },
    ],
    hint: isPartialAllowed ? undefined : t(detail.kind === 'complaint' ? 'cases.backoffice.action.withdrawalPartialNotYet' : 'cases.backoffice.action.withdrawalPartialNotAllowed'),
  };
}
