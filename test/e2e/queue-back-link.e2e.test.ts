import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseQueueScope, currentQueueScope, type E2eServer, openQueue, queueCount, requireChromium, signInStaff, withDemoServerAndBrowser } from './kit.js';

/*
 * The staff queue's filters survive a visit to a case: a leader filters the queue (scope, status,
 * kind), opens a case and follows "back to the list", and lands on the same filtered list. The
 * carried filters are the queue's own, checked, and the link never leaves the queue.
 */
const ready = requireChromium();

describe.skipIf(!ready)('cases queue: back to the filtered list', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  it('a case opened from a filtered queue leads back to the same filters', async () => {
    const page = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    await openQueue(page);
    await chooseQueueScope(page, 'Tất cả');
    const filters = page.getByRole('search', { name: 'Lọc danh sách' });
    await filters.getByLabel('Tình trạng', { exact: true }).selectOption({ label: 'Mọi tình trạng' });
    await filters.getByLabel('Loại', { exact: true }).selectOption({ label: 'Câu hỏi' });
    const before = page.url();
    await filters.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((url) => url.href !== before && url.searchParams.get('kind') === 'question');
    const count = await queueCount(page);
    expect(count).toBeGreaterThan(0);
    const queueUrl = new URL(page.url());
    expect(Object.fromEntries(queueUrl.searchParams)).toEqual({ scope: 'all', status: 'any', kind: 'question' });

    const results = page.getByRole('table', { name: 'Danh sách việc, sắp theo hạn xử lý' });
    const firstCase = results.getByRole('link').first();
    const code = ((await firstCase.textContent()) ?? '').trim();
    await firstCase.click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${code} — `) }).waitFor();
    expect(new URL(page.url()).searchParams.get('list')).toBe('scope=all&status=any&kind=question');

    await page.getByRole('link', { name: '← Hàng việc phản ánh, kiến nghị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hàng việc phản ánh, kiến nghị' }).waitFor();
    const back = new URL(page.url());
    expect(back.pathname).toBe('/staff/cases');
    expect(Object.fromEntries(back.searchParams)).toEqual({ scope: 'all', status: 'any', kind: 'question' });
    // The list and the form show the same filters as before the visit.
    await expect.poll(() => queueCount(page)).toBe(count);
    expect(await currentQueueScope(page)).toBe('Tất cả');
    await expect(filters.getByLabel('Loại', { exact: true }).inputValue()).resolves.toBe('question');
    await expect(filters.getByLabel('Tình trạng', { exact: true }).inputValue()).resolves.toBe('any');
    await page.context().close();
  });

  it('a hand-made list parameter cannot send the back link anywhere but the queue', async () => {
    const page = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    await openQueue(page);
    await chooseQueueScope(page, 'Tất cả');
    const firstCase = page.getByRole('table', { name: 'Danh sách việc, sắp theo hạn xử lý' }).getByRole('link').first();
    const caseUrl = new URL((await firstCase.getAttribute('href')) ?? '', server.baseUrl);
    const hostile = encodeURIComponent('scope=all&next=//evil.example&kind=<script>');
    await page.goto(`${server.baseUrl}${caseUrl.pathname}?list=${hostile}`);
    const backLink = page.getByRole('link', { name: '← Hàng việc phản ánh, kiến nghị' });
    await backLink.waitFor();
    await expect(backLink.getAttribute('href')).resolves.toBe('/staff/cases?scope=all');
    await page.context().close();
  });
});
