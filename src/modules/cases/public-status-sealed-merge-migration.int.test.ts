/**
 * Migration 20261127T2330-cases-public-status-sealed-merge-code (LAW-DENUNC-11): a merged
 * denunciation's stored public view, rendered when it still named the case it was merged into, is no
 * longer served once the migration runs (the live view, without the code, answers), and the job
 * `cases.rerender-stale-public-status` then stores it without the code. Runs on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsBefore } from '../../../test/kit/migrations.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';
import { getPublicCaseView, livePublicCaseView } from './server/use-cases/read-cases.js';

const MIGRATION = '20261127T2330-cases-public-status-sealed-merge-code';

describe('migration: a merged denunciation stops naming the case it was merged into', () => {
  let t: CasesTestApp;
  beforeAll(async () => {
    t = await buildCasesTestApp('2026-11-26T03:00:00.000Z');
  });
  afterAll(async () => t.close());

  it('serves the live view for the old stored row at once, and the job re-renders it', async () => {
    const denunciation = (fullName: string) => ({
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      title: 'Tố cáo cán bộ nhận tiền khi chứng thực',
      description: 'Cán bộ yêu cầu nộp thêm tiền ngoài lệ phí khi chứng thực giấy tờ.',
      submitter: { fullName, address: 'Số 3 ngõ 7, tổ dân phố Như Quỳnh 1', phone: '0987 111 222', idNumber: '001203009999' },
    });
    const target = await t.submit(denunciation('Phạm Văn Đích'));
    const merged = await t.submit(denunciation('Hoàng Thị Nguồn'));
    const leader = await t.staff('leader');
    expect((await t.inject('POST', `/api/v1/cases/${merged.id}/actions`, leader, { type: 'merge', intoCode: target.code })).statusCode).toBe(200);
    const migrations = await migrationsBefore(t.ctx, MIGRATION);

    // The row as the old rendering stored it: the merge line with the other case's code.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = t.ctx.db as unknown as Kysely<any>;
    const storedRow = () => db.selectFrom('cases_public_status').select(['names_vi', 'view_vi']).where('case_id', '=', merged.id).executeTakeFirstOrThrow();
    const oldView = JSON.parse(Buffer.from((await storedRow()).view_vi as Uint8Array).toString('utf8')) as { timeline: Array<{ event: string; note: string | null }> };
    const mergeLine = oldView.timeline.find((entry) => entry.event === 'cases.case.merged')!;
    expect(mergeLine.note).toBeNull();
    mergeLine.note = target.code;
    await db.updateTable('cases_public_status').set({ view_vi: Buffer.from(JSON.stringify(oldView), 'utf8') }).where('case_id', '=', merged.id).execute();
    const lookup = async () => (await t.inject('GET', `/api/v1/cases/${merged.code}?lang=vi`, t.anonymous)).body;
    expect(await lookup()).toContain(target.code);

    await migrations.forward();
    expect((await storedRow()).names_vi).toBe('');
    expect(await lookup()).not.toContain(target.code);

    await t.runJobs();
    const after = await storedRow();
    expect(after.names_vi).not.toBe('');
    expect(Buffer.from(after.view_vi as Uint8Array).toString('utf8')).not.toContain(target.code);
    expect(await getPublicCaseView(t.ctx, merged.code, 'vi')).toEqual(await livePublicCaseView(t.ctx, merged.code, 'vi'));
  });
});
