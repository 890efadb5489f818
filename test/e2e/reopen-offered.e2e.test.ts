import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/auth/roles.js';
import { applyCaseAction, reopenCase } from '../../src/modules/cases/server/service.js';
import { submitCase } from '../../src/modules/cases/server/use-cases/submit-case.js';
import { demoLeader, launchBrowser, newPage, requireChromium, startServer, type E2eServer } from './kit.js';

/*
 * Issue 3 point 4, JavaScript off: a resident may ask to reopen an answered case only as many times as
 * the commune allows (maxReopenCount, 2 by default). A request sent from a page opened before the
 * limit was reached comes back as the page, the resident's text kept and the reason at the field (not
 * a bare 409); afterwards the page no longer offers the form and says why.
 */
const ready = requireChromium();

describe.skipIf(!ready)('portal: reopening only within the commune\'s limit (JavaScript off)', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a request past the limit keeps the text and names the reason; then the page says why instead of the form', async () => {
    const ctx = server.handle.ctx;
    const { communeId, leader } = await demoLeader(server);
    const category = (await ctx.db.selectFrom('cases_categories').select(['id', 'default_unit_id']).where('code', '=', 'ROADS').executeTakeFirstOrThrow()) as { id: string; default_unit_id: string };
    // The leader also handles for the roads unit here, so the whole round runs through the services.
    const handler: Actor = { ...leader, grants: [...leader.grants, { role: 'officer', communeId, unitId: category.default_unit_id, areaId: null }] };
    const created = await submitCase(ctx, null, { kind: 'feedback', privacy: 'handler_only', categoryId: category.id, title: 'Ổ gà trước cổng chợ', description: 'Ổ gà lớn trước cổng chợ, trời mưa đọng nước.', submitter: { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' } });
    const answer = async () => {
      for (const input of [{ type: 'draftAnswer', text: 'Xã đã vá ổ gà trước cổng chợ.' }, { type: 'approveAnswer' }, { type: 'publishAnswer' }] as const) await applyCaseAction(ctx, handler, created.id, input);
    };
    await applyCaseAction(ctx, handler, created.id, { type: 'accept' });
    await applyCaseAction(ctx, handler, created.id, { type: 'assign', unitId: category.default_unit_id });
    await applyCaseAction(ctx, handler, created.id, { type: 'startWork' });
    await answer();
    await reopenCase(ctx, null, created.code, { reason: 'Lần 1: ổ gà lại xuất hiện', accessToken: created.accessToken! });
    await answer();

    // Reopened once: the resident opens the page and finds the form…
    const resident = await newPage(browser, { javaScriptEnabled: false });
    await resident.goto(`${server.baseUrl}/tra-cuu/${created.code}?khoa=${encodeURIComponent(created.accessToken!)}`);
    const form = resident.locator('form[action*="mo-lai"]');
    await form.waitFor();
    // …while, meanwhile, a second reopening (another tab) reaches the limit.
    await reopenCase(ctx, null, created.code, { reason: 'Lần 2: vẫn còn ổ gà', accessToken: created.accessToken! });
    await answer();

    const reason = 'Mặt đường vẫn lồi lõm sau khi vá, xe máy dễ ngã';
    await form.locator('textarea[name="reason"]').fill(reason);
    const [response] = await Promise.all([resident.waitForNavigation(), form.getByRole('button').click()]);
    expect(response?.status()).toBe(409);
    const field = resident.getByLabel('Vì sao bạn đề nghị xem xét lại?');
    await expect.poll(() => field.inputValue()).toBe(reason);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => resident.locator('#reopen-reason-error').textContent()).toContain('Hồ sơ này không thể mở lại thêm.');

    // Opened again: no form, the reason instead.
    await resident.goto(`${server.baseUrl}/tra-cuu/${created.code}?khoa=${encodeURIComponent(created.accessToken!)}`);
    await resident.getByText('đã được xem xét lại đủ số lần xã cho phép', { exact: false }).waitFor();
    expect(await resident.locator('form[action*="mo-lai"]').count()).toBe(0);
    await resident.context().close();
  });
});
