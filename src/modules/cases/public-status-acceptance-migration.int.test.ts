/**
 * Migration 20261127T2130-cases-public-status-acceptance-due on rows written before it: each stored
 * public status takes its case's acceptance due date, so a received case whose acceptance deadline
 * passes shows overdue in the stored view (the anonymous lookup) with no sweep and no rewrite of the
 * row (LAW-DENUNC-02, LAW-PAKN-08). Runs on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsBefore } from '../../../test/kit/migrations.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';

const MIGRATION = '20261127T2130-cases-public-status-acceptance-due';

describe('migration: the public status read model keeps the acceptance due date', () => {
  let t: CasesTestApp;
  beforeAll(async () => {
    t = await buildCasesTestApp('2026-11-26T03:00:00.000Z');
  });
  afterAll(async () => t.close());

  it('backfills it from the case, and the stored view then shows a missed acceptance deadline as overdue', async () => {
    const created = await t.submit();
    const migrations = await migrationsBefore(t.ctx, MIGRATION);
    await migrations.forward();

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = t.ctx.db as unknown as Kysely<any>;
    const item = await db.selectFrom('cases_items').select(['acceptance_due_at']).where('id', '=', created.id).executeTakeFirstOrThrow();
    const stored = await db.selectFrom('cases_public_status').select(['acceptance_due_at']).where('case_id', '=', created.id).executeTakeFirstOrThrow();
    expect(item.acceptance_due_at).not.toBeNull();
    expect(new Date(stored.acceptance_due_at as string).toISOString()).toBe(new Date(item.acceptance_due_at as string).toISOString());

    // Past the acceptance deadline (end of Mon 30/11), no sweep run: the anonymous lookup says overdue.
    t.clock.set('2026-11-30T17:30:00.000Z');
    const view = (await t.inject('GET', `/api/v1/cases/${created.code}?lang=vi`, t.anonymous)).json<{ status: string; deadline: { isOverdue: boolean } }>();
    expect(view).toMatchObject({ status: 'received', deadline: { isOverdue: true } });
  });
});
