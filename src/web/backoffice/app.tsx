import { Component, Suspense, useCallback, useEffect, useState, type ErrorInfo, type ReactNode } from 'react';
import { api, setApiLocale, signInUrl } from './api.js';
import { I18nContext, useI18n, useLocaleState } from './i18n.js';
import { LoadError, Loading } from './layout.js';
import { staffAppName, staffDocumentTitle } from '../../core/ui/components/staff.js';
import { markedCommitteeName } from '../../core/ui/components/layout.js';
import { MarkedText } from '../../core/ui/components/content.js';
import { NotFoundPage } from './pages/not-found.js';
import { hasNavigatedSinceLoad, href, Link, matchPath, useLocation } from './router.js';
import { navSections, RoutesContext, type BackofficeRoute } from './route-types.js';
import { routes } from './routes.js';
import { hasAnyRole, loadSession, SessionContext, useSession, type StaffSession } from './session.js';

/** The back office: language, session, then the shell around the page the address points to. */
export function App() {
  const i18n = useLocaleState();
  setApiLocale(i18n.locale);
  return (
    <I18nContext.Provider value={i18n}>
      <SessionGate />
    </I18nContext.Provider>
  );
}

type GateState = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; session: StaffSession };

function SessionGate() {
  const { t } = useI18n();
  const [state, setState] = useState<GateState>({ status: 'loading' });
  const load = useCallback(async () => {
    try {
      const result = await loadSession();
      if (result.status === 'signed_out') {
        // Sign-in (with its two-factor step) is the portal's server-rendered page.
        window.location.replace(signInUrl(`${window.location.pathname}${window.location.search}`));
        return;
      }
      setState({ status: 'ready', session: result.session });
    } catch (error) {
      setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  if (state.status === 'loading') return <main className="bo-boot"><Loading /></main>;
  if (state.status === 'error') {
    return (
      <main className="bo-boot">
        <h1>{t('backoffice.sessionError')}</h1>
        <LoadError error={state.error} onRetry={() => void load()} />
      </main>
    );
  }
  return (
    <SessionContext.Provider value={{ ...state.session, refresh: load }}>
      <RoutesContext.Provider value={routes}>
        <Shell />
      </RoutesContext.Provider>
    </SessionContext.Provider>
  );
}

function findRoute(path: string): { route: BackofficeRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

function Shell() {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  const isStaff = session.user.kind === 'staff' && session.roles.length > 0;
  const match = findRoute(location.path);
  useFocusOnNewPage(location.path);

  let content: ReactNode;
  if (!isStaff) content = <NoAccess reason="notStaff" />;
  else if (!match) content = <NotFoundPage />;
  else if (!hasAnyRole(session, match.route.roles)) content = <NoAccess reason="role" />;
  else {
    const PageComponent = match.route.component;
    content = <PageComponent params={match.params} search={location.search} />;
  }

  return (
    <>
      <a className="td-skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <Header />
      <div className="bo-layout">
        {isStaff ? <Navigation currentPath={location.path} /> : null}
        <main id="main" className="bo-main" tabIndex={-1}>
          <RouteErrorBoundary key={location.path} message={t('backoffice.pageFailed')}>
            <Suspense fallback={<Loading />}>{content}</Suspense>
          </RouteErrorBoundary>
        </main>
      </div>
    </>
  );
}

/**
 * After an in-app move to another page, focus goes to its h1 (or to <main> until the page, loaded on
 * demand, shows one), so a keyboard user starts at the content and a screen reader reads the new
 * page's name (WCAG 2.4.3). The page the browser loaded keeps the browser's focus, and the skip link
 * still lands on <main>. A change of the query alone (filters) leaves the focus where it is.
 */
function useFocusOnNewPage(path: string): void {
  useEffect(() => {
    if (!hasNavigatedSinceLoad()) return;
    const main = document.getElementById('main');
    if (!main) return;
    const focusHeading = (): boolean => {
      const heading = main.querySelector('h1');
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      if (document.activeElement !== heading) heading.focus();
      return true;
    };
    if (focusHeading()) return;
    main.focus();
    const observer = new MutationObserver(() => {
      // Only while the focus is still where this put it: a user who moved on keeps their place.
      if (document.activeElement !== main) observer.disconnect();
      else if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [path]);
}

function Header() {
  const { t, locale, setLocale } = useI18n();
  const session = useSession();
  const [isSigningOut, setIsSigningOut] = useState(false);
  // The portal's own words for the commune, from the same function (core/ui committeeName), its name marked lang="vi".
  const communeName = session.commune ? markedCommitteeName(session.commune, t) : '';
  const signOut = async () => {
    setIsSigningOut(true);
    try {
      await api.post('/api/v1/auth/sign-out', {}, { redirectOnUnauthenticated: false });
    } finally {
      // Even if the call failed (session already gone), leave the staff area.
      window.location.assign('/');
    }
  };
  return (
    <header className="bo-header">
      <div className="bo-header__inner">
        <p className="bo-brand">
          <a href={href('/')} className="bo-brand__link">
            {staffAppName(locale)}
          </a>
          {communeName ? (
            <span className="bo-brand__commune">
              <MarkedText text={communeName} pageLocale={locale} />
            </span>
          ) : null}
        </p>
        <div className="bo-header__user">
          <p className="bo-user">
            <span className="bo-user__name">{session.user.displayName}</span>
            <span className="bo-user__roles">{session.roles.map((role) => t(`auth.role.${role}`)).join(', ')}</span>
          </p>
          <button type="button" className="bo-header__button" lang={locale === 'vi' ? 'en' : 'vi'} onClick={() => setLocale(locale === 'vi' ? 'en' : 'vi')}>
            {locale === 'vi' ? 'English' : 'Tiếng Việt'}
          </button>
          <button type="button" className="bo-header__button" onClick={() => void signOut()} disabled={isSigningOut}>
            {t('common.signOut')}
          </button>
        </div>
      </div>
    </header>
  );
}

function Navigation({ currentPath }: { currentPath: string }) {
  const { t } = useI18n();
  const session = useSession();
  const visible = routes.filter((route) => route.nav && hasAnyRole(session, route.roles));
  // The link whose path is the longest prefix of the address is the current section.
  const current = visible.filter((route) => currentPath === route.path || currentPath.startsWith(`${route.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <nav className="bo-nav" aria-label={t('backoffice.nav.label')}>
      <ul className="bo-nav__sections">
        <li>
          <Link to="/" className="bo-nav__link" aria-current={currentPath === '/' ? 'page' : undefined}>
            {t('backoffice.nav.home')}
          </Link>
        </li>
        {navSections.map((section) => {
          const links = visible.filter((route) => route.nav === section);
          if (links.length === 0) return null;
          return (
            <li key={section}>
              <h2 className="bo-nav__heading" id={`nav-${section}`}>
                {t(`backoffice.nav.section.${section}`)}
              </h2>
              <ul aria-labelledby={`nav-${section}`}>
                {links.map((route) => (
                  <li key={route.path}>
                    <Link to={route.path} className="bo-nav__link" aria-current={route === current ? 'page' : undefined}>
                      {t(route.labelKey)}
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function NoAccess({ reason }: { reason: 'notStaff' | 'role' }) {
  const { t, locale } = useI18n();
  useEffect(() => {
    document.title = staffDocumentTitle(t('backoffice.noAccess.title'), locale);
  }, [t, locale]);
  return (
    <>
      <h1>{t('backoffice.noAccess.title')}</h1>
      <p>{t(reason === 'notStaff' ? 'backoffice.noAccess.notStaff' : 'backoffice.noAccess.role')}</p>
      <p>{reason === 'notStaff' ? <a href="/">{t('backoffice.noAccess.toPortal')}</a> : <Link to="/">{t('backoffice.nav.home')}</Link>}</p>
    </>
  );
}

/** A page that throws (or whose code failed to download) shows a message, not a blank screen. */
class RouteErrorBoundary extends Component<{ message: string; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="td-notice bo-notice--error" role="alert">
          <p>{this.props.message}</p>
        </div>
      );
    }
    return this.props.children;
  }
}
