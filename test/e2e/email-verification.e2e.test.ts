import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type TestSmtpServer } from '../kit/smtp.js';
import { launchBrowser, newPage, requireChromium, signUpThroughPortal, startServer, type E2eServer } from './kit.js';

/*
 * E-mail verification of a resident account in Chromium with JavaScript off (LAW-PDP-04/05: an
 * address counts as the account holder's only once they proved it): sign up with an e-mail, open the
 * link from the mail the real worker sent through the real SMTP server, press the button, and the
 * link then says it was used.
 */
const ready = requireChromium();

describe.skipIf(!ready)('e-mail verification journey', () => {
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

  it('JavaScript off: sign up with an e-mail, click the link in the mail, press "Xác nhận e-mail"', async () => {
    const email = `xac.nhan.${Date.now().toString(36)}@gmail.com`;
    const page = await newPage(browser, { javaScriptEnabled: false });
    page.setDefaultTimeout(15_000);
    await signUpThroughPortal(page, server.baseUrl, { displayName: 'Trần Thị Xác', contact: email, password: 'mot-mat-khau-dai-du-2026', landsOn: '/' });

    const mail = await smtp.waitFor((message) => message.to.includes(email) && message.text.includes('/xac-nhan-email?token='), 15_000);
    expect(mail.subject).toBe('Xác nhận địa chỉ e-mail cho tài khoản Tiếng Dân');
    const path = /https?:\/\/[^\s/]+(\/xac-nhan-email\?token=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;

    await page.goto(`${server.baseUrl}${path}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Xác nhận địa chỉ e-mail');
    await Promise.all([page.waitForURL(/\/xac-nhan-email\?xong=1$/), page.getByRole('button', { name: 'Xác nhận e-mail' }).click()]);
    await expect.poll(() => page.locator('main').textContent()).toContain('Địa chỉ e-mail của tài khoản bạn đã được xác nhận.');

    // The same link again: used, said clearly, no button.
    await page.goto(`${server.baseUrl}${path}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Liên kết đã được dùng');
    await expect(page.getByRole('button', { name: 'Xác nhận e-mail' }).count()).resolves.toBe(0);
  });
});
