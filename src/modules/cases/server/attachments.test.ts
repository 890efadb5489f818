import { describe, expect, it } from 'vitest';
import { prepareAttachments } from './attachments.js';

const pdf = (label: string) => ({ fileName: `${label}.pdf`, bytes: Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`) });

describe('prepareAttachments', () => {
  it('gives the files ids in the order they came, even when read within the same millisecond (issue 3 point 11)', async () => {
    const names = ['thu-phan-anh', 'bien-ban', 'hoa-don', 'don-to-cao', 'phu-luc', 'anh-chup'];
    const prepared = await prepareAttachments(names.map(pdf), { maxAttachments: 10, attachmentMaxBytes: 1024 * 1024 });
    expect(prepared.map((file) => file.fileName)).toEqual(names.map((name) => `${name}.pdf`));
    // What the case page lists them by (created_at, then id; created_at is one instant for the whole upload).
    expect([...prepared].sort((a, b) => (a.id < b.id ? -1 : 1)).map((file) => file.fileName)).toEqual(names.map((name) => `${name}.pdf`));
  });
});
