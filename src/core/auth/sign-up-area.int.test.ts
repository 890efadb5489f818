import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousCsrf } from '../../../test/kit/auth.js';
import { buildTestApp, testDialect, type TestApp } from '../../../test/kit/app.js';

let t: TestApp;
let areaId: string;
beforeAll(async () => {
  t = await buildTestApp({ seedDemo: true });
  areaId = (await t.app.inject({ method: 'GET', url: '/api/v1/areas' })).json()[0].id;
});
afterAll(async () => t?.close());

const signUp = async (payload: Record<string, unknown>) => {
  const browser = await anonymousCsrf(t.app);
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrfToken }, payload });
};

describe(`sign-up with a home hamlet on ${testDialect}`, () => {
  it('stores the hamlet the resident chose', async () => {
    const response = await signUp({ displayName: 'Lê Thị Thôn', phone: '0987 654 321', password: 'mot-mat-khau-dai-du', areaId });
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toMatchObject({ homeAreaId: areaId, phone: '0987654321' });
  });

  it('refuses a hamlet of no commune, naming the field', async () => {
    const response = await signUp({ displayName: 'Lê Văn Lạ', email: 'la@example.vn', password: 'mot-mat-khau-dai-du', areaId: '0190a0b0-0000-7000-8000-000000000000' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'areaId', message: 'Vui lòng chọn thôn hoặc tổ dân phố của bạn trong danh sách.' }]);
  });
});
