/**
 * The heading of a published Q&A. The publish preview offers the question as "title, blank line,
 * description" (both redacted by the officer), so the first paragraph is the title when it looks like
 * one. Otherwise the heading is the first sentence, cut on a word to QA_HEADING_MAX characters, and
 * the body keeps only what the heading does not already say: the question is shown once.
 */
export const QA_HEADING_MAX = 120;
/** A first paragraph longer than this is text, not a title (the contract's CASE_TITLE_MAX). */
const TITLE_PARAGRAPH_MAX = 200;

export interface QaQuestionParts {
  title: string;
  /** The rest of the question (may be empty when the heading is the whole question). */
  body: string;
}

/** Cut `text` to at most `max` characters on a word boundary, with an ellipsis when cut. */
export function cutOnWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const head = clean.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  const cut = space > max / 2 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:.–-]+$/u, '')}…`;
}

export function splitPublishedQuestion(question: string): QaQuestionParts {
  const text = question.replace(/\r\n?/g, '\n').trim();
  const blank = /\n[ \t]*\n/.exec(text);
  if (blank) {
    const first = text.slice(0, blank.index).trim();
    const rest = text.slice(blank.index + blank[0].length).trim();
    if (rest !== '' && !first.includes('\n') && first.length <= TITLE_PARAGRAPH_MAX) {
      return first.length <= QA_HEADING_MAX ? { title: first, body: rest } : { title: cutOnWord(first, QA_HEADING_MAX), body: `${first}\n\n${rest}` };
    }
  }
  const firstLine = text.split('\n')[0] ?? '';
  const sentence = /^(.+?[.?!…])(?=\s|$)/u.exec(firstLine)?.[1] ?? firstLine;
  if (sentence.length <= QA_HEADING_MAX) return { title: sentence.trim(), body: text.slice(sentence.length).trim() };
  return { title: cutOnWord(sentence, QA_HEADING_MAX), body: text };
}
