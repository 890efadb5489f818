import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { applyRedaction, detectPersonalData, findKnownName, findLikelyAddresses, findMarkedGivenNames, findLikelyNames, findMarkedSpans, nameWordsOf, QA_REMOVED_PLACEHOLDERS, qaTextIn, storedQaText, withoutPersonalData } from './redaction.js';

describe('detectPersonalData', () => {
  // LAW-PDP-06, LAW-DENUNC-11: a title cut at 80 characters leaves a citizen-ID fragment behind.
  it('finds a citizen-ID number cut short after its label or at the end of a cut text', () => {
    const title = 'Tôi là Đỗ Thị Hằng, SĐT 0912 000 222, email hang.canary@example.com, CCCD 001190';
    expect(applyRedaction(title, detectPersonalData(title))).toBe('Tôi là [đã ẩn họ tên], SĐT [đã ẩn số điện thoại], email [đã ẩn email], CCCD [đã ẩn số định danh]');
    expect(detectPersonalData('Số căn cước: 0011 9012 ghi sai').map((span) => [span.kind, span.text])).toEqual([['citizen_id', '0011 9012']]);
    expect(detectPersonalData('Hồ sơ gửi kèm, số 0011902', { mayBeCut: true }).map((span) => span.kind)).toEqual(['citizen_id']);
    expect(detectPersonalData('Hồ sơ gửi kèm, số 0011902')).toEqual([]);
    // A whole phone number at the end stays a phone number; short numbers are not IDs.
    expect(detectPersonalData('Liên hệ 0912 000 222', { mayBeCut: true }).map((span) => span.kind)).toEqual(['phone']);
    expect(detectPersonalData('Cống số 12 ngập 30 cm, CCCD chưa có')).toEqual([]);
  });

  it("takes a full name after \"nhà\" as a person's house, not a dynasty", () => {
    expect(findLikelyNames('Cống nhà Đỗ Thị Hằng (0912.000.222) bị tắc').map((span) => span.text)).toEqual(['Đỗ Thị Hằng']);
    expect(findLikelyNames('Di tích thời nhà Lê Sơ')).toEqual([]);
  });

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

  it('leaves the closing bracket after a phone number in the text', () => {
    const text = 'Gọi tôi (0912 345 678) nhé; nhà (số điện thoại 0978111222) mới tách hộ; ĐT (024) 3826 1234.';
    const phones = detectPersonalData(text).filter((span) => span.kind === 'phone').map((span) => span.text);
    expect(phones.slice(0, 2)).toEqual(['0912 345 678', '0978111222']);
    expect(applyRedaction(text, detectPersonalData(text).slice(0, 2))).toBe('Gọi tôi ([đã ẩn số điện thoại]) nhé; nhà (số điện thoại [đã ẩn số điện thoại]) mới tách hộ; ĐT (024) 3826 1234.');
  });

  it('ignores numbers that are neither IDs nor valid phones', () => {
    expect(detectPersonalData('Ngày 12/03/2026, kinh phí 1.500.000 đồng, 25 hộ, mã 0112345678')).toEqual([]);
  });

  it('matches marked names regardless of diacritics and case, on word boundaries', () => {
    const text = 'Ông NGUYEN VAN AN và bà Trần Thị Bình phản ánh; ông Nguyễn Văn Anh không liên quan.';
    const spans = findMarkedSpans(text, ['Nguyễn Văn An', 'tran thi binh'], 'name');
    expect(spans.map((span) => span.text)).toEqual(['NGUYEN VAN AN', 'Trần Thị Bình']);
    const decomposed = 'Bà Trần Thị Bình'.normalize('NFD');
    const [span] = detectPersonalData(decomposed, { markedNames: ['Trần Thị Bình'] });
    expect(span && decomposed.slice(span.start, span.end).normalize('NFC')).toBe('Trần Thị Bình');
  });

  it('finds a marked person spoken of by a kinship word and the given name alone, capitalised as a name', () => {
    const text = 'Đề nghị gặp anh Kiểm hoặc Nguyễn Văn Kiểm; anh kiểm tra lại hồ sơ, chị Kiem sẽ gửi sau. Ông Kiểm sát viên không liên quan đến bà Lan.';
    const found = detectPersonalData(text, { markedNames: ['Nguyễn Văn Kiểm'] }).map((span) => span.text);
    expect(found).toEqual(expect.arrayContaining(['Kiểm', 'Nguyễn Văn Kiểm', 'Kiem']));
    expect(found.filter((name) => name === 'Kiểm')).toHaveLength(2);
    expect(found).not.toContain('kiểm');
    expect(findMarkedGivenNames(text, ['Kiểm'])).toEqual([]);
    expect(applyRedaction('Gặp anh Kiểm ở nhà văn hóa.', detectPersonalData('Gặp anh Kiểm ở nhà văn hóa.', { markedNames: ['Nguyễn Văn Kiểm'] }))).toBe('Gặp anh [đã ẩn họ tên] ở nhà văn hóa.');
  });
});

