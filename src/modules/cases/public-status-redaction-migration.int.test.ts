/**
 * Migration 20261127T2230-cases-public-status-redacted-notes and the job
 * `cases.rerender-stale-public-status` on views stored before titles and notes were redacted (issue 3
 * points 3 and 7; LAW-PDP-06): right after the migration no lookup serves the old bytes (the live,
 * redacted view answers), and the job then stores the redacted view again, so the lookup is served
 * from the read model once more. Runs on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsBefore } from '../../../test/kit/migrations.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';
import { getPublicCaseView, livePublicCaseView } from './server/use-cases/read-cases.js';

const MIGRATION = '20261127T2230-cases-public-status-redacted-notes';

describe('migration: stored public views are redacted again', () => {
  let t: CasesTestApp;
  beforeAll(async () => {
    t = await buildCasesTestApp('2026-11-26T03:00:00.000Z');
  });
  afterAll(async () => t.close());

  it('serves the live view for an old stored row at once, and the job re-renders it', async () => {
    const title = 'Cống nhà Đỗ Thị Hằng (0912.000.222) bị tắc';
    const created = await t.submit({ title });
    const migrations = await migrationsBefore(t.ctx, MIGRATION);

    // The row as the old rendering stored it: the title as written.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = t.ctx.db as unknown as Kysely<any>;
    const storedRow = () => db.selectFrom('cases_public_status').select(['names_vi', 'view_vi']).where('case_id', '=', created.id).executeTakeFirstOrThrow();
    const before = await storedRow();
    const oldView = JSON.parse(Buffer.from(before.view_vi as Uint8Array).toString('utf8')) as Record<string, unknown>;
    expect(oldView.title).not.toBe(title);
    oldView.title = title;
    await db.updateTable('cases_public_status').set({ view_vi: Buffer.from(JSON.stringify(oldView), 'utf8') }).where('case_id', '=', created.id).execute();
    const lookup = async () => (await t.inject('GET', `/api/v1/cases/${created.code}?lang=vi`, t.anonymous)).body;
    expect(await lookup()).toContain('Đỗ Thị Hằng');

    await migrations.forward();
    expect((await storedRow()).names_vi).toBe('');
    for (const canary of ['Đỗ Thị Hằng', '0912.000.222']) expect(await lookup()).not.toContain(canary);

    await t.runJobs();
    const after = await storedRow();
    expect(after.names_vi).not.toBe('');
    expect(Buffer.from(after.view_vi as Uint8Array).toString('utf8')).not.toContain('Đỗ Thị Hằng');
    expect(await getPublicCaseView(t.ctx, created.code, 'vi')).toEqual(await livePublicCaseView(t.ctx, created.code, 'vi'));
    expect((await getPublicCaseView(t.ctx, created.code, 'vi')).title).toBe('Cống nhà [đã ẩn họ tên] ([đã ẩn số điện thoại]) bị tắc');
  });
});
