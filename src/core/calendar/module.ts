import { fileURLToPath } from 'node:url';
import type { ModuleDescriptor } from '../module.js';
import { calendarRoutes } from './routes.js';

export { loadWorkingCalendar, findCalendarOverrides } from './store.js';
export { CALENDAR_OVERRIDES_CHANGED_EVENT } from './routes.js';

/**
 * The calendar overrides table and its admin routes. Changing an override emits
 * `calendar.overrides.changed`; modules holding deadlines (cases) recompute them in a job.
 */
export const calendarModule: ModuleDescriptor = {
  name: 'calendar',
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  permissions: { 'calendar.manage': ['admin'] },
  routes: calendarRoutes,
};
