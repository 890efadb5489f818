/**
 * The masked search text of sealed cases (LAW-DENUNC-11/12): what staff who may not open a
 * denunciation's identity (officers it is not assigned to; supervisors never see one) search instead
 * of the text as written. Intake writes it; sealed cases filed before intake did (migration
 * 20261127T1710 gave them only their code, and 20261127T2140 turned that into "not computed") get it
 * from the backfill below, run by the job `cases.backfill-masked-search-text`.
 *
 * Why a job and not the migration: finding personal data needs the app's redaction rules, which a
 * migration may not import (frozen in time). Why scheduled and not only enqueued once: the schedule's
 * first slot is enqueued at the first worker tick after an upgrade (a new schedule name has no run
 * yet), so an upgraded database is filled right after startup on both deployments (embedded SQLite
 * worker, standalone PostgreSQL worker) with no extra start-up hook; later runs find the partial
 * index empty and cost one index probe.
 *
 * Never the plain text: the stored value is the folded code, title and description with every detected
 * span of personal data cut out, and incident address, exactly what intake writes (and what the case
 * page shows those readers, masked). Until a row is filled, those readers find it by nothing.
 */
import type { AppContext } from '../../../../core/context.js';
import { foldVietnamese } from '../../../../core/contract/text-fold.js';
import { inTransaction } from '../../../../core/db/database.js';
import * as repository from '../../db/repository.js';
import { withoutPersonalData } from '../../domain/index.js';

/** Rows per transaction: short write locks on SQLite's single writer. */
export const MASKED_SEARCH_BACKFILL_BATCH = 200;
/** Batches per job run: a run is bounded; the job enqueues its next run while rows remain. */
export const MASKED_SEARCH_BACKFILL_MAX_BATCHES = 10;

/** The folded text a reader without the right to the identity searches; `title` and `maskedDescription` have their personal data cut out already. */
export function maskedSearchTextOf(fields: { code: string; title: string; maskedDescription: string; address: string | null }): string {
  return foldVietnamese([fields.code, fields.title, fields.maskedDescription, fields.address ?? ''].join(' '));
}

/**
 * Fill the masked search text of sealed cases that have none, in batches of `batchSize` rows, at
 * most `maxBatches` of them. Idempotent and resumable: each batch commits on its own, a row is
 * written only while still null, and the next run starts from what is left. `hasMore` says whether
 * rows may remain (the last batch was full).
 */
export async function backfillMaskedSearchText(
  ctx: Pick<AppContext, 'db'>,
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<{ filled: number; hasMore: boolean }> {
  const batchSize = options.batchSize ?? MASKED_SEARCH_BACKFILL_BATCH;
  const maxBatches = options.maxBatches ?? MASKED_SEARCH_BACKFILL_MAX_BATCHES;
  let filled = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const count = await inTransaction(ctx.db, async (tx) => {
      const rows = await repository.findSealedCasesWithoutMaskedSearchText(tx, batchSize);
      for (const row of rows) {
        const text = maskedSearchTextOf({ code: row.code, title: withoutPersonalData(row.title), maskedDescription: withoutPersonalData(row.description), address: row.address });
        if (await repository.fillMaskedSearchText(tx, row.commune_id, row.id, text)) filled += 1;
      }
      return rows.length;
    });
    if (count < batchSize) return { filled, hasMore: false };
  }
  return { filled, hasMore: true };
}
