import type { ReactNode } from 'react';
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
