import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/auth/index.js';
import { applyCaseAction, getCaseDetail, listCategories, submitCase } from '../../src/modules/cases/server/service.js';
import { demoLeader, type E2eServer, expectNoSeriousAxeViolations, newPage, requireChromium, withDemoServerAndBrowser } from './kit.js';

/*
 * An anonymous reporter, whose only channel is the secret link, answers the officer's request for
 * information in Chromium (LAW-BASE-10: the clock restarts): with JavaScript off, text and a photo
 * through the real multipart form; with JavaScript on, a missing answer is pointed out and axe passes.
 */
const ready = requireChromium();

describe.skipIf(!ready)('a resident provides the information asked for', () => {
  let server: E2eServer;
  let browser: Browser;
  let leader: Actor;
  let communeId: string;

  withDemoServerAndBrowser(async (started) => {
    ({ server, browser } = started);
    ({ communeId, leader } = await demoLeader(server));
  });

  /** An anonymous corruption report about the health station, accepted, then asked for more. */
  async function awaitingReport(): Promise<{ id: string; link: string }> {
    const ctx = server.handle.ctx;
    const health = (await listCategories(ctx, communeId)).find((category) => category.code === 'HEALTH')!;
    const report = await submitCase(ctx, null, { kind: 'corruption_report', categoryId: health.id, title: 'Phải đưa tiền mới được khám sớm', description: 'Ở trạm y tế có người gợi ý đưa tiền để được khám trước.', privacy: 'anonymous' });
    await applyCaseAction(ctx, leader, report.id, { type: 'accept' });
    await applyCaseAction(ctx, leader, report.id, { type: 'requestInformation', note: 'Xin cho biết buổi nào và ở phòng nào.' });
    return { id: report.id, link: `/tra-cuu/${report.code}?khoa=${report.accessToken}` };
  }

  it('JavaScript off: the text and a photo are sent from the secret link and the case resumes', async () => {
    const { id, link } = await awaitingReport();
    const page = await newPage(browser, { javaScriptEnabled: false });
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}${link}`);
    await page.getByLabel('Thông tin bổ sung').fill('Sáng thứ Hai, phòng khám số 2.');
    const photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 200, g: 200, b: 10 } } }).png().toBuffer();
    await page.getByLabel(/Ảnh hoặc tệp PDF/).setInputFiles({ name: 'phong-kham.png', mimeType: 'image/png', buffer: photo });
    await Promise.all([page.waitForURL(/xong=information/), page.getByRole('button', { name: 'Gửi thông tin bổ sung' }).click()]);
    await expect(page.locator('main').textContent()).resolves.toContain('Đã gửi thông tin bổ sung');
    await expect(page.locator('.td-timeline').textContent()).resolves.toContain('Đã nhận thông tin bổ sung');
    await expect(page.locator('#information-text').count()).resolves.toBe(0);
    const detail = await getCaseDetail(server.handle.ctx, leader, id, 'vi');
    expect(detail.status).toBe('accepted');
    expect(detail.attachments.map((attachment) => attachment.contentType)).toEqual(['image/png']);
    expect(detail.timeline.at(-1)?.internalNote).toBe('Sáng thứ Hai, phòng khám số 2.');
    await page.context().close();
  });

  it('JavaScript on: nothing written is refused with the field named, and the page passes axe', async () => {
    const { link } = await awaitingReport();
    const page = await newPage(browser);
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}${link}`);
    await expectNoSeriousAxeViolations(page);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Gửi thông tin bổ sung' }).click()]);
    await page.locator('.td-error-summary').waitFor();
    await expect(page.locator('.td-error-summary').textContent()).resolves.toContain('Hãy ghi thông tin cần bổ sung.');
    await expect(page.locator('.td-error-summary a[href="#information-text"]').count()).resolves.toBe(1);
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  });
});
