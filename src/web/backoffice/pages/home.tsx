import { useContext } from 'react';
import { useI18n } from '../i18n.js';
import { Page } from '../layout.js';
import { Link } from '../router.js';
import { navSections, RoutesContext } from '../route-types.js';
import { hasAnyRole, useSession } from '../session.js';

/** Start page: a greeting and the sections this person may use, as a list of links. */
export function HomePage() {
  const { t } = useI18n();
  const session = useSession();
  const routes = useContext(RoutesContext);
  const visible = routes.filter((route) => route.nav && route.nav !== 'account' && hasAnyRole(session, route.roles));
  return (
    <Page title={t('backoffice.home.title', { name: session.user.displayName })}>
      <p className="td-lead">{t('backoffice.home.intro')}</p>
      {!session.user.hasTotp ? (
        <div className="td-notice bo-notice--warning">
          <p>{t('backoffice.home.totpWarning')}</p>
          <p>
            <Link to="/account">{t('backoffice.home.totpLink')}</Link>
          </p>
        </div>
      ) : null}
      {navSections
        .filter((section) => visible.some((route) => route.nav === section))
        .map((section) => (
          <section key={section} className="td-card" aria-labelledby={`home-${section}`}>
            <h2 id={`home-${section}`}>{t(`backoffice.nav.section.${section}`)}</h2>
            <ul className="bo-link-list">
              {visible
                .filter((route) => route.nav === section)
                .map((route) => (
                  <li key={route.path}>
                    <Link to={route.path}>{t(route.labelKey)}</Link>
                  </li>
                ))}
            </ul>
          </section>
        ))}
    </Page>
  );
}
