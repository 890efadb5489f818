import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { ApiError, useApiQuery } from './api.js';
import { toFormFailure, type FormFailure } from './form.js';
import { useI18n } from './i18n.js';
import { hasNavigatedSinceLoad, Link, navigate } from './router.js';
import { staffDocumentTitle } from '../../core/ui/components/staff.js';


export interface PageProps {
  title: string;
  /** Buttons or links shown beside the heading (e.g. "Thêm thôn"). */
  actions?: ReactNode;
  backTo?: { to: string; label: string };
  children: ReactNode;
}

/** Every page: document title, one focusable h1, optional back link and actions. */
export function Page({ title, actions, backTo, children }: PageProps) {
  const { locale } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = staffDocumentTitle(title, locale);
  }, [title, locale]);
  // The first page after load keeps the browser's own focus; after an in-app move, focus goes to
  // the new heading so screen-reader and keyboard users start where the content starts.
  useEffect(() => {
    if (hasNavigatedSinceLoad()) heading.current?.focus();
  }, []);
  return (
    <>
      {backTo ? (
        <p className="bo-back">
          <Link to={backTo.to}>← {backTo.label}</Link>
        </p>
      ) : null}
      <div className="bo-page-head">
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions ? <div className="bo-page-actions">{actions}</div> : null}
      </div>
      <Flash />
      {children}
    </>
  );
}

let pendingFlash: string | null = null;

/** Show a confirmation on the next page ("Đã lưu thôn …"), after a create or edit redirects. */
export function setFlash(message: string): void {
  pendingFlash = message;
}

function Flash() {
  const [message] = useState(() => {
    const value = pendingFlash;
    pendingFlash = null;
    return value;
  });
  if (!message) return null;
  return (
    <div className="td-notice td-notice--success" role="status">
      {message}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="bo-loading" role="status">
      {t('backoffice.loading')}
    </p>
  );
}

export function LoadError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="td-notice bo-notice--error" role="alert">
      <p>{error.message}</p>
      {onRetry ? (
        <button type="button" className="td-button td-button--secondary" onClick={onRetry}>
          {t('backoffice.retry')}
        </button>
      ) : null}
    </div>
  );
}

export interface RecordFormPageProps<T extends { id: string; name: string }> {
  /** The record's id from the route; absent on the "new" page. */
  id: string | undefined;
  /** The admin list the record is found in, and its schema. */
  listPath: string;
  listSchema: z.ZodType<T[]>;
  createTitle: string;
  editTitle: string;
  backTo: { to: string; label: string };
  /** The form: empty when creating, filled with the record when editing. */
  renderForm: (record?: T) => ReactNode;
}

/** Create or edit one record of an admin list (an area, a unit): its title, loading and not-found states. */
export function RecordFormPage<T extends { id: string; name: string }>({ id, listPath, listSchema, createTitle, editTitle, backTo, renderForm }: RecordFormPageProps<T>) {
  const { t } = useI18n();
  const isNew = !id;
  const list = useApiQuery(isNew ? null : listPath, listSchema);
  const record = list.data?.find((candidate) => candidate.id === id);
  const title = isNew ? createTitle : editTitle;
  return (
    <Page title={record ? `${title}: ${record.name}` : title} backTo={backTo}>
      {isNew ? renderForm() : null}
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.isLoading ? <Loading /> : null}
      {list.data && !record ? <p>{t('errors.notFound')}</p> : null}
      {record ? renderForm(record) : null}
    </Page>
  );
}

/**
 * Save a record of an admin list, then go back to the list with a flash message; on failure show the
 * fields. Codes and names are unique per commune: the server names the field of a 409, and older
 * answers without a field meant the code.
 */
export async function saveRecord<T extends { name: string }>(
  save: () => Promise<T>,
  { flash, listRoute, setFailure, setIsSaving }: { flash: (saved: T) => string; listRoute: string; setFailure: (failure: FormFailure) => void; setIsSaving: (isSaving: boolean) => void },
): Promise<void> {
  setIsSaving(true);
  try {
    setFlash(flash(await save()));
    navigate(listRoute);
  } catch (error) {
    const next = toFormFailure(error);
    if (error instanceof ApiError && error.status === 409 && Object.keys(next.fields).length === 0) next.fields = { code: error.detail };
    setFailure(next);
    setIsSaving(false);
  }
}

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/** Previous / next with "Trang 2 / 5 · 93 mục"; buttons, so the list stays where it is. */
export function Pagination({ page, pageSize, total, onPage }: PaginationProps) {
  const { t } = useI18n();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="bo-pagination" aria-label={t('backoffice.paging.label')}>
      <button type="button" className="td-button td-button--secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('backoffice.paging.previous')}
      </button>
      <span>{t('backoffice.paging.status', { page, pageCount, total })}</span>
      <button type="button" className="td-button td-button--secondary" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        {t('backoffice.paging.next')}
      </button>
    </nav>
  );
}

export { StaffTable, TableWrap, Tag } from '../../core/ui/components/staff.js';
