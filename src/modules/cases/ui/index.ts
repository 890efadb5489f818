/**
 * The cases module's back-office pages, for `src/web/backoffice/routes.ts` to spread into its
 * routes (structurally a `BackofficeRoute[]`; modules may not import the SPA shell). Pages load lazily.
 */
import { lazy, type ComponentType } from 'react';
import type { Role } from '../../../core/auth/roles.js';

interface PageProps {
  params: Readonly<Record<string, string>>;
  search: string;
}

const page = <K extends string>(load: () => Promise<Record<K, ComponentType<PageProps>>>, name: K) => lazy(async () => ({ default: (await load())[name] }));

const CaseQueuePage = page(() => import('./backoffice/queue.js'), 'CaseQueuePage');
const SupervisionQueuePage = page(() => import('./backoffice/queue.js'), 'SupervisionQueuePage');
const CaseIntakePage = page(() => import('./backoffice/intake.js'), 'CaseIntakePage');
const CaseDetailPage = page(() => import('./backoffice/case-detail.js'), 'CaseDetailPage');
const QaPublishPage = page(() => import('./backoffice/qa-publish.js'), 'QaPublishPage');
const CaseCategoriesPage = page(() => import('./backoffice/admin-categories.js'), 'CaseCategoriesPage');
const CaseCategoryFormPage = page(() => import('./backoffice/admin-categories.js'), 'CaseCategoryFormPage');
const CaseSettingsPage = page(() => import('./backoffice/admin-settings.js'), 'CaseSettingsPage');
const Open311ClientsPage = page(() => import('./backoffice/admin-open311.js'), 'Open311ClientsPage');
const CaseIndicatorsPage = page(() => import('./backoffice/indicators.js'), 'CaseIndicatorsPage');

const readers: readonly Role[] = ['officer', 'leader', 'supervisor', 'higher_level_viewer', 'admin'];
/** Permission `cases.indicators` (least privilege: officers and area heads do not get the page or its link). */
const indicatorReaders: readonly Role[] = ['leader', 'supervisor', 'higher_level_viewer', 'admin'];
/** Permission `cases.configure`. */
const configurers: readonly Role[] = ['admin'];

/** First match wins: "/cases/intake" and "/cases/indicators" before "/cases/:id". */
export const casesBackofficeRoutes = [
  { path: '/cases', labelKey: 'cases.backoffice.nav.queue', roles: readers, nav: 'work' as const, component: CaseQueuePage },
  { path: '/cases/intake', labelKey: 'cases.backoffice.intake.title', roles: ['officer', 'leader'] as readonly Role[], component: CaseIntakePage },
  { path: '/cases/indicators', labelKey: 'cases.backoffice.nav.indicators', roles: indicatorReaders, nav: 'work' as const, component: CaseIndicatorsPage },
  { path: '/cases/:id/qa', labelKey: 'cases.backoffice.qa.title', roles: ['leader'] as readonly Role[], component: QaPublishPage },
  { path: '/cases/:id', labelKey: 'cases.backoffice.detail.title', roles: readers, component: CaseDetailPage },
  { path: '/supervision', labelKey: 'cases.backoffice.nav.supervision', roles: ['supervisor'] as readonly Role[], nav: 'supervision' as const, component: SupervisionQueuePage },
  // Administration: "/new" before "/:id".
  { path: '/admin/case-categories', labelKey: 'cases.backoffice.nav.categories', roles: configurers, nav: 'admin' as const, component: CaseCategoriesPage },
  { path: '/admin/case-categories/new', labelKey: 'cases.backoffice.categories.createTitle', roles: configurers, component: CaseCategoryFormPage },
  { path: '/admin/case-categories/:id', labelKey: 'cases.backoffice.categories.editTitle', roles: configurers, component: CaseCategoryFormPage },
  { path: '/admin/case-settings', labelKey: 'cases.backoffice.nav.settings', roles: configurers, nav: 'admin' as const, component: CaseSettingsPage },
  { path: '/admin/open311-clients', labelKey: 'cases.backoffice.nav.open311', roles: configurers, nav: 'admin' as const, component: Open311ClientsPage },
];
