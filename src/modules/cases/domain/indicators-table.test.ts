import { describe, expect, it } from 'vitest';
import { indicatorCellValue, orderIndicatorGroups, type IndicatorFigures } from './indicators-table.js';

const figures: IndicatorFigures = { total: 8, answeredOnTime: 5, answeredLate: 1, openOnTime: 1, openOverdue: 1, onTimeRate: 5 / 7, medianDaysToAnswer: 3.26, reopenRate: 1 / 6, meanRating: 4.333 };

describe('indicators table', () => {
  it('shows rates as percentages and rounds each column to its digits', () => {
    expect(indicatorCellValue(figures, 'total')).toBe(8);
    expect(indicatorCellValue(figures, 'onTimeRate')).toBe(71.4);
    expect(indicatorCellValue(figures, 'reopenRate')).toBe(16.7);
    expect(indicatorCellValue(figures, 'medianDaysToAnswer')).toBe(3.3);
    expect(indicatorCellValue(figures, 'meanRating')).toBe(4.33);
    expect(indicatorCellValue({ ...figures, onTimeRate: null }, 'onTimeRate')).toBeNull();
  });

  it('orders kinds legally, dimensions D1…D8, units and categories by Vietnamese name with "no unit" last', () => {
    expect(orderIndicatorGroups('kind', ['corruption_report', 'complaint', 'feedback'], (key) => key)).toEqual(['feedback', 'complaint', 'corruption_report']);
    expect(orderIndicatorGroups('dimension', ['D6', 'D3', 'D4'], (key) => key)).toEqual(['D3', 'D4', 'D6']);
    const names: Record<string, string> = { a: 'Văn phòng', b: 'Công an xã', c: 'Đội', unassigned: 'Chưa giao' };
    expect(orderIndicatorGroups('unit', ['a', 'unassigned', 'c', 'b'], (key) => names[key]!)).toEqual(['b', 'c', 'a', 'unassigned']);
  });
});
