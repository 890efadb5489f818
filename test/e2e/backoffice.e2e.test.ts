import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createStaffAccount, type E2eServer, expectNoSeriousAxeViolations, hasHorizontalScroll, newPage, requireChromium, signInThroughPortal, withDemoServerAndBrowser, openStaffPage } from './kit.js';

/*
 * Staff back office (the /staff/ SPA): two-factor sign-in, area administration, accessibility of
 * every core page, keyboard use of the navigation. Accounts are made with the kit's
 * createStaffAccount: one for the two-factor journey (it ends with TOTP on), one for the rest.
 */
const ready = requireChromium();
const PASSWORD = 'mot cau de nho 2027';
const TOTP_ADMIN = { email: 'quantri.haibuoc@e2e.tiengdan.vn', displayName: 'Đỗ Minh Hai Bước' };
const ADMIN = { email: 'quantri@e2e.tiengdan.vn', displayName: 'Lê Thị Quản Trị' };
const desktop = { width: 1280, height: 900 };

/** The code an authenticator app shows for `secret` at `timestamp` (same parameters as core/auth/totp). */
function totpCode(secret: string, timestamp: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), period: 30, digits: 6, algorithm: 'SHA1', timestamp });
}

/** Open a back-office page and wait until its data has loaded (no "Đang tải…" left). */
describe.skipIf(!ready)('staff back office', () => {
  let server: E2eServer;
  let browser: Browser;

  withDemoServerAndBrowser(async (started) => {
    ({ server, browser } = started);
    await createStaffAccount(server, { ...TOTP_ADMIN, password: PASSWORD, role: 'admin' });
    await createStaffAccount(server, { ...ADMIN, password: PASSWORD, role: 'admin' });
  });

  async function signedInAdmin(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await newPage(browser, viewport ? { viewport } : {});
    await signInThroughPortal(page, server.baseUrl, ADMIN.email, PASSWORD);
    await page.waitForURL(`${server.baseUrl}/staff/`);
    await page.locator('main h1').waitFor();
    return page;
  }

  it('a staff member turns on two-factor sign-in, signs out, and signs in again with a code', async () => {
    const page = await newPage(browser);
    // Signed out, the SPA sends staff to the portal's sign-in page and asks to come back.
    await page.goto(`${server.baseUrl}/staff/admin/areas`);
    await page.waitForURL(/\/dang-nhap\?next=%2Fstaff%2Fadmin%2Fareas/);

    await signInThroughPortal(page, server.baseUrl, TOTP_ADMIN.email, PASSWORD);
    await page.waitForURL(`${server.baseUrl}/staff/`);
    await expect(page.locator('header').textContent()).resolves.toContain(TOTP_ADMIN.displayName);

    await page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Tài khoản của tôi' }).click();
    await page.waitForURL(`${server.baseUrl}/staff/account`);
    await page.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
    const secret = (await page.locator('#totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expect(page.locator('#totp-uri').textContent()).resolves.toMatch(/^otpauth:\/\/totp\//);

    // A wrong code is refused next to the field, then the right one turns two-factor on.
    await page.getByLabel('Mã xác thực').fill('12345');
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await expect(page.locator('#field-code-error').textContent()).resolves.toContain('6 chữ số');
    await page.getByLabel('Mã xác thực').fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await page.getByText('Đã bật xác thực hai bước').waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('Đã bật');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    await page.goto(`${server.baseUrl}/staff/`);
    await page.waitForURL(/\/dang-nhap/);

    await signInThroughPortal(page, server.baseUrl, TOTP_ADMIN.email, PASSWORD);
    await page.waitForURL(/\/dang-nhap\/ma-xac-thuc/);
    // The code of the next 30-second step: the enabling code's step can never be replayed.
    await page.getByLabel('Nhập mã xác thực').fill(totpCode(secret, Date.now() + 30_000));
    await page.locator('main form[action="/dang-nhap/ma-xac-thuc"] button[type="submit"]').click();
    await page.waitForURL(`${server.baseUrl}/staff/`);
    await expect(page.locator('header').textContent()).resolves.toContain(TOTP_ADMIN.displayName);
    await page.context().close();
  }, 120_000);

  it('an admin adds a hamlet: client-side errors first, then it appears in the list and the public API', async () => {
    const page = await signedInAdmin(desktop);
    await page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Địa bàn' }).click();
    await page.waitForURL(`${server.baseUrl}/staff/admin/areas`);
    await page.getByRole('cell', { name: 'THON-LC' }).waitFor();
    await page.getByRole('link', { name: 'Thêm thôn, tổ dân phố' }).click();
    await page.waitForURL(`${server.baseUrl}/staff/admin/areas/new`);

    // Nothing filled in: the contract schema, run in the browser, stops the request.
    await page.getByRole('button', { name: 'Thêm thôn, tổ dân phố' }).click();
    const summary = page.getByRole('alert');
    await expect(summary.textContent()).resolves.toContain('Có lỗi cần sửa');
    await expect(page.evaluate(() => document.activeElement?.classList.contains('td-error-summary'))).resolves.toBe(true);
    await expect(page.locator('#field-name-error').textContent()).resolves.toContain('Vui lòng nhập mục này');

    await page.getByLabel('Tên').fill('Thôn Đông Hải');
    await page.getByLabel('Mã', { exact: true }).fill('THON-DH');
    await page.getByLabel('Loại').selectOption({ label: 'Thôn' });
    await page.getByLabel(/Số hộ/).fill('1.2');
    await page.getByRole('button', { name: 'Thêm thôn, tổ dân phố' }).click();
    await expect(page.locator('#field-householdCount-error').textContent()).resolves.toContain('số nguyên');
    await page.getByLabel(/Số hộ/).fill('186');
    await page.getByLabel(/Số nhân khẩu/).fill('742');
    await page.getByRole('button', { name: 'Thêm thôn, tổ dân phố' }).click();

    await page.waitForURL(`${server.baseUrl}/staff/admin/areas`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Đã thêm “Thôn Đông Hải”');
    const row = page.getByRole('row', { name: /Thôn Đông Hải/ });
    await expect(row.textContent()).resolves.toContain('THON-DH');
    await expect(row.textContent()).resolves.toContain('186');
    const publicAreas = (await (await page.request.get(`${server.baseUrl}/api/v1/areas`)).json()) as Array<{ code: string; name: string; kind: string }>;
    expect(publicAreas).toContainEqual(expect.objectContaining({ code: 'THON-DH', name: 'Thôn Đông Hải', kind: 'thon' }));

    // The same code again: the server's conflict lands on the code field.
    await page.getByRole('link', { name: 'Thêm thôn, tổ dân phố' }).click();
    await page.getByLabel('Tên').fill('Thôn Đông Hải 2');
    await page.getByLabel('Mã', { exact: true }).fill('THON-DH');
    await page.getByRole('button', { name: 'Thêm thôn, tổ dân phố' }).click();
    await expect(page.locator('#field-code-error').textContent()).resolves.toContain('THON-DH');
    await page.context().close();
  });

  it('the area form lists errors in its own order, reads "1.000" as a thousand, and refuses fewer people than households or a name already used', async () => {
    const page = await signedInAdmin(desktop);
    await openStaffPage(page, server.baseUrl, '/admin/areas/new');
    const submit = page.getByRole('button', { name: 'Thêm thôn, tổ dân phố' });
    await submit.click();
    // Name is the first field of the form, code the second: the summary reads the same way.
    await expect.poll(() => page.locator('.td-error-summary__list a').allTextContents()).toEqual(['Tên: Vui lòng nhập mục này.', 'Mã: Vui lòng nhập mục này.']);

    await page.getByLabel('Tên').fill('Thôn Bắc Hải');
    await page.getByLabel('Mã', { exact: true }).fill('THON-BH');
    await page.getByLabel(/Số hộ/).fill('1.000');
    await page.getByLabel(/Số nhân khẩu/).fill('900');
    await submit.click();
    await page.locator('#field-population-error').filter({ hasText: 'Số nhân khẩu không được ít hơn số hộ' }).waitFor();
    await expect(page.locator('#field-householdCount-error').count()).resolves.toBe(0);
    await page.getByLabel(/Số nhân khẩu/).fill('4 250');
    await submit.click();
    await page.waitForURL(`${server.baseUrl}/staff/admin/areas`);
    const row = page.getByRole('row', { name: /Thôn Bắc Hải/ });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('1.000');
    await expect.poll(() => row.textContent()).toContain('4.250');

    // The same name in other letters: the server's answer lands on the name field, the input stays.
    await page.getByRole('link', { name: 'Thêm thôn, tổ dân phố' }).click();
    await page.getByLabel('Tên').fill('thôn bắc hải');
    await page.getByLabel('Mã', { exact: true }).fill('THON-BH2');
    await submit.click();
    await page.locator('#field-name-error').filter({ hasText: 'đã có trong xã/phường này' }).waitFor();
    await expect(page.getByLabel('Tên').inputValue()).resolves.toBe('thôn bắc hải');
    await expect(page.locator('#field-code-error').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('every back-office page has no serious accessibility problem and fits a 360 px phone', async () => {
    const page = await signedInAdmin();
    const firstId = async (apiPath: string) => ((await (await page.request.get(`${server.baseUrl}${apiPath}`)).json()) as Array<{ id: string }> | { items: Array<{ id: string }> });
    const areas = (await firstId('/api/v1/admin/areas')) as Array<{ id: string }>;
    const units = (await firstId('/api/v1/admin/units')) as Array<{ id: string }>;
    const users = (await firstId('/api/v1/admin/users?kind=staff')) as { items: Array<{ id: string }> };
    const paths = [
      '/',
      '/account',
      '/admin/areas',
      '/admin/areas/new',
      `/admin/areas/${areas[0]!.id}`,
      '/admin/units',
      '/admin/units/new',
      `/admin/units/${units[0]!.id}`,
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${users.items[0]!.id}`,
      '/admin/jobs',
      '/admin/audit',
      '/admin/calendar',
      '/admin/case-categories',
      '/admin/open311-clients',
      '/no-such-page',
    ];
    for (const path of paths) {
      await openStaffPage(page, server.baseUrl, path);
      await expectNoSeriousAxeViolations(page);
      expect(await hasHorizontalScroll(page), `horizontal scroll on ${path}`).toBe(false);
    }
    // A form showing its errors.
    await openStaffPage(page, server.baseUrl, '/admin/users/new');
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    await page.getByRole('alert').waitFor();
    await expectNoSeriousAxeViolations(page);
    // The English switch.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  }, 180_000);

  it('an admin opens a staff account with a unit role, then adds an area-head role', async () => {
    const page = await signedInAdmin(desktop);
    await openStaffPage(page, server.baseUrl, '/admin/users/new');
    await page.getByLabel('Họ và tên').fill('Phạm Văn Cán Bộ');
    await page.getByLabel('Thư điện tử').fill('canbo.moi@e2e.tiengdan.vn');
    await page.getByLabel('Mật khẩu ban đầu').fill(PASSWORD);
    await page.getByLabel('Vai trò', { exact: true }).selectOption('officer');
    // An officer without a unit is stopped in the browser by core/auth's grant rules.
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    await expect(page.locator('#field-grants-0-unitId-error').textContent()).resolves.toContain('Vui lòng chọn đơn vị');
    await page.getByLabel('Đơn vị').selectOption({ label: 'Phòng Kinh tế (đất đai, xây dựng, môi trường, giao thông)' });
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();

    await page.waitForURL(/\/staff\/admin\/users\/[0-9a-f-]{36}$/);
    await page.getByText(/Đã tạo tài khoản cho Phạm Văn Cán Bộ/).waitFor();
    await page.waitForFunction(() => !document.querySelector('.bo-loading'));
    await page.getByRole('button', { name: 'Thêm vai trò' }).click();
    await page.locator('#field-grants-1-role').selectOption('area_head');
    await page.getByLabel('Thôn, tổ dân phố').selectOption({ label: 'Thôn Lạc Cầu' });
    await page.getByRole('button', { name: 'Lưu vai trò' }).click();
    await page.getByText('Đã lưu vai trò.').waitFor();

    const found = (await (await page.request.get(`${server.baseUrl}/api/v1/admin/users?q=Pham Van Can Bo`)).json()) as { items: Array<{ id: string }> };
    expect(found.items).toHaveLength(1);
    const saved = (await (await page.request.get(`${server.baseUrl}/api/v1/admin/users/${found.items[0]!.id}`)).json()) as { grants: Array<{ role: string; unitId: string | null; areaId: string | null }> };
    expect(saved.grants.map((grant) => grant.role).sort()).toEqual(['area_head', 'officer']);

    await openStaffPage(page, server.baseUrl, '/admin/users?q=can+bo');
    await page.getByRole('link', { name: /Phạm Văn Cán Bộ/ }).waitFor();
    await page.context().close();
  });

  it('the navigation is reached with Tab, shows a visible focus, and opens pages with Enter', async () => {
    const page = await signedInAdmin(desktop);
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return null;
        const style = getComputedStyle(element);
        return { text: element.textContent?.trim() ?? '', isInNav: Boolean(element.closest('nav.bo-nav')), isFocusVisible: element.matches(':focus-visible'), background: style.backgroundColor, outline: style.outlineStyle };
      });
    const seen: string[] = [];
    let state = await focused();
    for (let presses = 0; presses < 15 && !(state?.isInNav && state.text === 'Địa bàn'); presses += 1) {
      await page.keyboard.press('Tab');
      state = await focused();
      if (state) seen.push(state.text);
    }
    expect(seen[0]).toBe('Bỏ qua, đến nội dung chính');
    expect(state?.isInNav, `focus path: ${seen.join(' → ')}`).toBe(true);
    expect(state?.text).toBe('Địa bàn');
    expect(state?.isFocusVisible).toBe(true);
    // core/ui's focus style: yellow fill behind the focused link.
    expect(state?.background).toBe('rgb(255, 221, 0)');

    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.baseUrl}/staff/admin/areas`);
    // After an in-app move, focus goes to the new page's heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await expect(page.locator('nav.bo-nav a[aria-current="page"]').textContent()).resolves.toBe('Địa bàn');
    await page.context().close();
  });
});
