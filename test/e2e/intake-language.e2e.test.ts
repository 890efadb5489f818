import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/core/auth/index.js';
import { type E2eServer, newPage, requireChromium, signInThroughPortal, withDemoServerAndBrowser } from './kit.js';

/*
 * Staff intake in the English back office, in Chromium: the officer records that the resident wants
 * English messages (stored as the case's locale, which the resident's e-mail and SMS follow), each
 * language's name is marked in its own language, and the unit the case went to, whose name exists
 * only in Vietnamese, is marked lang="vi" in the English confirmation (WCAG 3.1.2).
 */
const ready = requireChromium();

describe.skipIf(!ready)('back office intake: the language for messages to the resident', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  it('an officer enters a walk-in case for an English-speaking resident', async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}/ngon-ngu/en?next=/`);
    await signInThroughPortal(page, server.baseUrl, 'canbo.kinhte@nhuquynh.demo', DEMO_PASSWORD);
    await page.waitForURL(/\/staff\//);
    await page.goto(`${server.baseUrl}/staff/cases/intake`);
    await page.getByRole('heading', { name: 'Enter a case for a resident' }).waitFor();

    const language = page.getByRole('group', { name: 'Language for messages to the resident' });
    await expect.poll(() => language.getByLabel('Tiếng Việt').isChecked()).toBe(true);
    await expect(language.locator('label', { hasText: 'Tiếng Việt' }).getAttribute('lang')).resolves.toBe('vi');
    await expect(language.locator('label', { hasText: 'English' }).getAttribute('lang')).resolves.toBe('en');

    await page.getByLabel('Topic').selectOption({ label: 'Clean water' });
    await page.getByLabel('Title').fill('No clean water for three days');
    await page.getByLabel('Details').fill('The tap water in our lane has been off since Monday.');
    await page.getByLabel('Full name').fill('Jane Smith');
    await page.getByLabel('E-mail').fill('jane.smith@example.com');
    await page.getByLabel("The resident's address").fill('Tổ dân phố Như Quỳnh 1');
    await language.getByLabel('English').check();
    await page.getByRole('button', { name: 'Save and issue a code' }).click();

    await page.getByRole('heading', { name: 'Saved' }).waitFor();
    const sentTo = page.locator('p', { hasText: 'Sent to:' });
    await sentTo.waitFor();
    await expect(sentTo.locator('span[lang="vi"]').textContent()).resolves.toBe('Phòng Kinh tế (đất đai, xây dựng, môi trường, giao thông)');
    const stored = (await server.handle.ctx.db.selectFrom('cases_items').select(['locale', 'channel']).where('title', '=', 'No clean water for three days').executeTakeFirstOrThrow()) as { locale: string; channel: string };
    expect(stored).toEqual({ locale: 'en', channel: 'walk_in' });
    await page.context().close();
  });
});
