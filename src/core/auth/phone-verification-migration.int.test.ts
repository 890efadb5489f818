/**
 * Migration 20261128T0400-auth-phone-verification on accounts that exist before it (LAW-PDP-06): a
 * resident's phone typed before verification existed starts unverified (nothing proved it theirs, so
 * no SMS until a code is typed; signing in with it keeps working), a demo account's phone counts as
 * verified, and `down` removes what `up` added. Runs on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../../../test/kit/auth.js';
import { migrationsBefore } from '../../../test/kit/migrations.js';
import { buildCasesTestApp, type CasesTestApp } from '../../modules/cases/cases-test-kit.js';

const MIGRATION = '20261128T0400-auth-phone-verification';

describe('migration: residents prove their phone by an SMS code (LAW-PDP-06)', () => {
  let t: CasesTestApp;
  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => t.close());

  it('leaves existing residents\' phones unverified, counts demo phones as verified, and signs in as before', async () => {
    const resident = await createTestUser(t.ctx, { kind: 'resident', communeId: t.communeId, phone: '0981234567' });
    const demo = await createTestUser(t.ctx, { kind: 'resident', communeId: t.communeId, phone: '0981234568' });
    const migrations = await migrationsBefore(t.ctx, MIGRATION);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = t.ctx.db as unknown as Kysely<any>;
    await db.updateTable('auth_users').set({ is_demo: 1 }).where('id', '=', demo.id).execute();
    const columns = (await db.introspection.getTables()).find((table) => table.name === 'auth_users')!.columns.map((column) => column.name);
    expect(columns).not.toContain('phone_verified_at');

    await migrations.forward();
    const verifiedAt = async (id: string) => (await t.ctx.db.selectFrom('auth_users').select('phone_verified_at').where('id', '=', id).executeTakeFirstOrThrow()).phone_verified_at;
    expect(await verifiedAt(resident.id)).toBeNull();
    expect(await verifiedAt(demo.id)).not.toBeNull();
    const page = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { cookie: t.anonymous.cookie, 'x-csrf-token': t.anonymous.csrfToken }, payload: { identifier: resident.identifier, password: resident.password } });
    expect(page.statusCode, page.body).toBe(200);
  });
});
