import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCookies } from '../../../test/kit/auth.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';

/*
 * Issue 3, point 1: a bribe "in a clinic, a school, a land or procedure file, a recruitment" can be
 * reported anonymously (LAW-DENUNC-04). The demo commune offers those categories for the anonymous
 * corruption report; recruitment is PAPI dimension D4 (4.3, equity in public-sector recruitment).
 */
describe('cases: the anonymous corruption report offers the places where bribes are asked', () => {
  let t: CasesTestApp;

  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => t.close());

  it('the category question of a corruption report lists the health station, the primary school and recruitment', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/gui-phan-anh', headers: { accept: 'text/html' } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(start.body)?.[1] ?? '';
    const page = await t.app.inject({
      method: 'POST',
      url: '/gui-phan-anh',
      headers: { cookie: mergeCookies('', start), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: csrf, _step: 'kind', _action: 'next', kind: 'corruption_report' }).toString(),
    });
    expect(page.statusCode).toBe(200);
    const offered = [...page.body.matchAll(/name="categoryId" value="([^"]+)"/g)].map((match) => match[1]);
    for (const code of ['HEALTH', 'SCHOOL', 'RECRUITMENT', 'SECURITY', 'LAND', 'ADMIN-PROC', 'CONDUCT']) expect(offered).toContain(t.categoryIds[code]);
    for (const name of ['Trạm y tế', 'Trường tiểu học', 'Tuyển dụng']) expect(page.body).toContain(name);
  });

  it('recruitment: PAPI D4 (4.3), routed to the commune office, with the legal deadline for reports and the commune standard for questions', async () => {
    const categories = (await t.inject('GET', `/api/v1/cases/categories?communeId=${t.communeId}`, null)).json() as Array<{ code: string; kinds: string[]; papiDimension: string; papiSubdimension: string; defaultUnitId: string }>;
    const recruitment = categories.find((category) => category.code === 'RECRUITMENT');
    expect(recruitment).toMatchObject({ papiDimension: 'D4', papiSubdimension: '4.3', defaultUnitId: t.unitIds['VAN-PHONG'] });
    expect(recruitment?.kinds).toContain('corruption_report');

    const report = await t.submit({ kind: 'corruption_report', categoryId: t.categoryIds.RECRUITMENT, privacy: 'anonymous', submitter: undefined, title: 'Chạy việc vào trạm y tế', description: 'Có người nói phải nộp tiền mới được nhận vào làm ở trạm y tế.' });
    const question = await t.submit({ kind: 'question', categoryId: t.categoryIds.RECRUITMENT, title: 'Hồ sơ dự tuyển viên chức', description: 'Hồ sơ dự tuyển viên chức y tế năm nay cần những giấy tờ gì?' });
    const leader = await t.staff('leader');
    const [reportView, questionView] = [(await t.inject('GET', `/api/v1/cases/${report.id}`, leader)).json(), (await t.inject('GET', `/api/v1/cases/${question.id}`, leader)).json()];
    expect(reportView.assignedUnitId).toBe(t.unitIds['VAN-PHONG']);
    expect(reportView.deadline.ruleLabel).toMatch(/15 ngày làm việc/);
    expect(questionView.deadline.ruleLabel).toMatch(/7 ngày làm việc/);
  });
});
