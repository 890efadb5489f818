import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { newId } from '../../core/contract/ids.js';
import { typed } from '../../core/db/database.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';
import { insertOpen311Client } from './db/repository.js';
import type { CasesTables } from './db/tables.js';

/** The cases admin API (categories, settings, Open311 partners) and assignment support. */
describe('cases administration and assignment', () => {
  let t: CasesTestApp;
  let admin: StaffSession;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    admin = await t.staff('admin');
    officer = await t.staff('officer', 'KINH-TE');
    leader = await t.staff('leader');
  });
  afterAll(async () => t.close());

  const audit = (action: string, entityId?: string) => findAuditRows(t.ctx.db, { communeId: t.communeId, action, ...(entityId ? { entityId } : {}), limit: 10, offset: 0 });
  const resident = { fullName: 'Nguyễn Thị Hoa', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912 345 678' };
  const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((error) => error.field);
  const category = (extra: Record<string, unknown> = {}) => ({
    code: 'den-duong',
    nameVi: 'Đèn chiếu sáng công cộng',
    nameEn: 'Street lighting',
    descriptionVi: 'Đèn đường hỏng, tắt, sáng ban ngày.',
    kinds: ['feedback', 'question'],
    papiDimension: 'D6',
    papiSubdimension: '6.3',
    defaultUnitId: t.unitIds['KINH-TE'],
    deadlineOverrides: [{ kind: 'feedback', stage: 'resolution', amount: 5, unit: 'working_days' }],
    isPublicOpen311: true,
    sortOrder: 50,
    ...extra,
  });

  describe('categories', () => {
    it('is for administrators only', async () => {
      expect((await t.inject('GET', '/api/v1/admin/cases/categories', officer)).statusCode).toBe(403);
      expect((await t.inject('POST', '/api/v1/admin/cases/categories', leader, category())).statusCode).toBe(403);
      expect((await t.inject('GET', '/api/v1/admin/cases/categories', null)).statusCode).toBe(401);
      const list = await t.inject('GET', '/api/v1/admin/cases/categories', admin);
      expect(list.statusCode).toBe(200);
      expect(list.json().map((entry: { code: string }) => entry.code)).toContain('WATER');
      const water = list.json().find((entry: { code: string }) => entry.code === 'WATER');
      expect(water.deadlineOverrides).toEqual([{ kind: 'feedback', stage: 'resolution', amount: 5, unit: 'working_days' }]);
    });

    it('creates a category (code upper-cased, audited) whose service standard sets the deadline of new cases', async () => {
      const created = await t.inject('POST', '/api/v1/admin/cases/categories', admin, category());
      expect(created.statusCode).toBe(201);
      const body = created.json();
      expect(body).toMatchObject({ code: 'DEN-DUONG', papiDimension: 'D6', papiSubdimension: '6.3', isActive: true, isPublicOpen311: true, descriptionEn: null });
      expect((await audit('cases.category.created', body.id)).length).toBe(1);

      const publicList = (await t.inject('GET', '/api/v1/cases/categories', null)).json();
      expect(publicList.map((entry: { id: string }) => entry.id)).toContain(body.id);

      const submitted = await t.inject('POST', '/api/v1/cases', t.anonymous, {
        kind: 'feedback',
        categoryId: body.id,
        title: 'Đèn đường ngõ 5 bị tắt',
        description: 'Cả dãy đèn đường ngõ 5 tắt từ ba hôm nay, buổi tối rất tối.',
        privacy: 'handler_only',
        submitter: resident,
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
      // Five working days from Thursday 26/11 instead of the legal fifteen.
      expect(submitted.json().dueAt).toBe('2026-12-03T16:59:59.999Z');
    });

    it('refuses a duplicate code with 409 and bad input with field errors, writing nothing', async () => {
      const duplicate = await t.inject('POST', '/api/v1/admin/cases/categories', admin, category({ code: 'ROADS' }));
      expect(duplicate.statusCode).toBe(409);
      expect(fieldsOf(duplicate.json())).toEqual(['code']);

      const invalid = await t.inject('POST', '/api/v1/admin/cases/categories', admin, category({ code: 'bad code!', papiSubdimension: '7.1', kinds: ['question'], nameVi: '' }));
      expect(invalid.statusCode).toBe(400);
      expect(fieldsOf(invalid.json())).toEqual(expect.arrayContaining(['code', 'papiSubdimension', 'nameVi', 'deadlineOverrides.0.kind']));

      const foreignUnit = await t.inject('POST', '/api/v1/admin/cases/categories', admin, category({ code: 'OTHER', defaultUnitId: '00000000-0000-4000-8000-000000000000' }));
      expect(foreignUnit.statusCode).toBe(400);
      expect(fieldsOf(foreignUnit.json())).toEqual(['defaultUnitId']);

      // The Fatherland Front supervises; it never receives cases to handle.
      const supervisory = await t.inject('POST', '/api/v1/admin/cases/categories', admin, category({ code: 'FRONT', defaultUnitId: t.unitIds.MTTQ }));
      expect(supervisory.statusCode).toBe(400);
      expect(supervisory.json().errors).toEqual([{ field: 'defaultUnitId', message: expect.stringContaining('giám sát việc giải quyết') }]);

      const longer = await t.inject('POST', '/api/v1/admin/cases/categories', admin, category({ code: 'SLOW', deadlineOverrides: [{ kind: 'feedback', stage: 'resolution', amount: 20, unit: 'working_days' }, { kind: 'question', stage: 'acceptance', amount: 2, unit: 'working_days' }] }));
      expect(longer.statusCode).toBe(400);
      expect(longer.json().errors).toEqual(
        expect.arrayContaining([
          { field: 'deadlineOverrides.0.amount', message: expect.stringContaining('15') },
          { field: 'deadlineOverrides.1.stage', message: expect.any(String) },
        ]),
      );
      const codes = (await t.inject('GET', '/api/v1/admin/cases/categories', admin)).json().map((entry: { code: string }) => entry.code);
      expect(codes).not.toContain('OTHER');
      expect(codes).not.toContain('SLOW');
      expect(codes).not.toContain('FRONT');
    });

    it('refuses a PAPI sub-dimension the framework does not have for the chosen dimension, naming the field', async () => {
      const unknown = await t.inject('POST', '/api/v1/admin/cases/categories', admin, category({ code: 'PAPI-X', papiDimension: 'D6', papiSubdimension: '6.9' }));
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors).toEqual([{ field: 'papiSubdimension', message: expect.stringContaining('không có chỉ số phụ này') }]);
      // D3 has three sub-dimensions: 3.4 fits the pattern and the dimension number, not the framework.
      const fourth = await t.inject('POST', '/api/v1/admin/cases/categories', admin, category({ code: 'PAPI-X', papiDimension: 'D3', papiSubdimension: '3.4', deadlineOverrides: [] }));
      expect(fourth.statusCode).toBe(400);
      expect(fieldsOf(fourth.json())).toEqual(['papiSubdimension']);
      const codes = (await t.inject('GET', '/api/v1/admin/cases/categories', admin)).json().map((entry: { code: string }) => entry.code);
      expect(codes).not.toContain('PAPI-X');
      const fits = await t.inject('POST', '/api/v1/admin/cases/categories', admin, category({ code: 'PAPI-OK', papiDimension: 'D3', papiSubdimension: '3.3', deadlineOverrides: [] }));
      expect(fits.statusCode, fits.body).toBe(201);
    });

    it('updates, deactivates and reactivates a category, each audited', async () => {
      const created = (await t.inject('POST', '/api/v1/admin/cases/categories', admin, category({ code: 'CAY-XANH', nameVi: 'Cây xanh', nameEn: 'Trees', deadlineOverrides: [] }))).json();
      const updated = await t.inject('PUT', `/api/v1/admin/cases/categories/${created.id}`, admin, category({ code: 'CAY-XANH', nameVi: 'Cây xanh, công viên', nameEn: 'Trees and parks', papiDimension: 'D7', papiSubdimension: '7.1', deadlineOverrides: [], isPublicOpen311: false }));
      expect(updated.statusCode).toBe(200);
      expect(updated.json()).toMatchObject({ nameVi: 'Cây xanh, công viên', papiDimension: 'D7', isPublicOpen311: false });
      const [updateAudit] = await audit('cases.category.updated', created.id);
      expect(JSON.parse(updateAudit!.details).changed).toEqual(expect.arrayContaining(['name_vi', 'name_en', 'papi_dimension', 'papi_subdimension', 'is_public_open311']));

      const clash = await t.inject('PUT', `/api/v1/admin/cases/categories/${created.id}`, admin, category({ code: 'ROADS', deadlineOverrides: [] }));
      expect(clash.statusCode).toBe(409);

      const deactivated = await t.inject('POST', `/api/v1/admin/cases/categories/${created.id}/deactivate`, admin);
      expect(deactivated.statusCode).toBe(200);
      expect(deactivated.json().isActive).toBe(false);
      expect((await t.inject('GET', '/api/v1/cases/categories', null)).json().map((entry: { id: string }) => entry.id)).not.toContain(created.id);
      const refused = await t.inject('POST', '/api/v1/cases', t.anonymous, { kind: 'feedback', categoryId: created.id, title: 'Cây đổ chắn đường', description: 'Cây đổ chắn ngang đường sau cơn bão tối qua.', privacy: 'handler_only', submitter: resident });
      expect(refused.statusCode).toBe(400);
      expect(fieldsOf(refused.json())).toEqual(['categoryId']);
      expect((await audit('cases.category.deactivated', created.id)).length).toBe(1);

      expect((await t.inject('POST', `/api/v1/admin/cases/categories/${created.id}/activate`, admin)).json().isActive).toBe(true);
      expect((await audit('cases.category.activated', created.id)).length).toBe(1);
      expect((await t.inject('PUT', '/api/v1/admin/cases/categories/00000000-0000-4000-8000-000000000000', admin, category({ code: 'NONE', deadlineOverrides: [] }))).statusCode).toBe(404);
    });
  });

  describe('case settings', () => {
    const valid = { reopenWindowDays: 20, maxReopenCount: 1, autoCloseAfterDays: 10, reminderDaysBefore: [1, 5, 2], maxAttachments: 3, attachmentMaxBytes: 2 * 1024 * 1024 };

    it('shows the defaults, refuses values out of limits and saves a valid form (audited)', async () => {
      expect((await t.inject('GET', '/api/v1/admin/cases/settings', officer)).statusCode).toBe(403);
      const initial = await t.inject('GET', '/api/v1/admin/cases/settings', admin);
      expect(initial.json()).toEqual({ reopenWindowDays: 30, maxReopenCount: 2, autoCloseAfterDays: 15, reminderDaysBefore: [3, 1], maxAttachments: 5, attachmentMaxBytes: 5 * 1024 * 1024, followConfirmationDays: 7, supervisionAnswerDays: 15, supervisionAnswerUnit: 'calendar_days', mapBounds: { south: 6, west: 102, north: 23.5, east: 117.9 }, updatedAt: null });

      const invalid = await t.inject('PUT', '/api/v1/admin/cases/settings', admin, { ...valid, maxAttachments: 11, attachmentMaxBytes: 50 * 1024 * 1024, reopenWindowDays: 0, reminderDaysBefore: [2, 2] });
      expect(invalid.statusCode).toBe(400);
      expect(fieldsOf(invalid.json())).toEqual(expect.arrayContaining(['maxAttachments', 'attachmentMaxBytes', 'reopenWindowDays', 'reminderDaysBefore']));
      expect((await t.inject('PUT', '/api/v1/admin/cases/settings', admin, { ...valid, somethingElse: 1 })).statusCode).toBe(400);
      expect((await t.inject('PUT', '/api/v1/admin/cases/settings', officer, valid)).statusCode).toBe(403);

      // The form asks for megabytes: so does the message (not 102400 or 10485760 bytes).
      for (const attachmentMaxBytes of [50 * 1024, 50 * 1024 * 1024]) {
        const wrongSize = await t.inject('PUT', '/api/v1/admin/cases/settings', admin, { ...valid, attachmentMaxBytes });
        expect(wrongSize.json().errors).toEqual([{ field: 'attachmentMaxBytes', message: 'Nhập dung lượng tính bằng MB, từ 0,1 đến 10 (ví dụ: 2 hoặc 2,5).' }]);
      }
      const saved = await t.inject('PUT', '/api/v1/admin/cases/settings', admin, valid);
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ ...valid, reminderDaysBefore: [5, 2, 1], updatedAt: '2026-11-26T03:00:00.000Z' });
      expect((await t.inject('GET', '/api/v1/admin/cases/settings', admin)).json()).toMatchObject({ ...valid, reminderDaysBefore: [5, 2, 1] });
      const [row] = await audit('cases.settings.updated');
      expect(JSON.parse(row!.details).changes.maxAttachments).toEqual({ from: 5, to: 3 });
    });

    it('LAW-PDP-05: sets how long a follower e-mail has to confirm (1–30 days, default 7), audited; a form without it keeps it', async () => {
      const tooLong = await t.inject('PUT', '/api/v1/admin/cases/settings', admin, { ...valid, followConfirmationDays: 31 });
      expect(tooLong.statusCode).toBe(400);
      expect(fieldsOf(tooLong.json())).toEqual(['followConfirmationDays']);
      const saved = await t.inject('PUT', '/api/v1/admin/cases/settings', admin, { ...valid, followConfirmationDays: 3 });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ followConfirmationDays: 3 });
      const rows = await audit('cases.settings.updated');
      expect(rows.map((row) => JSON.parse(row.details).changes.followConfirmationDays)).toContainEqual({ from: 7, to: 3 });
      expect((await t.inject('PUT', '/api/v1/admin/cases/settings', admin, valid)).json()).toMatchObject({ followConfirmationDays: 3 });
      // A follow by e-mail now lapses at the end of the third day.
      const created = await t.submit();
      expect((await t.inject('POST', `/api/v1/cases/${created.code}/follow`, t.anonymous, { email: 'ba.ngay@example.vn' })).statusCode).toBe(200);
      const follower = await t.ctx.db.selectFrom('cases_followers').select(['confirm_expires_at', 'confirmed_at']).where('case_id', '=', created.id).executeTakeFirstOrThrow();
      expect(follower.confirmed_at).toBeNull();
      expect(follower.confirm_expires_at).toBe('2026-11-29T16:59:59.999Z');
    });
  });

  describe('Open311 partner clients', () => {
    const submit = (apiKey: string) =>
      t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ api_key: apiKey }).toString() });

    it('creates a client whose key is shown once and stored as sha256, and deactivates it', async () => {
      expect((await t.inject('POST', '/api/v1/admin/cases/open311-clients', officer, { name: 'Ứng dụng Hà Nội' })).statusCode).toBe(403);
      expect((await t.inject('POST', '/api/v1/admin/cases/open311-clients', admin, { name: '' })).statusCode).toBe(400);
      const created = await t.inject('POST', '/api/v1/admin/cases/open311-clients', admin, { name: 'Ứng dụng Bắc Ninh số' });
      expect(created.statusCode).toBe(201);
      expect(created.headers['cache-control']).toBe('no-store');
      const { client, apiKey } = created.json();
      expect(apiKey).toMatch(/^td311_[\w-]{43}$/);
      expect(client).toMatchObject({ name: 'Ứng dụng Bắc Ninh số', isActive: true });

      const stored = await typed<CasesTables>(t.ctx.db).selectFrom('cases_open311_clients').selectAll().where('id', '=', client.id).executeTakeFirstOrThrow();
      expect(stored.api_key_hash).toBe(createHash('sha256').update(apiKey).digest('hex'));
      const list = await t.inject('GET', '/api/v1/admin/cases/open311-clients', admin);
      expect(list.body).not.toContain(apiKey);
      expect(list.body).not.toContain(stored.api_key_hash);
      expect(list.json()).toEqual([client]);

      // The key is accepted (the request then fails on its missing fields), and refused once deactivated.
      expect((await submit(apiKey)).statusCode).toBe(400);
      const deactivated = await t.inject('POST', `/api/v1/admin/cases/open311-clients/${client.id}/deactivate`, admin);
      expect(deactivated.json()).toMatchObject({ id: client.id, isActive: false });
      expect((await submit(apiKey)).statusCode).toBe(403);
      expect((await audit('cases.open311-client.created', client.id)).length).toBe(1);
      expect((await audit('cases.open311-client.deactivated', client.id)).length).toBe(1);
      expect((await t.inject('POST', '/api/v1/admin/cases/open311-clients/00000000-0000-4000-8000-000000000000/deactivate', admin)).statusCode).toBe(404);
    });
  });

  describe('Open311 partner names', () => {
    it('refuses a second active partner of the same name in any case or spelling; a revoked partner’s name may be reused', async () => {
      const first = await t.inject('POST', '/api/v1/admin/cases/open311-clients', admin, { name: 'Cổng Dịch vụ công tỉnh' });
      expect(first.statusCode).toBe(201);
      const before = (await t.inject('GET', '/api/v1/admin/cases/open311-clients', admin)).json().length;
      for (const name of ['Cổng Dịch vụ công tỉnh', 'cong dich vu cong  TINH']) {
        const duplicate = await t.inject('POST', '/api/v1/admin/cases/open311-clients', admin, { name });
        expect(duplicate.statusCode, name).toBe(409);
        expect(duplicate.json().errors).toEqual([{ field: 'name', message: expect.stringContaining('"Cổng Dịch vụ công tỉnh"') }]);
      }
      expect((await t.inject('GET', '/api/v1/admin/cases/open311-clients', admin)).json().length).toBe(before);
      await t.inject('POST', `/api/v1/admin/cases/open311-clients/${first.json().client.id}/deactivate`, admin);
      expect((await t.inject('POST', '/api/v1/admin/cases/open311-clients', admin, { name: 'Cổng Dịch vụ công tỉnh' })).statusCode).toBe(201);
      // The database refuses a second active one too (a save racing past the check), not a revoked one.
      const row = (active: number) => ({ commune_id: t.communeId, id: newId(), name: 'CỔNG DỊCH VỤ CÔNG TỈNH', api_key_hash: newId(), is_active: active, is_demo: 0, created_at: new Date().toISOString() });
      await expect(insertOpen311Client(t.ctx.db, row(1))).rejects.toThrow(/name_key|unique/i);
      await expect(insertOpen311Client(t.ctx.db, row(0))).resolves.toBeUndefined();
    });
  });

  describe('assignment', () => {
    it('lists the officers and leaders of a unit, and filters the queue by assigned officer', async () => {
      const unitId = t.unitIds['KINH-TE']!;
      const colleague = await t.staff('officer', 'KINH-TE');
      const unitLeader = await t.staff('leader', 'KINH-TE');
      const otherUnit = await t.staff('officer', 'CONG-AN');

      expect((await t.inject('GET', `/api/v1/cases/assignees?unitId=${unitId}`, null)).statusCode).toBe(401);
      expect((await t.inject('GET', '/api/v1/cases/assignees?unitId=nope', officer)).statusCode).toBe(400);
      expect((await t.inject('GET', '/api/v1/cases/assignees?unitId=00000000-0000-4000-8000-000000000000', officer)).statusCode).toBe(400);
      const assignees = await t.inject('GET', `/api/v1/cases/assignees?unitId=${unitId}`, officer);
      expect(assignees.statusCode).toBe(200);
      const ids = assignees.json().map((entry: { id: string }) => entry.id);
      expect(ids).toEqual(expect.arrayContaining([officer.userId, colleague.userId, unitLeader.userId]));
      expect(ids).not.toContain(otherUnit.userId);
      expect(ids).not.toContain(admin.userId);
      expect(assignees.json()[0]).toEqual({ id: expect.any(String), displayName: expect.any(String), unitId });
      // Least privilege: only those who assign (officers, leaders) list the commune's staff by unit;
      // those who only read cases (a supervising body, the administrator, the province viewer) are refused.
      expect((await t.inject('GET', `/api/v1/cases/assignees?unitId=${unitId}`, unitLeader)).statusCode).toBe(200);
      for (const reader of [await t.staff('supervisor', 'TTND'), admin, await t.staff('higher_level_viewer')]) {
        expect((await t.inject('GET', `/api/v1/cases/assignees?unitId=${unitId}`, reader)).statusCode).toBe(403);
      }

      const submit = async () =>
        (await t.inject('POST', '/api/v1/cases', t.anonymous, { kind: 'feedback', categoryId: t.categoryIds.ROADS, title: 'Ổ gà đường thôn Lạc Cầu', description: 'Đường thôn Lạc Cầu có nhiều ổ gà lớn, trời mưa đọng nước.', privacy: 'handler_only', submitter: resident })).json() as { id: string };
      const mine = await submit();
      const theirs = await submit();
      const act = (caseId: string, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${caseId}/actions`, leader, body);
      for (const [caseId, officerId] of [[mine.id, officer.userId], [theirs.id, colleague.userId]] as const) {
        expect((await act(caseId, { type: 'accept' })).statusCode).toBe(200);
        const assigned = await act(caseId, { type: 'assign', unitId, officerId });
        expect(assigned.statusCode).toBe(200);
        expect(assigned.json().assignedOfficerId).toBe(officerId);
      }
      const wrongUnit = await act(theirs.id, { type: 'assign', unitId, officerId: otherUnit.userId });
      expect(wrongUnit.statusCode).toBe(400);
      expect(fieldsOf(wrongUnit.json())).toEqual(['officerId']);
      const [third] = [await submit()];
      expect((await act(third!.id, { type: 'accept' })).statusCode).toBe(200);
      expect((await act(third!.id, { type: 'assign', unitId, officerId: unitLeader.userId })).json().assignedOfficerId).toBe(unitLeader.userId);

      const myQueue = (await t.inject('GET', '/api/v1/cases?assignedOfficerId=me', officer)).json();
      expect(myQueue.items.map((item: { id: string }) => item.id)).toEqual([mine.id]);
      expect(myQueue.total).toBe(1);
      const colleagueQueue = (await t.inject('GET', `/api/v1/cases?assignedOfficerId=${colleague.userId}`, leader)).json();
      expect(colleagueQueue.items.map((item: { id: string }) => item.id)).toEqual([theirs.id]);
      expect((await t.inject('GET', '/api/v1/cases?assignedOfficerId=someone', leader)).statusCode).toBe(400);
    });
  });
});
