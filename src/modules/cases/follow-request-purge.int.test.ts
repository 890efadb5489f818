/**
 * An account's follow request (asked with an unverified e-mail, listed on "Hồ sơ tôi theo dõi" while it
 * waits for the confirmation) is deleted by the hourly `cases.purge-expired-follow-requests` once its
 * confirmation period ended more than EXPIRED_TOKEN_GRACE_DAYS (default 7) ago (LAW-PDP-06: data
 * minimised); fresh and recently lapsed requests stay. Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, mergeCookies, signIn } from '../../../test/kit/auth.js';
import { testDialect } from '../../../test/kit/app.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';
import { purgeExpiredFollowRequests } from './server/use-cases/follow-case.js';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const DAY = 86_400_000;

describe(`cases: lapsed follow requests are purged after the grace period, on ${testDialect}`, () => {
  let t: CasesTestApp;
  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => t.close());

  /** A resident with an unverified e-mail follows the case from its page, without JavaScript. */
  const requestFollow = async (code: string) => {
    const user = await createTestUser(t.ctx, { kind: 'resident', communeId: t.communeId, isEmailVerified: false });
    const session = await signIn(t.app, user.identifier, user.password);
    const page = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}`, headers: { accept: 'text/html', cookie: session.cookie } });
    const response = await t.app.inject({ method: 'POST', url: `/tra-cuu/${code}/theo-doi`, headers: { accept: 'text/html', cookie: mergeCookies(session.cookie, page), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrfOf(page.body) }).toString() });
    expect(response.statusCode).toBe(303);
    return user.id;
  };
  const requestsOf = async () => (await t.ctx.db.selectFrom('cases_follow_requests').select(['user_id']).execute()).map((row) => row.user_id).sort();

  it('keeps a request through its period and the grace period, then the hourly job deletes it', async () => {
    const created = await t.submit();
    const early = await requestFollow(created.code);
    expect(await requestsOf()).toEqual([early]);
    // Lapsed (the period is 7 days, to the end of the day) but within the 7 days' grace: kept.
    t.clock.advance(10 * DAY);
    await t.runJobs();
    const late = await requestFollow(created.code);
    expect(await requestsOf()).toEqual([early, late].sort());
    // 7 days after the first one lapsed (and the second still running): only the first goes.
    t.clock.advance(6 * DAY);
    await t.runJobs();
    expect(await requestsOf()).toEqual([late]);
  });

  it('is bounded: a run deletes at most its batches and says whether more may remain', async () => {
    const created = await t.submit();
    for (let index = 0; index < 3; index += 1) await requestFollow(created.code);
    t.clock.advance(20 * DAY);
    expect(await purgeExpiredFollowRequests(t.ctx, { batchSize: 1, maxBatches: 2 })).toMatchObject({ deleted: 2, hasMore: true });
    expect((await requestsOf()).length).toBeGreaterThan(0);
    let runs = 1;
    while ((await purgeExpiredFollowRequests(t.ctx, { batchSize: 1, maxBatches: 2 })).hasMore) runs += 1;
    expect(runs).toBeLessThan(5);
    expect(await requestsOf()).toEqual([]);
  });
});
