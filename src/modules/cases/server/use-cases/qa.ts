/** Publishing a case as a public Q&A after personal data is removed (personal-data protection, LAW-DENUNC-10). */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { invalidState } from '../../../../core/contract/errors.js';
import { foldVietnamese } from '../../../../core/contract/text-fold.js';
import { inTransaction } from '../../../../core/db/database.js';
import type { Locale } from '../../../../core/i18n/translate.js';
import { findCommunes } from '../../../../core/tenancy/index.js';
import type { ListQaQuery, PublishQa, QaPage, QaPreview, QaPreviewRequest } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { detectPersonalData, qaTextIn, splitPublishedQuestion, storedQaText, type PersonalDataKind } from '../../domain/index.js';
import { isSealedKind, loadVisibleCase, requireLeader } from './shared.js';

const PUBLISHABLE_STATUSES = ['answered', 'closed'];

/** What is searched for besides the patterns: the submitter's own name and address, and the names the officer marked. */
function markedOf(row: { submitter_name: string | null; submitter_address: string | null }, officerMarked: readonly string[] = []) {
  return {
    markedNames: [...(row.submitter_name ? [row.submitter_name] : []), ...officerMarked],
    markedAddresses: row.submitter_address ? [row.submitter_address] : [],
  };
}

/** Proposed personal-data spans in the question and the published answer (the officer confirms them). */
export async function previewQa(ctx: AppContext, actor: Actor, caseId: string, input: QaPreviewRequest = {}): Promise<QaPreview> {
  const row = await loadVisibleCase(ctx.db, actor, caseId);
  requireLeader(ctx, actor, row.commune_id);
  if (isSealedKind(row.kind) || !PUBLISHABLE_STATUSES.includes(row.status) || !row.answer_text) throw invalidState('cases.errors.qaNotPublishable');
  const marked = markedOf(row, input.markedNames);
  const question = `${row.title}\n\n${row.description}`;
  return {
    question: { text: question, spans: detectPersonalData(question, marked) },
    answer: { text: row.answer_text, spans: detectPersonalData(row.answer_text, marked) },
  };
}

/**
 * Publish the officer-confirmed redacted texts. The audit row records which kinds of personal data
 * were removed (never the values): kinds detected in the original that no longer appear in the text.
 */
export async function publishQa(ctx: AppContext, actor: Actor, caseId: string, input: PublishQa, requestId?: string | null): Promise<{ publishedAt: string; redactedKinds: PersonalDataKind[] }> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await loadVisibleCase(tx, actor, caseId);
    requireLeader(ctx, actor, row.commune_id);
    if (isSealedKind(row.kind) || !PUBLISHABLE_STATUSES.includes(row.status) || !row.answer_text) throw invalidState('cases.errors.qaNotPublishable');
    const marked = markedOf(row, input.markedNames);
    const originals = [...detectPersonalData(`${row.title}\n\n${row.description}`, marked), ...detectPersonalData(row.answer_text, marked)];
    const published = `${input.question}\n${input.answer}`;
    const redactedKinds = [...new Set(originals.filter((span) => !published.includes(span.text)).map((span) => span.kind))].sort();
    const now = ctx.clock().toISOString();
    // Placeholders stored in Vietnamese, translated for other readers when read (storedQaText).
    const question = storedQaText(input.question);
    const answer = storedQaText(input.answer);
    await repository.updateCase(tx, row.commune_id, row.id, {
      qa_question: question,
      qa_answer: answer,
      qa_published_at: now,
      qa_search_text: foldVietnamese(`${question} ${answer}`),
      updated_at: now,
    });
    await appendAudit(tx, ctx.dialect, { communeId: row.commune_id, actor, action: 'cases.qa.published', entityType: 'case', entityId: row.id, details: { redactedKinds, spansDetected: originals.length }, requestId: requestId ?? null, at: now });
    return { publishedAt: now, redactedKinds };
  });
}

/** Published Q&A of a commune (default: the first commune), diacritic-insensitive search. */
export async function listPublishedQa(ctx: AppContext, communeId: string | null, query: Omit<ListQaQuery, 'lang'>, locale: Locale = 'vi'): Promise<QaPage> {
  const commune = communeId ?? query.communeId ?? (await findCommunes(ctx.db))[0]?.id;
  if (!commune) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const folded = query.q ? foldVietnamese(query.q) : '';
  const { rows, total } = await repository.findPublishedQaPage(ctx.db, { communeId: commune, ...(folded ? { q: folded } : {}), ...(query.categoryId ? { categoryId: query.categoryId } : {}) }, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const categories = new Map((await repository.findCategories(ctx.db, commune, { includeInactive: true })).map((row) => [row.id, locale === 'en' ? row.name_en : row.name_vi]));
  return {
    items: rows.map((row) => {
      // Stored with Vietnamese placeholders; an English reader gets English ones (qaTextIn; nothing to do for Vietnamese).
      const question = qaTextIn(row.qa_question ?? '', locale);
      return { code: row.code, categoryId: row.category_id, categoryName: categories.get(row.category_id) ?? '', title: splitPublishedQuestion(question).title, question, answer: qaTextIn(row.qa_answer ?? '', locale), publishedAt: row.qa_published_at! };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
