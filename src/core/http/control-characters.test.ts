import { describe, expect, it } from 'vitest';
import { fieldsWithControlCharacters, stripControlCharacters } from './control-characters.js';

describe('control characters in request input', () => {
  it('names each string field holding one, nested and in arrays; tab, line feed and carriage return are text', () => {
    const input = { title: 'ok\tline\r\nnext', submitter: { fullName: 'An\u0000' }, tags: ['a', 'b\u001F'], count: 3, nothing: null };
    expect(fieldsWithControlCharacters(input)).toEqual(['submitter.fullName', 'tags.1']);
    expect(fieldsWithControlCharacters('x\u0008')).toEqual(['(body)']);
    expect(fieldsWithControlCharacters({ ['bad\u0000key']: 'v' })).toEqual(['bad\u0000key']);
  });

  it('strips them in place from a form, keeping everything else the person typed', () => {
    const form: Record<string, unknown> = { description: 'Đèn\u0000 đường\nhỏng', list: ['x\u0001y'], ['k\u0002']: 'v' };
    stripControlCharacters(form);
    expect(form).toEqual({ description: 'Đèn đường\nhỏng', list: ['xy'], k: 'v' });
  });
});
