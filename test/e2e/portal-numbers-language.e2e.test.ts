import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type E2eServer, newPage, requireChromium, withDemoServerAndBrowser } from './kit.js';

/*
 * With JavaScript on: a link with `?lang=en` keeps English through the next steps (the cookie), and
 * the character counter island writes its number the page language's way (4,000 / 4.000).
 */
const ready = requireChromium();

const currentStep = (page: Page) => page.locator('form input[name="_step"]').first().getAttribute('value');

async function next(page: Page): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.locator('button[name="_action"][value="next"]').click()]);
  await page.waitForLoadState('load');
}

/** From the first step to the text step of a feedback about roads in TDP Như Quỳnh 1. */
async function reachTextStep(page: Page, category: RegExp): Promise<void> {
  await page.locator('input[name="kind"][value="feedback"]').check({ force: true });
  await next(page);
  await page.getByRole('radio', { name: category }).first().check({ force: true });
  await next(page);
  await page.locator('select[name="areaId"]').selectOption({ label: 'Tổ dân phố Như Quỳnh 1' });
  await next(page);
  expect(await currentStep(page)).toBe('text');
}

describe.skipIf(!ready)('portal: ?lang= lasts, numbers in the locale\'s format', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  it('?lang=en on the first step keeps English on the next steps, and the counter says "4,000"', async () => {
    const page = await newPage(browser);
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}/gui-phan-anh?lang=en`);
    await reachTextStep(page, /^Roads/);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('main').filter({ hasText: 'You have 4,000 characters left.' }).waitFor();
    await page.locator('textarea[name="description"]').fill('Đèn đường hỏng');
    await page.locator('main').filter({ hasText: 'You have 3,986 characters left.' }).waitFor();
  });

  it('in Vietnamese the counter says "4.000"', async () => {
    const page = await newPage(browser);
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}/gui-phan-anh`);
    await reachTextStep(page, /^Đường giao thông/);
    await page.locator('main').filter({ hasText: 'Bạn còn 4.000 ký tự.' }).waitFor();
  });
});
