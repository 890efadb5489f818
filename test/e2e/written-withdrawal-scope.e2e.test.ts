import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitCase } from '../../src/modules/cases/server/use-cases/submit-case.js';
import { launchBrowser, openCaseFromQueue, requireChromium, signInStaff, startServer, type E2eServer } from './kit.js';

/*
 * The staff written-withdrawal form offers "partial" only where the law allows it (LAW-COMPLAINT-04,
 * LAW-DENUNC-08; isPartialWithdrawalAllowed): for a feedback the choice is disabled with the reason
 * instead of a field error after sending; for a complaint (after 01/07/2026) it can be chosen.
 */
const ready = requireChromium();

describe.skipIf(!ready)('case page: the written withdrawal offers "partial" only where allowed', () => {
  let server: E2eServer;
  let browser: Browser;
  const categoryId = async (code: string) =>
    ((await server.handle.ctx.db.selectFrom('cases_categories').select(['id']).where('code', '=', code).executeTakeFirstOrThrow()) as { id: string }).id;

  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('disables "partial" with the reason for a feedback and offers it for a complaint', async () => {
    const submitter = { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678', idNumber: '001203004111' };
    const feedback = await submitCase(server.handle.ctx, null, { kind: 'feedback', privacy: 'handler_only', submitter, categoryId: await categoryId('ROADS'), title: 'Đèn đường hỏng', description: 'Đèn đường ở ngõ 5 hỏng cả tuần.' });
    const complaint = await submitCase(server.handle.ctx, null, { kind: 'complaint', privacy: 'handler_only', submitter, categoryId: await categoryId('LAND'), title: 'Khiếu nại quyết định thu hồi đất', description: 'Tôi không đồng ý với quyết định thu hồi đất vườn của gia đình vì chưa được bồi thường.' });
    const leader = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');

    await openCaseFromQueue(leader, feedback.code, { scope: 'Tất cả' });
    const form = leader.getByRole('form', { name: 'Ghi nhận đơn rút (nhận bằng văn bản)', exact: true });
    const scope = form.getByRole('group', { name: 'Rút', exact: true });
    await expect.poll(() => scope.getByRole('radio', { name: 'Một phần nội dung' }).isDisabled()).toBe(true);
    expect(await scope.getByRole('radio', { name: 'Toàn bộ nội dung' }).isDisabled()).toBe(false);
    await scope.getByText('Hồ sơ loại này chỉ có thể rút toàn bộ, không rút một phần.', { exact: true }).waitFor();

    await openCaseFromQueue(leader, complaint.code, { scope: 'Tất cả' });
    const complaintScope = leader.getByRole('form', { name: 'Ghi nhận đơn rút (nhận bằng văn bản)', exact: true }).getByRole('group', { name: 'Rút', exact: true });
    await expect.poll(() => complaintScope.getByRole('radio', { name: 'Một phần nội dung' }).isDisabled()).toBe(false);
    await complaintScope.getByRole('radio', { name: 'Một phần nội dung' }).check();
    expect(await complaintScope.getByText('Hồ sơ loại này chỉ có thể rút toàn bộ, không rút một phần.').count()).toBe(0);
    await leader.context().close();
  });
});
