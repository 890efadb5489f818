import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findAuditRows } from '../../src/core/audit/audit-log.js';
import { DEMO_PASSWORD } from '../../src/core/auth/index.js';
import { toLocalDate } from '../../src/core/calendar/local-date.js';
import { findCommunes } from '../../src/core/tenancy/index.js';
import { type E2eServer, expectNoSeriousAxeViolations, hasHorizontalScroll, newPage, requireChromium, signInThroughPortal, withDemoServerAndBrowser } from './kit.js';

/*
 * The case indicators page ("Chỉ số giải quyết phản ánh, kiến nghị"): the chairman opens it from the
 * navigation (officers get no link), reads this year to date, groups by category and by PAPI
 * dimension and sees names (never ids) and Vietnamese figures, downloads the same table as CSV
 * (audited), and gets a named error for a date he cannot have meant. Axe on desktop and at 360 px.
 */
const ready = requireChromium();
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 800 };
const TITLE = 'Chỉ số giải quyết phản ánh, kiến nghị';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;

describe.skipIf(!ready)('back office case indicators', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  async function signIn(email: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await newPage(browser, { viewport });
    page.setDefaultTimeout(15_000);
    await signInThroughPortal(page, server.baseUrl, email, DEMO_PASSWORD);
    await page.waitForURL(/\/staff\//);
    return page;
  }

  const navigation = (page: Page) => page.getByRole('navigation', { name: 'Danh mục chính' });
  const results = (page: Page) => page.getByRole('region', { name: 'Bảng chỉ số giải quyết' }).getByRole('table');
  /** The row headers of the indicators table, once its caption names the grouping. */
  async function rowNames(page: Page, grouping: RegExp): Promise<string[]> {
    await results(page).locator('caption').filter({ hasText: grouping }).waitFor();
    return results(page).locator('tbody th[scope="row"]').allTextContents();
  }

  it('a leader opens it from the navigation, groups it, sees names and Vietnamese figures, downloads the CSV (audited)', async () => {
    const page = await signIn('chutich@nhuquynh.demo', DESKTOP);
    await navigation(page).getByRole('link', { name: 'Chỉ số giải quyết', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expect.poll(() => page.title()).toContain(TITLE);

    // This year to date by default, marked among the quick choices.
    const today = toLocalDate(new Date());
    const [year, month, day] = today.split('-');
    await page.getByRole('navigation', { name: 'Chọn nhanh kỳ' }).getByRole('link', { name: 'Năm nay (đang xem)' }).waitFor();
    await expect(page.getByLabel('Từ ngày').inputValue()).resolves.toBe(`01/01/${year}`);
    await expect(page.getByLabel('Đến ngày').inputValue()).resolves.toBe(`${day}/${month}/${year}`);
    await expect(rowNames(page, /toàn xã$/)).resolves.toEqual(['Toàn xã']);
    const overall = results(page).getByRole('row', { name: /^Toàn xã/ });
    expect(Number(await overall.locator('td').first().textContent())).toBeGreaterThan(0);
    await expectNoSeriousAxeViolations(page);

    // Grouped by category: category names in Vietnamese, never ids; figures with a decimal comma.
    await page.getByLabel('Nhóm theo').selectOption({ label: 'Lĩnh vực' });
    await page.getByRole('button', { name: 'Xem chỉ số' }).click();
    await page.waitForURL(/groupBy=category/);
    const categories = await rowNames(page, /nhóm theo lĩnh vực$/);
    expect(categories).toEqual(expect.arrayContaining(['Thu gom rác thải', 'Đường giao thông', 'Trạm y tế', 'Thái độ, tác phong cán bộ', 'Toàn xã']));
    expect(categories.some((name) => UUID.test(name))).toBe(false);
    const rates = await results(page).locator('tbody tr td:nth-of-type(6)').allTextContents();
    for (const rate of rates) expect(rate).toMatch(/^(\d{1,3}(,\d)? %|—không có số liệu)$/);

    // Grouped by PAPI dimension: the framework's names.
    await page.getByLabel('Nhóm theo').selectOption({ label: 'Chiều PAPI' });
    await page.getByRole('button', { name: 'Xem chỉ số' }).click();
    const dimensions = await rowNames(page, /nhóm theo chiều papi$/);
    expect(dimensions).toEqual(expect.arrayContaining(['D6 – Cung ứng dịch vụ công', 'D4 – Kiểm soát tham nhũng', 'Toàn xã']));
    await page.locator('details summary', { hasText: 'Số hồ sơ theo tình trạng và theo loại' }).click();
    await page.getByRole('table', { name: 'Số hồ sơ theo loại (toàn xã)' }).getByRole('rowheader', { name: 'Phản ánh, kiến nghị' }).waitFor();
    await expectNoSeriousAxeViolations(page);

    // The CSV: the same table with the same filters, UTF-8 with BOM, Vietnamese header; audited.
    const { ctx } = server.handle;
    const communeId = (await findCommunes(ctx.db))[0]!.id;
    const exportsBefore = (await findAuditRows(ctx.db, { communeId, action: 'cases.indicators.exported', limit: 50, offset: 0 })).length;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`chi-so-phan-anh-${year}-01-01-${today}.csv`);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Chiều PAPI,Tổng số hồ sơ,Đã trả lời đúng hạn,Đã trả lời quá hạn,"Đang giải quyết, còn hạn","Đang giải quyết, quá hạn",Tỷ lệ đúng hạn (%),Số ngày trả lời (trung vị),Tỷ lệ mở lại (%),Đánh giá trung bình (1–5)');
    expect(lines.some((line) => line.startsWith('D6 – Cung ứng dịch vụ công,'))).toBe(true);
    expect(lines.filter(Boolean).at(-1)).toMatch(/^Toàn xã,\d+,/);
    const exportsAfter = await findAuditRows(ctx.db, { communeId, action: 'cases.indicators.exported', limit: 50, offset: 0 });
    expect(exportsAfter.length).toBe(exportsBefore + 1);
    expect(JSON.parse(exportsAfter[0]!.details)).toMatchObject({ groupBy: 'dimension', lang: 'vi', from: `${year}-01-01`, to: today });

    // A quick choice keeps the grouping.
    await page.getByRole('navigation', { name: 'Chọn nhanh kỳ' }).getByRole('link', { name: 'Năm trước' }).click();
    await page.waitForURL(new RegExp(`from=${Number(year) - 1}-01-01&to=${Number(year) - 1}-12-31&groupBy=dimension`));
    await expect(page.getByLabel('Đến ngày').inputValue()).resolves.toBe(`31/12/${Number(year) - 1}`);
    await page.context().close();
  }, 120_000);

  it('names a date it cannot read, and shows the API\'s refusal of a period that ends before it starts', async () => {
    const page = await signIn('chutich@nhuquynh.demo', DESKTOP);
    await page.goto(`${server.baseUrl}/staff/cases/indicators`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await results(page).waitFor();

    await page.getByLabel('Từ ngày').fill('31/02/2026');
    await page.getByRole('button', { name: 'Xem chỉ số' }).click();
    await expect.poll(() => page.locator('.td-error-summary a').allTextContents()).toEqual(['Từ ngày: Nhập ngày theo dạng ngày/tháng/năm, ví dụ 01/01/2026.']);
    await expect(page.evaluate(() => document.activeElement?.classList.contains('td-error-summary'))).resolves.toBe(true);
    // What was typed stays.
    await expect(page.getByLabel('Từ ngày').inputValue()).resolves.toBe('31/02/2026');

    await page.getByLabel('Từ ngày').fill('30/11/2026');
    await page.getByLabel('Đến ngày').fill('01/11/2026');
    await page.getByRole('button', { name: 'Xem chỉ số' }).click();
    await expect.poll(() => page.locator('.td-error-summary a').allTextContents()).toEqual(['Đến ngày: Ngày kết thúc phải cùng hoặc sau ngày bắt đầu.']);
    await expect(page.getByLabel('Đến ngày').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Đến ngày').inputValue()).resolves.toBe('01/11/2026');
    await expect(results(page).count()).resolves.toBe(0);
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  }, 60_000);

  it('fits a 360 px phone (the table scrolls in its own box) with no serious accessibility violation', async () => {
    const page = await signIn('chutich@nhuquynh.demo', PHONE);
    await page.goto(`${server.baseUrl}/staff/cases/indicators?groupBy=unit`);
    await rowNames(page, /nhóm theo đơn vị xử lý$/);
    await page.evaluate(() => document.fonts.ready);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  }, 60_000);

  it('is not offered to an officer (least privilege: cases.indicators is for leaders, supervisors, higher levels, admins)', async () => {
    const page = await signIn('canbo.kinhte@nhuquynh.demo', DESKTOP);
    await navigation(page).getByRole('link', { name: 'Phản ánh, kiến nghị', exact: true }).waitFor();
    await expect(navigation(page).getByRole('link', { name: 'Chỉ số giải quyết' }).count()).resolves.toBe(0);
    await page.goto(`${server.baseUrl}/staff/cases/indicators`);
    await page.getByRole('heading', { level: 1, name: 'Bạn chưa có quyền vào trang này' }).waitFor();
    await expect(results(page).count()).resolves.toBe(0);
    await page.context().close();
  }, 60_000);
});
