import { describe, expect, it } from 'vitest';
import { blankZeroWidthOnly, invalidTextErrors, isNestedTooDeep, MAX_INPUT_DEPTH, stripControlCharacters } from './control-characters.js';

const fields = (value: unknown) => invalidTextErrors(value).map((error) => error.field);

describe('text no one means to send, in request input', () => {
  it('names each string field holding a control character, nested and in arrays; tab, line feed and carriage return are text', () => {
    const input = { title: 'ok\tline\r\nnext', submitter: { fullName: 'An\u0000' }, tags: ['a', 'b\u001F'], count: 3, nothing: null };
    expect(fields(input)).toEqual(['submitter.fullName', 'tags.1']);
    expect(fields('x\u0008')).toEqual(['(body)']);
    expect(fields({ ['bad\u0000key']: 'v' })).toEqual(['bad\u0000key']);
    expect(invalidTextErrors({ title: 'a\u0000' })).toEqual([{ field: 'title', messageKey: 'errors.field.controlCharacters' }]);
  });

  it('names lone surrogates and U+FFFD as unreadable and bidi controls as such; a surrogate pair (an emoji) is text', () => {
    expect(invalidTextErrors({ a: 'x\uD800y', b: 'x\uFFFDy', c: 'x\u202Ey', d: 'x\u2066y', e: 'ok 😀 \u00e0' })).toEqual([
      { field: 'a', messageKey: 'errors.field.unreadableCharacters' },
      { field: 'b', messageKey: 'errors.field.unreadableCharacters' },
      { field: 'c', messageKey: 'errors.field.bidiControls' },
      { field: 'd', messageKey: 'errors.field.bidiControls' },
    ]);
    expect(fields({ lowFirst: '\uDC00\uD800' })).toEqual(['lowFirst']);
  });

  it('walks any depth without recursion and names input nested too deep', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 100_000; level += 1) deep = { a: deep };
    expect(isNestedTooDeep(deep)).toBe(true);
    expect(invalidTextErrors(deep)).toEqual([{ field: expect.stringMatching(/^a(\.a)*$/), messageKey: 'errors.field.tooDeep', params: { max: MAX_INPUT_DEPTH } }]);
    expect(() => stripControlCharacters(deep)).not.toThrow();
    expect(() => blankZeroWidthOnly(deep)).not.toThrow();
    let allowed: unknown = 'x\u0000';
    for (let level = 0; level < MAX_INPUT_DEPTH; level += 1) allowed = [allowed];
    expect(isNestedTooDeep(allowed)).toBe(false);
    expect(fields(allowed)).toEqual([Array.from({ length: MAX_INPUT_DEPTH }, () => '0').join('.')]);
  });

  it('strips them in place from a form, keeping everything else the person typed', () => {
    const form: Record<string, unknown> = { description: 'Đèn\u0000 đường\nhỏng\u202E', list: ['x\u0001y\uD800'], ['k\u0002']: 'v' };
    stripControlCharacters(form);
    expect(form).toEqual({ description: 'Đèn đường\nhỏng', list: ['xy'], k: 'v' });
  });

  it('empties a text of zero-width characters and blanks only, and leaves other text alone', () => {
    const form: Record<string, unknown> = { title: '\u200B\u200B \u2060', name: 'An\u200Bh', spaces: '   ', nested: { note: '\u200C\u200D' } };
    blankZeroWidthOnly(form);
    expect(form).toEqual({ title: '', name: 'An\u200Bh', spaces: '   ', nested: { note: '' } });
  });
});
