import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseQueueScope, type E2eServer, openCaseFromQueue, openQueue, queueCount, requireChromium, signInStaff, withDemoServerAndBrowser } from './kit.js';

/*
 * Issue 3, point 9: staff search the queue by unit and by the day a case was received. Dates are
 * typed day first (dd/mm/yyyy), kept in the address (so reloads and the case's "back to the list"
 * keep them), and a period that ends before it starts is named on its field, the typed text kept.
 * Also: a description sent as HTML through Open311 is shown to staff as the text it is.
 */
const ready = requireChromium();
const ECONOMY = 'Phòng Kinh tế (đất đai, xây dựng, môi trường, giao thông)';
const POLICE = 'Công an xã';
/** The one demo case received 45 days ago (entered by phone), handled by Phòng Kinh tế. */
const OLD_CASE_TITLE = 'Khói và mùi nhựa cháy từ xưởng tái chế ban đêm';

/** A Vietnamese calendar day `days` ago, as people type it (dd/mm/yyyy) and as the address keeps it (yyyy-mm-dd). */
function vietnamDay(days: number): { typed: string; iso: string } {
  const day = new Date(Date.now() + 7 * 3_600_000 - days * 86_400_000);
  const [yyyy, mm, dd] = [day.getUTCFullYear(), String(day.getUTCMonth() + 1).padStart(2, '0'), String(day.getUTCDate()).padStart(2, '0')];
  return { typed: `${dd}/${mm}/${yyyy}`, iso: `${yyyy}-${mm}-${dd}` };
}

