/**
 * `/ngung-nhan-tin?t=…`: the page a status message's stop link opens (LAW-PDP-04, LAW-PDP-05). It
 * says what will stop (case code, masked address) and asks for one press of a real form button, so
 * a mail scanner that follows links stops nothing and the page works with JavaScript off.
 */
import type { Translate } from '../../../../core/i18n/translate.js';
import { Button, CsrfField, Notice, PortalLayout } from '../../../../core/ui/index.js';
import type { PortalContext } from '../../../../core/ui/types.js';
import { casePath } from './status-pages.js';

export interface StopNotificationsPageProps {
  portal: PortalContext;
  t: Translate;
  /** Null when the link is unknown or was altered. */
  view: { code: string; maskedAddress: string | null; isFollower: boolean; isStopped: boolean } | null;
  token: string;
  action: string;
}

export function StopNotificationsPage({ portal, t, view, token, action }: StopNotificationsPageProps) {
  if (!view) {
    const title = t('cases.portal.stop.invalidTitle');
    return (
      <PortalLayout portal={portal} title={title}>
        <div className="td-two-thirds">
          <h1>{title}</h1>
          <p>{t('cases.portal.stop.invalid')}</p>
        </div>
      </PortalLayout>
    );
  }
  const title = t('cases.portal.stop.title');
  const address = view.maskedAddress ?? t('cases.portal.stop.sealedAddress');
  return (
    <PortalLayout portal={portal} title={title}>
      <div className="td-two-thirds">
        <h1>{title}</h1>
        {view.isStopped ? (
          <Notice variant="success" title={t('cases.portal.stop.done', { code: view.code })}>
            <p>{t('cases.portal.stop.doneDetail', { address })}</p>
          </Notice>
        ) : (
          <>
            <p>{t(view.isFollower ? 'cases.portal.stop.introFollower' : 'cases.portal.stop.introSubmitter', { code: view.code, address })}</p>
            <p>{t('cases.portal.stop.still')}</p>
            <form method="post" action={action} noValidate>
              <CsrfField token={portal.csrfToken} />
              <input type="hidden" name="t" value={token} />
              <Button variant="warning">{t('cases.portal.stop.submit')}</Button>
            </form>
          </>
        )}
        <p>
          <a href={casePath(view.code)}>{t('cases.portal.stop.viewCase', { code: view.code })}</a>
        </p>
      </div>
    </PortalLayout>
  );
}
