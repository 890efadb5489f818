/** The indicators page's quick choices of period, counted from today's date in Vietnam (pure). */
import { formatLocalDate, parseLocalDate, type LocalDate } from '../../../../core/calendar/local-date.js';

export const QUICK_PERIODS = ['thisMonth', 'thisQuarter', 'thisYear', 'lastYear'] as const;
export type QuickPeriod = (typeof QUICK_PERIODS)[number];

/** This month, quarter or year up to today; last year whole (01/01 to 31/12). */
export function quickPeriod(choice: QuickPeriod, today: LocalDate): { from: LocalDate; to: LocalDate } {
  const { year, month } = parseLocalDate(today);
  if (choice === 'thisMonth') return { from: formatLocalDate(year, month, 1), to: today };
  if (choice === 'thisQuarter') return { from: formatLocalDate(year, month - ((month - 1) % 3), 1), to: today };
  if (choice === 'lastYear') return { from: formatLocalDate(year - 1, 1, 1), to: formatLocalDate(year - 1, 12, 31) };
  return { from: formatLocalDate(year, 1, 1), to: today };
}
