import { useId, type ReactNode } from 'react';
import { createTranslate, mergeCatalogs, type Locale, type Translate } from '../../i18n/translate.js';
import { useFocusOnFailure } from '../client-form.js';
import { uiMessages } from '../messages/index.js';
import type { TableColumn } from './content.js';

/** A coloured tag that also says its meaning in words (colour is never the only signal). */
export function Tag({ tone, children }: { tone: 'success' | 'muted' | 'error' | 'info'; children: ReactNode }) {
  return <span className={`bo-tag bo-tag--${tone}`}>{children}</span>;
}

/**
 * A wide table scrolls inside its own box on a phone, never the page; the box is focusable so
 * keyboard users can scroll it too.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="td-table-wrap bo-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * A staff list: scrolls in its own box on a phone (TableWrap), names itself to screen readers with
 * a visually hidden caption, and heads its columns. Rows come as `<tr>` children, so each page
 * keeps its own cells, keys and row classes (a row's first cell is usually `<th scope="row">`).
 * `wide` keeps more columns readable (the case queue).
 */
export function StaffTable({ label, caption, columns, wide = false, children }: { label: string; caption: string; columns: readonly (ReactNode | TableColumn)[]; wide?: boolean; children: ReactNode }) {
  return (
    <TableWrap label={label}>
      <table className={wide ? 'td-table bo-table--wide' : 'td-table'}>
        <caption className="td-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => {
              const { header, isNumeric } = isTableColumn(column) ? column : { header: column, isNumeric: false };
              return (
                <th scope="col" key={index} className={isNumeric ? 'td-num' : undefined}>
                  {header}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableWrap>
  );
}

function isTableColumn(column: ReactNode | TableColumn): column is TableColumn {
  return typeof column === 'object' && column !== null && 'header' in column;
}

const uiCatalogs = mergeCatalogs([uiMessages]);
const appNameIn: Record<Locale, Translate> = { vi: createTranslate(uiCatalogs, 'vi'), en: createTranslate(uiCatalogs, 'en') };

/**
 * The back office's document title, the same on every page (core and module pages alike), so two
 * pages never share one (WCAG 2.4.2): "Hàng việc phản ánh, kiến nghị · Tiếng Dân · Cán bộ".
 */
export function staffDocumentTitle(title: string, locale: Locale): string {
  return `${title} · ${appNameIn[locale]('ui.staff.appName')}`;
}

/** The back office's name, as its header and every document title show it. */
export function staffAppName(locale: Locale): string {
  return appNameIn[locale]('ui.staff.appName');
}

/** One line of a staff form's error summary: the words, and the id of the field it lands on. */
export interface StaffSummaryEntry {
  key: string;
  targetId: string;
  text: string;
}

/**
 * The error summary of a staff form (GOV.UK pattern): a general message and/or one link per field
 * error that lands on its field, in the form's order. It takes the focus whenever `focusKey` changes
 * to a new truthy value (each failed save), so a screen reader reads it at once. Nothing is rendered
 * when there is no problem.
 */
export function StaffErrorSummary({ title, message, entries, focusKey }: { title: string; message?: string | null; entries: readonly StaffSummaryEntry[]; focusKey: unknown }) {
  const ref = useFocusOnFailure<HTMLDivElement>(focusKey);
  const titleId = useId();
  if (!message && entries.length === 0) return null;
  return (
    <div className="td-error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 id={titleId} className="td-error-summary__title">{title}</h2>
      {message ? <p>{message}</p> : null}
      {entries.length > 0 ? (
        <ul className="td-error-summary__list">
          {entries.map((entry) => (
            <li key={entry.key}>
              <a href={`#${entry.targetId}`}>{entry.text}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
