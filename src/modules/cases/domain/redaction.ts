/**
 * Detection and removal of personal data before a Q&A or answer is published: citizen ID numbers,
 * phone numbers, e-mails, names the officer marked (and the submitter's own name and address), and
 * what looks like a person's name or a house address. Detection only proposes spans — the officer
 * confirms them (personal-data protection, LAW-PDP; denouncer identity, LAW-DENUNC-10/11).
 */
import type { Locale } from '../../../core/calendar/index.js';
import { normaliseVietnamesePhone } from '../../../core/contract/phone.js';
import { foldVietnamese, foldVietnameseWithOffsets } from '../../../core/contract/text-fold.js';

/** Kinds of personal data the detector finds. */
export type PersonalDataKind = 'citizen_id' | 'phone' | 'email' | 'name' | 'address';

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
// A citizen-ID number cut short (a title made of a description's first 80 characters, a text cut at a
// field's limit): a run of 6 or more digits after the words that announce one ("CCCD 001190"), or at
// the very end of a text that may have been cut (`mayBeCut`: titles), where a cut leaves it.
const CITIZEN_ID_AFTER_LABEL_PATTERN = /(?<![\p{L}\p{N}])(?:CCCD|CMND|CMT|căn cước(?: công dân)?|chứng minh(?: nhân dân| thư)?|số định danh(?: cá nhân)?)(?:\s*(?:số|:|\.|-))*\s*\d(?:[ .]?\d){5,}(?![\p{L}\p{N}])/giu;
const LEADING_LABEL_PATTERN = /^\D*/;
const DIGITS_AT_END_PATTERN = /(?<![\p{L}\p{N}.,])\d(?:[ .]?\d){5,}$/u;
const PHONE_CANDIDATE_PATTERN = /(?<![\d+])(?:\+84|0084|84|0)[\s.-]?(?:\(?\d\)?[\s.-]?){8,10}(?!\d)/g;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

const count = (text: string, character: string) => text.split(character).length - 1;

/** A match without trailing separators, nor a closing bracket it did not open: "(0912 345 678)" keeps its ")". */
function trimTrailing(match: string): string {
  let raw = match.replace(/[\s.-]+$/, '');
  while (raw.endsWith(')') && count(raw, ')') > count(raw, '(')) raw = raw.slice(0, -1).replace(/[\s.-]+$/, '');
  return raw;
}

function collect(text: string, pattern: RegExp, kind: PersonalDataKind, accept: (match: string) => boolean = () => true): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  for (const match of text.matchAll(pattern)) {
    const raw = trimTrailing(match[0]);
    if (!accept(raw)) continue;
    spans.push({ start: match.index, end: match.index + raw.length, kind, text: raw });
  }
  return spans;
}

/** Citizen-ID numbers, whole or cut, announced by their label (the span is the digits only); with `isCut`, also a run of digits the text ends with. */
function findCutCitizenIds(text: string, isCut: boolean): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  for (const match of text.matchAll(CITIZEN_ID_AFTER_LABEL_PATTERN)) {
    const label = LEADING_LABEL_PATTERN.exec(match[0])?.[0] ?? '';
    const start = match.index + label.length;
    const end = match.index + match[0].length;
    spans.push({ start, end, kind: 'citizen_id', text: text.slice(start, end) });
  }
  const atEnd = isCut ? DIGITS_AT_END_PATTERN.exec(text.trimEnd()) : null;
  if (atEnd) spans.push({ start: atEnd.index, end: atEnd.index + atEnd[0].length, kind: 'citizen_id', text: atEnd[0] });
  return spans;
}

const WORD_PATTERN = /[\p{L}\p{N}]+/gu;

/** The words of a text as a name digest reads them: runs of letters and digits, folded (no marks, đ → d, lower case). */
export function nameWordsOf(text: string): string[] {
  return [...text.matchAll(WORD_PATTERN)].map((match) => foldVietnamese(match[0]));
}

/** A name known only through a check of its folded words (a sealed submitter's declared name, LAW-DENUNC-12). */
export interface KnownName {
  wordCount: number;
  /** Whether `foldedWords` (words joined by one space) is the name. */
  matches(foldedWords: string): boolean;
}

/** Every run of words that is the known name, whatever its marks, case, hyphens or punctuation between words. */
export function findKnownName(text: string, known: KnownName): PersonalDataSpan[] {
  const words = [...text.matchAll(WORD_PATTERN)].map((match) => ({ folded: foldVietnamese(match[0]), start: match.index, end: match.index + match[0].length }));
  const spans: PersonalDataSpan[] = [];
  for (let first = 0; first + known.wordCount <= words.length; first += 1) {
    const run = words.slice(first, first + known.wordCount);
    if (!known.matches(run.map((word) => word.folded).join(' '))) continue;
    const start = run[0]!.start;
    const end = run[run.length - 1]!.end;
    spans.push({ start, end, kind: 'name', text: text.slice(start, end) });
    first += known.wordCount - 1;
  }
  return spans;
}

