import { useI18n } from '../i18n.js';
import { Page } from '../layout.js';
import { useLocation } from '../router.js';
import { routes } from '../routes.js';

/** Stands in for a module's pages until that module registers them in routes.ts. */
export function PlaceholderPage() {
  const { t } = useI18n();
  const location = useLocation();
  const route = routes.find((candidate) => candidate.path === location.path);
  return (
    <Page title={t(route?.labelKey ?? 'backoffice.nav.home')}>
      <p>{t('backoffice.placeholder.body')}</p>
    </Page>
  );
}
