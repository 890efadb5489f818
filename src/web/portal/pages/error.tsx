import { PortalLayout, type LayoutContext } from '../../../core/ui/index.js';

/** Any error as a full portal page: what happened, and a way out. */
export function ErrorPage({ portal, status, message, isExpiredForm = false, backPath = null }: { portal: LayoutContext; status: number; message: string; isExpiredForm?: boolean; backPath?: string | null }) {
  const { t, commune } = portal;
  // An expired form is not a missing permission: say what happened and lead back to the form.
  const title = isExpiredForm ? t('portal.errors.expiredFormTitle') : status === 404 ? t('portal.errors.notFoundTitle') : status === 403 ? t('portal.errors.forbiddenTitle') : status >= 500 ? t('portal.errors.serverTitle') : t('portal.errors.title');
  return (
    <PortalLayout portal={portal} title={title}>
      <div className="td-two-thirds">
        <h1>{title}</h1>
        <p>{message}</p>
        {status === 404 ? <p>{t('portal.errors.notFoundHelp')}</p> : null}
        {backPath ? (
          <p>
            <a href={backPath}>{t('portal.errors.reopenForm')}</a>
          </p>
        ) : null}
        {commune ? <p>{t('portal.errors.callUs', { phone: commune.contact.phone })}</p> : null}
        <p>
          <a href="/">{t('portal.errors.goHome')}</a>
        </p>
      </div>
    </PortalLayout>
  );
}
