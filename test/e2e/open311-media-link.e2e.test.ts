import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type E2eServer, expectNoSeriousAxeViolations, requireChromium, signInStaff, withDemoServerAndBrowser } from './kit.js';

/*
 * A request filed through Open311 POST with a `media_url`: the officer's case page shows the photo
 * link as an external link (its host visible, opened only by choice in a new tab with noopener,
 * noreferrer, nofollow), and the page itself never requests the partner's address. An address that
 * is not http/https, even if the database held one, is never a link.
 */
const ready = requireChromium();
const DEMO_KEY = 'nhuquynh-demo-key';
const PARTNER_HOST = 'anh.doitac.example';

describe.skipIf(!ready)('back office: the photo link an Open311 partner sent', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  /** File a feedback through Open311 POST over HTTP, as a partner app does; the case's id. */
  async function fileThroughOpen311(mediaUrl: string): Promise<{ id: string; code: string }> {
    const services = (await (await fetch(`${server.baseUrl}/open311/v2/services.json`)).json()) as Array<{ service_code: string }>;
    const body = new URLSearchParams({
      api_key: DEMO_KEY,
      service_code: services.find((service) => service.service_code.endsWith('-PAKN'))!.service_code,
      lat: '21.0012',
      long: '105.9871',
      description: 'Cột đèn trước nhà văn hóa tổ dân phố bị nghiêng, có ảnh chụp kèm theo.',
      first_name: 'Lan',
      last_name: 'Nguyễn Thị',
      phone: '0912 345 678',
      'attribute[submitter_address]': 'Số 12 ngõ 5, tổ dân phố Như Quỳnh 1',
      media_url: mediaUrl,
    });
    const response = await fetch(`${server.baseUrl}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(response.status).toBe(200);
    const code = ((await response.json()) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const { id } = await server.handle.ctx.db.selectFrom('cases_items').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    return { id, code };
  }

  it('shows the link with its host, to open in a new tab by choice; the page never fetches it', async () => {
    const mediaUrl = `https://${PARTNER_HOST}/photos/cot-den.jpg?size=large&v=2`;
    const filed = await fileThroughOpen311(mediaUrl);
    const page = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    const partnerRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).hostname === PARTNER_HOST) partnerRequests.push(request.url());
    });
    await page.goto(`${server.baseUrl}/staff/cases/${filed.id}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${filed.code} — `) }).waitFor();

    const fact = page.locator('.bo-fact', { has: page.getByText('Ảnh do ứng dụng đối tác gửi kèm (liên kết ngoài)', { exact: true }) });
    const link = fact.getByRole('link', { name: `Mở ảnh trên ${PARTNER_HOST} (tab mới)` });
    await link.waitFor();
    await expect(link.getAttribute('href')).resolves.toBe(mediaUrl);
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer nofollow');
    await expect(fact.textContent()).resolves.toContain(`Địa chỉ: ${mediaUrl}.`);
    // Shown, not loaded: no image of it and no request to the partner's host while the page was built.
    await expect(page.locator(`img[src*="${PARTNER_HOST}"]`).count()).resolves.toBe(0);
    expect(partnerRequests).toEqual([]);
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  });

  it('never makes a link of a javascript: address, even one the database holds', async () => {
    const filed = await fileThroughOpen311(`https://${PARTNER_HOST}/photos/a.jpg`);
    await server.handle.ctx.db.updateTable('cases_items').set({ media_url: 'javascript:alert(document.cookie)' }).where('id', '=', filed.id).execute();
    const page = await signInStaff(browser, server.baseUrl, 'chutich@nhuquynh.demo');
    await page.goto(`${server.baseUrl}/staff/cases/${filed.id}`);
    const fact = page.locator('.bo-fact', { has: page.getByText('Ảnh do ứng dụng đối tác gửi kèm (liên kết ngoài)', { exact: true }) });
    await fact.getByText('Địa chỉ không phải http/https nên không mở được từ đây: javascript:alert(document.cookie)').waitFor();
    await expect(fact.getByRole('link').count()).resolves.toBe(0);
    await expect(page.locator('a[href^="javascript:" i]').count()).resolves.toBe(0);
    await page.context().close();
  });
});
