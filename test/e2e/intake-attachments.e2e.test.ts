import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findActiveUsersWithRole, type Actor } from '../../src/core/auth/index.js';
import { getCaseSettings, loadCaseModuleSettings, updateCaseSettings } from '../../src/modules/cases/server/service.js';
import { demoLeader, expectNoSeriousAxeViolations, requireChromium, signInStaff, withDemoServerAndBrowser, type E2eServer } from './kit.js';

/*
 * Staff intake with files, in Chromium (issue 3 point 2(b) and point 11): the officer attaches the
 * resident's scanned letter (PDF) and a photo (PNG) to a case entered on their behalf; the form says
 * the commune's limits, lists the chosen files with their sizes, and sends multipart. Too many files
 * or a file that is not an image or a PDF is refused next to the file field, in Vietnamese, with
 * every typed value kept and nothing written (LAW-COMPLAINT-01 related documents, LAW-COMPLAINT-13
 * the case file).
 */
const ready = requireChromium();
const OFFICER = 'canbo.kinhte@nhuquynh.demo';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

const photo = () => sharp({ create: { width: 24, height: 16, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();

async function fillCase(page: Page, title: string): Promise<void> {
  await page.locator('#intake-channel').selectOption('letter');
  await page.locator('#intake-categoryId').selectOption({ label: 'Đường giao thông' });
  await page.locator('#intake-title').fill(title);
  await page.locator('#intake-description').fill('Người dân gửi thư kèm ảnh chụp ổ gà trước cổng trường.');
  await page.locator('#intake-fullName').fill('Trần Thị Thư');
  await page.getByLabel('Địa chỉ của người dân').fill('Thôn Nhuận Đông, xã Như Quỳnh');
}

describe.skipIf(!ready)('back office intake: the resident\'s letter and photos as attachments', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  const casesTitled = async (title: string) => server.handle.ctx.db.selectFrom('cases_items').select('id').where('title', '=', title).execute();

  it('a PNG photo and a scanned PDF letter are sent with the case and listed on its page', async () => {
    const { communeId } = await demoLeader(server);
    const limits = await loadCaseModuleSettings(server.handle.ctx.db, communeId);
    const page = await signInStaff(browser, server.baseUrl, OFFICER);
    await page.goto(`${server.baseUrl}/staff/cases/intake`);
    const input = page.getByLabel('Thư, ảnh hoặc tệp PDF người dân mang đến');
    await input.waitFor();
    // The limits are the commune's settings, as the upload checks them.
    await expect.poll(() => page.locator('#intake-attachments-hint').textContent()).toContain(`Tối đa ${limits.maxAttachments} tệp, mỗi tệp tối đa`);
    await expect(input.getAttribute('multiple')).resolves.not.toBeNull();
    await expect(input.getAttribute('accept')).resolves.toContain('application/pdf');

    const title = 'Thư phản ánh ổ gà trước cổng trường';
    await fillCase(page, title);
    const png = await photo();
    await input.setInputFiles([
      { name: 'o-ga.png', mimeType: 'image/png', buffer: png },
      { name: 'thu-phan-anh.pdf', mimeType: 'application/pdf', buffer: PDF },
    ]);
    const chosen = page.locator('#intake-attachments-chosen');
    await chosen.waitFor();
    await expect(chosen.locator('li').allTextContents()).resolves.toEqual([`o-ga.png (${(png.length / 1024).toFixed(1).replace('.', ',')} kB)`, `thu-phan-anh.pdf (${(PDF.length / 1024).toFixed(1).replace('.', ',')} kB)`]);
    await expect(input.getAttribute('aria-describedby')).resolves.toBe('intake-attachments-hint intake-attachments-chosen');
    await expectNoSeriousAxeViolations(page);

    await page.locator('main form button[type="submit"]').click();
    await page.getByText('Mã tra cứu cho người dân:').waitFor();
    await page.getByRole('link', { name: 'Mở việc vừa nhập' }).click();
    await page.locator('.bo-facts').first().waitFor();
    const attachments = page.locator('h3', { hasText: 'Tệp đính kèm' }).locator('xpath=following-sibling::ul[1]');
    await attachments.waitFor();
    await expect(attachments.locator('a').allTextContents()).resolves.toEqual(['o-ga.png', 'thu-phan-anh.pdf']);
    const [created] = await casesTitled(title);
    const stored = await server.handle.ctx.db.selectFrom('cases_attachments').select(['content_type']).where('case_id', '=', created!.id).orderBy('content_type').execute();
    expect(stored.map((row) => row.content_type)).toEqual(['application/pdf', 'image/png']);
    await page.context().close();
  });

  it('too many files, then a file that is not an image or PDF: a Vietnamese error beside the file field, the typed text kept, nothing saved', async () => {
    const { communeId } = await demoLeader(server);
    const { maxAttachments } = await loadCaseModuleSettings(server.handle.ctx.db, communeId);
    const page = await signInStaff(browser, server.baseUrl, OFFICER);
    await page.goto(`${server.baseUrl}/staff/cases/intake`);
    const input = page.getByLabel('Thư, ảnh hoặc tệp PDF người dân mang đến');
    await input.waitFor();
    await expect.poll(() => page.locator('#intake-attachments-hint').textContent()).toContain(`Tối đa ${maxAttachments} tệp`);
    const title = 'Thư phản ánh cống thoát nước bị tắc';
    await fillCase(page, title);
    const png = await photo();
    await input.setInputFiles(Array.from({ length: maxAttachments + 1 }, (_, index) => ({ name: `anh-${index + 1}.png`, mimeType: 'image/png', buffer: png })));
    await page.locator('main form button[type="submit"]').click();

    const error = page.locator('#intake-attachments-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe(`Chỉ đính kèm được tối đa ${maxAttachments} tệp. Hãy chọn lại, bỏ bớt tệp.`);
    await expect(input.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(input.getAttribute('aria-describedby')).resolves.toContain('intake-attachments-error');
    await expect(page.locator('.td-error-summary a[href="#intake-attachments"]').textContent()).resolves.toContain('Thư, ảnh hoặc tệp PDF người dân mang đến: Chỉ đính kèm được tối đa');
    await expect(page.locator('#intake-title').inputValue()).resolves.toBe(title);
    await expect(page.locator('#intake-description').inputValue()).resolves.toBe('Người dân gửi thư kèm ảnh chụp ổ gà trước cổng trường.');
    await expect(page.locator('#intake-fullName').inputValue()).resolves.toBe('Trần Thị Thư');
    await expect(page.locator('#intake-channel').inputValue()).resolves.toBe('letter');
    await expectNoSeriousAxeViolations(page);

    // A text file named like a photo: the server looks at its bytes and refuses it (415), named by its place.
    await input.setInputFiles([
      { name: 'anh-that.png', mimeType: 'image/png', buffer: png },
      { name: 'ghi-chu.png', mimeType: 'image/png', buffer: Buffer.from('chỉ là ghi chú, không phải ảnh') },
    ]);
    await page.locator('main form button[type="submit"]').click();
    await expect.poll(() => error.textContent()).toBe('Tệp thứ 2 không phải ảnh (JPEG, PNG, WebP, HEIC) hoặc PDF.');
    await expect(page.locator('#intake-title').inputValue()).resolves.toBe(title);
    await expect(page.getByLabel('Địa chỉ của người dân').inputValue()).resolves.toBe('Thôn Nhuận Đông, xã Như Quỳnh');
    await expect(page.locator('#intake-attachments-chosen li').count()).resolves.toBe(2);
    expect(await casesTitled(title)).toEqual([]);

    // Dropping the bad file is enough: the rest of the form was never lost.
    await input.setInputFiles([{ name: 'anh-that.png', mimeType: 'image/png', buffer: png }]);
    await page.locator('main form button[type="submit"]').click();
    await page.getByText('Mã tra cứu cho người dân:').waitFor();
    expect(await casesTitled(title)).toHaveLength(1);
    await page.context().close();
  });

  it('a file over a limit lowered while the form was open: the server\'s 413 is shown beside the file field, the text kept', async () => {
    const { communeId } = await demoLeader(server);
    const [user] = await findActiveUsersWithRole(server.handle.ctx.db, communeId, 'admin');
    const admin: Actor = { userId: user!.id, kind: 'staff', displayName: 'Quản trị', communeId, grants: [{ role: 'admin', communeId, unitId: null, areaId: null }], sessionId: 'e2e' };
    const page = await signInStaff(browser, server.baseUrl, OFFICER);
    await page.goto(`${server.baseUrl}/staff/cases/intake`);
    await expect.poll(() => page.locator('#intake-attachments-hint').textContent()).toContain('mỗi tệp tối đa');
    const { updatedAt: _updatedAt, ...before } = await getCaseSettings(server.handle.ctx, admin);
    await updateCaseSettings(server.handle.ctx, admin, Object.assign({}, before, { attachmentMaxBytes: 100 * 1024 }));
    try {
      const title = 'Thư phản ánh quét quá nặng';
      await fillCase(page, title);
      await page.getByLabel('Thư, ảnh hoặc tệp PDF người dân mang đến').setInputFiles([{ name: 'thu-quet.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.alloc(150 * 1024, 0x20)]) }]);
      await page.locator('main form button[type="submit"]').click();
      const error = page.locator('#intake-attachments-error');
      await error.waitFor();
      await expect(error.textContent()).resolves.toMatch(/^Tệp thứ 1 lớn hơn .* MB\.$/);
      await expect(page.locator('.td-error-summary a[href="#intake-attachments"]').count()).resolves.toBe(1);
      await expect(page.locator('#intake-title').inputValue()).resolves.toBe(title);
      await expect(page.locator('#intake-fullName').inputValue()).resolves.toBe('Trần Thị Thư');
      expect(await casesTitled(title)).toEqual([]);
    } finally {
      await updateCaseSettings(server.handle.ctx, admin, before);
      await page.context().close();
    }
  });
});
