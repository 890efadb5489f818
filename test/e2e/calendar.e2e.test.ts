import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createStaffAccount, type E2eServer, expectNoSeriousAxeViolations, newPage, requireChromium, signInThroughPortal, withDemoServerAndBrowser } from './kit.js';

/*
 * The working calendar page of the back office ("Lịch làm việc"): an admin records a make-up
 * working day on a Saturday (after the server refused one on a Wednesday, LAW-BASE-10), sees it in
 * the list and in the API, corrects its note ("Đã cập nhật"), then deletes it.
 */
const ready = requireChromium();
const PASSWORD = 'mot cau de nho 2027';
const ADMIN = { email: 'quantri.lich@e2e.tiengdan.vn', displayName: 'Trần Thị Lịch' };
const desktop = { width: 1280, height: 900 };
/** A Saturday. */
const SATURDAY = '2027-03-13';
/** An ordinary Wednesday: already a working day, so no make-up day can go there. */
const WEDNESDAY = '2027-03-10';

describe.skipIf(!ready)('back office working calendar', () => {
  let server: E2eServer;
  let browser: Browser;

  withDemoServerAndBrowser(async (started) => {
    ({ server, browser } = started);
    await createStaffAccount(server, { ...ADMIN, password: PASSWORD, role: 'admin' });
  });

  async function openCalendar(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await newPage(browser, viewport ? { viewport } : {});
    await signInThroughPortal(page, server.baseUrl, ADMIN.email, PASSWORD);
    await page.waitForURL(`${server.baseUrl}/staff/`);
    // On a phone the menu may be folded away: go straight to the page there.
    if (viewport) await page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Lịch làm việc' }).click();
    else await page.goto(`${server.baseUrl}/staff/admin/calendar`);
    await page.waitForURL(`${server.baseUrl}/staff/admin/calendar`);
    await page.getByRole('heading', { level: 1, name: 'Lịch làm việc' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('.bo-loading'));
    return page;
  }

  const listOverrides = async (page: Page) => (await (await page.request.get(`${server.baseUrl}/api/v1/admin/calendar/overrides`)).json()) as Array<{ date: string; kind: string; note: string }>;

  it('an admin adds a make-up working day on a Saturday (not on a Wednesday), sees it listed and in the API, updates it, then deletes it', async () => {
    const page = await openCalendar(desktop);
    await expect(page.locator('main').textContent()).resolves.toContain('tự tính');

    // Nothing filled in: the contract schema, run in the browser, stops the request.
    await page.getByRole('button', { name: 'Thêm ngày' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Có lỗi cần sửa');
    await expect(page.evaluate(() => document.activeElement?.classList.contains('td-error-summary'))).resolves.toBe(true);
    await expect(page.locator('#field-date-error').textContent()).resolves.toContain('Vui lòng nhập');
    await expect(page.locator('#field-kind-error').textContent()).resolves.toContain('Vui lòng');
    await expect(page.locator('#field-note-error').textContent()).resolves.toContain('Vui lòng nhập');
    await expectNoSeriousAxeViolations(page);

    // Dates are typed day first, as everywhere in Vietnam; a date that does not exist is named as such.
    await page.getByLabel('Ngày', { exact: true }).fill('31/02/2027');
    await page.getByLabel('Làm bù', { exact: true }).check();
    await page.getByLabel('Ghi chú').fill('Làm bù cho ngày nghỉ hoán đổi');
    await page.getByRole('button', { name: 'Thêm ngày' }).click();
    // The field already shows the earlier "required" error: wait for it to change.
    await page.locator('#field-date-error', { hasText: 'Nhập ngày theo dạng ngày/tháng/năm' }).waitFor();
    await expect.poll(() => page.locator('.td-error-summary a').allTextContents()).toEqual(['Ngày: Nhập ngày theo dạng ngày/tháng/năm, ví dụ 08/02/2025.']);
    // Not rolled over into March either.
    expect((await listOverrides(page)).some((override) => override.date === '2027-03-03')).toBe(false);

    // A make-up working day on a Wednesday passes the browser's checks; the server refuses it and the
    // page shows its message on the date field and in the summary.
    await page.getByLabel('Ngày', { exact: true }).fill('10/03/2027');
    await page.getByRole('button', { name: 'Thêm ngày' }).click();
    const refusal = 'Thứ Tư, 10/03/2027 vốn là ngày làm việc; ngày làm bù chỉ đặt vào thứ Bảy, Chủ Nhật hoặc ngày lễ.';
    await page.locator('#field-date-error', { hasText: refusal }).waitFor();
    await expect.poll(() => page.locator('.td-error-summary a').allTextContents()).toEqual([`Ngày: ${refusal}`]);
    await expect(page.getByLabel('Ngày', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    expect((await listOverrides(page)).some((override) => override.date === WEDNESDAY)).toBe(false);
    await expectNoSeriousAxeViolations(page);

    await page.getByLabel('Ngày', { exact: true }).fill('13/03/2027');
    await page.getByRole('button', { name: 'Thêm ngày' }).click();

    await page.getByText('Đã lưu ngày Thứ Bảy, 13/03/2027').waitFor();
    const row = page.getByRole('row', { name: /Thứ Bảy, 13\/03\/2027/ });
    await expect(row.textContent()).resolves.toContain('Làm bù');
    await expect(row.textContent()).resolves.toContain('Làm bù cho ngày nghỉ hoán đổi');
    await expect(listOverrides(page)).resolves.toContainEqual({ date: SATURDAY, kind: 'working_day', note: 'Làm bù cho ngày nghỉ hoán đổi' });
    await expect(page.locator('#field-date-error').count()).resolves.toBe(0);
    await expectNoSeriousAxeViolations(page);

    // The same date again replaces its note, and the page says it was updated, not saved.
    await page.getByLabel('Ngày', { exact: true }).fill('13/03/2027');
    await page.getByLabel('Làm bù', { exact: true }).check();
    await page.getByLabel('Ghi chú').fill('Làm bù theo Thông báo số 5/TB-UBND');
    await page.getByRole('button', { name: 'Thêm ngày' }).click();
    await page.getByText('Đã cập nhật ngày Thứ Bảy, 13/03/2027').waitFor();
    // The notice comes with the answer; the list reloads just after it, so wait for the row to change.
    await expect.poll(() => row.textContent()).toContain('Làm bù theo Thông báo số 5/TB-UBND');
    expect((await listOverrides(page)).filter((override) => override.date === SATURDAY)).toEqual([{ date: SATURDAY, kind: 'working_day', note: 'Làm bù theo Thông báo số 5/TB-UBND' }]);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: /Xóa/ }).click();
    await page.getByText('Đã xóa ngày Thứ Bảy, 13/03/2027').waitFor();
    await row.waitFor({ state: 'detached' });
    const after = await listOverrides(page);
    expect(after.some((override) => override.date === SATURDAY)).toBe(false);
    await page.context().close();
  }, 120_000);

  it('the page has no serious accessibility violations on a phone', async () => {
    const page = await openCalendar();
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  }, 60_000);
});
