import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './negotiate.js';

describe('negotiateLocale: ?lang=, then the lang cookie, then Accept-Language, else Vietnamese', () => {
  it('takes an explicit choice first: the query, then the cookie', () => {
    expect(negotiateLocale({ query: 'en', cookie: 'vi', acceptLanguage: 'vi' })).toBe('en');
    expect(negotiateLocale({ query: 'fr', cookie: 'en', acceptLanguage: 'vi' })).toBe('en');
    expect(negotiateLocale({ query: ['en'], cookie: 'vi', acceptLanguage: 'en' })).toBe('vi');
  });

  it('falls back to Vietnamese without a header, with an empty one, or with no supported language', () => {
    expect(negotiateLocale({})).toBe('vi');
    expect(negotiateLocale({ acceptLanguage: '' })).toBe('vi');
    expect(negotiateLocale({ acceptLanguage: 'fr-FR, de;q=0.8' })).toBe('vi');
    expect(negotiateLocale({ acceptLanguage: ';;,q=,' })).toBe('vi');
  });

  it('ranks Accept-Language by quality and ignores regions and bad weights', () => {
    expect(negotiateLocale({ acceptLanguage: 'en-GB,en;q=0.9,vi;q=0.8' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'en;q=0.5, vi;q=0.9' })).toBe('vi');
    expect(negotiateLocale({ acceptLanguage: 'fr;q=1, EN-us;q=0.7' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'en;q=abc, vi;q=0.1' })).toBe('vi');
  });

  it('answers a header it has seen before the same way, also after more distinct headers than it remembers', () => {
    const headers = Array.from({ length: 600 }, (_, index) => (index % 2 === 0 ? `en;q=0.${(index % 9) + 1}, x-${index}` : `vi, en;q=0.${(index % 9) + 1}, x-${index}`));
    const first = headers.map((header) => negotiateLocale({ acceptLanguage: header }));
    const again = headers.map((header) => negotiateLocale({ acceptLanguage: header }));
    expect(again).toEqual(first);
    expect(first.filter((locale) => locale === 'en')).toHaveLength(300);
    expect(first.filter((locale) => locale === 'vi')).toHaveLength(300);
  });
});
