import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { caseFact, type E2eServer, expectNoSeriousAxeViolations, expectNoSeriousAxeViolationsWithoutJs, hasHorizontalScroll, newPage, requireChromium, signInStaff, withDemoServerAndBrowser } from './kit.js';

/*
 * A place on the map for a case (issue 3 point 2a) on a 360 px phone. JavaScript off: the resident
 * pastes a Google Maps link (after a point written longitude first is refused on the field, text
 * kept); the check page and the status page show the point with an OpenStreetMap link. JavaScript
 * on: "Dùng vị trí hiện tại của tôi" fills the field from the phone's position, and says why not
 * when the page may not use it. No map tile or other outside request is made.
 */
const ready = requireChromium();

async function clickNext(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main button[name="_action"][value="next"]').click()]);
}

/** Open the flow and answer up to the area step ("Việc này ở đâu?") of a feedback about roads. */
async function openAreaStep(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/gui-phan-anh`);
  await page.locator('input[name="kind"][value="feedback"]').check({ force: true });
  await clickNext(page);
  await page.getByRole('radio', { name: /^Đường giao thông/ }).first().check({ force: true });
  await clickNext(page);
  await page.locator('select[name="areaId"]').selectOption({ label: 'Tổ dân phố Như Quỳnh 1' });
}

/** Every request leaving the app's own address (there must be none: no tiles, no geocoding). */
function outsideRequests(page: Page, baseUrl: string): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(baseUrl) && !request.url().startsWith('data:')) seen.push(request.url());
  });
  return seen;
}

describe.skipIf(!ready)('a place on the map for a case', () => {
  let server: E2eServer;
  let browser: Browser;
  withDemoServerAndBrowser((started) => ({ server, browser } = started));

  it('JavaScript off: a pasted Google Maps link is read, a reversed point refused on the field, the point shown after sending', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    page.setDefaultTimeout(15_000);
    const outside = outsideRequests(page, server.baseUrl);
    await openAreaStep(page, server.baseUrl);
    const field = page.getByLabel('Vị trí trên bản đồ (tọa độ)');
    await expect.poll(() => field.isVisible()).toBe(true);
    // Without JavaScript the location button stays hidden (it could do nothing).
    expect(await page.getByRole('button', { name: 'Dùng vị trí hiện tại của tôi' }).isVisible()).toBe(false);

    await field.fill('105.8542, 21.0285');
    await clickNext(page);
    await page.locator('.td-error-summary').getByText('Có vẻ bạn ghi kinh độ trước').waitFor();
    await page.locator('#location-error').getByText('ví dụ: 21.0285, 105.8542').waitFor();
    expect(await page.getByLabel('Vị trí trên bản đồ (tọa độ)').inputValue()).toBe('105.8542, 21.0285');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await expectNoSeriousAxeViolationsWithoutJs(page);

    await page.getByLabel('Vị trí trên bản đồ (tọa độ)').fill('https://www.google.com/maps/place/Ng%C3%B5+7/@21.02,105.85,17z/data=!4m6!3m5!8m2!3d21.0285!4d105.8542');
    await clickNext(page);
    await page.locator('input[name="title"]').fill('Ổ gà lớn giữa đường ngõ 7');
    await page.locator('textarea[name="description"]').fill('Ổ gà lớn giữa đường ngõ 7 đã hai tuần, xe máy đi qua rất dễ ngã, nhất là buổi tối.');
    await clickNext(page);
    await page.locator('input[name="privacy"][value="handler_only"]').check({ force: true });
    await clickNext(page);
    await page.locator('input[name="fullName"]').fill('Đỗ Thị Bản Đồ');
    await page.locator('input[name="phone"]').fill('0912 000 889');
    await page.locator('input[name="submitterAddress"]').fill('Số 2, tổ dân phố Như Quỳnh 1');
    await clickNext(page);

    // The check page shows the point and the link to it, opened in a new tab without this page.
    const row = page.locator('.td-summary-list__row').filter({ hasText: 'Vị trí trên bản đồ' });
    await row.getByText('21.0285, 105.8542').waitFor();
    const link = row.getByRole('link', { name: /Xem trên OpenStreetMap/ });
    expect(await link.getAttribute('href')).toBe('https://www.openstreetmap.org/?mlat=21.0285&mlon=105.8542#map=17/21.0285/105.8542');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');

    await Promise.all([page.waitForURL(/\/gui-phan-anh\/da-gui\//), page.locator('button[name="_action"][value="submit"]').click()]);
    const code = decodeURIComponent(page.url().split('/').at(-1)!);
    await page.goto(`${server.baseUrl}/tra-cuu/${encodeURIComponent(code)}`);
    await page.locator('.td-summary-list__row').filter({ hasText: 'Vị trí trên bản đồ' }).getByText('21.0285, 105.8542').waitFor();
    expect(outside).toEqual([]);
    await page.context().close();
  });

  it('JavaScript on: "Dùng vị trí hiện tại của tôi" fills the field from the phone and says so', async () => {
    const page = await newPage(browser, { permissions: ['geolocation'], geolocation: { latitude: 21.02851249, longitude: 105.85429951, accuracy: 12 } });
    page.setDefaultTimeout(15_000);
    const outside = outsideRequests(page, server.baseUrl);
    await openAreaStep(page, server.baseUrl);
    const button = page.getByRole('button', { name: 'Dùng vị trí hiện tại của tôi' });
    await button.waitFor({ state: 'visible' });
    await expectNoSeriousAxeViolations(page);
    await button.click();
    await expect.poll(() => page.getByLabel('Vị trí trên bản đồ (tọa độ)').inputValue()).toBe('21.028512, 105.8543');
    await page.getByRole('status').getByText('Đã điền vị trí hiện tại: 21.028512, 105.8543').waitFor();
    expect(await page.getByRole('status').getAttribute('aria-live')).toBe('polite');
    // The filled value goes on like a typed one.
    await clickNext(page);
    expect(await page.locator('input[type="hidden"][name="location"]').getAttribute('value')).toBe('21.028512, 105.8543');
    expect(outside).toEqual([]);
    await page.context().close();
  });

  it('JavaScript on, location not allowed: the page says so in its language and the field stays for typing', async () => {
    const page = await newPage(browser, { locale: 'en-GB' });
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}/ngon-ngu?lang=en`).catch(() => undefined);
    await openAreaStep(page, `${server.baseUrl}`);
    if ((await page.locator('html').getAttribute('lang')) !== 'en') {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('.td-header').getByRole('button', { name: 'English' }).click()]);
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Use my current location' }).click();
    await page.getByRole('status').getByText('You have not allowed this page to use your location').waitFor();
    expect(await page.getByLabel('Place on the map (coordinates)').inputValue()).toBe('');
    await page.context().close();
  });

  it('staff intake takes the same field (a reversed point refused, typed text kept) and the case page links the point to OpenStreetMap', async () => {
    const page = await signInStaff(browser, server.baseUrl, 'canbo.kinhte@nhuquynh.demo');
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}/staff/cases/intake`);
    await page.locator('#intake-channel').selectOption('phone');
    await page.locator('#intake-categoryId').selectOption({ label: 'Đường giao thông' });
    await page.locator('#intake-title').fill('Cây đổ chắn đường thôn Lạc Cầu');
    await page.locator('#intake-description').fill('Người dân gọi điện báo cây đổ chắn ngang đường sau cơn mưa đêm qua.');
    await page.locator('#intake-fullName').fill('Trần Văn Gọi');
    await page.getByLabel('Địa chỉ của người dân').fill('Thôn Lạc Cầu, xã Như Quỳnh');
    const location = page.locator('#intake-location');
    await location.fill('105.8542, 21.0285');
    await page.locator('main form button[type="submit"]').click();
    await page.locator('#intake-location-error').getByText('Có vẻ bạn ghi kinh độ trước').waitFor();
    expect(await page.locator('#intake-title').inputValue()).toBe('Cây đổ chắn đường thôn Lạc Cầu');
    expect(await location.inputValue()).toBe('105.8542, 21.0285');
    await location.fill('https://www.openstreetmap.org/#map=18/21.0285/105.8542');
    await page.locator('main form button[type="submit"]').click();
    await page.getByText('Mã tra cứu cho người dân:').waitFor();
    await page.getByRole('link', { name: 'Mở việc vừa nhập' }).click();
    const fact = caseFact(page, 'Vị trí trên bản đồ');
    await fact.getByText('21.0285, 105.8542').waitFor();
    const link = fact.getByRole('link', { name: /Xem trên OpenStreetMap/ });
    expect(await link.getAttribute('href')).toBe('https://www.openstreetmap.org/?mlat=21.0285&mlon=105.8542#map=17/21.0285/105.8542');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    await page.context().close();
  });

  it("an administrator narrows the commune's box on the settings page (a reversed box refused on its field); the portal then refuses a point outside it", async () => {
    const admin = await signInStaff(browser, server.baseUrl, 'quantri@nhuquynh.demo');
    admin.setDefaultTimeout(15_000);
    await admin.goto(`${server.baseUrl}/staff/admin/case-settings`);
    const side = (label: string) => admin.getByLabel(label, { exact: false });
    const save = async () => admin.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await side('Vĩ độ phía nam').waitFor();
    expect(await side('Vĩ độ phía nam').inputValue()).toBe('6');
    expect(await side('Kinh độ phía đông').inputValue()).toBe('117.9');
    const setBox = async (box: { south: string; north: string; west: string; east: string }) => {
      await side('Vĩ độ phía nam').fill(box.south);
      await side('Vĩ độ phía bắc').fill(box.north);
      await side('Kinh độ phía tây').fill(box.west);
      await side('Kinh độ phía đông').fill(box.east);
      await save();
    };
    try {
      await setBox({ south: '21,3', north: '20,9', west: '105.8', east: '106.2' });
      await admin.locator('#admin-mapBounds-north-error').getByText('vĩ độ phía nam phải nhỏ hơn phía bắc').waitFor();
      expect(await side('Vĩ độ phía bắc').getAttribute('aria-invalid')).toBe('true');
      // A decimal comma is read as a dot.
      await setBox({ south: '20,9', north: '21.3', west: '105.8', east: '106.2' });
      await admin.getByText(/^Đã lưu cài đặt lúc/).waitFor();

      const resident = await newPage(browser, { javaScriptEnabled: false });
      resident.setDefaultTimeout(15_000);
      await openAreaStep(resident, server.baseUrl);
      await resident.getByLabel('Vị trí trên bản đồ (tọa độ)').fill('10.7769, 106.7009');
      await clickNext(resident);
      await resident.locator('#location-error').getByText('Vĩ độ phải từ 20.9 đến 21.3, kinh độ từ 105.8 đến 106.2').waitFor();
      await resident.getByLabel('Vị trí trên bản đồ (tọa độ)').fill('21.0012, 105.9871');
      await clickNext(resident);
      await resident.locator('input[name="_step"][value="text"]').waitFor({ state: 'attached' });
      await resident.context().close();
    } finally {
      await admin.reload();
      await setBox({ south: '6', north: '23.5', west: '102', east: '117.9' });
      await admin.getByText(/^Đã lưu cài đặt lúc/).waitFor();
      await admin.context().close();
    }
  });
});
