import { describe, expect, it } from 'vitest';
import { createTranslate } from './translate.js';

const catalogs = { vi: { limit: 'Tối đa {max} ký tự.', code: 'Mã {code}', size: '{mb} MB' }, en: { limit: 'At most {max} characters.' } };

describe('createTranslate', () => {
  it('writes whole-number parameters with the locale\'s thousands separator (4.000 / 4,000)', () => {
    expect(createTranslate(catalogs, 'vi')('limit', { max: 4000 })).toBe('Tối đa 4.000 ký tự.');
    expect(createTranslate(catalogs, 'en')('limit', { max: 4000 })).toBe('At most 4,000 characters.');
    expect(createTranslate(catalogs, 'vi')('limit', { max: 120 })).toBe('Tối đa 120 ký tự.');
  });

  it('leaves strings (codes, years) and fractions as given', () => {
    expect(createTranslate(catalogs, 'vi')('code', { code: '2026' })).toBe('Mã 2026');
    expect(createTranslate(catalogs, 'vi')('size', { mb: 2.5 })).toBe('2.5 MB');
  });
});
