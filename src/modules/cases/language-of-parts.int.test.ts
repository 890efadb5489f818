/**
 * WCAG 3.1.2 Language of Parts on English pages: Vietnamese words inside English text (a legal
 * term, an example name, a hamlet or unit name that exists only in Vietnamese) are wrapped in
 * `lang="vi"`, through the real app and its server-rendered portal pages; Vietnamese pages add nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: Vietnamese words on English pages are marked lang="vi"', () => {
  let t: CasesTestApp;
  let leader: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    leader = await t.staff('leader');
  });
  afterAll(async () => t.close());

  const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });

  it('the English home page marks the legal terms khiếu nại and tố cáo and the commune\'s name; the Vietnamese one has no marks', async () => {
    const english = await page('/?lang=en');
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('A complaint (<span lang="vi">khiếu nại</span>) is when you disagree');
    expect(english.body).toContain('A denunciation (<span lang="vi">tố cáo</span>)');
    expect(english.body).not.toContain('&lt;vi&gt;');
    // The commune's name, in the header, the footer and the lead; the <title> has no markup but no marks either.
    expect(english.body.split('<span lang="vi">Như Quỳnh</span> Commune People').length - 1).toBeGreaterThanOrEqual(2);
    expect(/<title>[^<]*Như Quỳnh Commune People/.test(english.body)).toBe(true);
    const vietnamese = await page('/?lang=vi');
    expect(vietnamese.body).not.toContain('<vi>');
    expect(vietnamese.body).not.toContain('&lt;vi&gt;');
  });

  it('the English status page marks the hamlet and the unit, names that exist only in Vietnamese', async () => {
    const { id, code } = await t.submit();
    expect((await t.inject('POST', `/api/v1/cases/${id}/actions`, leader, { type: 'accept' })).statusCode).toBe(200);
    const view = (await t.inject('GET', `/api/v1/cases/${code}?lang=en`, null)).json() as { areaName: string; assignedUnitName: string };
    expect(view.areaName).toBe('Tổ dân phố Như Quỳnh 1');
    expect(view.assignedUnitName).toBeTruthy();
    const english = await page(`/tra-cuu/${encodeURIComponent(code)}?lang=en`);
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('<span lang="vi">Tổ dân phố Như Quỳnh 1</span>');
    expect(english.body).toContain(`<span lang="vi">${view.assignedUnitName}</span>`);
    const vietnamese = await page(`/tra-cuu/${encodeURIComponent(code)}?lang=vi`);
    expect(vietnamese.body).toContain('Tổ dân phố Như Quỳnh 1');
    expect(vietnamese.body).not.toContain('<span lang="vi">Tổ dân phố Như Quỳnh 1</span>');
  });

  it('the English sign-up page marks the example name in its hint', async () => {
    const signUp = await page('/dang-ky?lang=en');
    expect(signUp.statusCode).toBe(200);
    expect(signUp.body).toContain('for example <span lang="vi">Nguyễn Thị Lan</span>.');
  });
});
