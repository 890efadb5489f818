import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/core/auth/index.js';
import { type E2eServer, newPage, requireChromium, signInThroughPortal, withDemoServerAndBrowser } from './kit.js';

/*
 * The back office in English, reached the way a reviewer did: "English" on the portal, then sign in.
 * The language carries over (the `lang` cookie), the refusal grounds are English (LAW-PAKN-03), and
 * the focus goes somewhere useful after a move between pages and after a failed action (WCAG 2.4.3,
 * 3.3.1).
 */
const ready = requireChromium();

/** What has the keyboard focus, as "tag.class#id: text" (enough to tell the h1, <main> and <body> apart). */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return 'nothing';
    return `${element.tagName.toLowerCase()}.${element.className}#${element.id}: ${(element.textContent ?? '').trim().slice(0, 200)}`;
  });
}

describe.skipIf(!ready)('back office: language from the portal, focus after navigation and failed actions', () => {
  let server: E2eServer;
  let browser: Browser;
  let code = '';

  withDemoServerAndBrowser(async (started) => {
    ({ server, browser } = started);
    // The demo's new case (not accepted yet), which a leader may refuse.
    code = ((await server.handle.ctx.db.selectFrom('cases_items').select(['code']).where('title', '=', 'Rác thải không được thu gom đúng lịch').executeTakeFirstOrThrow()) as { code: string }).code;
  });

  it('English chosen on the portal is the back office\'s language, and switching there switches the portal too', async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}/ngon-ngu/en?next=/`);
    await signInThroughPortal(page, server.baseUrl, 'chutich@nhuquynh.demo', DEMO_PASSWORD);
    await page.waitForURL(/\/staff\//);
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    // The commune is named as the portal names it.
    await expect(page.locator('.bo-brand__commune').textContent()).resolves.toBe("Như Quỳnh Commune People's Committee");
    // Its Vietnamese-only name is marked as Vietnamese on the English page (WCAG 3.1.2).
    await expect(page.locator('.bo-brand__commune span[lang="vi"]').textContent()).resolves.toBe('Như Quỳnh');

    // Back to Vietnamese in the back office: the portal follows.
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('navigation', { name: 'Danh mục chính' }).waitFor();
    await expect(page.locator('.bo-brand__commune').textContent()).resolves.toBe('UBND xã Như Quỳnh');
    expect((await page.context().cookies()).find((cookie) => cookie.name === 'lang')?.value).toBe('vi');
    await page.goto(`${server.baseUrl}/`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('vi');
    await page.context().close();
  });

  it('Enter on a case link focuses the case\'s heading; the refuse form offers English grounds and, sent empty, focuses its error summary; only one summary at a time', async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}/ngon-ngu/en?next=/`);
    await signInThroughPortal(page, server.baseUrl, 'chutich@nhuquynh.demo', DEMO_PASSWORD);
    await page.waitForURL(/\/staff\//);
    await page.goto(`${server.baseUrl}/staff/cases?scope=all&status=any&q=${code}`);
    const link = page.getByRole('table').getByRole('link', { name: code, exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${code} — `) }).waitFor();
    await expect.poll(() => focused(page)).toMatch(new RegExp(`^h1\\..*${code} — `));

    // LAW-PAKN-03: the grounds in the page's language.
    const refuse = page.getByRole('form', { name: 'Refuse', exact: true });
    const grounds = await refuse.getByLabel('Legal ground').locator('option').allTextContents();
    expect(grounds).toContain('Requirements not met (Vietnamese, clear content, name, address, phone) (LAW-PAKN-03)');
    expect(grounds.join('\n')).not.toMatch(/Không đáp ứng/);

    // Keyboard only: the button, Enter, and the focus lands on the error summary naming the field.
    await refuse.getByRole('button', { name: 'Refuse', exact: true }).focus();
    await page.keyboard.press('Enter');
    await refuse.locator('.td-error-summary').waitFor();
    await expect.poll(() => focused(page)).toMatch(/^div\.td-error-summary#: There is a problem.*Legal ground/);

    // Another form sent empty: its summary takes the focus and the refuse form's goes away.
    const request = page.getByRole('form', { name: 'Request information', exact: true });
    await request.getByRole('button', { name: 'Request information', exact: true }).click();
    await request.locator('.td-error-summary').waitFor();
    await expect.poll(() => page.locator('.td-error-summary').count()).toBe(1);
    await expect.poll(() => request.locator('.td-error-summary').evaluate((element) => element === document.activeElement)).toBe(true);

    // The back link (client-side) focuses the queue's heading; the skip link still lands on <main>.
    await page.getByRole('link', { name: /^← / }).click();
    await expect.poll(() => focused(page)).toMatch(/^h1\./);
    await page.goto(`${server.baseUrl}/staff/cases`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toMatch(/^a\.td-skip-link/);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatch(/^main\./);
    await page.context().close();
  });

  it('every page has its own title, ending the same way (WCAG 2.4.2): the supervision list is not "Case queue"', async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}/ngon-ngu/en?next=/`);
    await signInThroughPortal(page, server.baseUrl, 'mttq@nhuquynh.demo', DEMO_PASSWORD);
    await page.waitForURL(/\/staff\//);
    await page.goto(`${server.baseUrl}/staff/supervision`);
    await page.getByRole('heading', { level: 1, name: 'Supervision recommendations', exact: true }).waitFor();
    await expect.poll(() => page.title()).toBe('Supervision recommendations · Tiếng Dân · Staff');
    await page.goto(`${server.baseUrl}/staff/cases`);
    await page.getByRole('heading', { level: 1, name: 'Case queue', exact: true }).waitFor();
    await expect.poll(() => page.title()).toBe('Case queue · Tiếng Dân · Staff');
    // A core page ends the same way.
    await page.goto(`${server.baseUrl}/staff/account`);
    await expect.poll(() => page.title()).toMatch(/ · Tiếng Dân · Staff$/);
    await page.context().close();
  });
});
