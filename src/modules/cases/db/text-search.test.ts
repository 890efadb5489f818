import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../../core/contract/text-fold.js';
import { escapeLike, searchWordsOf } from './text-search.js';

describe('text search helpers', () => {
  it('splits a folded query into its distinct words', () => {
    expect(searchWordsOf(foldVietnamese('  Đường   liên thôn ĐƯỜNG '))).toEqual(['duong', 'lien', 'thon']);
    expect(searchWordsOf('')).toEqual([]);
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%_\\')).toBe('100\\%\\_\\\\');
  });
});
