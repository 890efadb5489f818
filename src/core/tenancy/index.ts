import { fileURLToPath } from 'node:url';
import type { ModuleDescriptor } from '../module.js';
import en from './messages/en.json' with { type: 'json' };
import vi from './messages/vi.json' with { type: 'json' };
import { seedDemoTenancy } from './demo.js';
import { tenancyRoutes } from './routes.js';

export { findAreaById, findAreas, findAreasChangedAt, findCommuneById, findCommunes, findUnitById, findUnits, countCommunes } from './repository.js';
export type { Area, Commune, Unit } from './contract.js';
export { isSupervisorUnit } from './contract.js';
export { provideUnitReferenceChecks, type UnitReference, type UnitReferenceCheck } from './unit-references.js';

/** Communes (tenants), their areas and units. */
export const tenancyModule: ModuleDescriptor = {
  name: 'tenancy',
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  permissions: {
    'tenancy.read': ['officer', 'leader', 'area_head', 'supervisor', 'higher_level_viewer', 'admin'],
    'tenancy.manage': ['admin'],
  },
  messages: { vi, en },
  routes: tenancyRoutes,
  seedDemo: async (ctx) => seedDemoTenancy(ctx),
};