/** Whether a leader may confirm keeping a detected item in a published text (point 8): anything but a citizen ID number, which is always a person's (LAW-PDP-02). */
export function isKeepable(kind: PersonalDataKind): boolean {
  return kind !== 'citizen_id';
}

/** Every occurrence of the marked strings, ignoring diacritics, case and the spacing between words. */
export function findMarkedSpans(text: string, marked: readonly string[], kind: PersonalDataKind): PersonalDataSpan[] {
  const { folded, sourceIndex } = foldVietnameseWithOffsets(text);
  const spans: PersonalDataSpan[] = [];
  for (const name of marked) {
    const needle = foldVietnamese(name);
    if (needle === '') continue;
    // Marked strings are matched with any run of whitespace between their words.
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
      spans.push({ start, end: extendedEnd, kind, text: text.slice(start, extendedEnd) });
    }
  }
  return spans;
}

// ── What looks like a person's name ─────────────────────────────────────────────────────────────
// Vietnamese speaks of a person with a kinship word before the name ("ông Nguyễn Văn An", "chị
// Hoa"), and full names start with one of a few common family names. Both only propose a span.
const HONORIFICS = new Set(['ông', 'bà', 'anh', 'chị', 'cô', 'chú', 'bác', 'cụ', 'em', 'dì', 'thím', 'mợ', 'cậu', 'cháu']);
const FAMILY_NAMES = new Set(['nguyễn', 'trần', 'lê', 'phạm', 'hoàng', 'huỳnh', 'phan', 'vũ', 'võ', 'đặng', 'bùi', 'đỗ', 'hồ', 'ngô', 'dương', 'lý', 'đào', 'vương', 'trịnh', 'trương', 'đinh', 'tạ', 'quách', 'lương', 'đàm', 'kiều', 'lưu']);
/** Capitalised words that start an office, a body or a place, not a name: "ông Chủ tịch", "bà Trưởng thôn". */
const NOT_A_NAME = new Set(['chủ', 'phó', 'trưởng', 'bí', 'cán', 'tổ', 'trạm', 'trường', 'ủy', 'uỷ', 'hội', 'ban', 'đội', 'xã', 'thôn', 'ấp', 'xóm', 'phường', 'huyện', 'tỉnh', 'sở', 'phòng', 'bộ', 'đảng', 'đoàn', 'mặt', 'viện', 'bệnh', 'giám', 'thủ', 'chánh', 'kiểm', 'cảnh', 'công', 'ubnd', 'hđnd']);
/** Words before a family name that make it a street, a school or a place: "đường Trần Phú", "trường Lê Lợi". */
const PLACE_WORDS = new Set(['đường', 'phố', 'phường', 'xã', 'thôn', 'ấp', 'xóm', 'ngõ', 'ngách', 'hẻm', 'kiệt', 'quận', 'huyện', 'tỉnh', 'thành', 'trường', 'chợ', 'cầu', 'khu', 'tổ', 'viện', 'học', 'số', 'lộ', 'đại', 'công', 'bến', 'cảng', 'sân', 'tượng', 'đền', 'chùa', 'nhà', 'tịch']);
/** Historical figures, whose names are streets and schools everywhere ("Bác Hồ" too). */
const PUBLIC_FIGURES = new Set(['hồ', 'hồ chí minh', 'võ nguyên giáp', 'trần hưng đạo', 'lê lợi', 'lý thường kiệt', 'nguyễn trãi', 'nguyễn du', 'lê duẩn', 'tôn đức thắng', 'phạm văn đồng', 'trần phú', 'nguyễn huệ', 'phan bội châu', 'phan chu trinh', 'nguyễn thị minh khai', 'võ thị sáu', 'lê lai', 'ngô quyền', 'đinh tiên hoàng', 'lý thái tổ', 'lê văn tám', 'nguyễn văn cừ', 'hồ tùng mậu', 'trần quốc toản', 'lê hồng phong', 'nguyễn văn trỗi']);
const WORD = /[\p{L}\p{M}]+/gu;
const TITLE_CASE_WORD = /^\p{Lu}[\p{Ll}\p{M}]*$/u;

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

/** The words of an NFC text (the kinship and family names below are NFC; marked names cover the rest). */
function wordsOf(text: string): Word[] {
  if (text.normalize('NFC') !== text) return [];
  return [...text.matchAll(WORD)].map((match) => ({ text: match[0], lower: match[0].toLocaleLowerCase('vi'), start: match.index, end: match.index + match[0].length }));
}

