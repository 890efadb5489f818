import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../../test/kit/auth.js';
import { buildTestApp, testDialect, type TestApp } from '../../test/kit/app.js';
import { DEMO_PASSWORD, demoAccounts } from '../core/auth/index.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const count = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t!.ctx.db)).rows[0]!.n);

describe(`demo commune on ${testDialect}`, () => {
  it('seeds Như Quỳnh with its areas, units and one account per role, all marked demo', async () => {
    t = await buildTestApp({ seedDemo: true });
    const communes = (await t.app.inject({ method: 'GET', url: '/api/v1/communes' })).json();
    expect(communes).toEqual([expect.objectContaining({ name: 'Như Quỳnh', provinceName: 'Hưng Yên', formerDistrictName: 'Văn Lâm', governmentModel: 'two_tier', isDemo: true })]);
    const areas = (await t.app.inject({ method: 'GET', url: `/api/v1/areas?communeId=${communes[0].id}` })).json();
    expect(areas.map((area: { kind: string }) => area.kind)).toEqual(expect.arrayContaining(['thon', 'to_dan_pho']));
    const roles = new Set(demoAccounts.map((account) => account.role));
    expect([...roles].sort()).toEqual(['admin', 'area_head', 'higher_level_viewer', 'leader', 'officer', 'resident', 'supervisor']);
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM auth_users WHERE is_demo = 0`.execute(t.ctx.db)).rows[0]!.n)).toBe(0);
    const admin = await signIn(t.app, 'quantri@nhuquynh.demo', DEMO_PASSWORD);
    const session = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: admin.cookie } })).json();
    expect(session.grants).toEqual([expect.objectContaining({ role: 'admin' })]);
    const resident = await signIn(t.app, '0912 345 678', DEMO_PASSWORD);
    expect(resident.cookie).toContain('td_session=');
    // A demo case carries a map point, so the status page shows one with its OpenStreetMap link.
    const potholes = await sql<{ code: string }>`SELECT code FROM cases_items WHERE title = ${'Ổ gà lớn trên đường liên thôn'}`.execute(t.ctx.db);
    const status = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${encodeURIComponent(potholes.rows[0]!.code)}` })).json();
    expect(status.location).toEqual({ latitude: 20.9871, longitude: 105.9812 });
  });

  it('creates nothing of the demo outside demo mode', async () => {
    t = await buildTestApp({ seedDemo: false });
    expect(await count('communes')).toBe(0);
    expect(await count('auth_users')).toBe(0);
    expect(await count('areas')).toBe(0);
  });
});
