/**
 * `/xac-nhan-theo-doi?t=…`: the page a follow's confirmation link opens (double opt-in, LAW-PDP-05).
 * It says which case and which (masked) address, and asks for one press of a real form button, so a
 * mail scanner that follows links confirms nothing and the page works with JavaScript off.
 */
import type { Translate } from '../../../../core/i18n/translate.js';
import { Button, CsrfField, Notice, PortalLayout } from '../../../../core/ui/index.js';
import type { PortalContext } from '../../../../core/ui/types.js';
import { casePath } from './status-pages.js';

export interface FollowConfirmationPageProps {
  portal: PortalContext;
  t: Translate;
  /** Null when the link is unknown, altered or lapsed. */
  view: { code: string; maskedAddress: string; isConfirmed: boolean } | null;
  token: string;
  action: string;
}

export function FollowConfirmationPage({ portal, t, view, token, action }: FollowConfirmationPageProps) {
  if (!view) {
    const title = t('cases.portal.followConfirm.invalidTitle');
    return (
      <PortalLayout portal={portal} title={title}>
        <div className="td-two-thirds">
          <h1>{title}</h1>
          <p>{t('cases.portal.followConfirm.invalid')}</p>
        </div>
      </PortalLayout>
    );
  }
  const title = t('cases.portal.followConfirm.title');
  return (
    <PortalLayout portal={portal} title={title}>
      <div className="td-two-thirds">
        <h1>{title}</h1>
        {view.isConfirmed ? (
          <Notice variant="success" title={t('cases.portal.followConfirm.done', { code: view.code })}>
            <p>{t('cases.portal.followConfirm.doneDetail', { address: view.maskedAddress })}</p>
          </Notice>
        ) : (
          <>
            <p>{t('cases.portal.followConfirm.intro', { code: view.code, address: view.maskedAddress })}</p>
            <p>{t('cases.portal.followConfirm.notYou')}</p>
            <form method="post" action={action} noValidate>
              <CsrfField token={portal.csrfToken} />
              <input type="hidden" name="t" value={token} />
              <Button>{t('cases.portal.followConfirm.submit')}</Button>
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
