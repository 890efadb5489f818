import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitCase } from '../../src/modules/cases/server/use-cases/submit-case.js';
import { caseFact, caseTimeline, expectNoSeriousAxeViolations, launchBrowser, newPage, openCaseFromQueue, requireChromium, signInStaff, startServer, takeCaseAction, type E2eServer } from './kit.js';

/*
 * Classifying a case on the case page, in Chromium (issue 3): an officer reclassifies feedback filed
 * under the wrong category, then sends another case to the competent body (LAW-PAKN-04); a leader
 * marks a complaint complex and from a remote area (LAW-COMPLAINT-07/08), and a complaint is offered
 * no extension at all; a denunciation's extension form states the rule's cap (LAW-DENUNC-06).
 */
const ready = requireChromium();

describe.skipIf(!ready)('case page: reclassify, transfer out, complaint complexity', () => {
  let server: E2eServer;
  let browser: Browser;
  const categoryId = async (code: string) =>
    ((await server.handle.ctx.db.selectFrom('cases_categories').select(['id']).where('code', '=', code).executeTakeFirstOrThrow()) as { id: string }).id;
  const file = async (fields: Record<string, unknown>) =>
    submitCase(server.handle.ctx, null, { kind: 'feedback', privacy: 'handler_only', submitter: { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' }, ...fields });

  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the officer reclassifies feedback to the right category, then sends another case to the competent body', async () => {
    const roads = await file({ categoryId: await categoryId('ROADS'), title: 'Nước máy chảy yếu', description: 'Nước máy nhà tôi chảy rất yếu từ tuần trước.' });
    const outside = await file({ categoryId: await categoryId('POLLUTION'), title: 'Khói từ nhà máy của huyện', description: 'Nhà máy do huyện quản lý xả khói đen mỗi tối.' });
    const officer = await signInStaff(browser, server.baseUrl, 'canbo.kinhte@nhuquynh.demo');

    await openCaseFromQueue(officer, roads.code, { scope: 'Tất cả' });
    await takeCaseAction(officer, 'Phân loại lại', { status: 'Đã tiếp nhận', announces: 'Đã phân loại lại hồ sơ; thời hạn được tính lại.' }, async (form) => {
      // The kinds a feedback may become: never a denunciation or anonymous report (LAW-DENUNC-11, LAW-DENUNC-04).
      const kinds = await form.getByLabel('Loại hồ sơ').locator('option').allTextContents();
      expect(kinds).not.toContain('Tố cáo');
      await form.getByLabel('Lĩnh vực').selectOption({ label: 'Nước sạch' });
      await form.getByLabel('Lý do phân loại lại').fill('Việc về nước sạch, không phải đường giao thông');
    });
    await expect(caseFact(officer, 'Lĩnh vực').textContent()).resolves.toBe('Nước sạch');
    await expect(caseTimeline(officer).last().textContent()).resolves.toContain('Phân loại lại');
    await expectNoSeriousAxeViolations(officer);

    await openCaseFromQueue(officer, outside.code, { scope: 'Tất cả' });
    await officer.getByText(/^Nếu không thuộc thẩm quyền, chuyển cơ quan có thẩm quyền trước: /).first().waitFor();
    const form = officer.getByRole('form', { name: 'Chuyển cơ quan có thẩm quyền', exact: true });
    // Sent empty, the body's name is asked for by field.
    await form.getByRole('button', { name: 'Chuyển cơ quan có thẩm quyền', exact: true }).click();
    await form.getByText('Vui lòng ghi tên cơ quan có thẩm quyền nhận hồ sơ.', { exact: true }).waitFor();
    await takeCaseAction(officer, 'Chuyển cơ quan có thẩm quyền', { status: 'Đã chuyển cơ quan có thẩm quyền', announces: 'Đã ghi nhận chuyển hồ sơ đến cơ quan có thẩm quyền. Người gửi sẽ được thông báo.' }, async (filling) => {
      await filling.getByLabel('Cơ quan nhận').fill('Phòng Tài nguyên và Môi trường huyện');
      await filling.getByLabel(/^Số công văn chuyển/).fill('15/CV-UBND');
    });
    await expect(caseTimeline(officer).last().textContent()).resolves.toContain('Phòng Tài nguyên và Môi trường huyện');
    await officer.context().close();

    // The resident's status page, without JavaScript, names the body.
    const resident = await newPage(browser, { javaScriptEnabled: false });
    await resident.goto(`${server.baseUrl}/tra-cuu/${outside.code}`);
    await expect(resident.getByText('Việc này không thuộc thẩm quyền của xã nên đã được chuyển đến Phòng Tài nguyên và Môi trường huyện.', { exact: false }).count()).resolves.toBe(1);
    await resident.context().close();
  });

  it('a leader marks a complaint complex and from a remote area; a complaint is offered no extension', async () => {
    const complaint = await file({ kind: 'complaint', categoryId: await categoryId('LAND'), title: 'Khiếu nại thu hồi đất', description: 'Tôi không đồng ý với quyết định thu hồi đất vườn vì chưa được bồi thường.' });
    const leader = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    await openCaseFromQueue(leader, complaint.code, { scope: 'Tất cả' });
    await takeCaseAction(leader, 'Thụ lý', { status: 'Đã thụ lý', announces: 'Đã thụ lý hồ sơ.' });
    // A complaint's longer period comes from the complexity decision (LAW-COMPLAINT-07), never an extension: no "Gia hạn" form.
    await leader.getByRole('form', { name: 'Xác định vụ việc phức tạp, vùng khó khăn', exact: true }).waitFor();
    await expect(leader.getByRole('form', { name: 'Gia hạn', exact: true }).count()).resolves.toBe(0);

    await takeCaseAction(leader, 'Xác định vụ việc phức tạp, vùng khó khăn', { status: 'Đã thụ lý', announces: 'Đã ghi quyết định; thời hạn giải quyết được tính lại.' }, async (form) => {
      await form.getByLabel(/^Vụ việc phức tạp/).check();
      await form.getByLabel('Vùng sâu, vùng xa, đi lại khó khăn').check();
      await form.getByLabel('Căn cứ xác định').fill('Phải xác minh tại hai thôn; thôn Lạc Cầu đi lại khó khăn');
    });
    await expect(leader.getByRole('region', { name: 'Thời hạn', exact: true }).textContent()).resolves.toContain('vùng sâu, vùng xa, vụ việc phức tạp');
    await expectNoSeriousAxeViolations(leader);
    await leader.context().close();
  });

  it('LAW-DENUNC-06: a denunciation\'s extension form states the 30-day cap in calendar days, and is gone once both extensions are used', async () => {
    const denunciation = await file({
      kind: 'denunciation',
      categoryId: await categoryId('CONDUCT'),
      title: 'Tố cáo cán bộ nhận tiền',
      description: 'Cán bộ địa chính yêu cầu nộp tiền ngoài quy định khi làm thủ tục đất.',
      submitter: { fullName: 'Lê Văn Cường', address: 'Số 3 ngõ 5', phone: '0987000222', idNumber: '001203004222' },
    });
    const leader = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    await openCaseFromQueue(leader, denunciation.code, { scope: 'Tất cả' });
    await takeCaseAction(leader, 'Thụ lý', { status: 'Đã thụ lý', announces: 'Đã thụ lý hồ sơ.' });
    const extend = leader.getByRole('form', { name: 'Gia hạn', exact: true });
    await extend.getByLabel('Số ngày gia hạn (tối đa 30)').waitFor();
    await expect(extend.getByLabel('Loại ngày').locator('option').allTextContents()).resolves.toEqual(['Chọn…', 'Ngày theo lịch']);
    for (let round = 0; round < 2; round += 1) {
      await takeCaseAction(leader, 'Gia hạn', { status: 'Đã thụ lý', announces: 'Đã gia hạn thời hạn giải quyết.' }, async (form) => {
        await form.getByLabel('Số ngày gia hạn (tối đa 30)').fill('30');
        await form.getByLabel('Loại ngày').selectOption('calendar_days');
        await form.getByLabel('Lý do').fill('Phải xác minh tại nhiều nơi, nhiều nội dung');
        await form.getByLabel('Mức độ phức tạp (nếu có văn bản xác định)').selectOption('especially_complex');
      });
    }
    await leader.getByRole('form', { name: 'Giao xử lý', exact: true }).waitFor();
    await expect.poll(() => leader.getByRole('form', { name: 'Gia hạn', exact: true }).count()).toBe(0);
    await leader.context().close();
  });
});
