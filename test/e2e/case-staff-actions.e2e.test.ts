import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { caseFact, caseTimeline, type E2eServer, expectNoSeriousAxeViolations, openCaseFromQueue, requireChromium, signInStaff, takeCaseAction, withDemoServerAndBrowser } from './kit.js';

/*
 * Two staff actions on the case page, in Chromium: the drafting officer recalls a draft awaiting
 * approval to correct it (the text comes back in the form), then records a withdrawal the resident
 * handed in on paper (LAW-COMPLAINT-04 / LAW-DENUNC-08 form: errors by field first, then recorded).
 */
const ready = requireChromium();
const DRAFT = 'Xã đã kiểm tra xưởng tái chế nhựa ở thôn Ngọc Quỳhn và yêu cầu dừng đốt phế liệu.';

/** Today in Vietnam as yyyy-mm-dd (what a date input takes). */
const todayInVietnam = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

describe.skipIf(!ready)('case page: recall a draft, record a written withdrawal', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  it('the officer recalls a draft, corrects it, and later records a signed withdrawal', async () => {
    // The demo's smoke case: in progress at Phòng Kinh tế, assigned to its officer (src/modules/cases/server/demo.ts).
    const { code } = (await server.handle.ctx.db.selectFrom('cases_items').select(['code']).where('title', '=', 'Khói và mùi nhựa cháy từ xưởng tái chế ban đêm').executeTakeFirstOrThrow()) as { code: string };
    const officer = await signInStaff(browser, server.baseUrl, 'canbo.kinhte@nhuquynh.demo');
    await openCaseFromQueue(officer, code, { scope: 'Việc của tôi' });
    await takeCaseAction(officer, 'Soạn câu trả lời', { status: 'Đang chuẩn bị trả lời', announces: 'Đã lưu dự thảo câu trả lời, chờ lãnh đạo duyệt.' }, (form) => form.getByLabel('Nội dung trả lời').fill(DRAFT));

    // A typo spotted after sending: take the draft back.
    await takeCaseAction(officer, 'Rút lại dự thảo để sửa', { status: 'Đang xử lý', announces: 'Đã rút lại dự thảo. Sửa dự thảo rồi gửi lại để lãnh đạo duyệt.' }, (form) => form.getByLabel(/^Cần sửa gì/).fill('Sai tên thôn'));
    await expect(caseTimeline(officer).last().textContent()).resolves.toMatch(/— Cán bộ rút lại dự thảo để sửa Nội bộ.*Sai tên thôn/);
    await takeCaseAction(officer, 'Soạn câu trả lời', { status: 'Đang chuẩn bị trả lời', announces: 'Đã lưu dự thảo câu trả lời, chờ lãnh đạo duyệt.' }, async (form) => {
      await expect(form.getByLabel('Nội dung trả lời').inputValue()).resolves.toBe(DRAFT);
      await form.getByLabel('Nội dung trả lời').fill(DRAFT.replace('Quỳhn', 'Quỳnh'));
    });
    await expectNoSeriousAxeViolations(officer);

    // The resident then hands in a signed withdrawal letter. Sent empty, the form names each field
    // beside it and in its error summary, which takes the focus (WCAG 3.3.1).
    const form = officer.getByRole('form', { name: 'Ghi nhận đơn rút (nhận bằng văn bản)', exact: true });
    await form.getByRole('button', { name: 'Ghi nhận đơn rút (nhận bằng văn bản)', exact: true }).click();
    await form.getByText('Vui lòng chọn rút toàn bộ hay một phần.', { exact: true }).waitFor();
    await expect.poll(() => form.locator('.td-error-summary').evaluate((element) => element === document.activeElement)).toBe(true);
    await expect(form.locator('.td-error-summary').getByRole('link').count()).resolves.toBe(4);
    await expect(form.getByText('Vui lòng nhập ngày nhận đơn rút.', { exact: true }).count()).resolves.toBe(1);
    await expect(form.getByText('Vui lòng chọn hình thức nhận đơn rút.', { exact: true }).count()).resolves.toBe(1);
    await expect(form.getByText('Chỉ ghi nhận đơn rút hoặc biên bản có chữ ký hoặc điểm chỉ của người gửi.', { exact: true }).count()).resolves.toBe(1);
    await expect(form.getByLabel(/^Lý do rút/).inputValue()).resolves.toBe('');
    await form.getByLabel(/^Lý do rút/).fill('Xưởng đã ngừng đốt');
    await expectNoSeriousAxeViolations(officer);

    // Part of a feedback case cannot be withdrawn (LAW-COMPLAINT-04 / LAW-DENUNC-08 allow it for complaints
    // and denunciations only): the choice is shown disabled, with the reason (the server refuses it too).
    await expect(form.getByLabel('Một phần nội dung').isDisabled()).resolves.toBe(true);
    await expect(form.getByLabel('Toàn bộ nội dung').isDisabled()).resolves.toBe(false);
    await form.getByText('Hồ sơ loại này chỉ có thể rút toàn bộ, không rút một phần.', { exact: true }).waitFor();
    await expect(caseFact(officer, 'Tình trạng').textContent()).resolves.toMatch(/^Đang chuẩn bị trả lời/);

    await takeCaseAction(officer, 'Ghi nhận đơn rút (nhận bằng văn bản)', { status: 'Đã rút', announces: 'Đã ghi nhận đơn rút. Người gửi sẽ được thông báo.' }, async (filling) => {
      // What was typed before the refusal is still there.
      await expect(filling.getByLabel(/^Lý do rút/).inputValue()).resolves.toBe('Xưởng đã ngừng đốt');
      await filling.getByLabel('Toàn bộ nội dung').check();
      await filling.getByLabel('Ngày nhận đơn rút').fill(todayInVietnam());
      await filling.getByLabel('Hình thức nhận').selectOption({ label: 'Nộp trực tiếp' });
      await filling.getByLabel('Đơn rút hoặc biên bản có chữ ký hoặc điểm chỉ của người gửi').check();
    });
    const [year, month, day] = todayInVietnam().split('-');
    await expect(caseTimeline(officer).last().textContent()).resolves.toContain(`Đơn rút toàn bộ bằng văn bản, nhận ngày ${day}/${month}/${year} (Nộp trực tiếp).`);
    await expect(caseFact(officer, 'Tình trạng').textContent()).resolves.toMatch(/^Đã rút/);
    await officer.context().close();
  });
});
