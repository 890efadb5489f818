import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASE_ATTACHMENT_MAX_BYTES_HARD_CAP, CASE_ATTACHMENT_MIN_BYTES, PAPI_SUBDIMENSIONS, saveCategorySchema, updateCaseSettingsSchema } from './contract.js';
import en from './messages/en.json' with { type: 'json' };
import vi from './messages/vi.json' with { type: 'json' };

const FRAMEWORK = '/work/shared/papi/framework.json';
const category = { code: 'X', nameVi: 'Lĩnh vực', nameEn: 'Field', kinds: ['feedback'], papiDimension: 'D6' };
const messagesOf = (result: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) => (result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]);

describe('PAPI sub-dimensions of a category', () => {
  it.skipIf(!existsSync(FRAMEWORK))('are exactly those of the PAPI framework file, per dimension', () => {
    const framework = JSON.parse(readFileSync(FRAMEWORK, 'utf8')) as { dimensions: Array<{ id: string; subdimensions: Array<{ id: string }> }> };
    expect(Object.fromEntries(framework.dimensions.map((dimension) => [dimension.id, dimension.subdimensions.map((sub) => sub.id)]))).toEqual(PAPI_SUBDIMENSIONS);
  });

  it('must belong to the chosen dimension and exist in the framework', () => {
    expect(saveCategorySchema.safeParse({ ...category, papiSubdimension: '6.4' }).success).toBe(true);
    expect(messagesOf(saveCategorySchema.safeParse({ ...category, papiSubdimension: '6.9' }))).toEqual([['papiSubdimension', 'cases.errors.papiSubdimensionUnknown']]);
    expect(messagesOf(saveCategorySchema.safeParse({ ...category, papiDimension: 'D7', papiSubdimension: '7.4' }))).toEqual([['papiSubdimension', 'cases.errors.papiSubdimensionUnknown']]);
    expect(messagesOf(saveCategorySchema.safeParse({ ...category, papiSubdimension: '5.1' }))).toEqual([['papiSubdimension', 'cases.errors.papiSubdimensionMismatch']]);
  });
});

describe('attachment size setting', () => {
  const settings = { reopenWindowDays: 30, maxReopenCount: 2, autoCloseAfterDays: 15, reminderDaysBefore: [3], maxAttachments: 5 };
  it('words its range in megabytes, the unit of the form, and the range matches the limits', () => {
    for (const attachmentMaxBytes of [CASE_ATTACHMENT_MIN_BYTES - 1, CASE_ATTACHMENT_MAX_BYTES_HARD_CAP + 1]) {
      expect(messagesOf(updateCaseSettingsSchema.safeParse({ ...settings, attachmentMaxBytes }))).toEqual([['attachmentMaxBytes', 'cases.errors.attachmentSizeRange']]);
    }
    // "from 0,1 to 10 MB": 0,1 MB is allowed, 10 MB is the cap.
    expect(updateCaseSettingsSchema.safeParse({ ...settings, attachmentMaxBytes: Math.round(0.1 * 1024 * 1024) }).success).toBe(true);
    expect(CASE_ATTACHMENT_MAX_BYTES_HARD_CAP).toBe(10 * 1024 * 1024);
    expect(vi['cases.errors.attachmentSizeRange']).toContain('MB, từ 0,1 đến 10');
    expect(en['cases.errors.attachmentSizeRange']).toContain('MB, from 0.1 to 10');
  });
});
