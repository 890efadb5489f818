/**
 * A signed-in resident filing a case (point 2a, JavaScript off): the identity step opens with the
 * account's name, phone and e-mail filled in, to correct or clear; once the step was sent, what the
 * resident typed is shown, even a field they emptied. Visitors who are not signed in get empty fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type BrowserCookies } from '../../../test/kit/auth.js';
import { testDialect } from '../../../test/kit/app.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';

describe(`cases portal: the identity step of a signed-in resident on ${testDialect}`, () => {
  let t: CasesTestApp;
  let resident: BrowserCookies;
  const email = `tran.mai.${Date.now()}@example.vn`;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    const user = await createTestUser(t.ctx, { kind: 'resident', communeId: t.communeId, displayName: 'Trần Thị Mai', phone: '0987654321', email, isEmailVerified: true, isPhoneVerified: true });
    resident = await signIn(t.app, user.identifier, user.password);
  });
  afterAll(async () => t.close());

  const answers = () => ({ kind: 'feedback', categoryId: t.categoryIds.ROADS!, areaId: t.areaIds['TDP-NQ1']!, title: 'Ổ gà lớn trên đường ngõ 3', description: 'Đường ngõ 3 có ổ gà lớn giữa lòng đường, xe máy đi qua rất dễ ngã.', privacy: 'handler_only' });
  const post = (session: BrowserCookies, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/gui-phan-anh', headers: { cookie: session.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: session.csrfToken, ...fields }).toString() });
  const valueOf = (html: string, name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`).exec(html)?.[1] ?? null;

  it("opens the identity step with the account's name, phone and e-mail", async () => {
    const identity = await post(resident, { _step: 'privacy', _action: 'next', ...answers() });
    expect(identity.statusCode).toBe(200);
    expect(identity.body).toContain('name="fullName"');
    expect(valueOf(identity.body, 'fullName')).toBe('Trần Thị Mai');
    expect(valueOf(identity.body, 'phone')).toBe('0987 654 321');
    expect(valueOf(identity.body, 'email')).toBe(email);
    expect(valueOf(identity.body, 'submitterAddress')).toBeNull();
  });

  it('shows what the resident typed once the step was sent, even an emptied field', async () => {
    const check = await post(resident, { _step: 'identity', _action: 'next', ...answers(), fullName: 'Trần Thị Mai Anh', phone: '0987654321', email: '', submitterAddress: 'Số 4, tổ dân phố Như Quỳnh 1' });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Kiểm tra lại trước khi gửi');
    expect(check.body).toContain('Trần Thị Mai Anh');
    expect(check.body).not.toContain(email);
    // "Change" on the check page: the typed values, not the account's.
    const again = await post(resident, { _step: 'check', _action: 'edit:identity', ...answers(), fullName: 'Trần Thị Mai Anh', phone: '0987654321', email: '', submitterAddress: 'Số 4, tổ dân phố Như Quỳnh 1' });
    expect(again.statusCode).toBe(200);
    expect(valueOf(again.body, 'fullName')).toBe('Trần Thị Mai Anh');
    expect(valueOf(again.body, 'email')).toBe('');
  });

  it('leaves the fields empty for a visitor who is not signed in', async () => {
    const identity = await post(t.anonymous, { _step: 'privacy', _action: 'next', ...answers() });
    expect(identity.statusCode).toBe(200);
    expect(identity.body).toContain('name="fullName"');
    expect(valueOf(identity.body, 'fullName')).toBeNull();
    expect(identity.body).not.toContain('Trần Thị Mai');
  });
});
