import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/kit/app.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';

/*
 * A second review of the resident portal as a resident uses it (JavaScript off, server-rendered),
 * through the real app: what the pages say and refuse, on both databases.
 */
describe(`cases portal: a resident's review on ${testDialect}`, () => {
  let t: CasesTestApp;

  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => t.close());

  const html = (cookie?: string) => ({ accept: 'text/html', ...(cookie ? { cookie } : {}) });

  it('a made-up "done" word in the address (?xong=__proto__, toString…) is no message, not a server error: the status page and the account page', async () => {
    const { code } = await t.submit();
    for (const word of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'khong-co']) {
      const status = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}?xong=${word}`, headers: html() });
      expect(status.statusCode, word).toBe(200);
      expect(status.body).toContain(code);
      expect(status.body).not.toContain('td-notice--success');
    }
    // A real one still shows its message.
    const followed = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}?xong=unfollowed`, headers: html() });
    expect(followed.body).toContain('td-notice--success');

    const resident = await t.resident();
    for (const word of ['__proto__', 'constructor', 'toString', 'khong-co']) {
      const account = await t.app.inject({ method: 'GET', url: `/tai-khoan?xong=${word}`, headers: html(resident.cookie) });
      expect(account.statusCode, word).toBe(200);
      expect(account.body).toContain('<h1>Tài khoản của tôi</h1>');
      expect(account.body).not.toContain('td-notice--success');
    }
    const saved = await t.app.inject({ method: 'GET', url: '/tai-khoan?xong=ten', headers: html(resident.cookie) });
    expect(saved.body).toContain('td-notice--success');
  });
});
