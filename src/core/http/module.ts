import { fileURLToPath } from 'node:url';
import type { ModuleDescriptor } from '../module.js';

/** The HTTP layer's own table: rate-limit counters shared by every instance (RATE_LIMIT_STORE=database). */
export const httpModule: ModuleDescriptor = {
  name: 'http',
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
};
