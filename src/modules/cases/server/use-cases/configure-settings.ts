/** The commune's case settings as the admin form reads and writes them (permission `cases.configure`, audited). */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { inTransaction, type Db, type Tx } from '../../../../core/db/database.js';
import { caseModuleSettingsSchema, type CaseModuleSettings, type CaseSettingsView, type UpdateCaseSettings } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { lifecycleSettingsOf, loadCaseModuleSettings } from '../settings.js';
import { requireConfigure } from './configure-categories.js';
import { invalidateCommuneReference } from '../reference-data.js';

function toView(settings: CaseModuleSettings, updatedAt: string | null): CaseSettingsView {
  const lifecycle = lifecycleSettingsOf(settings);
  return {
    reopenWindowDays: lifecycle.reopenWindowDays,
    maxReopenCount: lifecycle.maxReopenCount,
    autoCloseAfterDays: lifecycle.autoCloseAfterDays,
    reminderDaysBefore: [...settings.reminderDaysBefore],
    maxAttachments: settings.maxAttachments,
    attachmentMaxBytes: settings.attachmentMaxBytes,
    followConfirmationDays: settings.followConfirmationDays,
    supervisionAnswerDays: settings.supervisionAnswerDays,
    supervisionAnswerUnit: settings.supervisionAnswerUnit,
    mapBounds: settings.mapBounds,
    updatedAt,
  };
}

async function readView(db: Db | Tx, communeId: string): Promise<CaseSettingsView> {
  const [settings, updatedAt] = await Promise.all([loadCaseModuleSettings(db, communeId), repository.findSettingsUpdatedAt(db, communeId)]);
  return toView(settings, updatedAt);
}

/** The settings in force for the actor's commune, defaults filled in. */
export async function getCaseSettings(ctx: AppContext, actor: Actor): Promise<CaseSettingsView> {
  requireConfigure(ctx, actor);
  return readView(ctx.db, actor.communeId);
}

/** Replace the settings; the audit row lists each changed value (none of them personal). */
export async function updateCaseSettings(ctx: AppContext, actor: Actor, input: UpdateCaseSettings, requestId: string | null = null): Promise<CaseSettingsView> {
  requireConfigure(ctx, actor);
  const communeId = actor.communeId;
  const now = ctx.clock().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    const current = await loadCaseModuleSettings(tx, communeId);
    const before = toView(current, null);
    const next = caseModuleSettingsSchema.parse({ ...current, ...input, reminderDaysBefore: [...input.reminderDaysBefore].sort((a, b) => b - a) });
    const after = toView(next, null);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(input) as Array<keyof UpdateCaseSettings & keyof CaseSettingsView>) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
    }
    await repository.saveSettingsJson(tx, communeId, JSON.stringify(next), now);
    await appendAudit(tx, ctx.dialect, { communeId, actor, action: 'cases.settings.updated', entityType: 'cases.settings', entityId: communeId, details: { changes }, requestId, at: now });
  });
  invalidateCommuneReference(ctx, communeId);
  return readView(ctx.db, communeId);
}
