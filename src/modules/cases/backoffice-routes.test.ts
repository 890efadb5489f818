import { describe, expect, it } from 'vitest';
import { casesModule } from './server/index.js';
import { casesBackofficeRoutes } from './ui/index.js';

describe('cases back-office routes', () => {
  it('offers the indicators page (and its navigation link) to exactly the roles holding cases.indicators', () => {
    const route = casesBackofficeRoutes.find((entry) => entry.path === '/cases/indicators');
    expect(route?.nav).toBe('work');
    expect([...(route?.roles ?? [])].sort()).toEqual([...(casesModule.permissions?.['cases.indicators'] ?? [])].sort());
  });
});
