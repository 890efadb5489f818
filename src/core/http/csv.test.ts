import { describe, expect, it } from 'vitest';
import { toCsv, toCsvField } from './csv.js';

describe('CSV (RFC 4180)', () => {
  it('leaves plain text and numbers as they are, with a dot decimal', () => {
    expect(toCsvField('Phòng Kinh tế')).toBe('Phòng Kinh tế');
    expect(toCsvField(92.5)).toBe('92.5');
    expect(toCsvField(0)).toBe('0');
  });

  it('writes null, undefined and non-finite numbers as empty fields', () => {
    expect(toCsv([['a', null, undefined, Number.NaN, 'b']])).toBe('a,,,,b\r\n');
  });

  it('quotes a field holding a comma, a quote, CR or LF, and doubles the quotes inside', () => {
    expect(toCsvField('Phản ánh, kiến nghị')).toBe('"Phản ánh, kiến nghị"');
    expect(toCsvField('Tổ "Như Quỳnh 1"')).toBe('"Tổ ""Như Quỳnh 1"""');
    expect(toCsvField('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(toCsvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('ends every record with CRLF', () => {
    expect(toCsv([['Nhóm', 'Tổng số'], ['Khiếu nại', 3]])).toBe('Nhóm,Tổng số\r\nKhiếu nại,3\r\n');
    expect(toCsv([])).toBe('');
  });

  it('keeps text that starts like a formula from running in a spreadsheet', () => {
    expect(toCsvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(toCsvField('+84 912')).toBe("'+84 912");
    expect(toCsvField('-1')).toBe("'-1");
    expect(toCsvField('@SUM(A1)')).toBe("'@SUM(A1)");
    // Numbers are numbers, never neutralised.
    expect(toCsvField(-1)).toBe('-1');
  });
});
