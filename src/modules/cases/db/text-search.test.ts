import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../../core/contract/text-fold.js';
import { escapeLike, ftsQueryOf, searchWordsOf } from './text-search.js';

describe('text search helpers', () => {
  it('splits a folded query into its distinct words', () => {
    expect(searchWordsOf(foldVietnamese('  Đường   liên thôn ĐƯỜNG '))).toEqual(['duong', 'lien', 'thon']);
    expect(searchWordsOf('')).toEqual([]);
  });

  it('asks FTS5 for every distinct trigram of the words, quoted, so nothing typed is FTS syntax', () => {
    expect(ftsQueryOf(['duong', 'nuoc'])).toBe('"duo" AND "uon" AND "ong" AND "nuo" AND "uoc"');
    expect(ftsQueryOf(['aaaa', 'aaa'])).toBe('"aaa"');
    expect(ftsQueryOf(['a"b', 'or', 'near(x', 'z*'])).toBe('"a""b" AND "nea" AND "ear" AND "ar(" AND "r(x"');
    // Code points, not UTF-16 units: an emoji is one character of a trigram.
    expect(ftsQueryOf(['a😀b'])).toBe('"a😀b"');
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%_\\')).toBe('100\\%\\_\\\\');
  });
});
