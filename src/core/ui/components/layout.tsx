import type { ReactNode } from 'react';
import { markVietnamese, stripVietnameseMarks, type Translate } from '../../i18n/translate.js';
import type { Commune } from '../../tenancy/contract.js';
import { TranslateProvider } from '../i18n-context.js';
import { MarkedText, VietnameseText } from './content.js';
import type { LayoutContext } from '../types.js';

/** "UBND xã Như Quỳnh" / "Như Quỳnh Commune People's Committee": the portal's and the back office's header. */
export function committeeName(commune: Pick<Commune, 'kind' | 'name'>, t: Translate): string {
  return stripVietnameseMarks(markedCommitteeName(commune, t));
}

/** The same with the commune's name (Vietnamese only) marked `<vi>…</vi>`, for core/ui `MarkedText` (WCAG 3.1.2). */
export function markedCommitteeName(commune: Pick<Commune, 'kind' | 'name'>, t: Translate): string {
  const kind = t(`tenancy.commune.kind.${commune.kind}`);
  return t('tenancy.commune.committee', { kind, kindLower: kind.toLocaleLowerCase('vi'), name: markVietnamese(commune.name) });
}

/** Path without query, for comparing with nav links. */
const pathOnly = (path: string) => (path.split('?')[0] ?? '/').replace(/\/+$/, '') || '/';

/** The language switch keeps the page: `/ngon-ngu/en?next=/dang-ky`. The route sets the `lang` cookie. */
export function languageSwitchHref(target: string, currentPath: string): string {
  const withoutLang = currentPath.replace(/([?&])lang=[^&]*&?/, '$1').replace(/[?&]$/, '');
  return `/ngon-ngu/${target}?next=${encodeURIComponent(withoutLang || '/')}`;
}

export interface PortalLayoutProps {
  portal: LayoutContext;
  /** The page title (also the h1 in most pages); the layout adds the commune and "Tiếng Dân". */
  title: string;
  /** When the page shows validation errors, the title starts with "Lỗi: " (screen readers hear it first). */
  hasErrors?: boolean;
  /** Extra island scripts this page uses, by file name in src/web/islands (e.g. `similar-cases`). */
  islands?: readonly string[];
  /**
   * A page whose form holds answers not yet saved anywhere (a multi-step flow): the language switch
   * becomes a submit button of that form (`form` attribute), posting what was typed with `_action=language`
   * to `action?lang=<other>`, so the page comes back in the other language with the answers kept.
   * Works with JavaScript off. `primaryLabel` names the step's primary action (see the default button below).
   */
  languageSwitchForm?: { formId: string; action: string; primaryLabel: string };
  children: ReactNode;
}

interface NavItem {
  href: string;
  label: string;
}

