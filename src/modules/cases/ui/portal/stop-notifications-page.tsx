/**
 * `/ngung-nhan-tin?t=…`: the page a status message's stop link opens (LAW-PDP-04, LAW-PDP-05). It
 * says what will stop (case code, masked address) and asks for one press of a real form button, so
 * a mail scanner that follows links stops nothing and the page works with JavaScript off.
 */
import type { Translate } from '../../../../core/i18n/translate.js';
import type { PortalContext } from '../../../../core/ui/types.js';
import { LinkActionPage } from './link-action-page.js';

export interface StopNotificationsPageProps {
  portal: PortalContext;
  t: Translate;
  /** Null when the link is unknown or was altered. */
  view: { code: string; maskedAddress: string | null; isFollower: boolean; isStopped: boolean } | null;
  token: string;
  action: string;
}

export function StopNotificationsPage({ portal, t, view, token, action }: StopNotificationsPageProps) {
  const address = view?.maskedAddress ?? t('cases.portal.stop.sealedAddress');
  return (
    <LinkActionPage
      portal={portal}
      t={t}
      token={token}
      action={action}
      title={t('cases.portal.stop.title')}
      invalid={{ title: t('cases.portal.stop.invalidTitle'), text: t('cases.portal.stop.invalid') }}
      link={
        view && {
          code: view.code,
          done: view.isStopped ? { title: t('cases.portal.stop.done', { code: view.code }), detail: t('cases.portal.stop.doneDetail', { address }) } : null,
          intro: (
            <>
              <p>{t(view.isFollower ? 'cases.portal.stop.introFollower' : 'cases.portal.stop.introSubmitter', { code: view.code, address })}</p>
              <p>{t('cases.portal.stop.still')}</p>
            </>
          ),
          submit: { label: t('cases.portal.stop.submit'), variant: 'warning' },
        }
      }
    />
  );
}
