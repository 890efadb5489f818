/**
 * The resident answers "please provide more information": the submitter (signed in, or holding the
 * secret link of an anonymous case) sends text and files. It is the same `receiveInformation`
 * transition staff record, so the clock restarts exactly as it does then (LAW-BASE-10: the pause
 * ends the day the information arrives). The text is an internal note on the timeline (staff read
 * it; the public line only says information was provided), the files go through the attachment
 * pipeline (type from the bytes, images re-encoded without metadata) and stay handler-only, the
 * handler is told (outbox → cases.notify-information-provided), and the transition is audited.
 */
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { notFound, validationFailed } from '../../../../core/contract/errors.js';
import { safeParseReportingInput, zodIssuesToFieldErrors } from '../../../../core/contract/validation.js';
import { inTransaction } from '../../../../core/db/database.js';
import { blobStorageOf } from '../../../../core/storage/index.js';
import { provideInformationSchema, type ProvideInformation } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { attachmentRow, deleteBlobsQuietly, prepareAttachments, storeAttachmentBlobs, type UploadedFile } from '../attachments.js';
import { loadCaseModuleSettings } from '../settings.js';
import { applyTransition, resolveSubmitter } from './case-actions.js';
import { findCaseByAnyCode } from './shared.js';

/** Who provided the information, kept on the timeline row and the outbox event (the handler is told only of a resident's). */
export const INFORMATION_FROM_SUBMITTER = 'submitter';

/** The submitter's answer to a request for information: resumes the paused case (LAW-BASE-10). */
export async function provideInformation(
  ctx: AppContext,
  actor: Actor | null,
  code: string,
  input: unknown,
  options: { files?: readonly UploadedFile[]; requestId?: string | null } = {},
): Promise<{ status: string; code: string }> {
  const parsed = safeParseReportingInput(provideInformationSchema, input);
  if (!parsed.success) throw validationFailed(zodIssuesToFieldErrors(parsed.error.issues));
  const data: ProvideInformation = parsed.data;
  const found = await findCaseByAnyCode(ctx.db, code);
  if (!found) throw notFound('cases.errors.notFound');
  // Who may answer is checked before any file is read or stored.
  await resolveSubmitter(actor, found, data.accessToken);
  const settings = await loadCaseModuleSettings(ctx.db, found.commune_id);
  const prepared = await prepareAttachments(options.files ?? [], settings);
  const storage = blobStorageOf(ctx);
  const keys = await storeAttachmentBlobs(storage, found.commune_id, prepared);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const row = await findCaseByAnyCode(tx, code);
      if (!row) throw notFound('cases.errors.notFound');
      const { candidates, pseudoSubmitterId } = await resolveSubmitter(actor, row, data.accessToken);
      const next = await applyTransition(ctx, tx, {
        row,
        action: { type: 'receiveInformation' },
        candidates,
        pseudoSubmitterId,
        // Staff read the answer; the public line says only that information was provided.
        publicNote: null,
        internalNote: data.text,
        details: { providedBy: INFORMATION_FROM_SUBMITTER, attachments: prepared.length },
        extraPatch: () => ({ attachment_count: row.attachment_count + prepared.length }),
        afterWrite: async (writeTx, _next, now) => {
          for (const attachment of prepared) {
            // For the handler only, whatever the case's privacy: the public view never lists them.
            await repository.insertAttachment(writeTx, attachmentRow(attachment, { communeId: row.commune_id, caseId: row.id }, { isPublic: false, uploadedBy: actor?.userId ?? null, createdAt: now }));
          }
        },
        auditActor: actor,
        requestId: options.requestId ?? null,
      });
      return { status: next.status, code: row.code };
    });
  } catch (error) {
    await deleteBlobsQuietly(storage, keys);
    throw error;
  }
}
