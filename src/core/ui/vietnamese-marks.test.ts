/**
 * WCAG 3.1.2 Language of Parts: Vietnamese words inside English messages are marked `<vi>…</vi>` so
 * the page wraps them in `lang="vi"` (core/ui MarkedText). This scans every English catalog.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkedText } from './components/content.js';
import { markVietnamese, splitVietnameseMarks, stripVietnameseMarks } from '../i18n/translate.js';

/** Letters English never uses: Vietnamese vowels with their marks, and đ. */
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

/**
 * Keys allowed to hold unmarked Vietnamese, each for a reason: the product's own name is a proper
 * name (WCAG 3.1.2 exempts those) shown in `<title>`, where no markup can go; the language switch
 * names Vietnamese in Vietnamese and its element carries `lang="vi"` itself (core/ui layout).
 */
const ALLOWED = new Set(['app.name', 'ui.staff.appName', 'common.switchLanguage']);

function englishCatalogs(): string[] {
  const root = join(import.meta.dirname, '..', '..');
  return (readdirSync(root, { recursive: true }) as string[]).filter((path) => /(^|\/)messages\/([\w-]+\.)?en\.json$/.test(path)).map((path) => join(root, path));
}

describe('Vietnamese inside English messages', () => {
  it('finds the English catalogs', () => {
    expect(englishCatalogs().length).toBeGreaterThan(5);
  });

  it('every Vietnamese letter in an English message is inside <vi>…</vi>', () => {
    const unmarked: string[] = [];
    for (const file of englishCatalogs()) {
      for (const [key, message] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)) {
        if (ALLOWED.has(key)) continue;
        const outside = splitVietnameseMarks(message).filter((part) => !part.isVietnamese).map((part) => part.text).join(' ');
        if (VIETNAMESE_LETTER.test(outside)) unmarked.push(`${key}: ${message}`);
      }
    }
    expect(unmarked).toEqual([]);
  });

  it('an English page wraps each marked part in lang="vi"; a Vietnamese page drops the marks', () => {
    const message = `A complaint (<vi>khiếu nại</vi>) was sent to ${markVietnamese('Phòng Kinh tế')}.`;
    expect(renderToStaticMarkup(createElement(MarkedText, { text: message, pageLocale: 'en' }))).toBe('A complaint (<span lang="vi">khiếu nại</span>) was sent to <span lang="vi">Phòng Kinh tế</span>.');
    expect(renderToStaticMarkup(createElement(MarkedText, { text: message, pageLocale: 'vi' }))).toBe('A complaint (khiếu nại) was sent to Phòng Kinh tế.');
    expect(stripVietnameseMarks(message)).toBe('A complaint (khiếu nại) was sent to Phòng Kinh tế.');
    // Text from the database is escaped like any other, marks or not.
    expect(renderToStaticMarkup(createElement(MarkedText, { text: markVietnamese('Thôn <b>1</b>'), pageLocale: 'en' }))).toBe('<span lang="vi">Thôn &lt;b&gt;1&lt;/b&gt;</span>');
  });
});
