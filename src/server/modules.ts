import { auditModule } from '../core/audit/index.js';
import { authModule } from '../core/auth/index.js';
import { jobsModule } from '../core/jobs/index.js';
import type { ModuleDescriptor } from '../core/module.js';
import { tenancyModule } from '../core/tenancy/index.js';
import { notificationsModule } from '../modules/notifications/server/index.js';

/**
 * THE module list: order matters for demo seeding (tenancy first, then accounts, then the
 * modules that attach rows to them). Deleting a feature = deleting its folder and its line here.
 */
export const modules: readonly ModuleDescriptor[] = [tenancyModule, auditModule, authModule, jobsModule, notificationsModule];
