import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/core/auth/index.js';
import { caseFact, caseTimeline, chooseQueueScope, currentQueueScope, expectNoSeriousAxeViolations, filterQueue, hasHorizontalScroll, launchBrowser, newPage, openCaseFromQueue, openQueue, queueCount, requireChromium, signInStaff, signInThroughPortal, startServer, takeCaseAction, type E2eServer } from './kit.js';

/*
 * Every cases page, looked at like a resident on a 360 px phone and an officer: axe (WCAG 2.2 AA,
 * no serious or critical issue) on each portal page of the submission flow (including steps shown
 * with their errors), the confirmation, the status and look-up pages, the public Q&A; no sideways
 * scrolling at 360 px on any of them; "Hồ sơ của tôi" reached from the header by a signed-in
 * resident; axe on the back office queue, a case and the staff intake.
 */
const ready = requireChromium();
const PHONE = { width: 360, height: 800 };
const ANSWER = 'UBND xã đã giao Phòng Kinh tế vá ổ gà trong tuần này.\nĐơn vị thi công đã được yêu cầu đặt biển cảnh báo ban đêm.';
const ECONOMY_UNIT = 'Phòng Kinh tế (đất đai, xây dựng, môi trường, giao thông)';

const currentStep = (page: Page) => page.locator('form input[name="_step"]').first().getAttribute('value');

async function expectPortalPageOk(page: Page, label: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  expect(await hasHorizontalScroll(page), `${label}: no horizontal scroll at 360 px`).toBe(false);
  await expectNoSeriousAxeViolations(page);
}

async function next(page: Page): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.locator('button[name="_action"][value="next"]').click()]);
  await page.waitForLoadState('load');
}

/** A path (with query) from a link the server may have made absolute with its public URL. */
const localPath = (link: string, baseUrl: string) => {
  const url = new URL(link, baseUrl);
  return `${url.pathname}${url.search}`;
};

