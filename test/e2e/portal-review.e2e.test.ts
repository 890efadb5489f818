import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type E2eServer, newPage, requireChromium, withDemoServerAndBrowser } from './kit.js';

/*
 * Portal review fixes (issue 3) that only a browser shows: touch targets on a 360 px phone.
 */
const ready = requireChromium();

describe.skipIf(!ready)('portal review fixes in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  it('the commune\'s phone and e-mail links are touch targets of at least 44 px at 360 px (ui-guidelines)', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    await page.goto(`${server.baseUrl}/`);
    const links = page.locator('.td-footer a[href^="tel:"], .td-footer a[href^="mailto:"], .td-header a[href^="tel:"]');
    await expect.poll(() => links.count()).toBe(3);
    for (const link of await links.all()) {
      const box = await link.boundingBox();
      expect(box, await link.getAttribute('href') ?? '').not.toBeNull();
      expect(box!.height, `${await link.getAttribute('href')} is ${box!.height} px high`).toBeGreaterThanOrEqual(44);
    }
    await page.context().close();
  });
});
