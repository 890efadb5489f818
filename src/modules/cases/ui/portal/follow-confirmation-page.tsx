/**
 * `/xac-nhan-theo-doi?t=…`: the page a follow's confirmation link opens (double opt-in, LAW-PDP-05).
 * It says which case and which (masked) address, and asks for one press of a real form button, so a
 * mail scanner that follows links confirms nothing and the page works with JavaScript off.
 */
import type { Translate } from '../../../../core/i18n/translate.js';
import type { PortalContext } from '../../../../core/ui/types.js';
import { LinkActionPage } from './link-action-page.js';

export interface FollowConfirmationPageProps {
  portal: PortalContext;
  t: Translate;
  /** Null when the link is unknown, altered or lapsed. */
  view: { code: string; maskedAddress: string; isConfirmed: boolean } | null;
  token: string;
  action: string;
}

export function FollowConfirmationPage({ portal, t, view, token, action }: FollowConfirmationPageProps) {
  return (
    <LinkActionPage
      portal={portal}
      t={t}
      token={token}
      action={action}
      title={t('cases.portal.followConfirm.title')}
      invalid={{ title: t('cases.portal.followConfirm.invalidTitle'), text: t('cases.portal.followConfirm.invalid') }}
      link={
        view && {
          code: view.code,
          done: view.isConfirmed ? { title: t('cases.portal.followConfirm.done', { code: view.code }), detail: t('cases.portal.followConfirm.doneDetail', { address: view.maskedAddress }) } : null,
          intro: (
            <>
              <p>{t('cases.portal.followConfirm.intro', { code: view.code, address: view.maskedAddress })}</p>
              <p>{t('cases.portal.followConfirm.notYou')}</p>
            </>
          ),
          submit: { label: t('cases.portal.followConfirm.submit') },
        }
      }
    />
  );
}
