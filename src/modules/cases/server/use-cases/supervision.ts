/** Supervision notes and flags by the Fatherland Front / People's Inspection Board (LAW-DEMO-56). */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { newId } from '../../../../core/contract/ids.js';
import { inTransaction } from '../../../../core/db/database.js';
import { emitEvent } from '../../../../core/jobs/outbox.js';
import type { AddSupervisionNote, SupervisionNote } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { loadVisibleCase } from './shared.js';

/** A supervisor's note or flag on a case; flags are announced to the commune's leaders through the outbox. */
export async function addSupervisionNote(ctx: AppContext, actor: Actor, caseId: string, input: AddSupervisionNote, requestId?: string | null): Promise<SupervisionNote> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await loadVisibleCase(tx, actor, caseId);
    const now = ctx.clock().toISOString();
    const note = { commune_id: row.commune_id, id: newId(), case_id: row.id, author_user_id: actor.userId, kind: input.kind, body: input.body, created_at: now, resolved_at: null };
    await repository.insertSupervisionNote(tx, note);
    await emitEvent(tx, { communeId: row.commune_id, name: 'cases.supervision-note.added', payload: { caseId: row.id, code: row.code, noteId: note.id, kind: input.kind }, at: now });
    await appendAudit(tx, ctx.dialect, { communeId: row.commune_id, actor, action: 'cases.supervision-note.added', entityType: 'case', entityId: row.id, details: { kind: input.kind }, requestId: requestId ?? null, at: now });
    return { id: note.id, kind: input.kind, body: input.body, authorUserId: actor.userId, createdAt: now, resolvedAt: null };
  });
}
