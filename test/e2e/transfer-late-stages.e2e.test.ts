import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findActiveUsersWithRole, type Actor } from '../../src/core/auth/index.js';
import { applyCaseAction, listCategories, submitCase } from '../../src/modules/cases/server/service.js';
import { caseTimeline, demoLeader, type E2eServer, expectNoSeriousAxeViolations, openCaseFromQueue, requireChromium, signInStaff, takeCaseAction, withDemoServerAndBrowser } from './kit.js';

/*
 * LAW-PAKN-04, LAW-DENUNC-03 on the case page, in Chromium: a leader reviewing a drafted answer sees
 * the matter is not the commune's and sends the case to the competent body (the form says the draft
 * will be discarded; afterwards the timeline says it was, and nothing is left to approve); a case
 * waiting for the resident's information is sent on too (the form says the wait ends).
 */
const ready = requireChromium();

describe.skipIf(!ready)('case page: transfer out from a drafted answer and while awaiting information', () => {
  let server: E2eServer;
  let browser: Browser;
  let communeId: string;
  let leader: Actor;

  withDemoServerAndBrowser(async (started) => {
    ({ server, browser } = started);
    ({ communeId, leader } = await demoLeader(server));
  });

  /** A pollution feedback, accepted and assigned to an officer of its category's unit. */
  async function assignedCase(title: string): Promise<{ id: string; code: string; officer: Actor }> {
    const ctx = server.handle.ctx;
    const pollution = (await listCategories(ctx, communeId)).find((category) => category.code === 'POLLUTION')!;
    const submitted = await submitCase(ctx, null, { kind: 'feedback', categoryId: pollution.id, title, description: 'Nhà máy do huyện cấp phép xả khói đen mỗi tối.', privacy: 'handler_only', submitter: { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' } });
    const row = (await ctx.db.selectFrom('cases_items').select(['assigned_unit_id']).where('id', '=', submitted.id).executeTakeFirstOrThrow()) as { assigned_unit_id: string };
    const unitId = row.assigned_unit_id;
    const [officerUser] = await findActiveUsersWithRole(ctx.db, communeId, 'officer', { unitId });
    const officer: Actor = { userId: officerUser!.id, kind: 'staff', displayName: 'Cán bộ', communeId, grants: [{ role: 'officer', communeId, unitId, areaId: null }], sessionId: 'e2e' };
    await applyCaseAction(ctx, leader, submitted.id, { type: 'accept' });
    await applyCaseAction(ctx, leader, submitted.id, { type: 'assign', unitId, officerId: officer.userId });
    return { id: submitted.id, code: submitted.code, officer };
  }

  it('a leader reviewing the draft transfers the case: the draft is discarded and the timeline says so', async () => {
    const ctx = server.handle.ctx;
    const drafted = await assignedCase('Khói nhà máy của huyện (đã có dự thảo)');
    await applyCaseAction(ctx, drafted.officer, drafted.id, { type: 'startWork' });
    await applyCaseAction(ctx, drafted.officer, drafted.id, { type: 'draftAnswer', text: 'Xã sẽ kiểm tra nhà máy và yêu cầu khắc phục trong tuần tới.' });

    const page = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    await openCaseFromQueue(page, drafted.code, { scope: 'Tất cả' });
    await page.getByText('Xã sẽ kiểm tra nhà máy và yêu cầu khắc phục trong tuần tới.', { exact: true }).waitFor();
    const form = page.getByRole('form', { name: 'Chuyển cơ quan có thẩm quyền', exact: true });
    await form.getByText('Dự thảo trả lời chưa gửi sẽ bị hủy (ghi vào lịch sử xử lý) và không thể duyệt hay công bố nữa.', { exact: true }).waitFor();
    await expect(page.getByRole('form', { name: 'Duyệt câu trả lời', exact: true }).count()).resolves.toBe(1);

    await takeCaseAction(page, 'Chuyển cơ quan có thẩm quyền', { status: 'Đã chuyển cơ quan có thẩm quyền', announces: 'Đã ghi nhận chuyển hồ sơ đến cơ quan có thẩm quyền. Người gửi sẽ được thông báo.' }, async (filling) => {
      await filling.getByLabel('Cơ quan nhận').fill('Phòng Tài nguyên và Môi trường huyện');
    });
    const timeline = await caseTimeline(page).allTextContents();
    expect(timeline.some((line) => line.includes('Hủy dự thảo trả lời do chuyển cơ quan có thẩm quyền'))).toBe(true);
    expect(timeline.some((line) => line.includes('Phòng Tài nguyên và Môi trường huyện'))).toBe(true);
    // Nothing left to approve, and the draft is gone from the page.
    await expect(page.getByRole('form', { name: 'Duyệt câu trả lời', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByText('Xã sẽ kiểm tra nhà máy và yêu cầu khắc phục trong tuần tới.', { exact: true }).count()).resolves.toBe(0);
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  });

  it('a case waiting for the resident\'s information is transferred; the form says the wait ends', async () => {
    const waiting = await assignedCase('Khói nhà máy của huyện (chờ bổ sung)');
    await applyCaseAction(server.handle.ctx, leader, waiting.id, { type: 'requestInformation', note: 'Xin cho biết nhà máy nào.' });

    const page = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    await openCaseFromQueue(page, waiting.code, { scope: 'Tất cả' });
    const form = page.getByRole('form', { name: 'Chuyển cơ quan có thẩm quyền', exact: true });
    await form.getByText(/^Hồ sơ đang chờ người gửi bổ sung: chuyển đi sẽ kết thúc việc chờ/).waitFor();
    await takeCaseAction(page, 'Chuyển cơ quan có thẩm quyền', { status: 'Đã chuyển cơ quan có thẩm quyền', announces: 'Đã ghi nhận chuyển hồ sơ đến cơ quan có thẩm quyền. Người gửi sẽ được thông báo.' }, async (filling) => {
      await filling.getByLabel('Cơ quan nhận').fill('Phòng Tài nguyên và Môi trường huyện');
    });
    await expect(caseTimeline(page).last().textContent()).resolves.toContain('Phòng Tài nguyên và Môi trường huyện');
    await page.context().close();
  });
});
