/**
 * Legal references as a reader can look them up: "Luật Tố cáo 2018, Điều 30" instead of the
 * requirement IDs the code and tests cite (`LAW-DENUNC-06`, see vn-legal-requirements.md). Pure.
 */
import type { Locale } from '../../../core/calendar/index.js';

type Citation = Record<Locale, string>;

const CITATIONS: Readonly<Record<string, Citation>> = {
  // §6: Decree 20/2008/NĐ-CP on feedback; §7.1: Decision 766/QĐ-TTg (the service index's time norms).
  'LAW-PAKN-04': { vi: 'Nghị định 20/2008/NĐ-CP, Điều 9', en: 'Decree 20/2008/NĐ-CP, Art. 9' },
  'LAW-PAKN-08': { vi: 'Quyết định 766/QĐ-TTg (chỉ số phục vụ người dân)', en: 'Decision 766/QĐ-TTg (citizen service index)' },
  // §3: Law on Complaints 02/2011/QH13.
  'LAW-COMPLAINT-06': { vi: 'Luật Khiếu nại 2011, Điều 27', en: 'Law on Complaints 2011, Art. 27' },
  'LAW-COMPLAINT-07': { vi: 'Luật Khiếu nại 2011, Điều 28', en: 'Law on Complaints 2011, Art. 28' },
  // §4: Law on Denunciation 25/2018/QH14.
  'LAW-DENUNC-02': { vi: 'Luật Tố cáo 2018, Điều 24', en: 'Law on Denunciation 2018, Art. 24' },
  'LAW-DENUNC-03': { vi: 'Luật Tố cáo 2018, Điều 24', en: 'Law on Denunciation 2018, Art. 24' },
  'LAW-DENUNC-04': { vi: 'Luật Tố cáo 2018, Điều 25', en: 'Law on Denunciation 2018, Art. 25' },
  'LAW-DENUNC-06': { vi: 'Luật Tố cáo 2018, Điều 30', en: 'Law on Denunciation 2018, Art. 30' },
  // §5: Law on Citizen Reception 42/2013/QH13.
  'LAW-RECEP-10': { vi: 'Luật Tiếp công dân 2013, Điều 28', en: 'Law on Citizen Reception 2013, Art. 28' },
  'Civil Code 2015 Art. 148(5)': { vi: 'Bộ luật Dân sự 2015, Điều 148 khoản 5', en: 'Civil Code 2015, Art. 148(5)' },
};

const QUALIFIERS: Readonly<Record<string, Citation>> = {
  'by analogy': { vi: 'áp dụng tương tự', en: 'by analogy' },
  'ND 155/2026': { vi: 'Nghị định 155/2026', en: 'Decree 155/2026' },
};

/**
 * The citation of a rule's legal reference in the reader's language. A qualifier in brackets
 * ("LAW-PAKN-08 (by analogy)") is translated when known; an unknown reference is shown as it is.
 */
export function citeLegalRef(ref: string, locale: Locale): string {
  const match = /^(.*?)\s*\(([^()]*)\)$/.exec(ref.trim());
  const base = match && CITATIONS[match[1]!] ? match[1]! : ref.trim();
  const citation = CITATIONS[base]?.[locale] ?? base;
  if (!match || base !== match[1]) return citation;
  const qualifier = match[2]!;
  return `${citation} (${QUALIFIERS[qualifier]?.[locale] ?? qualifier})`;
}
