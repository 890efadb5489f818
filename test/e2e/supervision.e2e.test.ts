import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { typed } from '../../src/core/db/database.js';
import type { CasesTables } from '../../src/modules/cases/db/tables.js';
import { type E2eServer, expectNoSeriousAxeViolations, requireChromium, signInStaff, withDemoServerAndBrowser, openStaffPage } from './kit.js';

/*
 * Supervision recommendations (LAW-BASE-13, LAW-DEMO-54) in the back office: the Fatherland Front
 * raises a flag on a case, the chairman finds it in "Kiến nghị giám sát" and answers it, the Front
 * sees the answer in its list and on the case and closes the flag.
 */
const ready = requireChromium();
const FLAG = 'Đề nghị UBND xã cho biết khi nào sửa xong đèn đường trước nhà văn hóa.';
const ANSWER = 'UBND xã đã giao Phòng Kinh tế thay bóng đèn, xong trước ngày 05/12.';

describe.skipIf(!ready)('supervision recommendations', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  it('point 13: the queue does not offer the Front the denunciation kind, which it never sees; the chairman has it', async () => {
    const optionsFor = async (email: string) => {
      const page = await signInStaff(browser, server.baseUrl, email);
      await openStaffPage(page, server.baseUrl, '/cases');
      await expect.poll(() => page.locator('#filter-kind option').count()).toBeGreaterThan(1);
      const labels = await page.locator('#filter-kind option').allTextContents();
      await page.context().close();
      return labels;
    };
    const front = await optionsFor('mttq@nhuquynh.demo');
    expect(front).not.toContain('Tố cáo');
    expect(front.some((label) => label.startsWith('Báo cáo tiêu cực'))).toBe(true);
    expect(await optionsFor('chutich@nhuquynh.demo')).toContain('Tố cáo');
  });

  it('the Front raises a flag, the chairman answers it from the list, the Front reads the answer and closes it', async () => {
    const row = await typed<CasesTables>(server.handle.ctx.db).selectFrom('cases_items').select(['id', 'code']).where('kind', '=', 'feedback').orderBy('created_at').executeTakeFirstOrThrow();

    const front = await signInStaff(browser, server.baseUrl, 'mttq@nhuquynh.demo');
    await openStaffPage(front, server.baseUrl, `/cases/${row.id}`);
    const section = front.getByRole('region', { name: 'Ghi chú giám sát' });
    await section.getByLabel('Kiến nghị', { exact: true }).check();
    await section.getByLabel('Nội dung').fill(FLAG);
    await section.getByRole('button', { name: 'Thêm ghi chú' }).click();
    const flagItem = section.getByRole('listitem').filter({ hasText: FLAG });
    await flagItem.filter({ hasText: 'Chờ UBND trả lời' }).waitFor();
    await expect.poll(() => flagItem.textContent()).toContain('Hạn trả lời:');

    const chairman = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    await openStaffPage(chairman, server.baseUrl, '/supervision');
    const listed = chairman.getByRole('row').filter({ hasText: row.code });
    await listed.filter({ hasText: 'Chờ UBND trả lời' }).waitFor();
    await listed.getByRole('link', { name: row.code }).click();
    await chairman.waitForURL(`${server.baseUrl}/staff/cases/${row.id}`);
    const toAnswer = chairman.getByRole('region', { name: 'Ghi chú giám sát' });
    // An empty answer is refused by the server, on the field.
    await toAnswer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await toAnswer.locator('.bo-field--error').filter({ hasText: 'Vui lòng nhập' }).waitFor();
    await toAnswer.getByLabel('Trả lời kiến nghị (thay mặt UBND xã)').fill(ANSWER);
    await toAnswer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await toAnswer.getByRole('status').filter({ hasText: 'Đã gửi trả lời kiến nghị.' }).waitFor();
    await toAnswer.getByRole('listitem').filter({ hasText: 'Đã trả lời, chờ cơ quan giám sát đánh giá' }).waitFor();
    await chairman.context().close();

    await openStaffPage(front, server.baseUrl, '/supervision');
    const answered = front.getByRole('row').filter({ hasText: row.code });
    await answered.filter({ hasText: ANSWER }).waitFor();
    await expectNoSeriousAxeViolations(front);
    await answered.getByRole('link', { name: row.code }).click();
    await front.waitForURL(`${server.baseUrl}/staff/cases/${row.id}`);
    const toClose = front.getByRole('region', { name: 'Ghi chú giám sát' });
    await toClose.getByRole('listitem').filter({ hasText: ANSWER }).waitFor();
    await toClose.getByRole('button', { name: 'Đồng ý, đóng kiến nghị' }).click();
    await toClose.getByRole('status').filter({ hasText: 'Đã đóng kiến nghị.' }).waitFor();
    await toClose.getByRole('listitem').filter({ hasText: FLAG }).filter({ hasText: 'Đã đóng' }).waitFor();
    await expect(toClose.getByRole('button', { name: 'Đồng ý, đóng kiến nghị' }).count()).resolves.toBe(0);

    await openStaffPage(front, server.baseUrl, '/supervision?filter=closed');
    await front.getByRole('row').filter({ hasText: row.code }).waitFor();
    await front.context().close();
  });
});
