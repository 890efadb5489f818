import { describe, expect, it } from 'vitest';
import { foldVietnamese, foldVietnameseWithOffsets, stripVietnameseDiacritics } from './text-fold.js';

describe('foldVietnamese', () => {
  it('strips diacritics, maps đ and lowercases', () => {
    expect(foldVietnamese('Đường nước sạch')).toBe('duong nuoc sach');
    expect(foldVietnamese('  Ủy ban   nhân dân\txã  ')).toBe('uy ban nhan dan xa');
    expect(foldVietnamese('NGUYỄN THỊ ĐÀO')).toBe('nguyen thi dao');
  });

  it('treats precomposed and decomposed input the same', () => {
    expect(foldVietnamese('Hồ'.normalize('NFD'))).toBe(foldVietnamese('Hồ'.normalize('NFC')));
  });

  it('maps folded offsets back to the source', () => {
    const source = 'Ông Đỗ Văn Hải';
    const { folded, sourceIndex } = foldVietnameseWithOffsets(source);
    expect(folded).toBe('ong do van hai');
    const start = folded.indexOf('do van');
    expect(source.slice(sourceIndex[start], (sourceIndex[start + 'do van'.length - 1] ?? 0) + 1)).toBe('Đỗ Văn');
  });
});

describe('stripVietnameseDiacritics', () => {
  it('drops the marks and maps đ/Đ, keeping case and spacing (SMS text)', () => {
    expect(stripVietnameseDiacritics('Đã tiếp nhận')).toBe('Da tiep nhan');
    expect(stripVietnameseDiacritics('Lãnh đạo  ĐÃ duyệt')).toBe('Lanh dao  DA duyet');
  });
});
