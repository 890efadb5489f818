import { PortalLayout, type LayoutContext } from '../../../core/ui/index.js';

/** Any error as a full portal page: what happened, and a way out. */
export function ErrorPage({ portal, status, message }: { portal: LayoutContext; status: number; message: string }) {
  const { t, commune } = portal;
  const title = status === 404 ? t('portal.errors.notFoundTitle') : status === 403 ? t('portal.errors.forbiddenTitle') : status >= 500 ? t('portal.errors.serverTitle') : t('portal.errors.title');
  return (
    <PortalLayout portal={portal} title={title}>
      <div className="td-two-thirds">
        <h1>{title}</h1>
        <p>{message}</p>
        {status === 404 ? <p>{t('portal.errors.notFoundHelp')}</p> : null}
        {commune ? <p>{t('portal.errors.callUs', { phone: commune.contact.phone })}</p> : null}
        <p>
          <a href="/">{t('portal.errors.goHome')}</a>
        </p>
      </div>
    </PortalLayout>
  );
}
