import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/core/auth/index.js';
import { startTestSmtpServer, type TestSmtpServer } from '../kit/smtp.js';
import { expectNoSeriousAxeViolations, launchBrowser, newPage, requireChromium, signInThroughPortal, startServer, uniquePhone, type E2eServer } from './kit.js';

/*
 * Cases journeys in Chromium against the real server (demo data, worker on, real SMTP): a resident
 * files with JavaScript off and on, an officer accepts and drafts, a leader approves and publishes,
 * the resident is e-mailed and rates the answer; an anonymous corruption report.
 */
const ready = requireChromium();

interface CaseForm {
  kind: 'feedback' | 'question' | 'corruption_report' | 'denunciation';
  category: RegExp;
  area?: string;
  title: string;
  description: string;
  privacy?: 'handler_only' | 'public_name';
  identity?: { fullName: string; phone?: string; email?: string; address?: string };
  notify?: boolean;
}

const currentStep = (page: Page) => page.locator('form input[name="_step"]').first().getAttribute('value');

/** Walk the submission wizard (works with JavaScript on or off); returns the tracking code and the secret link. */
async function fileCase(page: Page, baseUrl: string, form: CaseForm, options: { axe: boolean }): Promise<{ code: string; secretLink: string | null }> {
  page.setDefaultTimeout(15_000);
  // axe runs scripts in the page: only with JavaScript on (the JS-off pages are the same markup).
  const checkAccessibility = () => (options.axe ? expectNoSeriousAxeViolations(page) : Promise.resolve());
  await page.goto(`${baseUrl}/gui-phan-anh`);
  await checkAccessibility();
  for (let guard = 0; guard < 12; guard += 1) {
    const step = await currentStep(page);
    switch (step) {
      case 'kind':
        await page.locator(`input[name="kind"][value="${form.kind}"]`).check({ force: true });
        break;
      case 'category':
        await page.getByRole('radio', { name: form.category }).first().check({ force: true });
        break;
      case 'area':
        await page.locator('select[name="areaId"]').selectOption(form.area ? { label: form.area } : { value: 'none' });
        break;
      case 'text':
        await page.locator('input[name="title"]').fill(form.title);
        await page.locator('textarea[name="description"]').fill(form.description);
        break;
      case 'privacy':
        await page.locator(`input[name="privacy"][value="${form.privacy ?? 'handler_only'}"]`).check({ force: true });
        break;
      case 'identity':
        if (!form.identity) throw new Error('The wizard asked for identity');
        await page.locator('input[name="fullName"]').fill(form.identity.fullName);
        if (form.identity.phone) await page.locator('input[name="phone"]').fill(form.identity.phone);
        if (form.identity.email) await page.locator('input[name="email"]').fill(form.identity.email);
        if (form.identity.address) await page.locator('input[name="submitterAddress"]').fill(form.identity.address);
        if (form.notify) await page.locator('input[name="wantsNotifications"][value="yes"]').check({ force: true });
        break;
      case 'check': {
        await checkAccessibility();
        await Promise.all([page.waitForURL(/\/gui-phan-anh\/da-gui\//), page.locator('button[name="_action"][value="submit"]').click()]);
        const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
        const secret = /\/tra-cuu\/[A-Z0-9-]+\?khoa=[\w%-]+/.exec(await page.content());
        await checkAccessibility();
        return { code, secretLink: secret ? secret[0].replace(/&amp;/g, '&') : null };
      }
      default:
        throw new Error(`Unexpected wizard step ${String(step)}`);
    }
    await page.locator('button[name="_action"][value="next"]').click();
    await page.waitForLoadState('load');
    const next = await currentStep(page);
    if (next === step) throw new Error(`The wizard stayed on "${step}": ${(await page.locator('.td-error-summary, [role=alert]').allTextContents()).join(' | ')}`);
  }
  throw new Error('The wizard did not reach the check page');
}

/** A staff member's JSON API client riding on the browser session signed in through the portal. */
async function staffApi(page: Page, baseUrl: string) {
  const session = (await (await page.request.get(`${baseUrl}/api/v1/auth/session`)).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
  return {
    async caseId(code: string): Promise<string> {
      const response = await page.request.get(`${baseUrl}/api/v1/cases?code=${encodeURIComponent(code)}`);
      expect(response.status(), await response.text()).toBe(200);
      const list = (await response.json()) as { items: Array<{ id: string; code: string }> };
      const found = list.items.find((item) => item.code === code);
      if (!found) throw new Error(`Case ${code} not visible to this staff member`);
      return found.id;
    },
    async act(id: string, action: Record<string, unknown>): Promise<{ status: string }> {
      const response = await page.request.post(`${baseUrl}/api/v1/cases/${id}/actions`, { headers, data: action });
      expect(response.status(), `${String(action.type)}: ${await response.text()}`).toBe(200);
      return (await response.json()) as { status: string };
    },
  };
}

async function signInStaff(browser: Browser, baseUrl: string, email: string): Promise<Page> {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await signInThroughPortal(page, baseUrl, email, DEMO_PASSWORD);
  await page.waitForURL(/\/staff\//);
  return page;
}

describe.skipIf(!ready)('cases journeys', () => {
  let smtp: TestSmtpServer;
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    server = await startServer({ demo: true, env: { SMTP_URL: smtp.url } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('JavaScript off: a resident files feedback; officer accepts and drafts; leader approves and publishes; the resident is e-mailed and rates', async () => {
    const email = `cudan.${Date.now()}@e2e.tiengdan.vn`;
    const resident = await newPage(browser, { javaScriptEnabled: false });
    const { code, secretLink } = await fileCase(resident, server.baseUrl, {
      kind: 'feedback',
      category: /^Đường giao thông/,
      area: 'Tổ dân phố Như Quỳnh 1',
      title: 'Ổ gà lớn trên đường liên thôn',
      description: 'Đoạn đường liên thôn gần cổng trường có ổ gà lớn, xe máy đi qua rất nguy hiểm vào buổi tối.',
      privacy: 'handler_only',
      identity: { fullName: 'Phạm Thị Thu', phone: uniquePhone(), email, address: 'Số 3, tổ dân phố Như Quỳnh 1' },
      notify: true,
    }, { axe: false });
    expect(code).toMatch(/^[A-Z]+-\d{4}-[0-9A-Z]{5}$/);
    expect(secretLink).not.toBeNull();
    await resident.goto(`${server.baseUrl}${secretLink!}`);
    await expect(resident.locator('main').textContent()).resolves.toContain(code);

    // Officer of the economy office: accept, then (once the case is with the unit) draft the answer.
    const officer = await signInStaff(browser, server.baseUrl, 'canbo.kinhte@nhuquynh.demo');
    const officerApi = await staffApi(officer, server.baseUrl);
    const caseId = await officerApi.caseId(code);
    let state = await officerApi.act(caseId, { type: 'accept' });
    const leader = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    const leaderApi = await staffApi(leader, server.baseUrl);
    if (state.status === 'accepted') {
      const units = (await (await leader.request.get(`${server.baseUrl}/api/v1/tenancy/units`)).json().catch(() => [])) as Array<{ id: string; code: string }>;
      const economy = Array.isArray(units) ? units.find((unit) => unit.code === 'KINH-TE') : undefined;
      const detail = (await (await leader.request.get(`${server.baseUrl}/api/v1/cases/${caseId}`)).json()) as { assignedUnitId: string | null };
      state = await leaderApi.act(caseId, { type: 'assign', unitId: economy?.id ?? detail.assignedUnitId });
    }
    expect(['assigned', 'in_progress']).toContain(state.status);
    state = await officerApi.act(caseId, { type: 'draftAnswer', text: 'UBND xã đã giao Phòng Kinh tế vá ổ gà trong tuần này; đơn vị thi công đã được yêu cầu đặt biển cảnh báo.' });
    expect(state.status).toBe('answer_drafted');

    // The leader sees the case in the back office, approves and publishes.
    await leader.goto(`${server.baseUrl}/staff/`);
    await leader.locator('main h1').first().waitFor();
    expect((await leaderApi.act(caseId, { type: 'approveAnswer' })).status).toBe('answer_approved');
    expect((await leaderApi.act(caseId, { type: 'publishAnswer' })).status).toBe('answered');

    // The resident is told by e-mail (real SMTP), then rates the answer on the status page.
    const mail = await smtp.waitFor((message) => message.to.includes(email) && `${message.subject}\n${message.text}`.includes(code), 30_000);
    expect(mail.text).toContain(code);
    await resident.goto(`${server.baseUrl}${secretLink!}`);
    await expect(resident.locator('main').textContent()).resolves.toContain('vá ổ gà');
    const rateForm = resident.locator('form[action*="danh-gia"]');
    await rateForm.locator('input[name="score"][value="5"]').check({ force: true });
    await rateForm.locator('textarea[name="comment"]').fill('Xã xử lý nhanh, cảm ơn.');
    await Promise.all([resident.waitForURL(/xong=rated/), rateForm.locator('button[type="submit"]').click()]);
    const view = (await (await resident.request.get(`${server.baseUrl}/api/v1/cases/${code}`)).json()) as { rating: number | null; status: string };
    expect(view.rating).toBe(5);
    for (const page of [resident, officer, leader]) await page.context().close();
  });

  it('JavaScript on: a resident files a question and finds it on the status page', async () => {
    const resident = await newPage(browser, { javaScriptEnabled: true });
    const { code } = await fileCase(resident, server.baseUrl, {
      kind: 'question',
      category: /^Nước sạch/,
      area: 'Thôn Lạc Cầu',
      title: 'Khi nào thôn có nước sạch?',
      description: 'Xin hỏi bao giờ đường ống nước sạch được kéo về thôn Lạc Cầu và chi phí đấu nối là bao nhiêu?',
      privacy: 'handler_only',
      identity: { fullName: 'Đỗ Văn Hỏi', phone: uniquePhone() },
    }, { axe: true });
    await resident.goto(`${server.baseUrl}/tra-cuu?ma=${code.toLowerCase()}`);
    await resident.waitForURL(new RegExp(`/tra-cuu/${code}`));
    await expect(resident.locator('main').textContent()).resolves.toContain(code);
    await expectNoSeriousAxeViolations(resident);
    await resident.context().close();
  });

  it('an anonymous corruption report never asks for identity and stores none', async () => {
    const resident = await newPage(browser, { javaScriptEnabled: false });
    const { code, secretLink } = await fileCase(resident, server.baseUrl, {
      kind: 'corruption_report',
      category: /^Đất đai/,
      title: 'Thu tiền sai quy định khi làm sổ đỏ',
      description: 'Có người ở bộ phận một cửa đòi thêm tiền ngoài phí, lệ phí khi nhận hồ sơ cấp giấy chứng nhận.',
    }, { axe: false });
    expect(code).toMatch(/^[A-Z]+-\d{4}-[0-9A-Z]{5}$/);
    expect(secretLink).not.toBeNull();
    const row = (await server.handle.ctx.db.selectFrom('cases_items').select(['kind', 'privacy', 'submitter_name', 'submitter_email', 'submitter_phone', 'sealed_identity']).where('code', '=', code).executeTakeFirstOrThrow()) as Record<string, unknown>;
    expect(row).toMatchObject({ kind: 'corruption_report', privacy: 'anonymous', submitter_name: null, submitter_email: null, submitter_phone: null, sealed_identity: null });
    const publicView = await resident.request.get(`${server.baseUrl}/api/v1/cases/${code}`);
    expect(((await publicView.json()) as { title: string | null }).title).toBeNull();
    await resident.context().close();
  });
});
