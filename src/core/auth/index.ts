import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import type { ModuleDescriptor } from '../module.js';
import { adminUserRoutes } from './admin-routes.js';
import { authJobs, authSchedules } from './jobs.js';
import en from './messages/en.json' with { type: 'json' };
import vi from './messages/vi.json' with { type: 'json' };
import { authRoutes } from './routes.js';
import { seedDemoAccounts } from './demo.js';

export * from './contract.js';
export { createResidentUser, createStaffUser, type NewUserInput } from './create-user.js';
export { findActiveUsersWithRole, findStaffByUnit, findUnitIdsWithRole, findUserContact } from './repository.js';
export { DEMO_PASSWORD, demoAccounts } from './demo.js';
export { expiredTokenPurgeCutoff } from './use-cases/purge-expired-tokens.js';
export { AUTH_RATE_LIMITS, withRetryAfter } from './routes.js';
export * from './service.js';
export {
  clearSessionCookie,
  createAuthHooks,
  CSRF_COOKIE,
  CSRF_FIELD,
  CSRF_HEADER,
  csrfTokenFor,
  RESIDENT_IDLE_MINUTES,
  SESSION_COOKIE,
  sessionTokenOf,
  setSessionCookie,
  STAFF_IDLE_MINUTES,
  withoutCsrfField,
  type AuthHooks,
  type IssuedSession,
} from './session.js';
export { IDENTIFIER_THROTTLE, IP_THROTTLE, TOTP_THROTTLE } from './throttle.js';
export type { Actor, Role, RoleGrant } from './roles.js';

/** Accounts, sessions, roles and two-factor sign-in; the routes of the auth API and of user administration. */
export const authModule: ModuleDescriptor = {
  name: 'auth',
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  permissions: {
    'auth.users.read': ['admin', 'leader'],
    'auth.users.manage': ['admin'],
    // Only a resident types their own number at sign-up; staff phones are entered by an admin.
    'auth.phone.verify': ['resident'],
    // A resident's own account page; staff accounts are managed in the back office.
    'auth.account.manage': ['resident'],
  },
  messages: { vi, en },
  seedDemo: seedDemoAccounts,
  jobs: authJobs,
  schedules: authSchedules,
  routes: async (app: FastifyInstance, ctx: AppContext) => {
    await authRoutes(app, ctx);
    await adminUserRoutes(app, ctx);
  },
};
