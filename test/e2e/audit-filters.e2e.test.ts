import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type E2eServer, expectNoSeriousAxeViolations, openStaffPage, requireChromium, signInStaff, withDemoServerAndBrowser } from './kit.js';

/*
 * The audit log page as the Fatherland Front's supervisor reads it: a person's name in the list
 * filters the log by that person (and says so, with a way back to everyone); days are typed
 * dd/mm/yyyy; a day that does not exist and a period that ends before it starts are named on their
 * fields and in the error summary, keeping what was typed.
 */
const ready = requireChromium();

describe.skipIf(!ready)('the audit log page', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  it('filters by the person named in a row, and by days typed dd/mm/yyyy; wrong days are named on their fields', async () => {
    const page = await signInStaff(browser, server.baseUrl, 'mttq@nhuquynh.demo');
    await openStaffPage(page, server.baseUrl, '/admin/audit');
    const table = page.getByRole('table');
    await table.waitFor();

    // The demo's cases were handled by named staff: a name filters by that person.
    const nameLink = table.getByRole('link').first();
    const name = (await nameLink.textContent())!.trim();
    await nameLink.click();
    await page.waitForURL(/actorUserId=/);
    await page.getByText(`Chỉ hiện việc của ${name}.`).waitFor();
    await page.waitForFunction(() => !document.querySelector('.bo-loading'));
    const shownNames = await table.getByRole('link').allTextContents();
    expect(shownNames.length).toBeGreaterThan(0);
    expect(new Set(shownNames.map((text) => text.trim()))).toEqual(new Set([name]));
    await expectNoSeriousAxeViolations(page);

    // A day that does not exist stays on the form, named; the address does not change.
    const address = page.url();
    await page.getByLabel('Từ ngày', { exact: true }).fill('31/02/2026');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.getByRole('link', { name: 'Từ ngày: Nhập ngày theo dạng ngày/tháng/năm, ví dụ 01/11/2026.' }).waitFor();
    expect(page.url()).toBe(address);
    await expect(page.getByLabel('Từ ngày', { exact: true }).inputValue()).resolves.toBe('31/02/2026');

    // A period that ends before it starts: the server's refusal lands on "Đến ngày".
    await page.getByLabel('Từ ngày', { exact: true }).fill('20/11/2026');
    await page.getByLabel('Đến ngày', { exact: true }).fill('10/11/2026');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === '2026-11-20' && url.searchParams.get('to') === '2026-11-10');
    const toField = page.getByLabel('Đến ngày', { exact: true });
    await expect.poll(() => toField.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('link', { name: 'Đến ngày: Ngày kết thúc phải cùng hoặc sau ngày bắt đầu.' }).waitFor();
    await expect(toField.inputValue()).resolves.toBe('10/11/2026');
    await expectNoSeriousAxeViolations(page);

    // Back to everyone, over the demo's whole period: rows by more than one person.
    await page.getByLabel('Từ ngày', { exact: true }).fill('');
    await page.getByLabel('Đến ngày', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.getByRole('link', { name: 'Hiện việc của mọi người' }).click();
    await page.waitForURL((url) => !url.searchParams.has('actorUserId'));
    await page.waitForFunction(() => !document.querySelector('.bo-loading'));
    await expect.poll(async () => new Set((await table.getByRole('link').allTextContents()).map((text) => text.trim())).size).toBeGreaterThan(1);
    await page.context().close();
  });
});