describe.skipIf(!ready)('cases pages: accessibility and 360 px layout', () => {
  let server: E2eServer;
  let browser: Browser;
  let code = '';
  let secretPath: string | null = null;

  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the submission flow: every step (and steps with errors), then the confirmation page', async () => {
    const page = await newPage(browser, { viewport: PHONE });
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}/gui-phan-anh`);
    await expectPortalPageOk(page, 'step kind');

    // Continue without choosing: the same step, with the error summary and the field error.
    await next(page);
    expect(await currentStep(page)).toBe('kind');
    await expect(page.locator('.td-error-summary').count()).resolves.toBe(1);
    await expect(page.title()).resolves.toMatch(/^Lỗi:/);
    await expectPortalPageOk(page, 'step kind with errors');
    await page.locator('input[name="kind"][value="feedback"]').check({ force: true });
    await next(page);

    const seen: string[] = [];
    for (let guard = 0; guard < 10; guard += 1) {
      const step = (await currentStep(page)) ?? 'none';
      seen.push(step);
      await expectPortalPageOk(page, `step ${step}`);
      if (step === 'check') break;
      switch (step) {
        case 'category':
          await page.getByRole('radio', { name: /^Đường giao thông/ }).first().check({ force: true });
          break;
        case 'area':
          await page.locator('select[name="areaId"]').selectOption({ index: 1 });
          await page.locator('input[name="address"]').fill('Số 12, ngõ 3');
          break;
        case 'text':
          // Empty title and description first: the step with its errors.
          await next(page);
          expect(await currentStep(page)).toBe('text');
          await expect(page.locator('.td-error-summary a').count()).resolves.toBeGreaterThanOrEqual(2);
          await expectPortalPageOk(page, 'step text with errors');
          await page.locator('input[name="title"]').fill('Ổ gà lớn trên đường liên thôn gần cổng trường tiểu học');
          await page.locator('textarea[name="description"]').fill('Đoạn đường liên thôn gần cổng trường có ổ gà lớn, xe máy đi qua rất nguy hiểm vào buổi tối.\nĐề nghị xã cho vá sớm.');
          break;
        case 'privacy':
          await page.locator('input[name="privacy"][value="handler_only"]').check({ force: true });
          break;
        case 'identity':
          await page.locator('input[name="fullName"]').fill('Phạm Thị Thu');
          await page.locator('input[name="phone"]').fill('0912 345 111');
          await page.locator('input[name="email"]').fill('pham.thi.thu.mot.dia.chi.rat.dai@thu-dien-tu-cua-xa.example.vn');
          await page.locator('input[name="submitterAddress"]').fill('Số 3, tổ dân phố Như Quỳnh 1');
          break;
        default:
          throw new Error(`Unexpected wizard step ${step}`);
      }
      await next(page);
      if ((await currentStep(page)) === step) throw new Error(`The wizard stayed on "${step}": ${(await page.locator('.td-error-summary').allTextContents()).join(' | ')}`);
    }
    expect(seen).toEqual(expect.arrayContaining(['category', 'area', 'text', 'identity', 'check']));

    await Promise.all([page.waitForURL(/\/gui-phan-anh\/da-gui\//), page.locator('button[name="_action"][value="submit"]').click()]);
    code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    expect(code).toMatch(/^[A-Z]+-\d{4}-[0-9A-Z]{5}$/);
    const secret = await page.locator('.td-secret-link').getAttribute('href');
    secretPath = secret ? localPath(secret, server.baseUrl) : null;
    await expectPortalPageOk(page, 'confirmation');
    // The tracking code stays on one line in the panel at 360 px.
    const codeBox = await page.locator('.td-panel__code').boundingBox();
    expect(codeBox?.height ?? 0).toBeLessThan(60);
    await page.context().close();
  });

  it('the look-up form (plain and with an error) and the status page (public and for the submitter)', async () => {
    expect(code, 'the submission test ran first').not.toBe('');
    const page = await newPage(browser, { viewport: PHONE });
    await page.goto(`${server.baseUrl}/tra-cuu`);
    await expectPortalPageOk(page, 'look-up');
    await page.goto(`${server.baseUrl}/tra-cuu?ma=KHONG-CO`);
    await page.waitForLoadState('load');
    await expect(page.locator('.td-error-summary').count()).resolves.toBe(1);
    await expectPortalPageOk(page, 'look-up with an error');

    await page.goto(`${server.baseUrl}/tra-cuu/${encodeURIComponent(code)}`);
    await expect(page.locator('h1').textContent()).resolves.toContain(code);
    await expectPortalPageOk(page, 'status (public)');
    if (secretPath) {
      await page.goto(`${server.baseUrl}${secretPath}`);
      await expectPortalPageOk(page, 'status (submitter, secret link)');
      // The withdraw form sent empty: the status page shows its errors.
      const withdraw = page.locator('form[action$="/rut"]');
      await expect(withdraw.count()).resolves.toBe(1);
      await Promise.all([page.waitForLoadState('load'), withdraw.locator('button[type="submit"]').click()]);
      await page.waitForLoadState('load');
      await expect(page.locator('.td-error-summary').count()).resolves.toBe(1);
      await expectPortalPageOk(page, 'status with errors');
    }
    await page.context().close();
  });

  it('Hồ sơ của tôi: a signed-in resident follows the header link to what they sent (empty, then one case)', async () => {
    const page = await newPage(browser, { viewport: PHONE });
    page.setDefaultTimeout(15_000);
    await signInThroughPortal(page, server.baseUrl, '0912345678', DEMO_PASSWORD);
    const myCasesLink = page.locator('.td-nav a[href="/ho-so-cua-toi"]');
    await Promise.all([page.waitForURL(/\/ho-so-cua-toi$/), myCasesLink.click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Hồ sơ của tôi');
    await expect(myCasesLink.getAttribute('aria-current')).resolves.toBe('page');
    // Nothing sent while signed in yet: one line, with a link to send something.
    await expect(page.locator('main p[role="status"] a[href="/gui-phan-anh"]').count()).resolves.toBe(1);
    await expectPortalPageOk(page, 'my cases (empty)');

    // One case sent while signed in (the JSON API with this browser's session and CSRF token).
    const { csrfToken } = (await (await page.request.get(`${server.baseUrl}/api/v1/auth/session`)).json()) as { csrfToken: string };
    const categories = (await (await page.request.get(`${server.baseUrl}/api/v1/cases/categories`)).json()) as Array<{ id: string; code: string }>;
    const sent = await page.request.post(`${server.baseUrl}/api/v1/cases`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        kind: 'feedback',
        categoryId: categories.find((category) => category.code === 'ROADS')?.id,
        title: 'Cống thoát nước trước nhà văn hóa thôn bị tắc',
        description: 'Cống thoát nước trước nhà văn hóa bị tắc, mưa xuống nước tràn ra đường.',
        privacy: 'handler_only',
        submitter: { fullName: 'Nguyễn Thị Dân', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' },
      },
    });
    expect(sent.status(), await sent.text()).toBe(201);
    const mine = ((await sent.json()) as { code: string }).code;

    await page.reload();
    await expect(page.locator('main .td-card h2 a').allTextContents()).resolves.toEqual([mine]);
    await expect(page.locator('main .td-card').first().textContent()).resolves.toContain('Đã tiếp nhận');
    if (process.env.CASES_SHOTS) await page.screenshot({ path: `${process.env.CASES_SHOTS}/my-cases.png`, fullPage: true });
    await expectPortalPageOk(page, 'my cases (one case)');
    // Its code opens the status page, which knows the signed-in submitter (the withdraw form).
    await Promise.all([page.waitForURL(/\/tra-cuu\//), page.locator(`main .td-card h2 a`).first().click()]);
    await expect(page.locator('form[action$="/rut"]').count()).resolves.toBe(1);
    await page.context().close();
  });

  it('the back office: the queue (scope tabs and filters together), a case and the staff intake (with its errors)', async () => {
    const officer = await signInStaff(browser, server.baseUrl, 'canbo.kinhte@nhuquynh.demo', PHONE);
    // An officer's queue opens on his unit. Filtering keeps the tab he chose ("Việc của tôi")…
    await openQueue(officer);
    await expect(currentQueueScope(officer)).resolves.toBe('Bộ phận của tôi');
    await chooseQueueScope(officer, 'Việc của tôi');
    await filterQueue(officer, { status: 'Mọi tình trạng' });
    await expect(currentQueueScope(officer)).resolves.toBe('Việc của tôi');
    expect(new URL(officer.url()).searchParams.get('scope')).toBe('mine');
    const mine = await queueCount(officer);
    await expectNoSeriousAxeViolations(officer);
    // …and the tabs keep the filter: his unit's cases, still in every status, are more than his own.
    await chooseQueueScope(officer, 'Bộ phận của tôi');
    await expect(officer.getByRole('search', { name: 'Lọc danh sách' }).getByLabel('Tình trạng', { exact: true }).inputValue()).resolves.toBe('any');
    expect(new URL(officer.url()).searchParams.get('status')).toBe('any');
    const unitCount = await queueCount(officer);
    expect(unitCount).toBeGreaterThan(mine);
    // A category narrows the list and stays chosen; the address says which one (a link to share).
    await filterQueue(officer, { category: 'Đường giao thông' });
    const categoryField = officer.getByRole('search', { name: 'Lọc danh sách' }).getByLabel('Lĩnh vực', { exact: true });
    const roadsId = await categoryField.inputValue();
    expect(roadsId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new URL(officer.url()).searchParams.get('categoryId')).toBe(roadsId);
    await expect(queueCount(officer)).resolves.toBeLessThan(unitCount);
    await filterQueue(officer, { category: 'Tất cả' });

    await officer.locator('.td-table tbody th a').first().click();
    await officer.locator('.bo-facts').first().waitFor();
    await officer.locator('.bo-action').first().waitFor();
    await expectNoSeriousAxeViolations(officer);

    await officer.goto(`${server.baseUrl}/staff/cases/intake`);
    await officer.locator('main form button[type="submit"]').waitFor();
    await expectNoSeriousAxeViolations(officer);
    await officer.locator('main form button[type="submit"]').click();
    await officer.locator('.td-error-summary').waitFor();
    await expect.poll(() => officer.evaluate(() => document.activeElement?.classList.contains('td-error-summary'))).toBe(true);
    // Each link names its field, in the form's order; following one lands on that field.
    const summaryLinks = officer.locator('.td-error-summary a');
    await expect(summaryLinks.allTextContents()).resolves.toEqual(['Lĩnh vực: Vui lòng chọn lĩnh vực.', 'Tiêu đề: Nhập tiêu đề.', 'Nội dung: Nhập nội dung.']);
    await summaryLinks.nth(1).click();
    await expect(officer.evaluate(() => document.activeElement?.id)).resolves.toBe('intake-title');
    await expectNoSeriousAxeViolations(officer);

    // A letter that came in earlier: the moment is typed day first, in Vietnam time (the browser
    // may run in any time zone); a time that does not exist is refused before anything is sent.
    const enterLetter = async (category: string, title: string, options: { doubleClick?: boolean } = {}) => {
      await officer.locator('#intake-channel').selectOption('letter');
      await officer.locator('#intake-categoryId').selectOption({ label: category });
      await officer.locator('#intake-title').fill(title);
      await officer.locator('#intake-description').fill('Người dân gửi thư phản ánh, đề nghị xã kiểm tra và xử lý sớm.');
      await officer.locator('#intake-fullName').fill('Nguyễn Văn Thư');
      await officer.locator('#intake-phone').fill('0912345678');
      await officer.getByLabel('Địa chỉ của người dân').fill('Thôn Nhuận Đông, xã Như Quỳnh');
      await officer.locator('#intake-receivedAt').fill('24/11/2026 09:15');
      if (options.doubleClick) await officer.locator('main form button[type="submit"]').dblclick();
      else await officer.locator('main form button[type="submit"]').click();
      await officer.getByText('Mã tra cứu cho người dân:').waitFor();
      await expect(officer.locator('main').textContent()).resolves.toContain('Thời điểm người dân gửi: 24/11/2026 09:15');
      await expect(officer.locator('main').textContent()).resolves.toContain('Hạn trả lời: Thứ');
      await expectNoSeriousAxeViolations(officer);
    };
    await officer.locator('#intake-receivedAt').fill('31/11/2026 09:15');
    await officer.locator('main form button[type="submit"]').click();
    // The summary is already on screen from the empty submit: wait for it to change.
    await expect.poll(() => summaryLinks.allTextContents()).toEqual(['Thời điểm người dân gửi (để trống nếu là bây giờ): Nhập thời điểm theo dạng ngày/tháng/năm giờ:phút, ví dụ 26/11/2026 14:30.']);
    // A letter for another unit (health goes to the culture and society section): the officer is told where it went, with no
    // link to a case their role does not let them open.
    await enterLetter('Trạm y tế', 'Thư phản ánh giờ mở cửa trạm y tế');
    await expect(officer.locator('main').textContent()).resolves.toContain('Đã chuyển đến: Phòng Văn hóa – Xã hội (y tế, giáo dục, an sinh).');
    await expect(officer.getByRole('link', { name: 'Mở việc vừa nhập' }).count()).resolves.toBe(0);
    await expect(officer.locator('main').textContent()).resolves.toContain('thuộc đơn vị khác');
    // One for their own unit (roads): they can open it, and it keeps the moment the letter came in.
    await officer.getByRole('button', { name: 'Nhập việc khác' }).click();
    // A double click files it once.
    await enterLetter('Đường giao thông', 'Thư phản ánh đèn đường hỏng', { doubleClick: true });
    const filed = (await (await officer.request.get(`${server.baseUrl}/api/v1/cases?q=${encodeURIComponent('Thư phản ánh đèn đường hỏng')}`)).json()) as { items: unknown[] };
    expect(filed.items).toHaveLength(1);
    await officer.getByRole('link', { name: 'Mở việc vừa nhập' }).click();
    await expect(officer.locator('.bo-facts').first().textContent()).resolves.toContain('24/11/2026 09:15');
    await officer.context().close();

    // The chairman's queue opens on every case (his own unit is the leadership, which handles none);
    // he sees more actions on a case (assign, refuse, direct…): the detail page again.
    const chairman = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo', PHONE);
    await openQueue(chairman);
    await expect(currentQueueScope(chairman)).resolves.toBe('Tất cả');
    await expect(queueCount(chairman)).resolves.toBeGreaterThan(0);
    await expect(chairman.locator('.td-table tbody tr').count()).resolves.toBeGreaterThan(0);
    await expectNoSeriousAxeViolations(chairman);
    await chairman.locator('.td-table tbody th a').first().click();
    await chairman.locator('.bo-action').first().waitFor();
    await expectNoSeriousAxeViolations(chairman);
    await chairman.context().close();
  });

  it('an answered case: the status page with the answer, and the public Q&A page with it published', async () => {
    expect(code, 'the submission test ran first').not.toBe('');
    // Handled in the back office on a phone, the way staff do it: officer, chairman, officer, chairman.
    const officer = await signInStaff(browser, server.baseUrl, 'canbo.kinhte@nhuquynh.demo', PHONE);
    const leader = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo', PHONE);
    await openCaseFromQueue(officer, code);
    await takeCaseAction(officer, 'Thụ lý', { status: 'Đã thụ lý', announces: 'Đã thụ lý hồ sơ.' });
    await expectNoSeriousAxeViolations(officer);
    await openCaseFromQueue(leader, code);
    await takeCaseAction(leader, 'Giao xử lý', { status: 'Đã giao xử lý', announces: `Đã giao xử lý cho ${ECONOMY_UNIT}.` }, async (form) => {
      await form.getByLabel('Bộ phận xử lý').selectOption({ label: ECONOMY_UNIT });
    });
    await expect(caseFact(leader, 'Cán bộ được giao').textContent()).resolves.toBe('Chưa giao cho cán bộ cụ thể');
    await openCaseFromQueue(officer, code);
    // Starting work on a case given to the unit makes the officer its handler, by name.
    await takeCaseAction(officer, 'Bắt đầu xử lý', { status: 'Đang xử lý', announces: 'Đã bắt đầu xử lý hồ sơ.' });
    await expect(caseFact(officer, 'Cán bộ được giao').textContent()).resolves.toBe('Lê Văn Địa (Phòng Kinh tế)');
    expect(await hasHorizontalScroll(officer), 'case page: no horizontal scroll at 360 px').toBe(false);
    await takeCaseAction(officer, 'Soạn câu trả lời', { status: 'Đang chuẩn bị trả lời', announces: 'Đã lưu dự thảo câu trả lời, chờ lãnh đạo duyệt.' }, (form) => form.getByLabel('Nội dung trả lời').fill(ANSWER));
    await expect(caseTimeline(officer).last().textContent()).resolves.toMatch(/— Đã soạn dự thảo câu trả lời Nội bộ/);
    await openCaseFromQueue(leader, code);
    await takeCaseAction(leader, 'Duyệt câu trả lời', { status: 'Đã duyệt câu trả lời', announces: 'Đã duyệt câu trả lời.' });
    await expect(caseTimeline(leader).last().textContent()).resolves.toMatch(/— Lãnh đạo đã duyệt câu trả lời Nội bộ/);
    await expectNoSeriousAxeViolations(leader);
    await takeCaseAction(leader, 'Công bố câu trả lời', { status: 'Đã trả lời', announces: 'Đã công bố câu trả lời.' });

    // The chairman publishes it as Q&A: the page proposes redacted texts and insists on the confirmation.
    await leader.getByRole('link', { name: 'Đăng câu hỏi và câu trả lời lên trang Hỏi đáp' }).click();
    await leader.getByRole('heading', { level: 1, name: 'Đăng lên Hỏi đáp' }).waitFor();
    const question = leader.getByLabel('Câu hỏi', { exact: true });
    await expect(question.inputValue()).resolves.toContain('Ổ gà lớn trên đường liên thôn');
    await expect(leader.getByLabel('Trả lời', { exact: true }).inputValue()).resolves.toBe(ANSWER);
    await expectNoSeriousAxeViolations(leader);
    // A name the detector cannot know is marked by hand, typed without diacritics: found in the
    // original (highlighted) and removed from the text to publish as it stands.
    await leader.getByLabel('Tên người khác cần che').fill('lien thon');
    await leader.getByRole('button', { name: 'Tìm và che các tên này' }).click();
    await leader.getByText(/^Đã tìm lại: \d+ chỗ được đánh dấu\.$/).waitFor();
    await expect.poll(() => question.inputValue()).toContain('Ổ gà lớn trên đường [đã che] gần cổng trường tiểu học');
    await expect(leader.locator('mark.bo-pii', { hasText: 'liên thôn' }).count()).resolves.toBeGreaterThanOrEqual(2);
    await question.fill((await question.inputValue()).replace('gần cổng trường tiểu học', 'gần trường học'));
    // Point 8: a number typed into the text to publish is found again; publishing waits until it is removed or kept.
    const answerField = leader.getByLabel('Trả lời', { exact: true });
    await answerField.fill(`${ANSWER} Cần hỗ trợ gọi đường dây nóng của xã 0221 3987 654.`);
    await leader.getByRole('group', { name: /^Vẫn còn 1 mục có thể là thông tin cá nhân/ }).waitFor();
    await leader.getByRole('button', { name: 'Đăng công khai' }).click();
    await leader.getByText('Hãy che hoặc xác nhận giữ lại từng mục còn lại.').waitFor();
    await leader.getByLabel('Giữ lại "0221 3987 654" (số điện thoại): không phải thông tin cá nhân').check();
    await leader.getByRole('button', { name: 'Đăng công khai' }).click();
    await leader.getByText('Hãy đánh dấu xác nhận trước khi đăng.').waitFor();
    await leader.getByLabel(/^Tôi đã đọc lại và xác nhận/).check();
    // A double click publishes once (one audit row).
    await leader.getByRole('button', { name: 'Đăng công khai' }).dblclick();

    // Back on the answered case (answer text, Q&A published, history).
    await leader.getByText(/^Đã đăng lên Hỏi đáp ngày /).waitFor();
    const caseId = new URL(leader.url()).pathname.split('/').pop()!;
    // The audit log is read by the supervisors (and admins), not by the leaders it records.
    const front = await signInStaff(browser, server.baseUrl, 'mttq@nhuquynh.demo', PHONE);
    const published = await front.request.get(`${server.baseUrl}/api/v1/admin/audit?action=cases.qa.published&entityId=${caseId}`);
    expect(published.status()).toBe(200);
    expect(((await published.json()) as { items: unknown[] }).items).toHaveLength(1);
    await front.context().close();
    await expect(caseFact(leader, 'Tình trạng').textContent()).resolves.toMatch(/^Đã trả lời/);
    await expect(leader.getByRole('region', { name: 'Câu trả lời', exact: true }).textContent()).resolves.toContain('vá ổ gà');
    await expectNoSeriousAxeViolations(leader);
    for (const staff of [officer, leader]) await staff.context().close();

    const page = await newPage(browser, { viewport: PHONE });
    await page.goto(`${server.baseUrl}${secretPath ?? `/tra-cuu/${encodeURIComponent(code)}`}`);
    if (process.env.CASES_SHOTS) await page.screenshot({ path: `${process.env.CASES_SHOTS}/answered-status.png`, fullPage: true });
    await expect(page.locator('main').textContent()).resolves.toContain('vá ổ gà');
    await expectPortalPageOk(page, 'status with the answer');

    await page.goto(`${server.baseUrl}/hoi-dap`);
    await expect(page.locator('.td-qa').count()).resolves.toBeGreaterThanOrEqual(1);
    await expect(page.locator('main').textContent()).resolves.toContain('gần trường học');
    if (process.env.CASES_SHOTS) await page.screenshot({ path: `${process.env.CASES_SHOTS}/qa.png`, fullPage: true });
    await expectPortalPageOk(page, 'Q&A');
    await page.goto(`${server.baseUrl}/hoi-dap?q=${encodeURIComponent('không có kết quả nào như thế này')}`);
    await expectPortalPageOk(page, 'Q&A, no results');
    await page.context().close();
  });
});
