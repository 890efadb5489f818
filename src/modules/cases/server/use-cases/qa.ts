/** Publishing a case as a public Q&A after personal data is removed (personal-data protection, LAW-DENUNC-10). */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { invalidState, validationFailed, type FieldError } from '../../../../core/contract/errors.js';
import { foldVietnamese } from '../../../../core/contract/text-fold.js';
import { inTransaction } from '../../../../core/db/database.js';
import type { Locale } from '../../../../core/i18n/translate.js';
import { findCommunes } from '../../../../core/tenancy/index.js';
import type { ListQaQuery, PublishQa, QaPage, QaPreview, QaPreviewRequest } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { detectPersonalData, isKeepable, isValidTrackingCode, normaliseTrackingCode, qaTextIn, splitPublishedQuestion, storedQaText, type PersonalDataKind } from '../../domain/index.js';
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
export async function previewQa(ctx: AppContext, actor: Actor, caseId: string, input: QaPreviewRequest = {}, locale: Locale = 'vi'): Promise<QaPreview> {
  const row = await loadVisibleCase(ctx.db, actor, caseId);
  requireLeader(ctx, actor, row.commune_id);
  if (isSealedKind(row.kind) || !PUBLISHABLE_STATUSES.includes(row.status) || !row.answer_text) throw invalidState('cases.errors.qaNotPublishable');
  const marked = markedOf(row, input.markedNames);
  const question = `${row.title}\n\n${row.description}`;
  return {
    question: { text: question, spans: detectPersonalData(question, marked) },
    answer: { text: row.answer_text, spans: detectPersonalData(row.answer_text, marked) },
    published: row.qa_published_at && row.qa_question !== null && row.qa_answer !== null ? { question: qaTextIn(row.qa_question, locale), answer: qaTextIn(row.qa_answer, locale), publishedAt: row.qa_published_at } : null,
  };
}

/**
 * The items the detection finds in a text, by the same rules as the preview, but those the leader
 * confirmed keeping. A citizen ID number is never kept: it is always a person's (LAW-PDP-02), where a
 * phone, an e-mail, a name or an address may be the committee's own or an official's in office.
 */
function stillDetected(text: string, marked: ReturnType<typeof markedOf>, kept: ReadonlySet<string>) {
  return detectPersonalData(text, marked).filter((span) => !isKeepable(span.kind) || !kept.has(span.text.trim()));
}

/**
 * Publish the officer-confirmed redacted texts (point 8). The server checks them again: whatever the
 * detection still finds in them (a number typed back in, a text sent by another client) refuses the
 * publication, naming the field and the items, unless the leader confirmed keeping that item (`keep`:
 * not personal data, e.g. the committee's hotline). The audit row records what was removed and what
 * was kept, by kind and count, never the values (LAW-PDP-13).
 */
export async function publishQa(ctx: AppContext, actor: Actor, caseId: string, input: PublishQa, requestId?: string | null): Promise<{ publishedAt: string; redactedKinds: PersonalDataKind[]; keptKinds: PersonalDataKind[] }> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await loadVisibleCase(tx, actor, caseId);
    requireLeader(ctx, actor, row.commune_id);
    if (isSealedKind(row.kind) || !PUBLISHABLE_STATUSES.includes(row.status) || !row.answer_text) throw invalidState('cases.errors.qaNotPublishable');
    const marked = markedOf(row, input.markedNames);
    const kept = new Set((input.keep ?? []).map((item) => item.trim()));
    const remaining = { question: stillDetected(input.question, marked, kept), answer: stillDetected(input.answer, marked, kept) };
    const fieldErrors: FieldError[] = (['question', 'answer'] as const)
      .filter((field) => remaining[field].length > 0)
      // A citizen ID can only be removed: the message then does not offer to keep it.
      .map((field) => ({ field, messageKey: remaining[field].every((span) => isKeepable(span.kind)) ? 'cases.errors.qaPersonalDataRemains' : 'cases.errors.qaPersonalDataMustRemove', params: { count: remaining[field].length, items: [...new Set(remaining[field].map((span) => `"${span.text}"`))].join(', ') } }));
    if (fieldErrors.length > 0) throw validationFailed(fieldErrors);
    const originals = [...detectPersonalData(`${row.title}\n\n${row.description}`, marked), ...detectPersonalData(row.answer_text, marked)];
    const published = `${input.question}\n${input.answer}`;
    const keptSpans = [...detectPersonalData(input.question, marked), ...detectPersonalData(input.answer, marked)];
    const removed = originals.filter((span) => !published.includes(span.text));
    const countByKind = (spans: readonly { kind: PersonalDataKind }[]) => Object.fromEntries([...new Set(spans.map((span) => span.kind))].sort().map((kind) => [kind, spans.filter((span) => span.kind === kind).length]));
    const keptKinds = [...new Set(keptSpans.map((span) => span.kind))].sort();
    // A kind counts as redacted only when none of its detected items is left in the text, kept or not.
    const redactedKinds = [...new Set(removed.map((span) => span.kind))].filter((kind) => !originals.some((span) => span.kind === kind && published.includes(span.text)) && !keptKinds.includes(kind)).sort();
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
    await appendAudit(tx, ctx.dialect, { communeId: row.commune_id, actor, action: 'cases.qa.published', entityType: 'case', entityId: row.id, details: { redactedKinds, removed: countByKind(removed), kept: countByKind(keptSpans), spansDetected: originals.length }, requestId: requestId ?? null, at: now });
    return { publishedAt: now, redactedKinds, keptKinds };
  });
}

/** Published Q&A of a commune (default: the first commune), diacritic-insensitive search. */
export async function listPublishedQa(ctx: AppContext, communeId: string | null, query: Omit<ListQaQuery, 'lang'>, locale: Locale = 'vi'): Promise<QaPage> {
  const commune = communeId ?? query.communeId ?? (await findCommunes(ctx.db))[0]?.id;
  if (!commune) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  // A tracking code typed in any spelling ("nq2611dak6j") finds its question, as in the staff search:
  // each published question shows its code, so residents quote it (the check character tells it from text).
  const typedCode = query.q ? normaliseTrackingCode(query.q) : null;
  const code = typedCode && isValidTrackingCode(typedCode) ? typedCode : null;
  const folded = query.q && !code ? foldVietnamese(query.q) : '';
  const { rows, total } = await repository.findPublishedQaPage(ctx.db, { communeId: commune, ...(code ? { code } : {}), ...(folded ? { q: folded } : {}), ...(query.categoryId ? { categoryId: query.categoryId } : {}) }, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
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
