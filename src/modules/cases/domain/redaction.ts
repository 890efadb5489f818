/**
 * Detection and removal of personal data before a Q&A or answer is published: citizen ID numbers,
 * phone numbers, e-mails and names the officer marked. Detection only proposes spans — the officer
 * confirms them (personal-data protection, LAW-PDP; denouncer identity, LAW-DENUNC-10/11).
 */
import type { Locale } from '../../../core/calendar/index.js';
import { normaliseVietnamesePhone } from '../../../core/contract/phone.js';
import { foldVietnamese, foldVietnameseWithOffsets } from '../../../core/contract/text-fold.js';

/** Kinds of personal data the detector finds. */
export type PersonalDataKind = 'citizen_id' | 'phone' | 'email' | 'name';

/** A detected span: `text.slice(start, end) === span.text`. */
export interface PersonalDataSpan {
  start: number;
  end: number;
  kind: PersonalDataKind;
  text: string;
}

const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// CCCD: 12 digits (optionally grouped 3-3-3-3 or 4-4-4 by spaces); old CMND: 9 digits.
const CITIZEN_ID_PATTERN = /(?<![\d.,])(?:\d{12}|\d{3} \d{3} \d{3} \d{3}|\d{4} \d{4} \d{4}|\d{9})(?![\d.,]?\d)/g;
const PHONE_CANDIDATE_PATTERN = /(?<![\d+])(?:\+84|0084|84|0)[\s.-]?(?:\(?\d\)?[\s.-]?){8,10}(?!\d)/g;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

function collect(text: string, pattern: RegExp, kind: PersonalDataKind, accept: (match: string) => boolean = () => true): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  for (const match of text.matchAll(pattern)) {
    const raw = match[0].replace(/[\s.-]+$/, '');
    if (!accept(raw)) continue;
    spans.push({ start: match.index, end: match.index + raw.length, kind, text: raw });
  }
  return spans;
}

function findMarkedNames(text: string, markedNames: readonly string[]): PersonalDataSpan[] {
  const { folded, sourceIndex } = foldVietnameseWithOffsets(text);
  const spans: PersonalDataSpan[] = [];
  for (const name of markedNames) {
    const needle = foldVietnamese(name);
    if (needle === '') continue;
    // Marked names are matched with any run of whitespace between their words.
    const pattern = new RegExp(needle.split(' ').map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
    for (const match of folded.matchAll(pattern)) {
      const before = folded[match.index - 1];
      const after = folded[match.index + match[0].length];
      if ((before && WORD_CHARACTER.test(before)) || (after && WORD_CHARACTER.test(after))) continue;
      const start = sourceIndex[match.index] ?? 0;
      const lastSource = sourceIndex[match.index + match[0].length - 1] ?? start;
      const end = lastSource + (text.codePointAt(lastSource)! > 0xffff ? 2 : 1);
      // Include trailing combining marks of the last letter (text typed in NFD).
      let extendedEnd = end;
      while (extendedEnd < text.length && /\p{M}/u.test(text[extendedEnd] ?? '')) extendedEnd += 1;
      spans.push({ start, end: extendedEnd, kind: 'name', text: text.slice(start, extendedEnd) });
    }
  }
  return spans;
}

/** Finds personal data in free text; overlapping hits keep the earliest, then the longest, span. */
export function detectPersonalData(text: string, options: { markedNames?: readonly string[] } = {}): PersonalDataSpan[] {
  const candidates = [
    ...collect(text, EMAIL_PATTERN, 'email'),
    ...collect(text, CITIZEN_ID_PATTERN, 'citizen_id'),
    ...collect(text, PHONE_CANDIDATE_PATTERN, 'phone', (raw) => normaliseVietnamesePhone(raw) !== null),
    ...findMarkedNames(text, options.markedNames ?? []),
  ].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const spans: PersonalDataSpan[] = [];
  for (const candidate of candidates) {
    const previous = spans[spans.length - 1];
    if (previous && candidate.start < previous.end) continue;
    spans.push(candidate);
  }
  return spans;
}

const PLACEHOLDERS: Record<Locale, Record<PersonalDataKind, string>> = {
  vi: { citizen_id: '[đã ẩn số định danh]', phone: '[đã ẩn số điện thoại]', email: '[đã ẩn email]', name: '[đã ẩn họ tên]' },
  en: { citizen_id: '[ID number removed]', phone: '[phone removed]', email: '[email removed]', name: '[name removed]' },
};

/** Replaces each confirmed span with a placeholder in the locale; spans must not overlap. */
export function applyRedaction(text: string, spans: readonly Pick<PersonalDataSpan, 'start' | 'end' | 'kind'>[], locale: Locale = 'vi'): string {
  const ordered = [...spans].sort((a, b) => b.start - a.start);
  let result = text;
  let limit = text.length;
  for (const span of ordered) {
    if (span.start < 0 || span.end > limit || span.start >= span.end) throw new RangeError('Redaction spans must be in range and must not overlap');
    result = `${result.slice(0, span.start)}${PLACEHOLDERS[locale][span.kind]}${result.slice(span.end)}`;
    limit = span.start;
  }
  return result;
}