describe('names and house addresses nobody marked (Q&A publication; basic personal data, LAW-PDP-02)', () => {
  const kindsAndTexts = (text: string) => detectPersonalData(text).map((span) => [span.kind, span.text]);

  it('proposes a name after a kinship word, and a full name that starts with a family name', () => {
    expect(kindsAndTexts('Gia đình ông Nguyễn Văn An phản ánh, chị Hoa con gái ông cũng biết. Em Bình học lớp 5.')).toEqual([
      ['name', 'Nguyễn Văn An'],
      ['name', 'Hoa'],
      ['name', 'Bình'],
    ]);
    expect(kindsAndTexts('Đơn của Trần Thị Bình gửi ngày 3/5.')).toEqual([['name', 'Trần Thị Bình']]);
  });

  it('leaves offices, streets, schools, document numbers and historical figures alone', () => {
    expect(findLikelyNames('Ông Chủ tịch UBND xã đã chỉ đạo. Bà Trưởng thôn Đông báo cáo. Làm theo lời Bác Hồ và Chủ tịch Hồ Chí Minh.')).toEqual([]);
    expect(findLikelyNames('Đường Trần Phú và đường Lê Văn Lương bị ngập; trường Lê Quý Đôn nghỉ học; nhà 45 Phạm Ngũ Lão.')).toEqual([]);
    expect(findLikelyNames('Trần nhà bị dột. Đề nghị xã chú ý, bà con thôn Đông đồng tình.')).toEqual([]);
    expect(detectPersonalData('Theo Quyết định số 12/2023/QĐ-UBND và Nghị định số 55.')).toEqual([]);
  });

  it('proposes a house address: a house number with its lane or street', () => {
    expect(findLikelyAddresses('Nhà tôi ở số nhà 12 ngõ 34 phố Huế, còn bác ở 45/3 hẻm 12 đường Nguyễn Trãi, nhà số 7B.').map((span) => span.text)).toEqual([
      'số nhà 12 ngõ 34 phố Huế',
      '45/3 hẻm 12 đường Nguyễn Trãi',
      'nhà số 7B',
    ]);
  });

  it('marks the submitter\'s own address wherever it is written, as an address', () => {
    const text = 'Tôi ở Tổ dân phố Như Quỳnh 1, gần chợ.';
    expect(detectPersonalData(text, { markedAddresses: ['tổ dân phố như quỳnh 1'] }).map((span) => [span.kind, span.text])).toEqual([['address', 'Tổ dân phố Như Quỳnh 1']]);
  });

  it('spans always point at their text', () => {
    const text = 'Ông Lê Văn Tài ở số 5 ngõ 2 đường Trần Phú, ĐT 0912345678.';
    for (const span of detectPersonalData(text)) expect(text.slice(span.start, span.end)).toBe(span.text);
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

describe('withoutPersonalData (LAW-DENUNC-12: the text a reader without the identity may search)', () => {
  it('cuts names, phones and ID numbers out, with no placeholder words to match', () => {
    const text = 'Tôi là Phạm Văn Canaryb, số điện thoại 0911222333, CCCD 001099887766. Tôi tố cáo việc thu tiền.';
    const stripped = withoutPersonalData(text);
    expect(stripped).not.toMatch(/Canaryb|0911222333|001099887766|ẩn/);
    expect(stripped).toContain('Tôi tố cáo việc thu tiền.');
    // Every piece left is a piece of the text as written.
    for (const word of stripped.split(/\s+/).filter(Boolean)) expect(text).toContain(word);
  });

  it('returns the text itself when there is nothing to cut', () => {
    const text = 'Cán bộ địa chính thu tiền ngoài quy định.';
    expect(withoutPersonalData(text)).toBe(text);
  });
});

describe('published Q&A placeholders: stored in Vietnamese, read in the reader\'s language', () => {
  it('stores an English officer\'s placeholders in Vietnamese and gives English readers English ones', () => {
    const stored = storedQaText('Ông [removed] gọi [phone removed] hỏi về [đã che].');
    expect(stored).toBe('Ông [đã che] gọi [đã ẩn số điện thoại] hỏi về [đã che].');
    expect(qaTextIn(stored, 'en')).toBe('Ông [removed] gọi [phone removed] hỏi về [removed].');
    expect(qaTextIn(stored, 'vi')).toBe(stored);
  });

  it('the back office inserts the same placeholders (messages cases.backoffice.qa.placeholder)', () => {
    for (const locale of ['vi', 'en'] as const) {
      const messages = JSON.parse(readFileSync(new URL(`../messages/portal.${locale}.json`, import.meta.url), 'utf8')) as Record<string, string>;
      expect(messages['cases.backoffice.qa.placeholder']).toBe(QA_REMOVED_PLACEHOLDERS[locale]);
    }
  });
});

describe('findKnownName (a sealed submitter\'s declared name, known only by a check of its words; LAW-DENUNC-12)', () => {
  const known = { wordCount: 3, matches: (folded: string) => folded === 'canary identity xyz' };

  it('finds the name however it is written: case, marks, hyphens or punctuation between its words', () => {
    const text = 'Ông CANARY-IDENTITY-XYZ tố cáo; gọi canary identity xyz hoặc Canary, Idéntity: XYZ.';
    expect(findKnownName(text, known).map((span) => span.text)).toEqual(['CANARY-IDENTITY-XYZ', 'canary identity xyz', 'Canary, Idéntity: XYZ']);
  });

  it('finds nothing in a text without it, nor in a longer word that contains it', () => {
    expect(findKnownName('Ông Nguyễn Văn A tố cáo cán bộ địa chính.', known)).toEqual([]);
    expect(findKnownName('canaryidentityxyz canary identity', known)).toEqual([]);
  });

  it('is masked with the other personal data when given to detectPersonalData', () => {
    const text = 'Ông CANARY-IDENTITY-XYZ, số 0911222444.';
    expect(applyRedaction(text, detectPersonalData(text, { knownName: known }))).toBe('Ông [đã ẩn họ tên], số [đã ẩn số điện thoại].');
    expect(nameWordsOf('Nguyễn Thị Đào-Hoa')).toEqual(['nguyen', 'thi', 'dao', 'hoa']);
  });
});
