import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * A refusal's public note is its ground's label (LAW-PAKN-03). It is stored in Vietnamese, the
 * official record; a reader of English (back office or status page) gets the ground in English.
 */
describe('cases: the refusal ground is shown in the reader\'s language (LAW-PAKN-03)', () => {
  let t: CasesTestApp;
  let officer: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
  });
  afterAll(async () => t.close());

  it('staff detail, public status and Open311 show the ground in English with ?lang=en and in Vietnamese otherwise', async () => {
    const { id, code } = await t.submit();
    const refused = await t.inject('POST', `/api/v1/cases/${id}/actions`, officer, { type: 'refuse', ground: 'feedback_requirements_unmet' });
    expect(refused.statusCode).toBe(200);
    const vietnamese = 'Không đáp ứng yêu cầu (tiếng Việt, nội dung rõ ràng, họ tên, địa chỉ, số điện thoại)';
    const english = 'Requirements not met (Vietnamese, clear content, name, address, phone)';
    const noteOf = (timeline: Array<{ event: string; publicNote?: string | null; note?: string | null }>) => {
      const entry = timeline.find((candidate) => candidate.event === 'cases.case.refused');
      return entry?.publicNote ?? entry?.note;
    };

    expect(noteOf((await t.inject('GET', `/api/v1/cases/${id}`, officer)).json().timeline)).toBe(vietnamese);
    expect(noteOf((await t.inject('GET', `/api/v1/cases/${id}?lang=en`, officer)).json().timeline)).toBe(english);
    expect(noteOf((await t.inject('GET', `/api/v1/cases/${code}`, null)).json().timeline)).toBe(vietnamese);
    expect(noteOf((await t.inject('GET', `/api/v1/cases/${code}?lang=en`, null)).json().timeline)).toBe(english);
    // The stored Vietnamese view is untouched by an English read.
    expect(noteOf((await t.inject('GET', `/api/v1/cases/${code}?lang=vi`, null)).json().timeline)).toBe(vietnamese);
  });
});
