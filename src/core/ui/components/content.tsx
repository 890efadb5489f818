import { Fragment, type ReactNode } from 'react';
import { splitVietnameseMarks } from '../../i18n/translate.js';
import { useT } from '../i18n-context.js';

export interface SummaryError {
  /** Id of the field to jump to (without `#`). */
  fieldId: string;
  message: string;
}

/**
 * The error summary at the top of a page: a red box with role=alert, linking each message to its
 * field. `tabIndex=-1` lets an island move focus to it; without JS the alert role announces it.
 */
export function ErrorSummary({ errors, title }: { errors: readonly SummaryError[]; title?: string }) {
  const t = useT();
  if (errors.length === 0) return null;
  return (
    <div className="td-error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title" data-module="error-summary">
      <h2 className="td-error-summary__title" id="error-summary-title">
        {title ?? t('common.errorSummaryTitle')}
      </h2>
      <ul className="td-error-summary__list">
        {errors.map((error) => (
          <li key={`${error.fieldId}:${error.message}`}>
            <a href={`#${error.fieldId}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The confirmation panel: a title, and a tracking code shown large. */
export function Panel({ title, code, codeLabel, children }: { title: ReactNode; code?: string; codeLabel?: ReactNode; children?: ReactNode }) {
  return (
    <div className="td-panel">
      <h1 className="td-panel__title">{title}</h1>
      {code || children ? (
        <div className="td-panel__body">
          {children}
          {code ? (
            <>
              {codeLabel ? <span>{codeLabel}</span> : null}
              <strong className="td-panel__code">{code}</strong>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** A boxed message: information (blue) or success (green). */
export function Notice({ title, children, variant = 'info' }: { title?: ReactNode; children?: ReactNode; variant?: 'info' | 'success' }) {
  return (
    <div className={variant === 'success' ? 'td-notice td-notice--success' : 'td-notice'} role={variant === 'success' ? 'status' : undefined}>
      {title ? <p className="td-notice__title">{title}</p> : null}
      {children}
    </div>
  );
}

export interface SummaryRow {
  key: ReactNode;
  value: ReactNode;
  /** A "Thay đổi" link back to the question. */
  changeHref?: string;
  /** Hidden words after "Thay đổi" so screen readers hear what changes ("Thay đổi họ và tên"). */
  changeLabel?: string;
}

/** Check-your-answers list. */
export function SummaryList({ rows }: { rows: readonly SummaryRow[] }) {
  const t = useT();
  return (
    <dl className="td-summary-list">
      {rows.map((row, index) => (
        <div className="td-summary-list__row" key={index}>
          <dt className="td-summary-list__key">{row.key}</dt>
          <dd className="td-summary-list__value">{row.value}</dd>
          {row.changeHref ? (
            <dd className="td-summary-list__actions">
              <a href={row.changeHref}>
                {t('ui.change')}
                {row.changeLabel ? <span className="td-visually-hidden"> {row.changeLabel}</span> : null}
              </a>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

export interface TableColumn {
  header: ReactNode;
  /** Right-aligned, tabular figures. */
  isNumeric?: boolean;
}

/** A data table with a caption (required: every chart has one beside it). Scrolls inside its own box on phones. */
export function Table({ caption, columns, rows, firstCellIsHeader = false }: { caption: ReactNode; columns: readonly TableColumn[]; rows: readonly (readonly ReactNode[])[]; firstCellIsHeader?: boolean }) {
  return (
    <div className="td-table-wrap" role="region" aria-label={typeof caption === 'string' ? caption : undefined} tabIndex={0}>
      <table className="td-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th scope="col" key={index} className={column.isNumeric ? 'td-num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, cellIndex) => {
                const className = columns[cellIndex]?.isNumeric ? 'td-num' : undefined;
                return firstCellIsHeader && cellIndex === 0 ? (
                  <th scope="row" key={cellIndex} className={className}>
                    {cell}
                  </th>
                ) : (
                  <td key={cellIndex} className={className}>
                    {cell}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Previous / next links under a paged portal list, with "page 2 of 5" in words: plain links, so
 * paging works without JavaScript. Renders nothing for a single page.
 */
export function Pager({ label, page, pageCount, href, pageOf, previous, next }: { label: string; page: number; pageCount: number; href: (page: number) => string; pageOf: string; previous: string; next: string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label}>
      <p>{pageOf}</p>
      <div className="td-button-group">
        {page > 1 ? (
          <a className="td-button td-button--secondary" href={href(page - 1)} rel="prev">
            {previous}
          </a>
        ) : null}
        {page < pageCount ? (
          <a className="td-button td-button--secondary" href={href(page + 1)} rel="next">
            {next}
          </a>
        ) : null}
      </div>
    </nav>
  );
}

/**
 * Text the commune or a resident wrote in Vietnamese (contact details, hours, case titles, answers,
 * notes, Q&A): on a page in another language it is marked `lang="vi"`, so assistive technology reads
 * it as Vietnamese (WCAG 3.1.2 Language of Parts). On a Vietnamese page nothing is added.
 */
export function VietnameseText({ pageLocale, as = 'span', className, children }: { pageLocale: string; as?: 'span' | 'div' | 'p'; className?: string; children: ReactNode }) {
  const Element = as;
  if (pageLocale === 'vi') return as === 'span' && !className ? <>{children}</> : <Element className={className}>{children}</Element>;
  return (
    <Element lang="vi" className={className}>
      {children}
    </Element>
  );
}

/**
 * A message whose Vietnamese words are marked `<vi>…</vi>` (core/i18n `markVietnamese`): on a page in
 * another language each of them is wrapped in `lang="vi"` (WCAG 3.1.2); on a Vietnamese page the marks
 * simply go.
 */
export function MarkedText({ text, pageLocale }: { text: string; pageLocale: string }) {
  return (
    <>
      {splitVietnameseMarks(text).map((part, index) =>
        part.isVietnamese ? (
          <VietnameseText key={index} pageLocale={pageLocale}>
            {part.text}
          </VietnameseText>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
