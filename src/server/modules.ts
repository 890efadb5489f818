import { auditModule } from '../core/audit/index.js';
import { authModule } from '../core/auth/index.js';
import { calendarModule } from '../core/calendar/module.js';
import { httpModule } from '../core/http/module.js';
import { jobsModule } from '../core/jobs/index.js';
import { storageModule } from '../core/storage/index.js';
import type { ModuleDescriptor } from '../core/module.js';
import { tenancyModule } from '../core/tenancy/index.js';
import { casesModule } from '../modules/cases/server/index.js';
import { notificationsModule } from '../modules/notifications/server/index.js';

/**
 * THE module list: order matters for demo seeding (tenancy first, then accounts, then the
 * modules that attach rows to them). Deleting a feature = deleting its folder and its line here.
 */
export const modules: readonly ModuleDescriptor[] = [tenancyModule, auditModule, authModule, jobsModule, httpModule, storageModule, calendarModule, notificationsModule, casesModule];
