import { describe, expect, it } from 'vitest';
import { applyRedaction, detectPersonalData } from './redaction.js';

describe('detectPersonalData', () => {
  it('finds citizen IDs, phones and e-mails', () => {
    const text = 'Tôi là chủ hộ, CCCD 001099012345, CMND cũ 123456789, ĐT 0912 345 678 hoặc +84 98.765.4321, email an.nguyen@example.vn.';
    const spans = detectPersonalData(text);
    expect(spans.map((span) => [span.kind, span.text])).toEqual([
      ['citizen_id', '001099012345'],
      ['citizen_id', '123456789'],
      ['phone', '0912 345 678'],
      ['phone', '+84 98.765.4321'],
      ['email', 'an.nguyen@example.vn'],
    ]);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('ignores numbers that are neither IDs nor valid phones', () => {
    expect(detectPersonalData('Ngày 12/03/2026, kinh phí 1.500.000 đồng, 25 hộ, mã 0112345678')).toEqual([]);
  });

  it('matches marked names regardless of diacritics and case, on word boundaries', () => {
    const text = 'Ông NGUYEN VAN AN và bà Trần Thị Bình phản ánh; ông Nguyễn Văn Anh không liên quan.';
    const spans = detectPersonalData(text, { markedNames: ['Nguyễn Văn An', 'tran thi binh'] });
    expect(spans.map((span) => span.text)).toEqual(['NGUYEN VAN AN', 'Trần Thị Bình']);
    const decomposed = 'Bà Trần Thị Bình'.normalize('NFD');
    const [span] = detectPersonalData(decomposed, { markedNames: ['Trần Thị Bình'] });
    expect(span && decomposed.slice(span.start, span.end).normalize('NFC')).toBe('Trần Thị Bình');
  });
});

describe('applyRedaction', () => {
  const text = 'Liên hệ anh Hải 0912345678 hoặc hai@example.com';
  const spans = detectPersonalData(text, { markedNames: ['Hải'] });

  it('replaces spans with Vietnamese placeholders', () => {
    expect(applyRedaction(text, spans, 'vi')).toBe('Liên hệ anh [đã ẩn họ tên] [đã ẩn số điện thoại] hoặc [đã ẩn email]');
  });

  it('replaces spans with English placeholders', () => {
    expect(applyRedaction(text, spans, 'en')).toBe('Liên hệ anh [name removed] [phone removed] hoặc [email removed]');
  });

  it('rejects overlapping spans', () => {
    expect(() => applyRedaction('abcdef', [{ start: 0, end: 3, kind: 'name' }, { start: 2, end: 4, kind: 'name' }])).toThrow(RangeError);
  });
});
