import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type E2eServer, openCaseFromQueue, requireChromium, signInStaff, withDemoServerAndBrowser } from './kit.js';

/*
 * In Chromium, on the case page: the unit choices of "assign" and "forward" leave out the supervising
 * bodies (the Fatherland Front, the People's Inspection Board: LAW-BASE-13, they only read, note and
 * flag); a forward's step deadline is explained under "Thời hạn" (issue 3 points 4 and 5).
 */
const ready = requireChromium();

describe.skipIf(!ready)('case page: supervising units are no forward target; the step deadline is explained', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  it('the leader forwards to a unit of the committee, never to MTTQ or TTND, and reads how the step deadline is counted', async () => {
    // The demo's smoke case: in progress at Phòng Kinh tế, assigned to its officer (src/modules/cases/server/demo.ts).
    const { code } = (await server.handle.ctx.db.selectFrom('cases_items').select(['code']).where('title', '=', 'Khói và mùi nhựa cháy từ xưởng tái chế ban đêm').executeTakeFirstOrThrow()) as { code: string };
    // The chairman forwards it (an officer forwarding out of their own unit no longer sees the case page).
    const officer = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    await openCaseFromQueue(officer, code);
    const form = officer.getByRole('form', { name: 'Chuyển bộ phận khác', exact: true });
    const target = form.getByLabel('Chuyển đến bộ phận');
    await expect.poll(async () => (await target.locator('option').allTextContents()).join('|')).toContain('Phòng Văn hóa – Xã hội');
    const options = await target.locator('option').allTextContents();
    expect(options.some((label) => label.includes('Thanh tra nhân dân'))).toBe(false);
    expect(options.some((label) => label.includes('Mặt trận Tổ quốc'))).toBe(false);

    await target.selectOption({ label: 'Phòng Văn hóa – Xã hội (y tế, giáo dục, an sinh)' });
    await form.getByLabel(/^Số ngày cho bước này/).fill('3');
    await form.getByRole('button', { name: 'Chuyển bộ phận khác', exact: true }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã chuyển hồ sơ đến Phòng Văn hóa – Xã hội' }).waitFor();
    const deadline = officer.getByRole('region', { name: 'Thời hạn', exact: true });
    await expect.poll(async () => (await deadline.textContent()) ?? '').toMatch(/Hạn bước hiện tại: hồ sơ được chuyển đến đơn vị đang giữ ngày .*, với 3 ngày làm việc do người chuyển ấn định/);
    await officer.context().close();
  });
});
