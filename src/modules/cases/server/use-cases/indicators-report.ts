/**
 * The indicators as staff read them: the back-office page's view (each group with its human name)
 * and the CSV export of the same table, every export written to the audit log. Counts only: no case,
 * no person and nothing sealed ever reaches either (LAW-DENUNC-11/12).
 */
import { appendAudit } from '../../../../core/audit/audit-log.js';
import type { Actor } from '../../../../core/auth/roles.js';
import type { AppContext } from '../../../../core/context.js';
import { inTransaction } from '../../../../core/db/database.js';
import { CSV_UTF8_BOM, toCsv, type CsvCell } from '../../../../core/http/csv.js';
import { createTranslate, type Locale, type Translate } from '../../../../core/i18n/translate.js';
import { findUnits } from '../../../../core/tenancy/index.js';
import type { CaseIndicatorsView, IndicatorsQuery } from '../../contract.js';
import * as repository from '../../db/repository.js';
import { INDICATOR_COLUMNS, indicatorCellValue, orderIndicatorGroups, UNASSIGNED_UNIT_KEY } from '../../domain/index.js';
import { caseTranslate } from '../../ui/i18n.js';
import { computeCaseIndicators } from './indicators.js';

/** The words of the page and the CSV: the module's UI catalog, then the server's messages. */
function wordsFor(ctx: AppContext, locale: Locale): Translate {
  return caseTranslate(createTranslate(ctx.catalogs, locale), locale);
}

/** Group key → its name in `locale`: unit and category names, PAPI dimension names, kind labels. */
async function nameGroups(ctx: AppContext, communeId: string, groupBy: IndicatorsQuery['groupBy'], keys: readonly string[], t: Translate, locale: Locale): Promise<Record<string, string>> {
  if (groupBy === 'none' || keys.length === 0) return {};
  let nameOf: (key: string) => string | undefined;
  if (groupBy === 'unit') {
    // Inactive units too: a unit closed since still answered cases in the period.
    const units = new Map((await findUnits(ctx.db, communeId, { includeInactive: true })).map((unit) => [unit.id, unit.name]));
    nameOf = (key) => (key === UNASSIGNED_UNIT_KEY ? t('cases.backoffice.indicators.unassigned') : units.get(key));
  } else if (groupBy === 'category') {
    const categories = new Map((await repository.findCategories(ctx.db, communeId, { includeInactive: true })).map((category) => [category.id, locale === 'en' ? category.name_en : category.name_vi]));
    nameOf = (key) => categories.get(key);
  } else if (groupBy === 'dimension') {
    nameOf = (key) => t(`cases.backoffice.categories.papi.${key}`);
  } else {
    nameOf = (key) => t(`cases.kind.${key}`);
  }
  // A key with no name (a unit deleted outright) still gets a readable row rather than an id.
  return Object.fromEntries(keys.map((key) => [key, nameOf(key) ?? t('cases.backoffice.indicators.unknownGroup')]));
}

/** The indicators of the actor's commune with each group's human name (permission `cases.indicators`). */
export async function viewCaseIndicators(ctx: AppContext, actor: Actor, query: IndicatorsQuery, locale: Locale): Promise<CaseIndicatorsView> {
  const indicators = await computeCaseIndicators(ctx, { communeId: actor.communeId, from: query.from, to: query.to, groupBy: query.groupBy });
  const groupNames = await nameGroups(ctx, actor.communeId, query.groupBy, Object.keys(indicators.groups), wordsFor(ctx, locale), locale);
  return { ...indicators, groupNames };
}

export interface IndicatorsCsv {
  fileName: string;
  /** UTF-8 with a byte order mark, so Excel reads the Vietnamese right. */
  bytes: Buffer;
}

/**
 * The page's table as CSV: a header row in `locale`, one row per group in the page's order, then the
 * commune-wide row. Rates are percentages and decimals use a dot (plain numbers a spreadsheet can sum);
 * an empty cell means no figure (e.g. no answered case, so no median). The audit row
 * `cases.indicators.exported` records who exported which period, in the same transaction.
 */
export async function exportCaseIndicatorsCsv(ctx: AppContext, actor: Actor, query: IndicatorsQuery, locale: Locale, requestId?: string | null): Promise<IndicatorsCsv> {
  const view = await viewCaseIndicators(ctx, actor, query, locale);
  const t = wordsFor(ctx, locale);
  const groupHeader = query.groupBy === 'none' ? t('cases.backoffice.indicators.column.scope') : t(`cases.backoffice.indicators.groupBy.${query.groupBy}`);
  const keys = orderIndicatorGroups(query.groupBy, Object.keys(view.groups), (key) => view.groupNames[key] ?? key);
  const records: CsvCell[][] = [
    [groupHeader, ...INDICATOR_COLUMNS.map((column) => t(`cases.backoffice.indicators.column.${column}`))],
    ...keys.map((key) => [view.groupNames[key] ?? key, ...INDICATOR_COLUMNS.map((column) => indicatorCellValue(view.groups[key]!, column))]),
    [t('cases.backoffice.indicators.overall'), ...INDICATOR_COLUMNS.map((column) => indicatorCellValue(view.overall, column))],
  ];
  await inTransaction(ctx.db, (tx) =>
    appendAudit(tx, ctx.dialect, {
      communeId: actor.communeId,
      actor,
      action: 'cases.indicators.exported',
      entityType: 'case_indicators',
      entityId: null,
      details: { from: query.from, to: query.to, groupBy: query.groupBy, lang: locale, rows: records.length - 1 },
      requestId: requestId ?? null,
      at: ctx.clock().toISOString(),
    }),
  );
  // The file is named in the language of its header row (ASCII either way: every browser keeps it).
  const stem = locale === 'en' ? 'case-indicators' : 'chi-so-phan-anh';
  return { fileName: `${stem}-${query.from}-${query.to}.csv`, bytes: Buffer.from(`${CSV_UTF8_BOM}${toCsv(records)}`, 'utf8') };
}
