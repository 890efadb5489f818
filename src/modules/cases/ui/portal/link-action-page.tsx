/**
 * The page a personal link in a message opens (`/ngung-nhan-tin`, `/xac-nhan-theo-doi`): it says which
 * case and which (masked) address, and asks for one press of a real form button, so a mail scanner
 * that follows links changes nothing and the page works with JavaScript off. A link that is unknown,
 * altered or lapsed gets its own page (answered 404 by the route).
 */
import type { ReactNode } from 'react';
import type { Translate } from '../../../../core/i18n/translate.js';
import { Button, CsrfField, Notice, PortalLayout } from '../../../../core/ui/index.js';
import type { PortalContext } from '../../../../core/ui/types.js';
import { casePath } from './status-pages.js';

export interface LinkActionPageProps {
  portal: PortalContext;
  t: Translate;
  /** The signed link's token, posted back with the form. */
  token: string;
  action: string;
  title: string;
  /** Null when the link is unknown, altered or lapsed: the page says so and offers nothing. */
  link: {
    code: string;
    /** Set once the action was taken: the success notice instead of the form. */
    done: { title: string; detail: string } | null;
    intro: ReactNode;
    submit: { label: string; variant?: 'warning' };
  } | null;
  invalid: { title: string; text: string };
}

export function LinkActionPage({ portal, t, token, action, title, link, invalid }: LinkActionPageProps) {
  const heading = link ? title : invalid.title;
  return (
    <PortalLayout portal={portal} title={heading}>
      <div className="td-two-thirds">
        <h1>{heading}</h1>
        {!link ? (
          <p>{invalid.text}</p>
        ) : (
          <>
            {link.done ? (
              <Notice variant="success" title={link.done.title}>
                <p>{link.done.detail}</p>
              </Notice>
            ) : (
              <>
                {link.intro}
                <form method="post" action={action} noValidate>
                  <CsrfField token={portal.csrfToken} />
                  <input type="hidden" name="t" value={token} />
                  <Button {...(link.submit.variant ? { variant: link.submit.variant } : {})}>{link.submit.label}</Button>
                </form>
              </>
            )}
            <p>
              <a href={casePath(link.code)}>{t('cases.portal.stop.viewCase', { code: link.code })}</a>
            </p>
          </>
        )}
      </div>
    </PortalLayout>
  );
}
