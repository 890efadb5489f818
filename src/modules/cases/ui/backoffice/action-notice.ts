/**
 * What the case page says after a staff action succeeded ("Đã thụ lý hồ sơ."): one sentence, in the
 * page's language, naming what happened and, where it matters, to whom. Browser-safe and pure.
 */
import type { Translate } from '../../../../core/i18n/translate.js';
import { CASE_ACTION_TYPES, type CaseActionType } from '../../domain/index.js';

/** The actions staff take on the case page (residents rate, reopen and withdraw on the portal). */
export type StaffAction = Exclude<CaseActionType, 'rate' | 'reopen' | 'withdraw'>;

export const isStaffAction = (action: CaseActionType): action is StaffAction => action !== 'rate' && action !== 'reopen' && action !== 'withdraw';

export const STAFF_ACTIONS: readonly StaffAction[] = CASE_ACTION_TYPES.filter(isStaffAction);

/** The case after the action, as far as the message needs it. */
interface Outcome {
  assignedUnitId: string | null;
  assignedOfficerName: string | null;
  mergedIntoCode: string | null;
}

/** The success message for `action`, worded from the case as the server returned it. */
export function actionDoneMessage(action: StaffAction, outcome: Outcome, unitName: (id: string | null) => string, t: Translate): string {
  switch (action) {
    case 'assign':
      return outcome.assignedOfficerName
        ? t('cases.backoffice.done.assignOfficer', { unit: unitName(outcome.assignedUnitId), officer: outcome.assignedOfficerName })
        : t('cases.backoffice.done.assign', { unit: unitName(outcome.assignedUnitId) });
    case 'forward':
      return t('cases.backoffice.done.forward', { unit: unitName(outcome.assignedUnitId) });
    case 'merge':
      return t('cases.backoffice.done.merge', { code: outcome.mergedIntoCode ?? '' });
    default:
      return t(`cases.backoffice.done.${action}`);
  }
}
