import { describe, expect, it } from 'vitest';
import { createAreaSchema, isPopulationBelowHouseholds, updateAreaSchema } from './contract.js';

describe('area population against households', () => {
  it('is refused on the population field when fewer people than households are given', () => {
    const parsed = createAreaSchema.safeParse({ code: 'T1', name: 'Thôn 1', kind: 'thon', householdCount: 200, population: 150 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['population', 'tenancy.errors.populationBelowHouseholds']]);
    expect(updateAreaSchema.safeParse({ householdCount: 200, population: 150 }).success).toBe(false);
  });

  it('accepts equal counts, either count missing, or only one of them in an edit', () => {
    expect(isPopulationBelowHouseholds({ householdCount: 200, population: 200 })).toBe(false);
    expect(isPopulationBelowHouseholds({ householdCount: 200, population: null })).toBe(false);
    expect(isPopulationBelowHouseholds({ population: 10 })).toBe(false);
    expect(updateAreaSchema.safeParse({ population: 10 }).success).toBe(true);
  });
});
