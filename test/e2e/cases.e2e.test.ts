import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/core/auth/index.js';
import { startTestSmtpServer, type TestSmtpServer } from '../kit/smtp.js';
import { caseFact, caseTimeline, currentQueueScope, expectNoSeriousAxeViolations, expectNoSeriousAxeViolationsWithoutJs, launchBrowser, newPage, openCaseFromQueue, openQueue, queueCount, requireChromium, signInThroughPortal, startServer, takeCaseAction, uniquePhone, type E2eServer } from './kit.js';

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
  /** With JavaScript on: the title of an open case the text step must suggest following instead. */
  similarTo?: string;
}

const ECONOMY_UNIT = 'Phòng Kinh tế (đất đai, xây dựng, môi trường, giao thông)';
const OFFICER_NAME = 'Lê Văn Địa (Phòng Kinh tế)';
const DRAFT = 'UBND xã đã giao Phòng Kinh tế vá ổ gà.';
const ANSWER = 'UBND xã đã giao Phòng Kinh tế vá ổ gà trong tuần này; đơn vị thi công đã được yêu cầu đặt biển cảnh báo.';

const currentStep = (page: Page) => page.locator('form input[name="_step"]').first().getAttribute('value');

/** Walk the submission wizard (works with JavaScript on or off); returns the tracking code and the secret link. */
async function fileCase(page: Page, baseUrl: string, form: CaseForm, options: { axe: 'scripts-on' | 'scripts-off' | false }): Promise<{ code: string; secretLink: string | null }> {
  page.setDefaultTimeout(15_000);
  // axe runs as a script: a JavaScript-off page is checked as the HTML it holds, served again to a context where axe may run.
  const checkAccessibility = () => (options.axe === 'scripts-on' ? expectNoSeriousAxeViolations(page) : options.axe === 'scripts-off' ? expectNoSeriousAxeViolationsWithoutJs(page) : Promise.resolve());
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
        if (form.similarTo) {
          // The similar-cases island: open cases of the same hamlet and category, each with "follow".
          const similar = page.locator('#similar-cases');
          await similar.waitFor({ state: 'visible' });
          await expect(similar.textContent()).resolves.toContain(form.similarTo);
          const follow = similar.getByRole('link', { name: new RegExp(form.similarTo) }).first();
          await expect(follow.getAttribute('href')).resolves.toMatch(/^\/tra-cuu\/[A-Z]+-\d{4}-[0-9A-Z]{5}#theo-doi$/);
          await checkAccessibility();
        }
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

async function signInStaff(browser: Browser, baseUrl: string, email: string): Promise<Page> {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
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

  it('JavaScript off: a resident files feedback; officer accepts and drafts; leader approves and publishes; the resident is e-mailed, rates and reopens', async () => {
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
    }, { axe: 'scripts-off' });
    expect(code).toMatch(/^[A-Z]+-\d{4}-[0-9A-Z]{5}$/);
    expect(secretLink).not.toBeNull();
    await resident.goto(`${server.baseUrl}${secretLink!}`);
    await expect(resident.locator('main').textContent()).resolves.toContain(code);

    // The economy office's officer finds the case in the back office queue (his unit's, by default) and accepts it.
    const officer = await signInStaff(browser, server.baseUrl, 'canbo.kinhte@nhuquynh.demo');
    await openQueue(officer);
    await expect(currentQueueScope(officer)).resolves.toBe('Bộ phận của tôi');
    await openCaseFromQueue(officer, code);
    await expect(caseFact(officer, 'Tình trạng').textContent()).resolves.toMatch(/^Đã tiếp nhận/);
    await expect(caseFact(officer, 'Bộ phận xử lý').textContent()).resolves.toBe(ECONOMY_UNIT);
    await expect(caseFact(officer, 'Cán bộ được giao').textContent()).resolves.toBe('Chưa giao cho cán bộ cụ thể');
    await takeCaseAction(officer, 'Thụ lý', { status: 'Đã thụ lý', announces: 'Đã thụ lý hồ sơ.' });
    await expect(caseTimeline(officer).last().textContent()).resolves.toContain('Đã thụ lý');

    // The chairman's queue opens on every case of the commune; he assigns this one to the economy office and to that officer by name.
    const leader = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    await openQueue(leader);
    await expect(currentQueueScope(leader)).resolves.toBe('Tất cả');
    await expect(queueCount(leader)).resolves.toBeGreaterThan(0);
    await openCaseFromQueue(leader, code);
    await expect(caseFact(leader, 'Tình trạng').textContent()).resolves.toMatch(/^Đã thụ lý/);
    await takeCaseAction(leader, 'Giao xử lý', { status: 'Đã giao xử lý', announces: `Đã giao xử lý cho ${ECONOMY_UNIT}, cán bộ ${OFFICER_NAME}.` }, async (form) => {
      await form.getByLabel('Bộ phận xử lý').selectOption({ label: ECONOMY_UNIT });
      const officerSelect = form.getByLabel(/^Cán bộ được giao/);
      await officerSelect.locator('option', { hasText: OFFICER_NAME }).waitFor({ state: 'attached' });
      await officerSelect.selectOption({ label: OFFICER_NAME });
    });
    await expect(caseFact(leader, 'Bộ phận xử lý').textContent()).resolves.toBe(ECONOMY_UNIT);
    await expect(caseFact(leader, 'Cán bộ được giao').textContent()).resolves.toBe(OFFICER_NAME);
    await expect(caseTimeline(leader).last().textContent()).resolves.toContain('Đã giao xử lý');

    // Assigned by name, the case is now in the officer's own queue: open it there (the filter keeps that tab), start work, draft the answer.
    await openCaseFromQueue(officer, code, { scope: 'Việc của tôi' });
    await expect(caseFact(officer, 'Tình trạng').textContent()).resolves.toMatch(/^Đã giao xử lý/);
    await expect(caseFact(officer, 'Cán bộ được giao').textContent()).resolves.toBe(OFFICER_NAME);
    await takeCaseAction(officer, 'Bắt đầu xử lý', { status: 'Đang xử lý', announces: 'Đã bắt đầu xử lý hồ sơ.' });
    await expect(caseTimeline(officer).last().textContent()).resolves.toContain('Bắt đầu xử lý');
    const entriesBeforeDraft = await caseTimeline(officer).count();
    await takeCaseAction(officer, 'Soạn câu trả lời', { status: 'Đang chuẩn bị trả lời', announces: 'Đã lưu dự thảo câu trả lời, chờ lãnh đạo duyệt.' }, (form) => form.getByLabel('Nội dung trả lời').fill(DRAFT));
    // The draft is an internal step: one more timeline entry, named and marked internal.
    await expect(caseTimeline(officer).count()).resolves.toBe(entriesBeforeDraft + 1);
    await expect(caseTimeline(officer).last().textContent()).resolves.toMatch(/— Đã soạn dự thảo câu trả lời Nội bộ/);
    const answer = officer.getByRole('region', { name: 'Câu trả lời', exact: true });
    await expect(answer.textContent()).resolves.toContain('Bản dự thảo (chưa công bố)');
    await expect(answer.textContent()).resolves.toContain(DRAFT);

    // The chairman reads the draft and returns it with a reason; the officer redrafts.
    await openCaseFromQueue(leader, code);
    await expect(caseFact(leader, 'Tình trạng').textContent()).resolves.toMatch(/^Đang chuẩn bị trả lời/);
    await takeCaseAction(leader, 'Trả lại dự thảo', { status: 'Đang xử lý', announces: 'Đã trả lại dự thảo cho cán bộ xử lý.' }, (form) => form.getByLabel('Lý do').fill('Cần nói rõ thời gian vá và biển cảnh báo.'));
    await expect(caseTimeline(leader).last().textContent()).resolves.toMatch(/— Lãnh đạo trả lại dự thảo Nội bộ/);
    await openCaseFromQueue(officer, code, { scope: 'Việc của tôi' });
    await takeCaseAction(officer, 'Soạn câu trả lời', { status: 'Đang chuẩn bị trả lời', announces: 'Đã lưu dự thảo câu trả lời, chờ lãnh đạo duyệt.' }, async (form) => {
      await expect(form.getByLabel('Nội dung trả lời').inputValue()).resolves.toBe(DRAFT);
      await form.getByLabel('Nội dung trả lời').fill(ANSWER);
    });

    // The chairman approves the new draft and publishes the answer.
    await openCaseFromQueue(leader, code);
    await expect(leader.getByRole('region', { name: 'Câu trả lời', exact: true }).textContent()).resolves.toContain(ANSWER);
    await takeCaseAction(leader, 'Duyệt câu trả lời', { status: 'Đã duyệt câu trả lời', announces: 'Đã duyệt câu trả lời.' });
    await expect(caseTimeline(leader).last().textContent()).resolves.toMatch(/— Lãnh đạo đã duyệt câu trả lời Nội bộ/);
    await takeCaseAction(leader, 'Công bố câu trả lời', { status: 'Đã trả lời', announces: 'Đã công bố câu trả lời.' });
    await expect(caseTimeline(leader).last().textContent()).resolves.toContain('Đã trả lời');
    await expect(leader.getByRole('region', { name: 'Câu trả lời', exact: true }).textContent()).resolves.not.toContain('Bản dự thảo');
    // No timeline entry of the whole journey falls back to the neutral "Cập nhật".
    await expect(caseTimeline(leader).allTextContents()).resolves.not.toEqual(expect.arrayContaining([expect.stringContaining('— Cập nhật')]));

    // The resident is told by e-mail (real SMTP), then rates the answer on the status page.
    const mail = await smtp.waitFor((message) => message.to.includes(email) && `${message.subject}\n${message.text}`.includes(code), 30_000);
    expect(mail.text).toContain(code);
    await resident.goto(`${server.baseUrl}${secretLink!}`);
    await expect(resident.locator('main').textContent()).resolves.toContain('vá ổ gà');
    const rateForm = resident.locator('form[action*="danh-gia"]');
    await rateForm.locator('input[name="score"][value="5"]').check({ force: true });
    await rateForm.locator('textarea[name="comment"]').fill('Xã xử lý nhanh, cảm ơn.');
    await Promise.all([resident.waitForURL(/xong=rated/), rateForm.locator('button[type="submit"]').click()]);

    // The chairman sees the rating on the case, now closed.
    await openCaseFromQueue(leader, code);
    await expect(caseFact(leader, 'Tình trạng').textContent()).resolves.toMatch(/^Đã kết thúc/);
    await expect(caseFact(leader, 'Đánh giá của người gửi').textContent()).resolves.toBe('5/5 — Xã xử lý nhanh, cảm ơn.');
    await expect(caseTimeline(leader).last().textContent()).resolves.toContain('Người gửi đã đánh giá');

    // The resident reopens it: the rating is kept for the staff, and a new deadline is counted from today, said on both pages.
    await resident.goto(`${server.baseUrl}${secretLink!}`);
    const reopenForm = resident.locator('form[action*="mo-lai"]');
    await reopenForm.locator('textarea[name="reason"]').fill('Sau mưa ổ gà lại xuất hiện.');
    await Promise.all([resident.waitForURL(/xong=reopened/), reopenForm.locator('button[type="submit"]').click()]);
    await expect(resident.locator('main').textContent()).resolves.toContain('thời hạn được tính lại từ ngày mở lại');
    await openCaseFromQueue(leader, code);
    await expect(caseFact(leader, 'Tình trạng').textContent()).resolves.toMatch(/^Đã mở lại/);
    await expect(caseFact(leader, 'Đánh giá trước khi mở lại').textContent()).resolves.toBe('5/5 — Xã xử lý nhanh, cảm ơn.');
    await expect(caseFact(leader, 'Đánh giá của người gửi').count()).resolves.toBe(0);
    await expect(leader.locator('main').textContent()).resolves.toContain('thời hạn được tính lại từ ngày mở lại');
    for (const page of [resident, officer, leader]) await page.context().close();
  });

  it('JavaScript on: a resident is offered a similar open case to follow while writing, files a question and finds it on the status page', async () => {
    const resident = await newPage(browser, { javaScriptEnabled: true });
    const { code } = await fileCase(resident, server.baseUrl, {
      kind: 'question',
      category: /^Đường giao thông/,
      area: 'Tổ dân phố Như Quỳnh 1',
      title: 'Khi nào vá ổ gà đường liên thôn?',
      description: 'Xin hỏi bao giờ xã vá các ổ gà trên đường liên thôn gần nhà văn hóa tổ dân phố?',
      privacy: 'handler_only',
      identity: { fullName: 'Đỗ Văn Hỏi', phone: uniquePhone() },
      // The demo's open case in that hamlet and category (src/modules/cases/server/demo.ts).
      similarTo: 'Ổ gà lớn trên đường liên thôn',
    }, { axe: 'scripts-on' });
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
    }, { axe: 'scripts-off' });
    expect(code).toMatch(/^[A-Z]+-\d{4}-[0-9A-Z]{5}$/);
    expect(secretLink).not.toBeNull();
    const row = (await server.handle.ctx.db.selectFrom('cases_items').select(['kind', 'privacy', 'submitter_name', 'submitter_email', 'submitter_phone', 'sealed_identity']).where('code', '=', code).executeTakeFirstOrThrow()) as Record<string, unknown>;
    expect(row).toMatchObject({ kind: 'corruption_report', privacy: 'anonymous', submitter_name: null, submitter_email: null, submitter_phone: null, sealed_identity: null });
    const publicView = await resident.request.get(`${server.baseUrl}/api/v1/cases/${code}`);
    expect(((await publicView.json()) as { title: string | null }).title).toBeNull();
    await resident.context().close();
  });
});
