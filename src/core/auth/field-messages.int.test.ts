import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/kit/app.js';
import { mergeCookies } from '../../../test/kit/auth.js';
import { seedDemoTenancy } from '../tenancy/demo.js';

/*
 * The sign-up, sign-in and forgotten-password pages, sent empty, say what to enter in each field
 * ("Nhập mật khẩu."), not the generic "Vui lòng nhập mục này.", in both languages.
 */
describe('auth pages: an empty field says what to enter', () => {
  let handle: TestApp;

  beforeAll(async () => {
    handle = await buildTestApp({ env: { DATA_DIR: `/tmp/tiengdan-auth-fields-${process.pid}-${randomBytes(4).toString('hex')}` } });
    await seedDemoTenancy(handle.ctx);
  });
  afterAll(async () => handle.close());

  /** Open the page like a browser, then send its form with the given fields. */
  async function sendEmpty(path: string, lang: 'vi' | 'en', fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const page = await handle.app.inject({ method: 'GET', url: `${path}?lang=${lang}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return handle.app.inject({
      method: 'POST',
      url: `${path}?lang=${lang}`,
      headers: { cookie: mergeCookies('', page), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }

  it.each([
    ['vi', ['Nhập họ và tên.', 'Nhập số điện thoại hoặc thư điện tử.', 'Nhập mật khẩu.']],
    ['en', ['Enter your full name.', 'Enter your phone number or e-mail address.', 'Enter your password.']],
  ] as const)('sign-up (%s)', async (lang, messages) => {
    const response = await sendEmpty('/dang-ky', lang, { displayName: '', contact: '', password: '' });
    expect(response.statusCode).toBe(400);
    for (const message of messages) expect(response.body).toContain(message);
    expect(response.body).not.toMatch(/Vui lòng nhập mục này|Enter this field/);
  });

  it.each([
    ['vi', ['Nhập số điện thoại hoặc thư điện tử.', 'Nhập mật khẩu.']],
    ['en', ['Enter your phone number or e-mail address.', 'Enter your password.']],
  ] as const)('sign-in (%s)', async (lang, messages) => {
    const response = await sendEmpty('/dang-nhap', lang, { identifier: '', password: '' });
    expect(response.statusCode).toBe(400);
    for (const message of messages) expect(response.body).toContain(message);
    expect(response.body).not.toMatch(/Vui lòng nhập mục này|Enter this field/);
  });

  it.each([
    ['vi', 'Nhập địa chỉ thư điện tử.'],
    ['en', 'Enter your e-mail address.'],
  ] as const)('forgotten password (%s)', async (lang, message) => {
    const response = await sendEmpty('/quen-mat-khau', lang, { email: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(message);
  });

  it('a value that is there but wrong keeps its own message (a short password)', async () => {
    const response = await sendEmpty('/dang-ky', 'vi', { displayName: 'Nguyễn Văn An', contact: '0912345678', password: 'ngan' });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('Nhập mật khẩu.');
  });
});
