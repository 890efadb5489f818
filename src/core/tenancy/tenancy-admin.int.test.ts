import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn } from '../../../test/kit/auth.js';
import { buildTestApp, testDialect, type TestApp } from '../../../test/kit/app.js';
import { findAuditRows } from '../audit/audit-log.js';
import { newId } from '../contract/ids.js';
import { typed } from '../db/database.js';
import { demoCommune } from './demo.js';
import { insertArea, insertCommune, insertUnit } from './repository.js';
import type { TenancyTables } from './tables.js';

/** Review fixes of the area and unit admin forms: unique names, population against households. */
let t: TestApp;
let communeId: string;
let admin: { cookie: string; csrfToken: string };

beforeAll(async () => {
  t = await buildTestApp();
  communeId = newId();
  await insertCommune(t.ctx.db, { id: communeId, ...demoCommune, isDemo: false }, new Date().toISOString());
  await createTestUser(t.ctx, { kind: 'staff', communeId, email: 'quantri@test.vn', password: 'mat-khau-rat-dai-1', roles: [{ role: 'admin' }] });
  admin = await signIn(t.app, 'quantri@test.vn', 'mat-khau-rat-dai-1');
});
afterAll(async () => t?.close());

const send = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: unknown, language = 'vi') =>
  t.app.inject({ method, url, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'accept-language': language }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const countOf = async (path: string) => (await send('GET', path)).json().length as number;

describe(`area and unit administration on ${testDialect}`, () => {
  it('refuses a second area with the same name in any case or spelling, naming the field, and writes nothing', async () => {
    const first = await send('POST', '/api/v1/admin/areas', { code: 'THON-DONG', name: 'Thôn Đông', kind: 'thon' });
    expect(first.statusCode).toBe(201);
    const before = await countOf('/api/v1/admin/areas');
    const audits = (await findAuditRows(t.ctx.db, { communeId, action: 'tenancy.area.created', limit: 50, offset: 0 })).length;

    for (const name of ['Thôn Đông', 'thôn  đông', 'THON DONG']) {
      const duplicate = await send('POST', '/api/v1/admin/areas', { code: `THON-${newId().slice(0, 6)}`, name, kind: 'thon' });
      expect(duplicate.statusCode, name).toBe(409);
      expect(duplicate.json().errors).toEqual([{ field: 'name', message: 'Tên "Thôn Đông" đã có trong xã/phường này (không phân biệt chữ hoa, chữ thường, dấu). Hãy đặt tên khác hoặc sửa mục đã có.' }]);
    }
    const english = await send('POST', '/api/v1/admin/areas', { code: 'THON-X', name: 'thon dong', kind: 'thon' }, 'en');
    expect(english.json().errors[0]).toMatchObject({ field: 'name', message: expect.stringContaining('already used') });
    expect(await countOf('/api/v1/admin/areas')).toBe(before);
    expect((await findAuditRows(t.ctx.db, { communeId, action: 'tenancy.area.created', limit: 50, offset: 0 })).length).toBe(audits);

    // Renaming another area onto the name is refused as well; keeping its own name is not a clash.
    const other = (await send('POST', '/api/v1/admin/areas', { code: 'THON-TAY', name: 'Thôn Tây', kind: 'thon' })).json();
    const renamed = await send('PATCH', `/api/v1/admin/areas/${other.id}`, { name: 'Thôn đông' });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().errors.map((error: { field: string }) => error.field)).toEqual(['name']);
    expect((await send('PATCH', `/api/v1/admin/areas/${other.id}`, { name: 'Thôn Tây', householdCount: 10 })).statusCode).toBe(200);
    // A duplicate code still lands on the code field.
    const code = await send('POST', '/api/v1/admin/areas', { code: 'THON-TAY', name: 'Thôn Nam', kind: 'thon' });
    expect(code.statusCode).toBe(409);
    expect(code.json().errors.map((error: { field: string }) => error.field)).toEqual(['code']);
  });

  it('refuses a second unit with the same name, naming the field', async () => {
    const first = await send('POST', '/api/v1/admin/units', { code: 'VH-XH', name: 'Phòng Văn hóa – Xã hội', kind: 'specialised' });
    expect(first.statusCode).toBe(201);
    const before = await countOf('/api/v1/admin/units');
    const duplicate = await send('POST', '/api/v1/admin/units', { code: 'VH-XH-2', name: 'phòng văn hoá – xã hội', kind: 'specialised' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors).toEqual([{ field: 'name', message: expect.stringContaining('Phòng Văn hóa – Xã hội') }]);
    expect(await countOf('/api/v1/admin/units')).toBe(before);
    const second = (await send('POST', '/api/v1/admin/units', { code: 'KT', name: 'Phòng Kinh tế', kind: 'specialised' })).json();
    expect((await send('PATCH', `/api/v1/admin/units/${second.id}`, { name: 'PHÒNG VĂN HÓA - XÃ HỘI' })).statusCode).toBe(200);
    expect((await send('PATCH', `/api/v1/admin/units/${second.id}`, { name: 'Phòng văn hóa – xã hội' })).statusCode).toBe(409);
  });

  it('refuses a population smaller than the household count, on create and on an edit of either count', async () => {
    const before = await countOf('/api/v1/admin/areas');
    const refused = await send('POST', '/api/v1/admin/areas', { code: 'TDP-1', name: 'Tổ dân phố 1', kind: 'to_dan_pho', householdCount: 300, population: 120 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'population', message: 'Số nhân khẩu không được ít hơn số hộ (mỗi hộ có ít nhất một người).' }]);
    expect(await countOf('/api/v1/admin/areas')).toBe(before);

    const area = (await send('POST', '/api/v1/admin/areas', { code: 'TDP-1', name: 'Tổ dân phố 1', kind: 'to_dan_pho', householdCount: 300, population: 1000 })).json();
    const fewerPeople = await send('PATCH', `/api/v1/admin/areas/${area.id}`, { population: 299 });
    expect(fewerPeople.statusCode).toBe(400);
    expect(fewerPeople.json().errors.map((error: { field: string }) => error.field)).toEqual(['population']);
    const moreHouseholds = await send('PATCH', `/api/v1/admin/areas/${area.id}`, { householdCount: 1001 });
    expect(moreHouseholds.statusCode).toBe(400);
    expect(moreHouseholds.json().errors.map((error: { field: string }) => error.field)).toEqual(['population']);
    const unchanged = (await send('GET', '/api/v1/admin/areas')).json().find((row: { id: string }) => row.id === area.id);
    expect(unchanged).toMatchObject({ householdCount: 300, population: 1000 });
    expect((await send('PATCH', `/api/v1/admin/areas/${area.id}`, { householdCount: 1000 })).statusCode).toBe(200);
  });

  it('the database itself refuses a second folded name per commune (a save racing past the check)', async () => {
    const now = new Date().toISOString();
    await insertArea(t.ctx.db, communeId, newId(), { code: 'AP-1', name: 'Ấp Bình Minh', kind: 'ap' }, now);
    await expect(insertArea(t.ctx.db, communeId, newId(), { code: 'AP-2', name: 'ap  binh MINH', kind: 'ap' }, now)).rejects.toThrow(/name_key|unique/i);
    await insertUnit(t.ctx.db, communeId, newId(), { code: 'U-1', name: 'Đội Xung kích', kind: 'public_service' }, now);
    await expect(insertUnit(t.ctx.db, communeId, newId(), { code: 'U-2', name: 'doi xung kich', kind: 'public_service' }, now)).rejects.toThrow(/name_key|unique/i);
    // Another commune may use the same name.
    const otherCommune = newId();
    await insertCommune(t.ctx.db, { id: otherCommune, ...demoCommune, code: 'OTHER-1', slug: 'xa-khac', isDemo: false }, now);
    await expect(insertArea(t.ctx.db, otherCommune, newId(), { code: 'AP-1', name: 'Ấp Bình Minh', kind: 'ap' }, now)).resolves.toBeUndefined();
  });

  it('an area saved twice under one name before the rule can still be switched off without renaming it', async () => {
    const now = new Date().toISOString();
    const legacyId = newId();
    // As the migration leaves an older duplicate: its key carries its id.
    await typed<TenancyTables>(t.ctx.db).insertInto('areas').values({ commune_id: communeId, id: legacyId, code: 'THON-DONG-CU', name: 'Thôn Đông', name_key: `thon dong#${legacyId}`, kind: 'thon', household_count: null, population: null, created_at: now, updated_at: now }).execute();
    const switchedOff = await send('PATCH', `/api/v1/admin/areas/${legacyId}`, { name: 'Thôn Đông', kind: 'thon', isActive: false });
    expect(switchedOff.statusCode, switchedOff.body).toBe(200);
    expect((await send('PATCH', `/api/v1/admin/areas/${legacyId}`, { name: 'Thôn Đông (cũ)' })).statusCode).toBe(200);
  });
});