/** Words `from`, `from + 1`, … that are capitalised, separated by one space, and not an office or a place. */
function nameRun(text: string, words: readonly Word[], from: number, max: number): Word[] {
  const run: Word[] = [];
  for (let index = from; index < words.length && run.length < max; index += 1) {
    const word = words[index]!;
    if (!TITLE_CASE_WORD.test(word.text) || NOT_A_NAME.has(word.lower)) break;
    const previous = run[run.length - 1];
    if (previous && text.slice(previous.end, word.start) !== ' ') break;
    run.push(word);
  }
  return run;
}

/** Spans that look like a person's name: after a kinship word, or a family name and a given name. */
export function findLikelyNames(text: string): PersonalDataSpan[] {
  const words = wordsOf(text);
  const spans: PersonalDataSpan[] = [];
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!;
    let run: Word[] = [];
    const next = words[index + 1];
    if (HONORIFICS.has(word.lower) && next && text.slice(word.end, next.start) === ' ') {
      run = nameRun(text, words, index + 1, 4);
    } else if (FAMILY_NAMES.has(word.lower) && TITLE_CASE_WORD.test(word.text)) {
      const before = words[index - 1];
      // "đường Trần Phú", or a house number just before it: "45 Lê Lợi".
      const candidate = nameRun(text, words, index, 4);
      // "nhà" before a full name of three words or more is that person's house ("nhà Đỗ Thị Hằng"), not a dynasty ("nhà Lê").
      const isPersonsHouse = before?.lower === 'nhà' && candidate.length >= 3;
      const isAfterPlace = (before !== undefined && PLACE_WORDS.has(before.lower) && !isPersonsHouse) || /\d[\s,]*$/.test(text.slice(before?.end ?? 0, word.start));
      if (!isAfterPlace && candidate.length >= 2) run = candidate;
    }
    if (run.length === 0) continue;
    const first = run[0]!;
    const last = run[run.length - 1]!;
    const found = text.slice(first.start, last.end);
    if (PUBLIC_FIGURES.has(found.toLocaleLowerCase('vi'))) continue;
    spans.push({ start: first.start, end: last.end, kind: 'name', text: found });
    index = words.indexOf(last, index);
  }
  return spans;
}

/**
 * A marked person spoken of the village way, by a kinship word and the given name alone ("anh Kiểm"
 * for Nguyễn Văn Kiểm, "bà Lan"): the given name is the marked name's last word, capitalised as a name
 * is written (so "anh kiểm tra" is not taken), whatever marks it is typed with. Only the name is
 * masked; the kinship word stays, as findLikelyNames leaves it. Only for names of two words or more (a one-word marked name is found as it is).
 */
export function findMarkedGivenNames(text: string, marked: readonly string[]): PersonalDataSpan[] {
  const givenNames = new Set(marked.map((name) => foldVietnamese(name).split(' ').filter((word) => word !== '')).filter((words) => words.length >= 2).map((words) => words[words.length - 1]!));
  if (givenNames.size === 0) return [];
  const words = wordsOf(text);
  const spans: PersonalDataSpan[] = [];
  for (let index = 0; index + 1 < words.length; index += 1) {
    const kinship = words[index]!;
    const given = words[index + 1]!;
    if (!HONORIFICS.has(kinship.lower) || text.slice(kinship.end, given.start) !== ' ' || !/^\p{Lu}/u.test(given.text) || !givenNames.has(foldVietnamese(given.text))) continue;
    spans.push({ start: given.start, end: given.end, kind: 'name', text: given.text });
    index += 1;
  }
  return spans;
}

