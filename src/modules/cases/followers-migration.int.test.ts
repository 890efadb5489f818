/**
 * Migration 20261127T1420-cases-followers-confirmation on rows written before it (LAW-PDP-05): a
 * signed-in resident's follow, a phone copied from a merged case and a stopped row count as
 * confirmed; an e-mail typed before double opt-in existed was never confirmed, so it gets nothing
 * and the sweep deletes it. And 20261127T1653-cases-followers-unique-address: one row per address and
 * case (two requests racing made two), keeping the one that says most of the person's wish.
 * Runs on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsBefore } from '../../../test/kit/migrations.js';
import { newId } from '../../core/contract/ids.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';
import { findActiveFollowers } from './db/repository.js';

const MIGRATION = '20261127T1420-cases-followers-confirmation';
const UNIQUE_MIGRATION = '20261127T1653-cases-followers-unique-address';

describe('migration: followers need a confirmation (LAW-PDP-05)', () => {
  let t: CasesTestApp;
  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps account, merged-phone and stopped follows, and lets a never-confirmed typed e-mail lapse', async () => {
    const created = await t.submit();
    const resident = await t.resident();
    const migrations = await migrationsBefore(t.ctx, MIGRATION);

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = t.ctx.db as unknown as Kysely<any>;
    const at = '2026-11-20T03:00:00.000Z';
    const row = (fields: Record<string, unknown>) => ({ commune_id: t.communeId, case_id: created.id, id: newId(), user_id: null, email: null, phone: null, created_at: at, stopped_at: null, ...fields });
    const account = row({ user_id: resident.userId });
    const phone = row({ phone: '0912345678' });
    const typed = row({ email: 'go.vao@example.vn' });
    const stopped = row({ email: 'da.ngung@example.vn', stopped_at: '2026-11-21T03:00:00.000Z' });
    await db.insertInto('cases_followers').values([account, phone, typed, stopped]).execute();

    await migrations.forward();
    const after = await t.ctx.db.selectFrom('cases_followers').select(['id', 'confirmed_at', 'confirm_expires_at']).where('case_id', '=', created.id).execute();
    const byId = new Map(after.map((follower) => [follower.id, follower]));
    for (const kept of [account, phone, stopped]) expect(byId.get(kept.id)).toMatchObject({ confirmed_at: at, confirm_expires_at: null });
    expect(byId.get(typed.id)).toMatchObject({ confirmed_at: null, confirm_expires_at: at });
    expect((await findActiveFollowers(t.ctx.db, t.communeId, created.id)).map((follower) => follower.id).sort()).toEqual([account.id, phone.id].sort());

    await t.runJobs();
    expect((await t.ctx.db.selectFrom('cases_followers').select(['id']).where('case_id', '=', created.id).execute()).map((follower) => follower.id).sort()).toEqual([account.id, phone.id, stopped.id].sort());
  });

  it('keeps one row per address and case: a stopped one, else a confirmed one, else the pending one that lapses last (LAW-PDP-04/05)', async () => {
    const created = await t.submit();
    const migrations = await migrationsBefore(t.ctx, UNIQUE_MIGRATION);

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = t.ctx.db as unknown as Kysely<any>;
    const row = (email: string, fields: Record<string, unknown>) => ({ commune_id: t.communeId, case_id: created.id, id: newId(), user_id: null, email, phone: null, created_at: '2026-11-20T03:00:00.000Z', stopped_at: null, confirmed_at: null, confirm_expires_at: null, locale: 'vi', ...fields });
    const pending = (email: string, expires: string) => row(email, { confirm_expires_at: expires });
    const stoppedWins = [row('a@example.vn', { confirmed_at: '2026-11-20T04:00:00.000Z' }), row('a@example.vn', { confirmed_at: '2026-11-20T04:00:00.000Z', stopped_at: '2026-11-21T03:00:00.000Z' }), pending('a@example.vn', '2026-12-01T00:00:00.000Z')];
    const confirmedWins = [pending('b@example.vn', '2026-12-01T00:00:00.000Z'), row('b@example.vn', { confirmed_at: '2026-11-20T04:00:00.000Z' })];
    const laterWins = [pending('c@example.vn', '2026-12-01T00:00:00.000Z'), pending('c@example.vn', '2026-12-02T00:00:00.000Z')];
    const alone = row('d@example.vn', { confirmed_at: '2026-11-20T04:00:00.000Z' });
    await db.insertInto('cases_followers').values([...stoppedWins, ...confirmedWins, ...laterWins, alone]).execute();

    await migrations.forward();
    const after = await t.ctx.db.selectFrom('cases_followers').select(['id']).where('case_id', '=', created.id).execute();
    expect(after.map((follower) => follower.id).sort()).toEqual([stoppedWins[1]!.id, confirmedWins[1]!.id, laterWins[1]!.id, alone.id].sort());
    // From now on the database itself refuses a second row for the same address.
    await expect(db.insertInto('cases_followers').values(pending('c@example.vn', '2026-12-03T00:00:00.000Z')).execute()).rejects.toThrow();
  });
});
