/**
 * Diacritic-insensitive folding of Vietnamese text for search and matching:
 * "Đường nước sạch" → "duong nuoc sach".
 */

const COMBINING_MARKS = /\p{M}/gu;

/** NFD, strip combining marks, đ → d, Đ → D; case and spacing kept. */
function stripMarks(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Folds one code point: NFD, strip combining marks, đ/Đ → d, lowercase. */
function foldCharacter(character: string): string {
  return stripMarks(character).toLowerCase();
}

/**
 * The same, remembered: text is folded one code point at a time (redaction maps matches back to the
 * source), and normalising each of them anew cost a submission about 5 % of its time. A commune's
 * texts use a few hundred distinct characters; the map stops growing at 4,096.
 */
const foldedCharacters = new Map<string, string>();
function foldCharacterCached(character: string): string {
  let folded = foldedCharacters.get(character);
  if (folded === undefined) {
    folded = foldCharacter(character);
    if (foldedCharacters.size < 4096) foldedCharacters.set(character, folded);
  }
  return folded;
}

/** Vietnamese without diacritics, case and spacing kept, for channels that cannot carry them: "Đã tiếp nhận" → "Da tiep nhan". */
export function stripVietnameseDiacritics(text: string): string {
  return stripMarks(text).normalize('NFC');
}

/** NFD, strip combining marks, đ→d, Đ→D, lowercase, collapse and trim whitespace. */
export function foldVietnamese(text: string): string {
  return foldCharacter(text).replace(/\s+/gu, ' ').trim();
}

/** Folded text plus, for each folded UTF-16 unit, the index of the source unit it came from. */
export interface FoldedText {
  folded: string;
  sourceIndex: number[];
}

/**
 * Folds without collapsing whitespace and keeps an offset map, so a match found in the folded
 * text can be mapped back to a span of the original text (used by redaction).
 */
export function foldVietnameseWithOffsets(text: string): FoldedText {
  let folded = '';
  const sourceIndex: number[] = [];
  let offset = 0;
  for (const character of text) {
    const piece = foldCharacterCached(character);
    for (let index = 0; index < piece.length; index += 1) sourceIndex.push(offset);
    folded += piece;
    offset += character.length;
  }
  return { folded, sourceIndex };
}
