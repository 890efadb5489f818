/**
 * Expired single-use tokens (e-mail verification, password reset) and expired sessions are purged by
 * the hourly `auth.purge-expired-tokens` once they expired more than EXPIRED_TOKEN_GRACE_DAYS ago
 * (default 7), in bounded batches (LAW-PDP-06: data minimised). Fresh and recently expired rows stay,
 * so a link opened a few days late still says "expired"; used tokens go on the same rule.
 * Runs on SQLite and PostgreSQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, createTestClock, createTestWorker, testDialect, type TestApp } from '../../../test/kit/app.js';
import { createTestUser } from '../../../test/kit/auth.js';
import { newId } from '../contract/ids.js';
import { seedDemoTenancy } from '../tenancy/demo.js';
import { insertEmailVerificationToken, insertResetToken, insertSession } from './repository.js';
import { hashToken, newRandomToken } from './tokens.js';
import { describeEmailVerification } from './use-cases/email-verification.js';
import { purgeExpiredAuthTokens } from './use-cases/purge-expired-tokens.js';

const NOW = '2026-12-20T03:00:00.000Z';
const DAY = 86_400_000;
const at = (days: number) => new Date(new Date(NOW).getTime() + days * DAY).toISOString();

describe(`auth: expired tokens and sessions are purged after the grace period, on ${testDialect}`, () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function setUp(env: Record<string, string> = {}) {
    const clock = createTestClock(NOW);
    app = await buildTestApp({ clock: clock.clock, env });
    const seed = await seedDemoTenancy(app.ctx);
    const user = await createTestUser(app.ctx, { kind: 'resident', communeId: seed.communeId, isEmailVerified: false });
    const db = app.ctx.db;
    /** A verification token expiring `expiresIn` days from now (negative: in the past), used or not; its clear text. */
    const verification = async (expiresIn: number, isUsed = false) => {
      const token = newRandomToken();
      await insertEmailVerificationToken(db, { communeId: seed.communeId, tokenHash: hashToken(token), userId: user.id, now: at(expiresIn - 2), expiresAt: at(expiresIn) });
      if (isUsed) await db.updateTable('auth_email_verification_tokens').set({ used_at: at(expiresIn - 1) }).where('token_hash', '=', hashToken(token)).execute();
      return token;
    };
    const reset = async (expiresIn: number) => {
      const token = newRandomToken();
      await insertResetToken(db, { communeId: seed.communeId, tokenHash: hashToken(token), userId: user.id, now: at(expiresIn - 1), expiresAt: at(expiresIn) });
      return hashToken(token);
    };
    const session = async (expiresIn: number) => {
      const tokenHash = hashToken(newRandomToken());
      await insertSession(db, { communeId: seed.communeId, id: newId(), tokenHash, userId: user.id, stage: 'active', now: at(expiresIn - 1), expiresAt: at(expiresIn) });
      return tokenHash;
    };
    const hashesIn = async (table: 'auth_email_verification_tokens' | 'auth_password_reset_tokens' | 'auth_sessions') => (await db.selectFrom(table).select('token_hash').execute()).map((row) => row.token_hash).sort();
    return { ctx: app.ctx, worker: createTestWorker(app), verification, reset, session, hashesIn };
  }

  it('the hourly job deletes what expired more than 7 days ago, used or not, and keeps fresh and recently expired rows', async () => {
    const t = await setUp();
    const old = await t.verification(-8);
    const oldUsed = await t.verification(-8, true);
    const recent = await t.verification(-1);
    const recentUsed = await t.verification(-6, true);
    const fresh = await t.verification(1);
    const freshUsed = await t.verification(1, true);
    const oldReset = await t.reset(-30);
    const freshReset = await t.reset(1);
    const oldSession = await t.session(-8);
    const recentSession = await t.session(-2);
    const liveSession = await t.session(10);
    // Within the grace period a late link still says what it is.
    expect(await describeEmailVerification(t.ctx, old)).toBe('expired');
    expect(await describeEmailVerification(t.ctx, recent)).toBe('expired');
    expect(await describeEmailVerification(t.ctx, oldUsed)).toBe('used');

    const counts = await t.worker.runOnce();
    expect(counts.failed).toBe(0);

    expect(await t.hashesIn('auth_email_verification_tokens')).toEqual([recent, recentUsed, fresh, freshUsed].map(hashToken).sort());
    expect(await t.hashesIn('auth_password_reset_tokens')).toEqual([freshReset]);
    expect(await t.hashesIn('auth_sessions')).toEqual([recentSession, liveSession].sort());
    expect(oldReset).not.toBe(freshReset);
    expect(oldSession).not.toBe(liveSession);
    // Purged: the old link is now just unknown; the recent one still offers a new link.
    expect(await describeEmailVerification(t.ctx, old)).toBe('invalid');
    expect(await describeEmailVerification(t.ctx, recent)).toBe('expired');
    expect(await describeEmailVerification(t.ctx, fresh)).toBe('valid');
  });

  it('the grace period comes from EXPIRED_TOKEN_GRACE_DAYS', async () => {
    const t = await setUp({ EXPIRED_TOKEN_GRACE_DAYS: '2' });
    const threeDays = await t.verification(-3);
    const oneDay = await t.verification(-1);
    expect(await purgeExpiredAuthTokens(t.ctx)).toEqual({ deleted: 1, hasMore: false });
    expect(await t.hashesIn('auth_email_verification_tokens')).toEqual([hashToken(oneDay)]);
    expect(threeDays).not.toBe(oneDay);
  });

  it('works in bounded batches: a run stops after its last batch and says more may remain', async () => {
    const t = await setUp();
    for (let index = 0; index < 5; index += 1) await t.verification(-10 - index);
    await t.session(-9);
    const kept = await t.verification(2);
    expect(await purgeExpiredAuthTokens(t.ctx, { batchSize: 2, maxBatches: 2 })).toEqual({ deleted: 4, hasMore: true });
    // The oldest go first.
    expect((await t.hashesIn('auth_email_verification_tokens')).length).toBe(2);
    // The last verification token and the session: short batches, the run ends with nothing left.
    expect(await purgeExpiredAuthTokens(t.ctx, { batchSize: 2, maxBatches: 2 })).toEqual({ deleted: 2, hasMore: false });
    expect(await purgeExpiredAuthTokens(t.ctx, { batchSize: 2, maxBatches: 2 })).toEqual({ deleted: 0, hasMore: false });
    expect(await t.hashesIn('auth_email_verification_tokens')).toEqual([hashToken(kept)]);
    expect(await t.hashesIn('auth_sessions')).toEqual([]);
  });
});
