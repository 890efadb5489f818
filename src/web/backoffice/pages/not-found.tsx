import { useI18n } from '../i18n.js';
import { Page } from '../layout.js';
import { Link } from '../router.js';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t('backoffice.notFound.title')}>
      <p>{t('backoffice.notFound.body')}</p>
      <p>
        <Link to="/">{t('backoffice.nav.home')}</Link>
      </p>
    </Page>
  );
}
