import { describe, expect, it } from 'vitest';
import { defaultDeadlineRules } from './deadlines.js';
import { citeLegalRef } from './legal-citations.js';

describe('citeLegalRef', () => {
  it('names the law and article a reader can look up, in their language', () => {
    expect(citeLegalRef('LAW-DENUNC-06', 'vi')).toBe('Luật Tố cáo 2018, Điều 30');
    expect(citeLegalRef('LAW-COMPLAINT-07', 'en')).toBe('Law on Complaints 2011, Art. 28');
    expect(citeLegalRef('Civil Code 2015 Art. 148(5)', 'vi')).toBe('Bộ luật Dân sự 2015, Điều 148 khoản 5');
  });

  it('translates a known qualifier and keeps an unknown one', () => {
    expect(citeLegalRef('LAW-PAKN-08 (by analogy)', 'vi')).toBe('Quyết định 766/QĐ-TTg (chỉ số phục vụ người dân) (áp dụng tương tự)');
    expect(citeLegalRef('LAW-COMPLAINT-06 (ND 155/2026)', 'vi')).toBe('Luật Khiếu nại 2011, Điều 27 (Nghị định 155/2026)');
    expect(citeLegalRef('LAW-COMPLAINT-06 (draft)', 'en')).toBe('Law on Complaints 2011, Art. 27 (draft)');
  });

  it('shows an unknown reference as it is', () => {
    expect(citeLegalRef('LAW-NEW-01', 'vi')).toBe('LAW-NEW-01');
  });

  it('cites every default deadline rule by name, never by requirement id', () => {
    for (const rule of defaultDeadlineRules) {
      for (const locale of ['vi', 'en'] as const) expect(citeLegalRef(rule.legalRef, locale), rule.legalRef).not.toMatch(/LAW-/);
    }
  });
});
