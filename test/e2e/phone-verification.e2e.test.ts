import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findRecordedMessages } from '../../src/modules/notifications/server/index.js';
import { expectNoSeriousAxeViolations, hasHorizontalScroll, newPage, requireChromium, signInThroughPortal, signUpThroughPortal, uniquePhone, withDemoServerAndBrowser, type E2eServer } from './kit.js';

/*
 * Phone verification of a resident account in Chromium with JavaScript off, on a 360 px phone
 * (LAW-PDP-06: a number typed at sign-up gets no SMS notifications until its owner proved it theirs):
 * sign up with a phone, read the code the real worker "sent" through the recording SMS channel, type
 * a wrong code (the error names the field), then the right one, and the home page says "verified".
 */
const ready = requireChromium();

describe.skipIf(!ready)('phone verification journey', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  it('JavaScript off: sign up with a phone, enter a wrong code, then the code from the SMS', async () => {
    const phone = uniquePhone();
    const page = await newPage(browser, { javaScriptEnabled: false });
    page.setDefaultTimeout(15_000);
    await signUpThroughPortal(page, server.baseUrl, { displayName: 'Lê Thị Số', contact: phone, password: 'mot-mat-khau-dai-du-2026', landsOn: '/xac-minh-so-dien-thoai' });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Xác minh số điện thoại');

    const codes = async () => (await findRecordedMessages(server.handle.ctx.db, { channel: 'sms', recipient: phone, template: 'auth.phone-verification' })).map((message) => /\b(\d{6})\b/.exec(message.body)?.[1]);
    await expect.poll(async () => (await codes()).length, { timeout: 15_000 }).toBe(1);
    const [code] = await codes();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');

    const field = page.getByLabel('Mã xác minh');
    await field.fill(wrong);
    await page.getByRole('button', { name: 'Xác minh', exact: true }).click();
    await expect.poll(() => page.locator('.td-error-summary').textContent()).toContain('Mã xác minh không đúng');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(field.inputValue()).resolves.toBe(wrong);

    // The same page with its error, checked by axe and for sideways scroll at 360 px (both need scripts).
    const checked = await newPage(browser);
    await signInThroughPortal(checked, server.baseUrl, phone, 'mot-mat-khau-dai-du-2026');
    await checked.goto(`${server.baseUrl}/xac-minh-so-dien-thoai`);
    await checked.getByLabel('Mã xác minh').fill('12a');
    await checked.getByRole('button', { name: 'Xác minh', exact: true }).click();
    await expect.poll(() => checked.locator('.td-error-summary').textContent()).toContain('Mã xác minh gồm đúng 6 chữ số');
    await expectNoSeriousAxeViolations(checked);
    await expect(hasHorizontalScroll(checked)).resolves.toBe(false);
    await checked.context().close();

    await page.getByLabel('Mã xác minh').fill(code!);
    await Promise.all([page.waitForURL(`${server.baseUrl}/xac-minh-so-dien-thoai`), page.getByRole('button', { name: 'Xác minh', exact: true }).click()]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Đã xác minh số điện thoại');

    await page.goto(`${server.baseUrl}/`);
    await expect.poll(() => page.locator('#phone-status').textContent()).toContain('đã xác minh');
    await page.context().close();
  });
});
