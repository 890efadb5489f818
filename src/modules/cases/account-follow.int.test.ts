/**
 * A signed-in resident who follows a case with their account sees, back on its status page, that they
 * follow it (not the "follow this case" form again) and a button to stop following, a real form with
 * its CSRF token that works with JavaScript off (LAW-PDP-04: withdrawal, LAW-PDP-05: made
 * electronically). Vietnamese and English. Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCookies, type BrowserCookies } from '../../../test/kit/auth.js';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('cases: the status page knows a signed-in resident follows the case', () => {
  let t: CasesTestApp;
  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => t.close());

  const pageOf = (code: string, session: BrowserCookies | null, language = 'vi') =>
    t.app.inject({ method: 'GET', url: `/tra-cuu/${encodeURIComponent(code)}`, headers: { accept: 'text/html', cookie: [session?.cookie, `lang=${language}`].filter(Boolean).join('; ') } });
  /** Press a button of the status page as a browser without JavaScript does (the page's CSRF token, its cookies). */
  const press = async (code: string, suffix: string, session: BrowserCookies | null, csrf?: string) => {
    const page = await pageOf(code, session);
    return t.app.inject({
      method: 'POST',
      url: `/tra-cuu/${encodeURIComponent(code)}/${suffix}`,
      headers: { accept: 'text/html', cookie: mergeCookies(session?.cookie ?? '', page), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf ?? csrfOf(page.body) }).toString(),
    });
  };
  const stopAction = (code: string) => `action="/tra-cuu/${code}/ngung-theo-doi"`;
  const followAction = (code: string) => `action="/tra-cuu/${code}/theo-doi"`;

  it('says "you follow this case" instead of the form, and the stop button works (LAW-PDP-04/05)', async () => {
    const created = await t.submit();
    const resident = await t.resident();
    const before = await pageOf(created.code, resident);
    expect(before.body).toContain(followAction(created.code));
    expect(before.body).not.toContain(stopAction(created.code));

    const followed = await press(created.code, 'theo-doi', resident);
    expect(followed.statusCode, followed.body).toBe(303);

    // Back later (no flash): the page knows.
    const back = await pageOf(created.code, resident);
    expect(back.body).toContain('Bạn đang theo dõi việc này. Tin báo được gửi theo tài khoản của bạn.');
    expect(back.body).toContain(stopAction(created.code));
    expect(back.body).toContain('Ngừng theo dõi');
    expect(back.body).not.toContain(followAction(created.code));
    const english = await pageOf(created.code, resident, 'en');
    expect(english.body).toContain('You follow this case. Updates go to your account.');
    expect(english.body).toContain('Stop following');
    // Someone else (signed out, or another resident) still gets the form.
    expect((await pageOf(created.code, null)).body).toContain(followAction(created.code));
    expect((await pageOf(created.code, await t.resident())).body).toContain(followAction(created.code));

    // Without the page's CSRF token nothing is stopped.
    expect((await press(created.code, 'ngung-theo-doi', resident, 'forged')).statusCode).toBe(403);
    const stopped = await press(created.code, 'ngung-theo-doi', resident);
    expect(stopped.statusCode, stopped.body).toBe(303);
    const after = await t.app.inject({ method: 'GET', url: String(stopped.headers.location), headers: { accept: 'text/html', cookie: resident.cookie } });
    expect(after.body).toContain('Bạn đã ngừng theo dõi việc này.');
    expect(after.body).toContain(followAction(created.code));
    const row = await t.ctx.db.selectFrom('cases_followers').select(['stopped_at']).where('case_id', '=', created.id).where('user_id', '=', resident.userId).executeTakeFirstOrThrow();
    expect(row.stopped_at).not.toBeNull();
    // A second press changes nothing; the withdrawal is recorded once.
    expect((await press(created.code, 'ngung-theo-doi', resident)).statusCode).toBe(303);
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.notifications.stopped', entityId: created.id, limit: 10, offset: 0 });
    expect(audit).toHaveLength(1);

    // Following again resumes the same follow.
    expect((await press(created.code, 'theo-doi', resident)).statusCode).toBe(303);
    expect((await pageOf(created.code, resident)).body).toContain(stopAction(created.code));
    expect(await t.ctx.db.selectFrom('cases_followers').select(['stopped_at']).where('case_id', '=', created.id).where('user_id', '=', resident.userId).execute()).toEqual([{ stopped_at: null }]);
  });

  it('stopping is for a signed-in resident only: signed out 401, staff 403', async () => {
    const created = await t.submit();
    expect((await press(created.code, 'ngung-theo-doi', null)).statusCode).toBe(401);
    expect((await press(created.code, 'ngung-theo-doi', await t.staff('leader'))).statusCode).toBe(403);
  });
});
