/**
 * Who sees a sealed case, and what their search may match (point 13, LAW-DENUNC-11, LAW-DENUNC-12):
 * - a denunciation's text as written is searched only by those who may open its identity (a leader,
 *   the officer it is assigned to); everyone else matches the masked text the case page shows them;
 * - supervisors and the province viewer see every case that is not sealed: never a denunciation (not
 *   in lists, counts, detail, supervision notes or files), while an anonymous corruption report,
 *   which names nobody, stays visible to them;
 * - the daily digest gives a sealed case's title only to the officer it is assigned to, in the
 *   officer's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsBefore } from '../../../test/kit/migrations.js';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { newId } from '../../core/contract/ids.js';
import { createTestUser, signIn } from '../../../test/kit/auth.js';
import { findRecordedMessages } from '../notifications/server/index.js';
import * as repository from './db/repository.js';
import { backfillMaskedSearchText } from './server/use-cases/masked-search.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

const DESCRIPTION = 'Tôi là Phạm Văn Canaryb, số điện thoại 0911222333, CCCD 001099887766. Tôi tố cáo cán bộ địa chính thu tiền ngoài quy định khi làm sổ đỏ.';

function pdfForm(payload: unknown) {
  const boundary = '----tiengdan-sealed-boundary';
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(payload)}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="don-to-cao.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    pdf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('cases: sealed cases, their search and who sees them (point 13, LAW-DENUNC-11, LAW-DENUNC-12)', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  let handler: StaffSession;
  let colleague: StaffSession;
  let supervisor: StaffSession;
  let viewer: StaffSession;
  let admin: StaffSession;
  let denunciation: { id: string; code: string };
  let report: { id: string; code: string };

  beforeAll(async () => {
    t = await buildCasesTestApp();
    leader = await t.staff('leader');
    handler = await t.staff('officer', 'KINH-TE');
    colleague = await t.staff('officer', 'KINH-TE');
    supervisor = await t.staff('supervisor', 'MTTQ');
    viewer = await t.staff('higher_level_viewer');
    admin = await t.staff('admin');
    // LAND routes to KINH-TE: the whole unit sees it in its queue, no officer named yet.
    const form = pdfForm({
      kind: 'denunciation',
      categoryId: t.categoryIds.LAND,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Tố cáo việc thu tiền làm sổ đỏ',
      description: DESCRIPTION,
      privacy: 'handler_only',
      submitter: { fullName: 'Phạm Văn Canaryb', address: 'Tổ dân phố Như Quỳnh 1', phone: '0911222333' },
    });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: t.anonymous.cookie, 'x-csrf-token': t.anonymous.csrfToken, 'content-type': form.contentType }, payload: form.body });
    expect(response.statusCode, response.body).toBe(201);
    denunciation = response.json();
    report = await t.submit({ kind: 'corruption_report', categoryId: t.categoryIds.CONDUCT, title: 'Thu tiền không biên lai ở bộ phận một cửa', description: 'Bộ phận một cửa thu thêm phí, ai hỏi thì gọi 0933444555 để nộp.', privacy: 'anonymous', submitter: undefined });
  });
  afterAll(async () => t.close());

  const idsOf = async (session: StaffSession, query: string) => {
    const response = await t.inject('GET', `/api/v1/cases?${query}`, session);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().items as Array<{ id: string }>).map((item) => item.id);
  };

  it('LAW-DENUNC-12: only the leaders and the assigned officer find a denunciation by what its page masks for others', async () => {
    for (const q of ['0911222333', 'canaryb', '001099887766']) {
      expect(await idsOf(leader, `q=${q}`), q).toContain(denunciation.id);
      // The unit's officers see the case, masked: search must not confirm the hidden values.
      expect(await idsOf(handler, `q=${q}`), q).not.toContain(denunciation.id);
      expect(await idsOf(admin, `q=${q}`), q).not.toContain(denunciation.id);
    }
    // What the page shows them, they still find.
    expect(await idsOf(handler, 'q=so do')).toContain(denunciation.id);
    expect(await idsOf(handler, 'q=thu tien ngoai quy dinh')).toContain(denunciation.id);
    expect((await t.inject('GET', `/api/v1/cases/${denunciation.id}`, handler)).json().description).not.toContain('0911222333');

    expect((await t.inject('POST', `/api/v1/cases/${denunciation.id}/actions`, leader, { type: 'accept' })).statusCode).toBe(200);
    expect((await t.inject('POST', `/api/v1/cases/${denunciation.id}/actions`, leader, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: handler.userId })).statusCode).toBe(200);
    // Assigned to him, he reads it as written and searches it so; his colleague still does not.
    for (const q of ['0911222333', 'canaryb', '001099887766']) {
      expect(await idsOf(handler, `q=${q}`), q).toContain(denunciation.id);
      expect(await idsOf(colleague, `q=${q}`), q).not.toContain(denunciation.id);
    }
    expect(await idsOf(colleague, 'q=so do')).toContain(denunciation.id);
  });

  it('LAW-DENUNC-12: the masked text a colleague reads has its placeholders in their language', async () => {
    const english = (await t.inject('GET', `/api/v1/cases/${denunciation.id}?lang=en`, colleague)).json();
    expect(english.description).toContain('[phone removed]');
    expect(english.description).not.toContain('[đã ẩn');
    expect(english.description).not.toContain('0911222333');
    const vietnamese = (await t.inject('GET', `/api/v1/cases/${denunciation.id}?lang=vi`, colleague)).json();
    expect(vietnamese.description).toContain('[đã ẩn số điện thoại]');
    expect(vietnamese.description).not.toContain('0911222333');
  });

  it('LAW-DENUNC-12: the anonymous corruption report stays visible to supervisors, its masked text only', async () => {
    expect(await idsOf(supervisor, 'q=mot cua')).toContain(report.id);
    expect(await idsOf(supervisor, 'q=0933444555')).not.toContain(report.id);
    expect(await idsOf(leader, 'q=0933444555')).toContain(report.id);
    expect(await idsOf(viewer, 'kind=corruption_report')).toContain(report.id);
    expect((await t.inject('GET', `/api/v1/cases/${report.id}`, supervisor)).statusCode).toBe(200);
  });

  it('LAW-DENUNC-12: a denunciation\'s files go only to those who may open its identity, each read audited, never cached', async () => {
    const fileUrl = ((await t.inject('GET', `/api/v1/cases/${denunciation.id}`, leader)).json().attachments[0].url) as string;
    // The assignment is done by the first test; a colleague of the same unit sees the case, masked, without its files.
    expect((await t.inject('GET', `/api/v1/cases/${denunciation.id}`, colleague)).json().attachments).toEqual([]);
    const refused = await t.inject('GET', fileUrl, colleague);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('PDF');
    expect(refused.headers['content-disposition']).toBeUndefined();
    const reads = async () => (await findAuditRows(t.ctx.db, { communeId: t.communeId, entityId: denunciation.id, action: 'cases.sealed-attachment.read', limit: 50, offset: 0 })).map((row) => [row.actor_user_id, typeof row.details === 'string' ? JSON.parse(row.details).capacity : (row.details as { capacity: string }).capacity]);
    const before = (await reads()).length;
    for (const session of [handler, leader]) {
      const file = await t.inject('GET', fileUrl, session);
      expect(file.statusCode).toBe(200);
      expect(file.body.startsWith('%PDF')).toBe(true);
      expect(file.headers['cache-control']).toBe('no-store');
    }
    const after = await reads();
    expect(after).toHaveLength(before + 2);
    expect(after).toEqual(expect.arrayContaining([[handler.userId, 'assigned_officer'], [leader.userId, 'leader']]));
  });

  it('LAW-DENUNC-12 "log every access": each read of a denunciation\'s text as written (which may name the denouncer) is audited; a masked read is not', async () => {
    const textReads = async () => (await findAuditRows(t.ctx.db, { communeId: t.communeId, entityId: denunciation.id, action: 'cases.sealed-text.read', limit: 100, offset: 0 })).map((row) => [row.actor_user_id, (typeof row.details === 'string' ? JSON.parse(row.details) : row.details as { capacity: string }).capacity]);
    const before = (await textReads()).length;
    // A colleague reads it masked: nothing to record.
    expect((await t.inject('GET', `/api/v1/cases/${denunciation.id}`, colleague)).json().description).not.toContain('0911222333');
    expect(await textReads()).toHaveLength(before);
    // The assigned officer and a leader read it as written: one row each, with the capacity.
    for (const session of [handler, leader]) expect((await t.inject('GET', `/api/v1/cases/${denunciation.id}`, session)).json().description).toContain('0911222333');
    const after = await textReads();
    expect(after).toHaveLength(before + 2);
    expect(after).toEqual(expect.arrayContaining([[handler.userId, 'assigned_officer'], [leader.userId, 'leader']]));
  });

  it('LAW-DENUNC-12: an officer of another unit, who does not see the case, is refused its sealed identity with the 404 of an unknown id (nothing confirmed), the attempt audited', async () => {
    const outsider = await t.staff('officer', 'CONG-AN');
    expect((await t.inject('GET', `/api/v1/cases/${denunciation.id}`, outsider)).statusCode).toBe(404);
    const refusedRows = async () => (await findAuditRows(t.ctx.db, { communeId: t.communeId, entityId: denunciation.id, action: 'cases.sealed-identity.refused', limit: 100, offset: 0 })).map((row) => row.actor_user_id);
    const before = (await refusedRows()).length;
    const refused = await t.inject('GET', `/api/v1/cases/${denunciation.id}/sealed-identity`, outsider);
    const unknown = await t.inject('GET', `/api/v1/cases/${newId()}/sealed-identity`, outsider);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().detail).toBe(unknown.json().detail);
    expect(refused.body).not.toContain('Canaryb');
    expect(await refusedRows()).toHaveLength(before + 1);
    expect(await refusedRows()).toContain(outsider.userId);
    // A colleague of the unit holding it sees the case, masked: still told why (403), and audited.
    expect((await t.inject('GET', `/api/v1/cases/${denunciation.id}/sealed-identity`, colleague)).statusCode).toBe(403);
    expect(await refusedRows()).toHaveLength(before + 2);
    expect(await refusedRows()).toContain(colleague.userId);
  });

  it('LAW-DENUNC-12 "log every access": a refused attempt at a denunciation\'s file is audited, like a refused identity read, and the answers stay 403 / 404', async () => {
    const fileUrl = ((await t.inject('GET', `/api/v1/cases/${denunciation.id}`, leader)).json().attachments[0].url) as string;
    const attachmentId = fileUrl.split('/').pop();
    const refusals = async () => (await findAuditRows(t.ctx.db, { communeId: t.communeId, entityId: denunciation.id, action: 'cases.sealed-attachment.refused', limit: 50, offset: 0 })).map((row) => [row.actor_user_id, (typeof row.details === 'string' ? JSON.parse(row.details) : row.details as { attachmentId: string }).attachmentId]);
    const before = (await refusals()).length;
    // A colleague who sees the case masked: 403. A supervisor, to whom a denunciation does not exist: 404.
    expect((await t.inject('GET', fileUrl, colleague)).statusCode).toBe(403);
    const hidden = await t.inject('GET', fileUrl, supervisor);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().detail).toBe((await t.inject('GET', `/api/v1/cases/attachments/${newId()}`, supervisor)).json().detail);
    const after = await refusals();
    expect(after).toHaveLength(before + 2);
    expect(after).toEqual(expect.arrayContaining([[colleague.userId, attachmentId], [supervisor.userId, attachmentId]]));
    // Reading it is not a refusal: nothing more recorded as refused.
    expect((await t.inject('GET', fileUrl, leader)).statusCode).toBe(200);
    expect(await refusals()).toHaveLength(before + 2);
  });

  it('point 13: supervisors and the province viewer never see a denunciation: lists, counts, overdue, detail, notes, files', async () => {
    const leaderDetail = (await t.inject('GET', `/api/v1/cases/${denunciation.id}`, leader)).json();
    expect(leaderDetail.attachments).toHaveLength(1);
    const fileUrl = leaderDetail.attachments[0].url as string;
    for (const session of [supervisor, viewer]) {
      const kindList = await t.inject('GET', '/api/v1/cases?kind=denunciation', session);
      expect(kindList.statusCode).toBe(200);
      expect(kindList.json()).toMatchObject({ items: [], total: 0 });
      const all = await t.inject('GET', '/api/v1/cases?status=received,accepted,assigned,in_progress&pageSize=100', session);
      expect(all.json().items.map((item: { id: string }) => item.id)).not.toContain(denunciation.id);
      expect(all.json().items.map((item: { id: string }) => item.id)).toContain(report.id);
      expect(await idsOf(session, `code=${denunciation.code}`)).toEqual([]);
      expect(await idsOf(session, `q=${denunciation.code}`)).toEqual([]);
      // As if it did not exist: the same 404 as an unknown id.
      const detail = await t.inject('GET', `/api/v1/cases/${denunciation.id}`, session);
      const unknown = await t.inject('GET', `/api/v1/cases/${newId()}`, session);
      expect(detail.statusCode).toBe(404);
      expect(detail.json().detail).toBe(unknown.json().detail);
      expect(detail.body).not.toContain('sổ đỏ');
      expect((await t.inject('GET', fileUrl, session)).statusCode).toBe(404);
    }
    t.clock.set('2027-06-01T03:00:00.000Z');
    expect(await idsOf(leader, 'isOverdue=true&pageSize=100')).toContain(denunciation.id);
    expect(await idsOf(supervisor, 'isOverdue=true&pageSize=100')).not.toContain(denunciation.id);
    t.clock.set('2026-11-26T03:00:00.000Z');
    const note = await t.inject('POST', `/api/v1/cases/${denunciation.id}/supervision-notes`, supervisor, { kind: 'flag', body: 'Đề nghị làm rõ' });
    expect(note.statusCode).toBe(404);
    expect((await t.inject('POST', `/api/v1/cases/${report.id}/supervision-notes`, supervisor, { kind: 'note', body: 'Theo dõi' })).statusCode).toBe(201);
    // A flag raised on a denunciation before this rule (stored as it was) is not listed to supervisors, still to leaders.
    await repository.insertSupervisionNote(t.ctx.db, {
      commune_id: t.communeId, id: newId(), case_id: denunciation.id, author_user_id: supervisor.userId, kind: 'flag', body: 'Cũ', created_at: '2026-11-26T03:00:00.000Z', resolved_at: null,
      status: 'awaiting_answer', answer_due_at: '2026-12-20T16:59:59.999Z', answer_body: null, answered_at: null, answered_by_user_id: null, review_comment: null, resolved_by_user_id: null,
    });
    const flagsOf = async (session: StaffSession) => ((await t.inject('GET', '/api/v1/cases/supervision-flags?filter=all', session)).json() as Array<{ caseId: string }>).map((flag) => flag.caseId);
    expect(await flagsOf(leader)).toContain(denunciation.id);
    expect(await flagsOf(supervisor)).not.toContain(denunciation.id);
    // Aggregate indicators still count it.
    const indicators = await t.inject('GET', '/api/v1/cases/indicators?from=2026-11-01&to=2026-12-31&groupBy=kind', supervisor);
    expect(indicators.statusCode).toBe(200);
    expect(indicators.json().groups.denunciation.total).toBeGreaterThanOrEqual(1);
  });

  it('LAW-DENUNC-11: the daily digest names a sealed case only to the officer it is assigned to, in each officer\'s language', async () => {
    const unassigned = await t.submit({ kind: 'denunciation', categoryId: t.categoryIds.LAND, title: 'Tố cáo Canarydigest nhận tiền', description: 'Cán bộ nhận tiền khi giải quyết hồ sơ đất.', privacy: 'handler_only', submitter: { fullName: 'Lê Thị Tố', address: 'Tổ 3', phone: '0977000111' } });
    const feedback = await t.submit({ categoryId: t.categoryIds.LAND, title: 'Phản ánh Canaryopen về đất' });
    const english = await createTestUser(t.ctx, { kind: 'staff', communeId: t.communeId, roles: [{ role: 'officer', unitId: t.unitIds['KINH-TE'] }] });
    await t.ctx.db.updateTable('auth_users').set({ locale: 'en' }).where('id', '=', english.id).execute();
    await signIn(t.app, english.identifier, english.password);
    t.clock.set('2026-11-27T00:05:00.000Z');
    await t.runJobs();
    const digestOf = async (userId: string) => {
      const email = (await t.ctx.db.selectFrom('auth_users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email!;
      const messages = await findRecordedMessages(t.ctx.db, { recipient: email, template: 'cases.daily-digest' });
      expect(messages.length).toBeGreaterThan(0);
      return messages.at(-1)!.body;
    };
    const colleagueDigest = await digestOf(colleague.userId);
    expect(colleagueDigest).toContain(unassigned.code);
    expect(colleagueDigest).not.toContain('Canarydigest');
    expect(colleagueDigest).toContain('Phản ánh Canaryopen');
    // The case assigned to the handler: he gets its title.
    expect(await digestOf(handler.userId)).toContain('Tố cáo việc thu tiền làm sổ đỏ');
    expect(colleagueDigest).not.toContain('Tố cáo việc thu tiền làm sổ đỏ');
    const englishDigest = await digestOf(english.id);
    expect(englishDigest).toContain(feedback.code);
    expect(englishDigest).not.toContain('Canarydigest');
    expect(englishDigest).toMatch(/Received \(\d+\)/);
    expect(englishDigest).not.toContain('Đã tiếp nhận');
    t.clock.set('2026-11-26T03:00:00.000Z');
  });
});

describe('cases: sealed cases written before the masked search text get it from the backfill job (LAW-DENUNC-12)', () => {
  let t: CasesTestApp;

  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => t.close());

  const idsOf = async (session: StaffSession, q: string) => ((await t.inject('GET', `/api/v1/cases?q=${encodeURIComponent(q)}`, session)).json().items as Array<{ id: string }>).map((item) => item.id);
  const maskedOf = async (id: string) => (await t.ctx.db.selectFrom('cases_items').select(['masked_search_text']).where('id', '=', id).executeTakeFirstOrThrow()).masked_search_text;

  it('LAW-DENUNC-12: an old sealed case (no masked text) is found by an unassigned officer by its masked words only after the backfill, never by the phone', async () => {
    const leader = await t.staff('leader');
    const officer = await t.staff('officer', 'KINH-TE');
    const old = await t.submit({ kind: 'denunciation', categoryId: t.categoryIds.LAND, title: 'Tố cáo cán bộ Canaryold', description: DESCRIPTION, privacy: 'handler_only', submitter: { fullName: 'Phạm Văn Canaryb', address: 'Tổ 1', phone: '0911222333' } });
    // An old row: filed before intake wrote the masked text.
    await t.ctx.db.updateTable('cases_items').set({ masked_search_text: null }).where('id', '=', old.id).execute();
    expect(await idsOf(officer, 'so do')).not.toContain(old.id);
    expect(await idsOf(officer, '0911222333')).not.toContain(old.id);
    expect(await idsOf(leader, 'so do')).toContain(old.id);

    // The hourly schedule enqueues the backfill at the worker's first tick.
    await t.runJobs();
    const masked = await maskedOf(old.id);
    expect(masked).toContain('so do');
    for (const hidden of ['0911222333', 'canaryb', '001099887766']) expect(masked).not.toContain(hidden);
    expect(await idsOf(officer, 'so do')).toContain(old.id);
    expect(await idsOf(officer, 'thu tien ngoai quy dinh')).toContain(old.id);
    expect(await idsOf(officer, 'canaryold')).toContain(old.id);
    for (const hidden of ['0911222333', 'canaryb', '001099887766']) expect(await idsOf(officer, hidden), hidden).not.toContain(old.id);
    expect(await idsOf(leader, '0911222333')).toContain(old.id);

    // Idempotent: a second run (next slot) changes nothing.
    t.clock.set('2026-11-26T04:30:00.000Z');
    await t.runJobs();
    expect(await maskedOf(old.id)).toBe(masked);
    t.clock.set('2026-11-26T03:00:00.000Z');
  });

  it('LAW-DENUNC-12: the backfill is bounded per run and resumes where it stopped; a sealed case with nothing to cut is searched as written', async () => {
    const officer = await t.staff('officer', 'KINH-TE');
    const plain = await t.submit({ kind: 'denunciation', categoryId: t.categoryIds.LAND, title: 'Tố cáo Canaryplain lấn đất', description: 'Cán bộ xã lấn đất công làm nhà riêng.', privacy: 'handler_only', submitter: { fullName: 'Lê Văn Tố', address: 'Tổ 2', phone: '0977000222' } });
    const others = [];
    for (let index = 0; index < 3; index += 1) others.push(await t.submit({ kind: 'denunciation', categoryId: t.categoryIds.LAND, title: `Tố cáo Canarybatch số ${index}`, description: DESCRIPTION, privacy: 'handler_only', submitter: { fullName: 'Phạm Văn Canaryb', address: 'Tổ 1', phone: '0911222333' } }));
    // Intake writes the masked text of a sealed case even when nothing is cut.
    expect(await maskedOf(plain.id)).not.toBeNull();
    const ids = [plain.id, ...others.map((row) => row.id)];
    await t.ctx.db.updateTable('cases_items').set({ masked_search_text: null }).where('id', 'in', ids).execute();
    expect(await idsOf(officer, 'canaryplain')).toEqual([]);

    const first = await backfillMaskedSearchText(t.ctx, { batchSize: 2, maxBatches: 1 });
    expect(first).toEqual({ filled: 2, hasMore: true });
    const second = await backfillMaskedSearchText(t.ctx, { batchSize: 2, maxBatches: 5 });
    expect(second).toEqual({ filled: 2, hasMore: false });
    expect(await backfillMaskedSearchText(t.ctx)).toEqual({ filled: 0, hasMore: false });
    for (const id of ids) expect(await maskedOf(id)).not.toBeNull();
    expect(await idsOf(officer, 'canaryplain')).toEqual([plain.id]);
    expect((await idsOf(officer, 'canarybatch')).sort()).toEqual(others.map((row) => row.id).sort());
    expect(await idsOf(officer, '0911222333')).toEqual([]);
  });

  it('the upgrade turns the code-only masked text of migration 20261127T1710 into "not computed"; the job fills it', async () => {
    const leader = await t.staff('leader');
    const officer = await t.staff('officer', 'KINH-TE');
    const before = await t.submit({ kind: 'denunciation', categoryId: t.categoryIds.LAND, title: 'Tố cáo lấn chiếm đất công', description: DESCRIPTION, privacy: 'handler_only', submitter: { fullName: 'Phạm Văn Canaryb', address: 'Tổ 1', phone: '0911222333' } });
    const migrations = await migrationsBefore(t.ctx, '20261127T1710-cases-masked-search-text');
    const toPlaceholder = await migrations.migrator.migrateTo('20261127T1710-cases-masked-search-text');
    expect(toPlaceholder.error).toBeUndefined();
    expect(await maskedOf(before.id)).toBe(before.code.toLowerCase());
    await migrations.forward();
    expect(await maskedOf(before.id)).toBeNull();
    expect(await idsOf(officer, 'lan chiem')).toEqual([]);
    expect(await idsOf(leader, '0911222333')).toContain(before.id);

    t.clock.set('2026-11-26T05:30:00.000Z');
    await t.runJobs();
    expect(await idsOf(officer, 'lan chiem')).toEqual([before.id]);
    expect(await idsOf(officer, before.code)).toEqual([before.id]);
    expect(await idsOf(officer, '0911222333')).not.toContain(before.id);
    // A feedback has no masked text: it is searched as written by everyone.
    const feedback = await t.submit({ categoryId: t.categoryIds.LAND, title: 'Phản ánh lấn chiếm vỉa hè' });
    expect((await idsOf(officer, 'lan chiem')).sort()).toEqual([before.id, feedback.id].sort());
  });
});
