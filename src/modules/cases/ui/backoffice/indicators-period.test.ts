import { describe, expect, it } from 'vitest';
import { quickPeriod } from './indicators-period.js';

describe('indicators quick periods', () => {
  it('counts this month, quarter and year up to today, and last year whole', () => {
    expect(quickPeriod('thisMonth', '2026-11-27')).toEqual({ from: '2026-11-01', to: '2026-11-27' });
    expect(quickPeriod('thisQuarter', '2026-11-27')).toEqual({ from: '2026-10-01', to: '2026-11-27' });
    expect(quickPeriod('thisQuarter', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quickPeriod('thisQuarter', '2026-04-01')).toEqual({ from: '2026-04-01', to: '2026-04-01' });
    expect(quickPeriod('thisYear', '2026-11-27')).toEqual({ from: '2026-01-01', to: '2026-11-27' });
    expect(quickPeriod('lastYear', '2026-01-01')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });
});
