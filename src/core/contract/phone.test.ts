import { describe, expect, it } from 'vitest';
import { formatVietnamesePhone, isVietnamesePhone, normaliseVietnamesePhone } from './phone.js';

describe('Vietnamese phone numbers', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+84-912-345-678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0084 912 345 678', '0912345678'],
    ['(024) 3825 1234', '02438251234'],
    ['+84 24 3825 1234', '02438251234'],
  ])('normalises %s', (input, expected) => {
    expect(normaliseVietnamesePhone(input)).toBe(expected);
  });

  it.each(['091234567', '09123456789', '0112345678', '1900 1234', 'abc', '', '+1 415 555 0100'])('rejects %s', (input) => {
    expect(normaliseVietnamesePhone(input)).toBeNull();
    expect(isVietnamesePhone(input)).toBe(false);
  });

  it('formats for display', () => {
    expect(formatVietnamesePhone('0912345678')).toBe('0912 345 678');
    expect(formatVietnamesePhone('+84912345678')).toBe('0912 345 678');
    expect(formatVietnamesePhone('02438251234')).toBe('024 3825 1234');
    expect(formatVietnamesePhone('02033821234')).toBe('0203 382 1234');
    expect(formatVietnamesePhone('not a phone')).toBe('not a phone');
  });
});