describe.skipIf(!ready)('cases queue: unit and received dates', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  const filtersOf = (page: Page) => page.getByRole('search', { name: 'Lọc danh sách' });
  const results = (page: Page) => page.getByRole('table', { name: 'Danh sách việc, sắp theo hạn xử lý' });
  async function applyFilters(page: Page, values: { unit?: string; from?: string; to?: string }): Promise<void> {
    const filters = filtersOf(page);
    await filters.getByLabel('Tình trạng', { exact: true }).selectOption({ label: 'Mọi tình trạng' });
    if (values.unit !== undefined) await filters.getByLabel('Bộ phận xử lý', { exact: true }).selectOption({ label: values.unit });
    if (values.from !== undefined) await filters.getByLabel('Nhận từ ngày', { exact: true }).fill(values.from);
    if (values.to !== undefined) await filters.getByLabel('Nhận đến ngày', { exact: true }).fill(values.to);
    await filters.getByRole('button', { name: 'Lọc', exact: true }).click();
  }

  it('filters by unit and received dates typed dd/mm/yyyy, and keeps them through a visit to a case', async () => {
    const page = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    await openQueue(page);
    await chooseQueueScope(page, 'Tất cả');
    const from = vietnamDay(50);
    const to = vietnamDay(40);
    const before = page.url();
    await applyFilters(page, { unit: ECONOMY, from: from.typed, to: to.typed });
    await page.waitForURL((url) => url.href !== before && url.searchParams.get('receivedFrom') === from.iso);
    expect(await queueCount(page)).toBe(1);
    await results(page).getByRole('row').filter({ hasText: OLD_CASE_TITLE }).waitFor();
    const address = Object.fromEntries(new URL(page.url()).searchParams);
    expect(address).toMatchObject({ scope: 'all', status: 'any', receivedFrom: from.iso, receivedTo: to.iso });
    expect(address.unitId).toMatch(/^[0-9a-f-]{36}$/);

    // Only units that can hold a case are offered: never the supervising bodies (LAW-BASE-13).
    const unitChoices = await filtersOf(page).getByLabel('Bộ phận xử lý', { exact: true }).locator('option').allTextContents();
    expect(unitChoices).toContain(POLICE);
    expect(unitChoices).not.toContain('Ủy ban Mặt trận Tổ quốc Việt Nam xã');
    expect(unitChoices).not.toContain('Ban Thanh tra nhân dân xã');

    // The same days at another unit: nothing.
    await applyFilters(page, { unit: POLICE });
    await page.waitForURL((url) => url.searchParams.get('unitId') !== address.unitId);
    expect(await queueCount(page)).toBe(0);
    await applyFilters(page, { unit: ECONOMY });
    await page.waitForURL((url) => url.searchParams.get('unitId') === address.unitId);
    expect(await queueCount(page)).toBe(1);

    // To the case and back: the same filters, in the list and in the form (dates shown as typed).
    const code = ((await results(page).getByRole('link').first().textContent()) ?? '').trim();
    await results(page).getByRole('link', { name: code, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${code} — `) }).waitFor();
    expect(new URLSearchParams(new URL(page.url()).searchParams.get('list') ?? '').get('receivedTo')).toBe(to.iso);
    await page.getByRole('link', { name: '← Hàng việc phản ánh, kiến nghị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hàng việc phản ánh, kiến nghị' }).waitFor();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual(address);
    await expect.poll(() => queueCount(page)).toBe(1);
    const filters = filtersOf(page);
    await expect(filters.getByLabel('Nhận từ ngày', { exact: true }).inputValue()).resolves.toBe(from.typed);
    await expect(filters.getByLabel('Nhận đến ngày', { exact: true }).inputValue()).resolves.toBe(to.typed);
    await expect(filters.getByLabel('Bộ phận xử lý', { exact: true }).inputValue()).resolves.toBe(address.unitId);

    // The form is a real GET form: submitted by the browser itself (no script handler), it gives an
    // address the queue reads the same way (dates as typed).
    await Promise.all([page.waitForURL((url) => url.searchParams.get('receivedFrom') === from.typed), filters.evaluate((form) => (form as HTMLFormElement).submit())]);
    await page.getByRole('heading', { level: 1, name: 'Hàng việc phản ánh, kiến nghị' }).waitFor();
    await expect.poll(() => queueCount(page)).toBe(1);
    await results(page).getByRole('row').filter({ hasText: OLD_CASE_TITLE }).waitFor();
    await page.context().close();
  });

  it('names a period that ends before it starts, and an unreadable date, on their fields, keeping what was typed', async () => {
    const page = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    await openQueue(page);
    await chooseQueueScope(page, 'Tất cả');
    const later = vietnamDay(2);
    const earlier = vietnamDay(10);
    await applyFilters(page, { from: later.typed, to: earlier.typed });
    const message = 'Ngày «Nhận đến ngày» phải cùng hoặc sau ngày «Nhận từ ngày».';
    const filters = filtersOf(page);
    const toField = filters.getByLabel('Nhận đến ngày', { exact: true });
    await expect.poll(() => toField.getAttribute('aria-invalid')).toBe('true');
    await filters.locator('.bo-field--error').filter({ hasText: message }).waitFor();
    await page.getByRole('link', { name: `Nhận đến ngày: ${message}` }).waitFor();
    await expect(toField.inputValue()).resolves.toBe(earlier.typed);
    await expect(filters.getByLabel('Nhận từ ngày', { exact: true }).inputValue()).resolves.toBe(later.typed);
    // Not an empty list: no count, no table.
    expect(await results(page).count()).toBe(0);

    // A date that does not exist stays on the form, named; the address does not change.
    const address = page.url();
    await filters.getByLabel('Nhận từ ngày', { exact: true }).fill('31/02/2026');
    await filters.getByLabel('Nhận đến ngày', { exact: true }).fill(later.typed);
    await filters.getByRole('button', { name: 'Lọc', exact: true }).click();
    await filters.locator('.bo-field--error').filter({ hasText: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 01/01/2026.' }).waitFor();
    await expect(filters.getByLabel('Nhận từ ngày', { exact: true }).inputValue()).resolves.toBe('31/02/2026');
    expect(page.url()).toBe(address);
    await page.context().close();
  });

  it('shows a description sent as HTML through Open311 as plain text in the back office', async () => {
    const services = (await (await fetch(`${server.baseUrl}/open311/v2/services.json`)).json()) as Array<{ service_code: string }>;
    const serviceCode = services.find((service) => service.service_code.endsWith('-PAKN'))!.service_code;
    const description = '<script>window.__pwned = 1</script> Cống ngõ 9 bị vỡ, <b>nước tràn</b> <img src=x onerror="window.__pwned=2">.';
    const created = await fetch(`${server.baseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: 'nhuquynh-demo-key', service_code: serviceCode, lat: '21.0012', long: '105.9871', description, first_name: 'Lan', last_name: 'Nguyễn Thị', phone: '0912 345 678', 'attribute[title]': 'Cống ngõ 9 bị vỡ', 'attribute[submitter_address]': 'Số 3 ngõ 9, tổ dân phố Như Quỳnh 1' }).toString(),
    });
    expect(created.status).toBe(200);
    const code = ((await created.json()) as Array<{ service_request_id: string }>)[0]!.service_request_id;

    const page = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openCaseFromQueue(page, code, { scope: 'Tất cả' });
    const text = page.locator('.bo-text').filter({ hasText: 'Cống ngõ 9 bị vỡ' });
    await text.waitFor();
    await expect(text.textContent()).resolves.toBe(description);
    expect(await text.locator('script, b, img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.context().close();
  });
});
