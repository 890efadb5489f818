/**
 * Words for the audit log page: each action key (`cases.sealed-identity.read`) and each recorded role
 * (`leader,officer`) in the reader's language. Unknown keys and roles are shown as they are, never
 * hidden: the raw key stays the auditor's reference. Pure; the page and its unit test use it.
 */
import type { Translate } from '../../core/i18n/translate.js';

/** The message key that names an audit action. */
export const auditActionLabelKey = (action: string): string => `backoffice.audit.actions.${action}`;

/** The action in words, or the action key itself when it has no label yet. */
export function auditActionLabel(action: string, t: Translate): string {
  const key = auditActionLabelKey(action);
  const label = t(key);
  return label === key ? action : label;
}

/**
 * The actor's roles in words. The log stores the actor's roles in the commune at the time, sorted
 * and comma-separated (`leader,officer`); null means the system acted.
 */
export function auditRoleLabels(actorRole: string | null, t: Translate): string[] {
  if (!actorRole) return [];
  return actorRole
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '')
    .map((role) => {
      const key = `auth.role.${role}`;
      const label = t(key);
      return label === key ? role : label;
    });
}
