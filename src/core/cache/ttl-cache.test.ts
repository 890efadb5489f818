import { describe, expect, it } from 'vitest';
import { cacheRegistry, TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('loads once, serves from memory until the entry expires, then reloads', async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<number>(1000, () => now);
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('a', load), cache.get('a', load)])).toEqual([1, 1]);
    now = 999;
    expect(await cache.get('a', load)).toBe(1);
    now = 1000;
    expect(await cache.get('a', load)).toBe(2);
  });

  it('forgets a key on invalidate and never caches a failed load', async () => {
    const cache = new TtlCache<string>(60_000);
    await cache.get('k', async () => 'old');
    cache.invalidate('k');
    expect(await cache.get('k', async () => 'new')).toBe('new');
    await expect(cache.get('x', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('x', async () => 'up')).toBe('up');
  });

  it('keeps one cache per owner', async () => {
    const cacheOf = cacheRegistry<object, string>(60_000);
    const first = {};
    const second = {};
    await cacheOf(first).get('k', async () => 'first');
    expect(await cacheOf(second).get('k', async () => 'second')).toBe('second');
    expect(await cacheOf(first).get('k', async () => 'other')).toBe('first');
  });
});
