import { lazy, type ComponentType } from 'react';
import type { Role } from '../../core/auth/roles.js';
import { casesBackofficeRoutes } from '../../modules/cases/ui/index.js';
import type { BackofficeRoute, RouteProps } from './route-types.js';

export { navSections, type BackofficeRoute, type NavSection, type RouteProps } from './route-types.js';

// Pages load on first visit, so a module's pages never weigh on staff who do not use them.
const page = <K extends string>(load: () => Promise<Record<K, ComponentType<RouteProps>>>, name: K) => lazy(async () => ({ default: (await load())[name] }));

const HomePage = page(() => import('./pages/home.js'), 'HomePage');
const AccountPage = page(() => import('./pages/account.js'), 'AccountPage');
const AreasPage = page(() => import('./pages/areas.js'), 'AreasPage');
const AreaFormPage = page(() => import('./pages/areas.js'), 'AreaFormPage');
const UnitsPage = page(() => import('./pages/units.js'), 'UnitsPage');
const UnitFormPage = page(() => import('./pages/units.js'), 'UnitFormPage');
const UsersPage = page(() => import('./pages/users.js'), 'UsersPage');
const UserCreatePage = page(() => import('./pages/user-create.js'), 'UserCreatePage');
const UserEditPage = page(() => import('./pages/user-edit.js'), 'UserEditPage');
const JobsPage = page(() => import('./pages/jobs.js'), 'JobsPage');
const AuditPage = page(() => import('./pages/audit.js'), 'AuditPage');
const CalendarPage = page(() => import('./pages/calendar.js'), 'CalendarPage');

const adminOnly: readonly Role[] = ['admin'];

/**
 * ─── EXTENSION POINT ───────────────────────────────────────────────────────────────────────────
 * Every back-office page is listed here; first match wins (put "/x/new" before "/x/:id").
 * A module adds its pages by exporting a `BackofficeRoute[]`-shaped array from
 * `src/modules/<name>/ui/index.ts` (components in that module's `ui/backoffice/`, loaded with
 * React.lazy) and spreading it into `moduleRoutes` below:
 *
 *   import { casesBackofficeRoutes } from '../../modules/cases/ui/index.js';
 *   const moduleRoutes = [...casesBackofficeRoutes, ...reportsBackofficeRoutes];
 *
 * `nav` puts a link in a navigation group ('work' | 'supervision' | 'admin' | 'account'),
 * `roles` hides it from (and refuses the page to) everyone else. `labelKey` is translated by the
 * shell, so add the module's UI catalog to `catalogs` in i18n.ts.
 */
// The cases module: queue ("Hồ sơ của tôi"), intake, case detail, Q&A publishing, supervision.
const moduleRoutes: readonly BackofficeRoute[] = [...casesBackofficeRoutes];

/** Core pages: the home page, the account, and administration of the commune. */
const coreRoutes: readonly BackofficeRoute[] = [
  { path: '/', labelKey: 'backoffice.nav.home', roles: [], component: HomePage },
  { path: '/admin/areas', labelKey: 'backoffice.nav.areas', roles: adminOnly, nav: 'admin', component: AreasPage },
  { path: '/admin/areas/new', labelKey: 'backoffice.areas.createTitle', roles: adminOnly, component: AreaFormPage },
  { path: '/admin/areas/:id', labelKey: 'backoffice.areas.editTitle', roles: adminOnly, component: AreaFormPage },
  { path: '/admin/units', labelKey: 'backoffice.nav.units', roles: adminOnly, nav: 'admin', component: UnitsPage },
  { path: '/admin/units/new', labelKey: 'backoffice.units.createTitle', roles: adminOnly, component: UnitFormPage },
  { path: '/admin/units/:id', labelKey: 'backoffice.units.editTitle', roles: adminOnly, component: UnitFormPage },
  { path: '/admin/users', labelKey: 'backoffice.nav.users', roles: adminOnly, nav: 'admin', component: UsersPage },
  { path: '/admin/users/new', labelKey: 'backoffice.users.createTitle', roles: adminOnly, component: UserCreatePage },
  { path: '/admin/users/:id', labelKey: 'backoffice.users.editTitle', roles: adminOnly, component: UserEditPage },
  { path: '/admin/calendar', labelKey: 'backoffice.nav.calendar', roles: adminOnly, nav: 'admin', component: CalendarPage },
  { path: '/admin/jobs', labelKey: 'backoffice.nav.jobs', roles: adminOnly, nav: 'admin', component: JobsPage },
  // The audit log is readable by supervisors too (permission audit.read): oversight needs it.
  { path: '/admin/audit', labelKey: 'backoffice.nav.audit', roles: ['admin', 'supervisor'], nav: 'admin', component: AuditPage },
  { path: '/account', labelKey: 'backoffice.nav.account', roles: [], nav: 'account', component: AccountPage },
];

export const routes: readonly BackofficeRoute[] = [...moduleRoutes, ...coreRoutes];
