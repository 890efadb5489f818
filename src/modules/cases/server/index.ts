/**
 * Cases module descriptor plus the read functions other modules (dashboards) may call.
 */
import { fileURLToPath } from 'node:url';
import type { ModuleDescriptor } from '../../../core/module.js';
import { blobStorageOf } from '../../../core/storage/index.js';
import en from '../messages/en.json' with { type: 'json' };
import vi from '../messages/vi.json' with { type: 'json' };
import { seedCasesDemo } from './demo.js';
import { casesAdminRoutes } from './admin-routes.js';
import { casesJobs, casesSchedules, casesSubscriptions } from './jobs.js';
import { open311Routes } from './open311/routes.js';
import { portalRoutes } from './portal-routes.js';
import { casesApiRoutes } from './routes.js';
import { findCaseReferencesToUnit } from './use-cases/unit-references.js';

export { computeCaseIndicators, getPublicCaseView, listPublishedQa, listCategories, resealSealedIdentities, backfillSealedNameDigests, type CaseIndicatorsInput } from './service.js';
export { DEMO_OPEN311_KEY, seedDemoCategories } from './demo.js';

/** Feedback, questions, complaints, denunciations and anonymous corruption reports. */
export const casesModule: ModuleDescriptor = {
  name: 'cases',
  migrationsDir: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  // The status lookup by tracking code (GET /api/v1/cases/{code}, the portal's "tra cứu") reads only its read model.
  hotTables: ['cases_public_status'],
  permissions: {
    'cases.submit': ['resident'],
    /** "Hồ sơ của tôi": a resident's own cases (the query is bound to their user id). */
    'cases.own.read': ['resident'],
    /** Stop following a case with one's own account, from its status page. */
    'cases.follow.own': ['resident'],
    /** "Hồ sơ tôi theo dõi": the cases a resident follows (the query is bound to their user id). */
    'cases.follows.own.read': ['resident'],
    'cases.intake': ['officer', 'leader'],
    'cases.read': ['officer', 'leader', 'supervisor', 'admin', 'higher_level_viewer'],
    'cases.handle': ['officer', 'leader'],
    'cases.lead': ['leader'],
    'cases.sealed.read': ['leader', 'officer'],
    'cases.supervise': ['supervisor'],
    /** The committee's answer to a supervision flag (LAW-DEMO-50/54): leaders, on the committee's behalf. */
    'cases.supervision.answer': ['leader'],
    /** The list of supervision flags and their answer deadlines: the supervisors who raise them, the leaders who answer. */
    'cases.supervision.read': ['supervisor', 'leader'],
    'cases.configure': ['admin'],
    'cases.indicators': ['leader', 'supervisor', 'higher_level_viewer', 'admin'],
  },
  messages: { vi, en },
  routes: async (app, ctx) => {
    await casesApiRoutes(app, ctx);
    await casesAdminRoutes(app, ctx);
    await portalRoutes(app, ctx);
    await open311Routes(app, ctx);
  },
  jobs: casesJobs,
  schedules: casesSchedules,
  subscriptions: casesSubscriptions,
  // A unit with open cases or default categories may not become a supervising body (LAW-BASE-13).
  unitReferences: findCaseReferencesToUnit,
  // Attachments need blob storage; provide the local-disk one unless storageModule already did.
  init: (ctx) => {
    blobStorageOf(ctx);
  },
  seedDemo: async (ctx, seed) => {
    await seedCasesDemo(ctx, seed);
  },
};
