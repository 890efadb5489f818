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
  view: { code: string; mergedFromCode: string | null; maskedAddress: string; isConfirmed: boolean; isStopped: boolean } | null;
  token: string;
  action: string;
}

/** The merge note, when the case the person asked to follow was merged into the one whose news they get. */
function mergedNote(t: Translate, view: NonNullable<FollowConfirmationPageProps['view']>): string | null {
  return view.mergedFromCode ? t('cases.portal.followConfirm.merged', { from: view.mergedFromCode, code: view.code }) : null;
}

function doneOf(t: Translate, view: NonNullable<FollowConfirmationPageProps['view']>): { title: string; detail: string } | null {
  const merged = mergedNote(t, view);
  const withMerge = (text: string) => (merged ? `${merged} ${text}` : text);
  // The address had stopped the surviving case's messages: that withdrawal stands (LAW-PDP-04/05).
  if (view.isStopped) return { title: t('cases.portal.stop.done', { code: view.code }), detail: withMerge(t('cases.portal.stop.doneDetail', { address: view.maskedAddress })) };
  if (view.isConfirmed) return { title: t('cases.portal.followConfirm.done', { code: view.code }), detail: withMerge(t('cases.portal.followConfirm.doneDetail', { address: view.maskedAddress })) };
  return null;
}

export function FollowConfirmationPage({ portal, t, view, token, action }: FollowConfirmationPageProps) {
  const merged = view && mergedNote(t, view);
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
          done: doneOf(t, view),
          intro: (
            <>
              {merged ? <p>{merged}</p> : null}
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
