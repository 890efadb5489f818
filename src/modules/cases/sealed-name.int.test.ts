/**
 * LAW-DENUNC-12: a denouncer's declared name, written into the case's own text in a form the detection
 * of likely names does not know ("CANARY-IDENTITY-XYZ", lower case, without marks), is masked for
 * every reader who may not open the identity, on the case page and in their search, as the phone
 * number is; those who may open it read it as written. The database keeps only a keyed digest of the
 * name. Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { maskedSearchTextOf } from './server/use-cases/masked-search.js';
import { backfillSealedNameDigests } from './server/use-cases/sealed-name.js';
import { withoutPersonalData } from './domain/index.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

const NAME = 'CANARY-IDENTITY-XYZ';
const DESCRIPTION = `Ông ${NAME} tố cáo cán bộ địa chính thu tiền ngoài quy định khi làm sổ đỏ. Gọi canary identity xyz qua số 0911222444 nếu cần.`;

describe('cases: a denouncer\'s declared name is masked however it is written (LAW-DENUNC-12)', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  let colleague: StaffSession;
  let denunciation: { id: string; code: string };

  /** A denunciation by NAME (its identity sealed), with this title and description. */
  const fileDenunciation = (title: string, description: string) =>
    t.submit({ kind: 'denunciation', categoryId: t.categoryIds.LAND, title, description, privacy: 'handler_only', submitter: { fullName: NAME, address: 'Tổ dân phố Như Quỳnh 1', phone: '0911222444' } });

  beforeAll(async () => {
    t = await buildCasesTestApp();
    leader = await t.staff('leader');
    colleague = await t.staff('officer', 'KINH-TE');
    denunciation = await fileDenunciation('Tố cáo việc thu tiền làm sổ đỏ', DESCRIPTION);
  });
  afterAll(async () => t.close());

  const idsOf = async (session: StaffSession, q: string) => ((await t.inject('GET', `/api/v1/cases?q=${encodeURIComponent(q)}`, session)).json().items as Array<{ id: string }>).map((item) => item.id);

  it('hides both spellings from an officer it is not assigned to, on the page and in search', async () => {
    const masked = (await t.inject('GET', `/api/v1/cases/${denunciation.id}`, colleague)).json().description as string;
    expect(masked).not.toMatch(/canary|identity|xyz/i);
    expect(masked).toBe('Ông [đã ẩn họ tên] tố cáo cán bộ địa chính thu tiền ngoài quy định khi làm sổ đỏ. Gọi [đã ẩn họ tên] qua số [đã ẩn số điện thoại] nếu cần.');
    for (const q of ['canary', 'identity xyz']) expect(await idsOf(colleague, q), q).not.toContain(denunciation.id);
    expect(await idsOf(colleague, 'so do')).toContain(denunciation.id);
  });

  it('leaves it as written for a leader, and keeps no trace of it in the database but a digest', async () => {
    expect((await t.inject('GET', `/api/v1/cases/${denunciation.id}`, leader)).json().description).toBe(DESCRIPTION);
    expect(await idsOf(leader, 'canary')).toContain(denunciation.id);
    const row = await t.ctx.db.selectFrom('cases_items').select(['sealed_name_digest', 'submitter_name', 'masked_search_text']).where('id', '=', denunciation.id).executeTakeFirstOrThrow();
    expect(row.sealed_name_digest).toMatch(new RegExp(`^${t.ctx.config.encryptionKeys[0]!.id}:3\\.[A-Za-z0-9_-]{22}$`));
    expect(row.submitter_name).toBeNull();
    expect(row.masked_search_text).not.toMatch(/canary|identity|xyz/);
  });

  it('hides it in the title too, in the list and on the page, and from search (the leader still reads it)', async () => {
    const titled = await fileDenunciation('Đơn của canary-identity-xyz về sổ đỏ, gọi 0911222444', 'Tố cáo cán bộ địa chính thu tiền ngoài quy định khi làm sổ đỏ.');
    const listed = ((await t.inject('GET', '/api/v1/cases?pageSize=100', colleague)).json().items as Array<{ id: string; title: string }>).find((item) => item.id === titled.id);
    expect(listed?.title).toBe('Đơn của [đã ẩn họ tên] về sổ đỏ, gọi [đã ẩn số điện thoại]');
    expect((await t.inject('GET', `/api/v1/cases/${titled.id}`, colleague)).json().title).toBe('Đơn của [đã ẩn họ tên] về sổ đỏ, gọi [đã ẩn số điện thoại]');
    for (const q of ['canary', '0911222444']) expect(await idsOf(colleague, q), q).not.toContain(titled.id);
    expect((await t.inject('GET', `/api/v1/cases/${titled.id}`, leader)).json().title).toBe('Đơn của canary-identity-xyz về sổ đỏ, gọi 0911222444');
  });

  it('a case filed before intake kept the digest gets it from the backfill: the system read is audited, the name then masked', async () => {
    const older = await fileDenunciation('Tố cáo việc thu tiền làm sổ đỏ', DESCRIPTION);
    // As intake left it before: no digest, and the masked search text of the detection alone.
    const row = await t.ctx.db.selectFrom('cases_items').select(['code', 'title', 'description', 'address']).where('id', '=', older.id).executeTakeFirstOrThrow();
    const detectionOnly = maskedSearchTextOf({ code: row.code, title: row.title, maskedDescription: withoutPersonalData(row.description), address: row.address });
    await t.ctx.db.updateTable('cases_items').set({ sealed_name_digest: null, masked_search_text: detectionOnly }).where('id', '=', older.id).execute();
    expect((await t.inject('GET', `/api/v1/cases/${older.id}`, colleague)).json().description).toContain(NAME);
    expect(await idsOf(colleague, 'canary')).toContain(older.id);

    expect(await backfillSealedNameDigests(t.ctx)).toEqual({ filled: 1, hasMore: false });
    expect((await t.inject('GET', `/api/v1/cases/${older.id}`, colleague)).json().description).not.toMatch(/canary/i);
    expect(await idsOf(colleague, 'canary')).not.toContain(older.id);
    const reads = await findAuditRows(t.ctx.db, { communeId: t.communeId, entityId: older.id, action: 'cases.sealed-identity.read', limit: 10, offset: 0 });
    expect(reads.map((audit) => (typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details))).toEqual([{ capacity: 'system', reason: 'mask declared name', fields: ['fullName'] }]);
    expect(JSON.stringify(reads)).not.toContain('CANARY');
    // Nothing left: a second run reads nothing.
    expect(await backfillSealedNameDigests(t.ctx)).toEqual({ filled: 0, hasMore: false });
  });

  it('gives other kinds no digest', async () => {
    const feedback = await t.submit({ submitter: { fullName: NAME, address: 'Tổ dân phố Như Quỳnh 1', phone: '0911222444' } });
    const row = await t.ctx.db.selectFrom('cases_items').select(['sealed_name_digest']).where('id', '=', feedback.id).executeTakeFirstOrThrow();
    expect(row.sealed_name_digest).toBeNull();
  });
});
