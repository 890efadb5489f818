import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type E2eServer, newPage, requireChromium, withDemoServerAndBrowser } from './kit.js';

/*
 * Enter in a field of the submission flow does what the step's primary button does ("Tiếp tục",
 * then "Gửi"), never the header's language switch, which is also a submit button of the flow's form
 * (it keeps the answers) and comes first in the page. Enter on the check page has no field to be
 * pressed in (the attachments are a file picker). On a 360 px phone, JavaScript off and on.
 */
const ready = requireChromium();

const currentStep = (page: Page) => page.locator('form input[name="_step"]').first().getAttribute('value');

/** Press Enter in a field and wait for the page it submits to. */
async function enterIn(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(selector).press('Enter')]);
}

async function clickNext(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main button[name="_action"][value="next"]').click()]);
}

describe.skipIf(!ready)('submission flow: Enter in a field goes on to the next step (JavaScript off and on)', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  for (const javaScriptEnabled of [false, true]) {
    it(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}: Enter in the address, the title, the name and the phone moves on to the next step, in the same language`, async () => {
      const page = await newPage(browser, { javaScriptEnabled, viewport: { width: 360, height: 740 } });
      page.setDefaultTimeout(15_000);
      await page.goto(`${server.baseUrl}/gui-phan-anh`);
      await page.locator('input[name="kind"][value="feedback"]').check({ force: true });
      await clickNext(page);
      await page.getByRole('radio', { name: /^Đường giao thông/ }).first().check({ force: true });
      await clickNext(page);

      // "Việc này ở đâu?": Enter in the address.
      expect(await currentStep(page)).toBe('area');
      await page.locator('select[name="areaId"]').selectOption({ label: 'Tổ dân phố Như Quỳnh 1' });
      await page.locator('input[name="address"]').fill('Ngõ 12, cạnh nhà văn hóa');
      await enterIn(page, 'input[name="address"]');
      expect(await currentStep(page)).toBe('text');
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');

      // The text step: Enter in the title.
      await page.locator('input[name="title"]').fill('Đèn đường ngõ 12 hỏng hai tuần');
      await page.locator('textarea[name="description"]').fill('Đèn đường ở ngõ 12 đã hỏng hai tuần nay, buổi tối rất tối, trẻ em đi học về nguy hiểm.');
      await enterIn(page, 'input[name="title"]');
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');
      expect(await currentStep(page)).toBe('privacy');
      await page.locator('input[name="privacy"][value="handler_only"]').check({ force: true });
      await clickNext(page);

      // The identity step: Enter in the name.
      expect(await currentStep(page)).toBe('identity');
      await page.locator('input[name="fullName"]').fill('Phạm Thị Thu');
      await page.locator('input[name="submitterAddress"]').fill('Số 3, tổ dân phố Như Quỳnh 1');
      await enterIn(page, 'input[name="fullName"]');
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');
      expect(await currentStep(page)).toBe('check');
      await page.locator('main').filter({ hasText: 'Phạm Thị Thu' }).waitFor();

      // Back to the identity step, then Enter in the phone: the check page again, in Vietnamese.
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main button[value="edit:identity"]').first().click()]);
      expect(await currentStep(page)).toBe('identity');
      await page.locator('input[name="phone"]').fill('0912 345 678');
      await enterIn(page, 'input[name="phone"]');
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');
      expect(await currentStep(page)).toBe('check');
      await page.locator('main').filter({ hasText: '0912 345 678' }).waitFor();

      // In English (the switch still keeps the answers), Enter keeps English too.
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('.td-header').getByRole('button', { name: 'English' }).click()]);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main button[value="edit:area"]').first().click()]);
      expect(await currentStep(page)).toBe('area');
      await expect.poll(() => page.locator('input[name="address"]').inputValue()).toBe('Ngõ 12, cạnh nhà văn hóa');
      await enterIn(page, 'input[name="address"]');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await currentStep(page)).toBe('check');

      // The hidden default button is nobody's to find: not in the tab order, not in the accessibility tree.
      expect(await page.getByRole('button', { name: 'Send', exact: true }).count()).toBe(1);
      await page.context().close();
    });
  }
});
