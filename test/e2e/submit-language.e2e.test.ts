import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type E2eServer, newPage, requireChromium, withDemoServerAndBrowser } from './kit.js';

/*
 * A resident with JavaScript off switches the portal's language in the middle of the submission
 * flow: what they typed on the open question (not yet sent to the server) and the earlier answers
 * are still there on the other language's page, and still there when they switch back.
 */
const ready = requireChromium();

const currentStep = (page: Page) => page.locator('form input[name="_step"]').first().getAttribute('value');

async function press(page: Page, button: ReturnType<Page['locator']>): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), button.click()]);
  await page.waitForLoadState('load');
}

describe.skipIf(!ready)('submission flow: switching language keeps the answers (JavaScript off)', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  it('fills the text question, switches to English and back, and the text is still there each time', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}/gui-phan-anh`);
    const next = () => press(page, page.locator('button[name="_action"][value="next"]'));
    await page.locator('input[name="kind"][value="feedback"]').check({ force: true });
    await next();
    await page.getByRole('radio', { name: /^Đường giao thông/ }).first().check({ force: true });
    await next();
    await page.locator('select[name="areaId"]').selectOption({ label: 'Tổ dân phố Như Quỳnh 1' });
    await page.locator('input[name="address"]').fill('Ngõ 12, cạnh nhà văn hóa');
    await next();
    expect(await currentStep(page)).toBe('text');

    const title = 'Đèn đường ngõ 12 hỏng hai tuần';
    const description = 'Đèn đường ở ngõ 12 đã hỏng hai tuần nay,\nbuổi tối rất tối, trẻ em đi học về nguy hiểm.';
    await page.locator('input[name="title"]').fill(title);
    await page.locator('textarea[name="description"]').fill(description);

    // The header's "English" switch, pressed before "Tiếp tục": nothing typed is lost.
    await press(page, page.locator('.td-header').getByRole('button', { name: 'English' }));
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await currentStep(page)).toBe('text');
    await expect.poll(() => page.locator('input[name="title"]').inputValue()).toBe(title);
    expect(await page.locator('textarea[name="description"]').inputValue()).toBe(description);
    await expect(page.locator('.td-error-summary').count()).resolves.toBe(0);
    await page.locator('.td-header').getByRole('button', { name: 'Tiếng Việt' }).waitFor();

    // On in English: the earlier answers were carried too (the check page lists the hamlet and the address).
    await press(page, page.locator('button[name="_action"][value="next"]'));
    for (let guard = 0; guard < 4 && (await currentStep(page)) !== 'check'; guard += 1) {
      const step = await currentStep(page);
      if (step === 'privacy') await page.locator('input[name="privacy"][value="handler_only"]').check({ force: true });
      if (step === 'identity') {
        await page.locator('input[name="fullName"]').fill('Phạm Thị Thu');
        await page.locator('input[name="phone"]').fill('0912 345 678');
        await page.locator('input[name="submitterAddress"]').fill('Số 3, tổ dân phố Như Quỳnh 1');
      }
      await press(page, page.locator('button[name="_action"][value="next"]'));
    }
    expect(await currentStep(page)).toBe('check');
    await page.locator('main').filter({ hasText: 'Ngõ 12, cạnh nhà văn hóa' }).waitFor();
    await page.locator('main').filter({ hasText: title }).waitFor();

    // Back to Vietnamese from the check page (a multipart form): still everything, in Vietnamese.
    await press(page, page.locator('.td-header').getByRole('button', { name: 'Tiếng Việt' }));
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await currentStep(page)).toBe('check');
    await page.locator('main').filter({ hasText: 'Kiểm tra lại trước khi gửi' }).waitFor();
    await page.locator('main').filter({ hasText: title }).waitFor();
    await page.locator('main').filter({ hasText: 'Phạm Thị Thu' }).waitFor();
    await page.context().close();
  });
});
