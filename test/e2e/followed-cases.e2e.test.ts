import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/core/auth/index.js';
import { type E2eServer, expectNoSeriousAxeViolations, hasHorizontalScroll, newPage, requireChromium, signInThroughPortal, withDemoServerAndBrowser } from './kit.js';

/*
 * "Hồ sơ tôi theo dõi" in Chromium with JavaScript off on a 360 px phone: the demo resident signs in,
 * follows a case from its status page, finds it on the list reached from the home page's account card,
 * stops following it with the list's own button (a plain POST form with its CSRF token, LAW-PDP-04/05),
 * and it is gone. No sideways scrolling, no serious WCAG 2.2 AA violation.
 */
const ready = requireChromium();
const PHONE = { width: 360, height: 740 };

/**
 * No sideways scrolling at 360 px, and no serious axe violation. axe runs as a script, which a page
 * with JavaScript off cannot run: it checks the same URL in a copy of the session with scripts on.
 */
async function expectPortalPageOk(browser: Browser, page: Page, label: string): Promise<void> {
  expect(await hasHorizontalScroll(page), `${label}: no horizontal scroll at 360 px`).toBe(false);
  const context = await browser.newContext({ storageState: await page.context().storageState(), viewport: PHONE, locale: 'vi-VN' });
  try {
    const copy = await context.newPage();
    await copy.goto(page.url());
    await expectNoSeriousAxeViolations(copy);
  } finally {
    await context.close();
  }
}

describe.skipIf(!ready)('cases I follow journey', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  it('JavaScript off: sign in, follow a case, see it on "Hồ sơ tôi theo dõi", stop following, it is gone', async () => {
    // Someone else files the case (anonymously, through the API).
    const other = await newPage(browser);
    const { csrfToken } = (await (await other.request.get(`${server.baseUrl}/api/v1/auth/session`)).json()) as { csrfToken: string };
    const categories = (await (await other.request.get(`${server.baseUrl}/api/v1/cases/categories`)).json()) as Array<{ id: string; code: string }>;
    const sent = await other.request.post(`${server.baseUrl}/api/v1/cases`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        kind: 'feedback',
        categoryId: categories.find((category) => category.code === 'ROADS')?.id,
        title: 'Đèn đường thôn Lộ Cầu hỏng nhiều ngày',
        description: 'Đèn đường đầu thôn hỏng, buổi tối đi lại rất tối.',
        privacy: 'handler_only',
        submitter: { fullName: 'Lê Văn Gửi', address: 'Thôn Lộ Cầu', phone: '0987000111' },
      },
    });
    expect(sent.status(), await sent.text()).toBe(201);
    const code = ((await sent.json()) as { code: string }).code;
    await other.context().close();

    const page = await newPage(browser, { javaScriptEnabled: false, viewport: PHONE });
    page.setDefaultTimeout(15_000);
    await signInThroughPortal(page, server.baseUrl, '0912345678', DEMO_PASSWORD);

    // Follow it from its status page.
    await page.goto(`${server.baseUrl}/tra-cuu/${code}`);
    await Promise.all([page.waitForURL(/xong=followed/), page.locator(`form[action="/tra-cuu/${code}/theo-doi"] button[type="submit"]`).click()]);

    // The home page's account card leads to the list.
    await page.goto(`${server.baseUrl}/`);
    await Promise.all([page.waitForURL(/\/ho-so-toi-theo-doi$/), page.getByRole('link', { name: 'Xem các việc bạn theo dõi' }).click()]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Hồ sơ tôi theo dõi');
    const card = page.locator('main .td-card', { has: page.locator(`a[href="/tra-cuu/${code}"]`) });
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => card.textContent()).toContain('Đèn đường thôn Lộ Cầu hỏng nhiều ngày');
    await expect.poll(() => card.textContent()).toContain('Đã tiếp nhận');
    await expectPortalPageOk(browser, page, 'cases I follow');

    // Stop following with the list's own button: back on the list, which says so, and the case is gone.
    await Promise.all([page.waitForURL(/\/ho-so-toi-theo-doi\?da-ngung=/), card.getByRole('button', { name: `Ngừng theo dõi hồ sơ ${code}` }).click()]);
    await expect.poll(() => page.locator('main').textContent()).toContain(`Bạn đã ngừng theo dõi hồ sơ ${code}.`);
    await expect.poll(() => page.locator(`main a[href="/tra-cuu/${code}"]`).count()).toBe(0);
    await expect.poll(() => page.locator('main').textContent()).toContain('Bạn chưa theo dõi việc nào.');
    await expectPortalPageOk(browser, page, 'cases I follow (after stopping)');
    await page.context().close();
  });
});
