/**
 * The indicators as a table, shared by the back-office page and the CSV export so both show the
 * same columns, rows and order: one row per group (kinds in their legal order, PAPI dimensions
 * D1…D8, units and categories by name, "no unit yet" last), then the commune-wide row.
 */
import { CASE_KINDS } from './case-types.js';

/** Columns after the group name, in the order the page and the CSV show them. */
export const INDICATOR_COLUMNS = ['total', 'answeredOnTime', 'answeredLate', 'openOnTime', 'openOverdue', 'onTimeRate', 'medianDaysToAnswer', 'reopenRate', 'meanRating'] as const;
export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];

/** The figures a table row reads (a structural subset of the contract's indicator set). */
export type IndicatorFigures = Record<IndicatorColumn, number | null>;

/** Group key of cases no unit has been assigned to yet (`groupBy=unit`). */
export const UNASSIGNED_UNIT_KEY = 'unassigned';

/** Digits after the decimal point of each rounded column; counts are whole numbers. */
export const INDICATOR_FRACTION_DIGITS: Readonly<Record<IndicatorColumn, number>> = {
  total: 0,
  answeredOnTime: 0,
  answeredLate: 0,
  openOnTime: 0,
  openOverdue: 0,
  onTimeRate: 1,
  medianDaysToAnswer: 1,
  reopenRate: 1,
  meanRating: 2,
};

/** Rates are shown and exported as percentages (0.925 → 92.5). */
export function isPercentColumn(column: IndicatorColumn): boolean {
  return column === 'onTimeRate' || column === 'reopenRate';
}

/** The value of a column as shown: rates in percent, rounded to the column's digits; null stays null. */
export function indicatorCellValue(figures: IndicatorFigures, column: IndicatorColumn): number | null {
  const raw = figures[column];
  if (raw === null) return null;
  const value = isPercentColumn(column) ? raw * 100 : raw;
  const factor = 10 ** INDICATOR_FRACTION_DIGITS[column];
  return Math.round(value * factor) / factor;
}

/** Group keys in table order for the grouping; `nameOf` gives the human name units and categories sort by. */
export function orderIndicatorGroups(groupBy: string, keys: readonly string[], nameOf: (key: string) => string): string[] {
  const kindRank = (key: string) => {
    const index = (CASE_KINDS as readonly string[]).indexOf(key);
    return index === -1 ? CASE_KINDS.length : index;
  };
  return [...keys].sort((a, b) => {
    if (groupBy === 'kind') return kindRank(a) - kindRank(b) || a.localeCompare(b);
    if (groupBy === 'dimension') return a.localeCompare(b);
    if (a === UNASSIGNED_UNIT_KEY || b === UNASSIGNED_UNIT_KEY) return Number(a === UNASSIGNED_UNIT_KEY) - Number(b === UNASSIGNED_UNIT_KEY);
    return nameOf(a).localeCompare(nameOf(b), 'vi') || a.localeCompare(b);
  });
}