// ── What looks like a house address ────────────────────────────────────────────────────────────
// "số nhà 12", "nhà số 12B", "số 5 ngõ 34 phố Huế", "12/3 hẻm 45 đường Lê Lợi": a house number with
// the lane or street it is on. A bare "số 12" is not taken (it is as often a document's number).
const STREET_PART = String.raw`(?:,?\s*(?:ngõ|ngách|hẻm|kiệt|đường|phố)\s+(?:\d+[A-Za-z]?(?:\/\d+)*|\p{Lu}[\p{Ll}\p{M}]*(?: \p{Lu}[\p{Ll}\p{M}]*){0,3}))`;
const HOUSE_NUMBER = String.raw`\d+[A-Za-z]?(?:\/\d+[A-Za-z]?)*`;
const ADDRESS_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?:[Ss]ố nhà|[Nn]hà số)\s+${HOUSE_NUMBER}${STREET_PART}*|(?:[Ss]ố\s+)?${HOUSE_NUMBER}${STREET_PART}+)`,
  'gu',
);

/** Spans that look like a house address. */
export function findLikelyAddresses(text: string): PersonalDataSpan[] {
  return collect(text, ADDRESS_PATTERN, 'address');
}

/**
 * Finds personal data in free text; overlapping hits keep the earliest, then the longest, span.
 * `mayBeCut`: the text may end mid-number (a case title is a description's first 80 characters, or
 * a partner's title cut at its limit), so the digits it ends with are taken as a cut ID number.
 */
export function detectPersonalData(text: string, options: { markedNames?: readonly string[]; markedAddresses?: readonly string[]; mayBeCut?: boolean; knownName?: KnownName | null } = {}): PersonalDataSpan[] {
  const candidates = [
    // A known name first, then marked strings: on the same start they win over a guess of the same length.
    ...(options.knownName ? findKnownName(text, options.knownName) : []),
    ...findMarkedSpans(text, options.markedNames ?? [], 'name'),
    ...findMarkedGivenNames(text, options.markedNames ?? []),
    ...findMarkedSpans(text, options.markedAddresses ?? [], 'address'),
    ...collect(text, EMAIL_PATTERN, 'email'),
    ...collect(text, CITIZEN_ID_PATTERN, 'citizen_id'),
    ...collect(text, PHONE_CANDIDATE_PATTERN, 'phone', (raw) => normaliseVietnamesePhone(raw) !== null),
    ...findLikelyNames(text),
    ...findLikelyAddresses(text),
    // After the phone numbers: on the same span a whole phone number stays a phone number.
    ...findCutCitizenIds(text, options.mayBeCut === true),
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
  vi: { citizen_id: '[đã ẩn số định danh]', phone: '[đã ẩn số điện thoại]', email: '[đã ẩn email]', name: '[đã ẩn họ tên]', address: '[đã ẩn địa chỉ]' },
  en: { citizen_id: '[ID number removed]', phone: '[phone removed]', email: '[email removed]', name: '[name removed]', address: '[address removed]' },
};

/**
 * What an officer's redaction of a published Q&A leaves in place of each span (the back office puts
 * its own language's one, message `cases.backoffice.qa.placeholder`, which must equal these).
 */
export const QA_REMOVED_PLACEHOLDERS: Readonly<Record<Locale, string>> = { vi: '[đã che]', en: '[removed]' };

const STORED_PLACEHOLDER_LOCALE: Locale = 'vi';

function replaceAll(text: string, from: string, to: string): string {
  return text.includes(from) ? text.split(from).join(to) : text;
}

/**
 * A published Q&A is stored as the officer confirmed it, with its placeholders in Vietnamese whatever
 * the officer's interface language was: the publication is the commune's, written in Vietnamese, and
 * its Vietnamese readers (nearly all) then get it as stored, with no work per request. Readers of
 * another language get the placeholders translated when it is read (qaTextIn), which a neutral sign
 * such as "[…]" would not tell them.
 */
export function storedQaText(text: string): string {
  let result = text;
  for (const locale of Object.keys(QA_REMOVED_PLACEHOLDERS) as Locale[]) {
    if (locale === STORED_PLACEHOLDER_LOCALE) continue;
    result = replaceAll(result, QA_REMOVED_PLACEHOLDERS[locale], QA_REMOVED_PLACEHOLDERS[STORED_PLACEHOLDER_LOCALE]);
    for (const kind of Object.keys(PLACEHOLDERS[locale]) as PersonalDataKind[]) result = replaceAll(result, PLACEHOLDERS[locale][kind], PLACEHOLDERS[STORED_PLACEHOLDER_LOCALE][kind]);
  }
  return result;
}

/** A stored published Q&A text with its placeholders in the reader's language (as stored for Vietnamese). */
export function qaTextIn(text: string, locale: Locale): string {
  if (locale === STORED_PLACEHOLDER_LOCALE || !text.includes('[')) return text;
  let result = replaceAll(text, QA_REMOVED_PLACEHOLDERS[STORED_PLACEHOLDER_LOCALE], QA_REMOVED_PLACEHOLDERS[locale]);
  for (const kind of Object.keys(PLACEHOLDERS[locale]) as PersonalDataKind[]) result = replaceAll(result, PLACEHOLDERS[STORED_PLACEHOLDER_LOCALE][kind], PLACEHOLDERS[locale][kind]);
  return result;
}

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

/**
 * The text with every detected span of personal data cut out (a space in its place, no placeholder):
 * what a reader without the right to the identity may search (LAW-DENUNC-12). Every word of the
 * result is part of a word of `text`, so a search that matches it also matches the text as written.
 */
export function withoutPersonalData(text: string, knownName: KnownName | null = null): string {
  const spans = detectPersonalData(text, { knownName });
  if (spans.length === 0) return text;
  let result = '';
  let from = 0;
  for (const span of spans) {
    result += `${text.slice(from, span.start)} `;
    from = span.end;
  }
  return result + text.slice(from);
}