export function PortalLayout({ portal, title, hasErrors = false, islands = [], languageSwitchForm, children }: PortalLayoutProps) {
  const { t, locale, commune, actor, csrfToken, currentPath, assets } = portal;
  const committee = commune ? committeeName(commune, t) : t('app.name');
  const fullTitle = `${hasErrors ? `${t('ui.errorPrefix')} ` : ''}${title} – ${committee} – ${t('app.name')}`;
  const otherLocale = locale === 'vi' ? 'en' : 'vi';
  const current = pathOnly(currentPath);
  const nav: NavItem[] = [
    { href: '/', label: t('common.home') },
    { href: '/gui-phan-anh', label: t('portal.nav.submit') },
    { href: '/tra-cuu', label: t('portal.nav.track') },
    { href: '/hoi-dap', label: t('portal.nav.questions') },
  ];
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#a4161a" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href={assets.stylesheet} />
        {[...assets.scripts, ...islands.flatMap((name) => (assets.islands[name] ? [assets.islands[name]] : []))].map((src) => (
          <script key={src} type="module" src={src} />
        ))}
      </head>
      <body>
        <TranslateProvider t={t}>
          <a className="td-skip-link" href="#main-content">
            {t('common.skipToContent')}
          </a>
          {commune?.isDemo ? (
            // A labelled landmark, so no content sits outside one (axe `region`).
            <div className="td-demo-banner" role="region" aria-label={t('portal.demo.region')}>
              <p className="td-width">
                <strong>{t('portal.demo.label')}</strong> {t('common.demoBanner')}
              </p>
            </div>
          ) : null}
          <header className="td-header">
            <div className="td-width td-header__top">
              <a className="td-header__brand" href="/">
                <span className="td-header__app">{t('app.name')}</span>
                <span className="td-header__name">{commune ? <MarkedText text={markedCommitteeName(commune, t)} pageLocale={locale} /> : committee}</span>
              </a>
              {languageSwitchForm ? (
                // Enter in a field submits with the form's default button: its first submit button in tree
                // order, which would be the language switch below (it sits in the header, before the form).
                // This one comes first and carries no `_action`, so Enter does what the step's primary button
                // does ("Tiếp tục" / "Gửi") to the form's own action. Hidden from sight and from assistive
                // technology, and out of the tab order: the visible primary button is the one people use.
                // Not display:none, which some browsers skip for implicit submission.
                <button className="td-visually-hidden" type="submit" form={languageSwitchForm.formId} aria-hidden="true" tabIndex={-1}>
                  {languageSwitchForm.primaryLabel}
                </button>
              ) : null}
              {languageSwitchForm ? (
                <button
                  className="td-header__lang td-header__lang--button"
                  type="submit"
                  form={languageSwitchForm.formId}
                  formAction={`${languageSwitchForm.action}?lang=${otherLocale}`}
                  formEncType="application/x-www-form-urlencoded"
                  formNoValidate
                  name="_action"
                  value="language"
                  lang={otherLocale}
                >
                  {t('common.switchLanguage')}
                </button>
              ) : (
                <a className="td-header__lang" href={languageSwitchHref(otherLocale, currentPath)} lang={otherLocale} hrefLang={otherLocale}>
                  {t('common.switchLanguage')}
                </a>
              )}
            </div>
            {commune ? (
              <p className="td-width td-header__contact">
                {t('common.phone')}: <a href={`tel:${commune.contact.phone.replace(/[^\d+]/g, '')}`}>{commune.contact.phone}</a>
                <span className="td-visually-hidden">. </span>
                {/* On a phone the footer carries the reception place; the header keeps the phone number. */}
                <span className="td-header__reception">
                  <br />
                  {t('portal.header.reception')} <VietnameseText pageLocale={locale}>{commune.contact.receptionPlace}</VietnameseText>
                </span>
              </p>
            ) : null}
            <nav className="td-nav" aria-label={t('common.menu')}>
              <ul className="td-nav__list">
                {nav.map((item) => (
                  <li className="td-nav__item" key={item.href}>
                    <a className="td-nav__link" href={item.href} aria-current={current === item.href ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
                {actor ? (
                  <>
                    {actor.kind === 'resident' ? (
                      <li className="td-nav__item">
                        {/* The cases module's "Hồ sơ của tôi": what this resident sent while signed in. */}
                        <a className="td-nav__link" href="/ho-so-cua-toi" aria-current={current === '/ho-so-cua-toi' ? 'page' : undefined}>
                          {t('portal.nav.myCases')}
                        </a>
                      </li>
                    ) : null}
                    {actor.kind === 'resident' ? (
                      <li className="td-nav__item">
                        {/* core/auth's "Tài khoản của tôi": the resident's name, phone, e-mail and password. */}
                        <a className="td-nav__link" href="/tai-khoan" aria-current={current === '/tai-khoan' ? 'page' : undefined}>
                          {t('portal.nav.account')}
                        </a>
                      </li>
                    ) : null}
                    {actor.kind === 'staff' ? (
                      <li className="td-nav__item">
                        <a className="td-nav__link" href="/staff/">
                          {t('portal.nav.backOffice')}
                        </a>
                      </li>
                    ) : null}
                    <li className="td-nav__item">
                      <form className="td-nav__form" method="post" action="/dang-xuat">
                        {csrfToken ? <input type="hidden" name="_csrf" value={csrfToken} /> : null}
                        <button className="td-nav__button" type="submit">
                          {t('common.signOut')}
                          <span className="td-visually-hidden"> ({actor.displayName})</span>
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <li className="td-nav__item">
                    <a className="td-nav__link" href="/dang-nhap" aria-current={current === '/dang-nhap' ? 'page' : undefined}>
                      {t('common.signIn')}
                    </a>
                  </li>
                )}
              </ul>
            </nav>
          </header>
          <main className="td-width td-main" id="main-content" tabIndex={-1}>
            {children}
          </main>
          <footer className="td-footer">
            <div className="td-width">
              {commune ? (
                <>
                  <h2>
                    <MarkedText text={markedCommitteeName(commune, t)} pageLocale={locale} />
                  </h2>
                  <dl>
                    <dt>{t('common.address')}</dt>
                    <dd>
                      <VietnameseText pageLocale={locale}>{commune.contact.address}</VietnameseText>
                    </dd>
                    <dt>{t('common.phone')}</dt>
                    <dd>
                      <a href={`tel:${commune.contact.phone.replace(/[^\d+]/g, '')}`}>{commune.contact.phone}</a>
                    </dd>
                    <dt>{t('common.email')}</dt>
                    <dd>
                      <a href={`mailto:${commune.contact.email}`}>{commune.contact.email}</a>
                    </dd>
                    <dt>{t('common.reception')}</dt>
                    <dd>
                      <VietnameseText pageLocale={locale}>
                        {commune.contact.receptionPlace}. {commune.contact.receptionHours}
                      </VietnameseText>
                    </dd>
                  </dl>
                </>
              ) : null}
              <p className="td-secondary">{t('app.tagline')}</p>
            </div>
          </footer>
        </TranslateProvider>
      </body>
    </html>
  );
}
