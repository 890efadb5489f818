/** Commune settings of the cases module (attachment limits, reminder days, lifecycle overrides). */
import type { Db, Tx } from '../../../core/db/database.js';
import { caseModuleSettingsSchema, type CaseModuleSettings } from '../contract.js';
import * as repository from '../db/repository.js';
import { defaultCaseSettings, defaultDeadlineRules, type CaseSettings, type DeadlineRule } from '../domain/index.js';

/** The commune's settings with defaults filled in; a malformed stored value falls back to defaults. */
export async function loadCaseModuleSettings(db: Db | Tx, communeId: string): Promise<CaseModuleSettings> {
  const json = await repository.findSettingsJson(db, communeId);
  const parsed = caseModuleSettingsSchema.safeParse(json ? JSON.parse(json) : {});
  return parsed.success ? parsed.data : caseModuleSettingsSchema.parse({});
}

/** Lifecycle settings for the state machine. */
export function lifecycleSettingsOf(settings: CaseModuleSettings): CaseSettings {
  return {
    ...defaultCaseSettings,
    ...(settings.reopenWindowDays !== undefined && { reopenWindowDays: settings.reopenWindowDays }),
    ...(settings.maxReopenCount !== undefined && { maxReopenCount: settings.maxReopenCount }),
    ...(settings.autoCloseAfterDays !== undefined && { autoCloseAfterDays: settings.autoCloseAfterDays }),
  };
}

/** The deadline rule set in force (the legal defaults; commune rule sets are a later issue). */
export function deadlineRulesOf(_settings: CaseModuleSettings): readonly DeadlineRule[] {
  return defaultDeadlineRules;
}
