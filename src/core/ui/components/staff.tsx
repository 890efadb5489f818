import type { ReactNode } from 'react';

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
