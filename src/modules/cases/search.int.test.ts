/**
 * Folded-text search (a scan of the commune's folded texts on SQLite, pg_trgm GIN indexes on PostgreSQL): every
 * answer is compared with the definition evaluated here in JavaScript (each folded word is a
 * substring of the stored folded text), so the indexed path can never drift from LIKE semantics.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsBefore } from '../../../test/kit/migrations.js';
import { foldVietnamese } from '../../core/contract/text-fold.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';
import { updateCase } from './db/repository.js';

const SEARCH_MIGRATION = '20261126T1820-cases-search-index';

interface Submitted {
  id: string;
  code: string;
}

/** The definition: every distinct folded word of `query` occurs in `text`. */
function matchesDefinition(text: string, query: string): boolean {
  return foldVietnamese(query)
    .split(' ')
    .filter(Boolean)
    .every((word) => text.includes(word));
}

function searchKit(t: CasesTestApp, leader: () => StaffSession) {
  const staffSearch = async (query: string, extra = ''): Promise<string[]> => {
    const response = await t.inject('GET', `/api/v1/cases?pageSize=100&q=${encodeURIComponent(query)}${extra}`, leader());
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: Array<{ code: string }>; total: number };
    expect(body.total).toBe(body.items.length);
    return body.items.map((item) => item.code).sort();
  };
  const qaSearch = async (query: string): Promise<string[]> => {
    const response = await t.inject('GET', `/api/v1/qa?pageSize=100&q=${encodeURIComponent(query)}`, null);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: Array<{ code: string }>; total: number };
    expect(body.total).toBe(body.items.length);
    return body.items.map((item) => item.code).sort();
  };
  /** What the definition says, over the stored folded columns of every case of the commune. */
  const expectedStaff = async (query: string): Promise<string[]> => {
    const rows = await t.ctx.db.selectFrom('cases_items').select(['code', 'search_text']).where('commune_id', '=', t.communeId).execute();
    return rows
      .filter((row) => matchesDefinition(row.search_text as string, query))
      .map((row) => row.code as string)
      .sort();
  };
  const expectedQa = async (query: string): Promise<string[]> => {
    const rows = await t.ctx.db.selectFrom('cases_items').select(['code', 'qa_search_text']).where('commune_id', '=', t.communeId).where('qa_published_at', 'is not', null).execute();
    return rows
      .filter((row) => matchesDefinition(row.qa_search_text as string, query))
      .map((row) => row.code as string)
      .sort();
  };
  return { staffSearch, qaSearch, expectedStaff, expectedQa };
}

describe('cases: folded-text search on the indexes', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  let officer: StaffSession;
  let kit: ReturnType<typeof searchKit>;
  const cases: Record<string, Submitted> = {};

  const submit = async (title: string, description: string, kind = 'feedback'): Promise<Submitted> => {
    const body =
      kind === 'question'
        ? { kind, categoryId: t.categoryIds.WATER, areaId: t.areaIds['TDP-NQ1'], title, description, privacy: 'anonymous' }
        : { kind, categoryId: t.categoryIds.ROADS, areaId: t.areaIds['TDP-NQ1'], title, description, privacy: 'handler_only', submitter: { fullName: 'Trần Thị Bình', address: 'Tổ dân phố 1', phone: '0912 000 111' } };
    const response = await t.inject('POST', '/api/v1/cases', t.anonymous, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Submitted;
  };
  const act = async (session: StaffSession, id: string, body: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
    expect(response.statusCode, response.body).toBe(200);
  };
  const publishQuestion = async (submitted: Submitted, question: string, answer: string) => {
    const response = await t.inject('POST', `/api/v1/cases/${submitted.id}/qa/publish`, leader, { question, answer });
    expect(response.statusCode, response.body).toBe(200);
  };
  const answerQuestion = async (submitted: Submitted, answer: string) => {
    await act(leader, submitted.id, { type: 'accept' });
    await act(leader, submitted.id, { type: 'assign', unitId: t.unitIds['KINH-TE'] });
    await act(officer, submitted.id, { type: 'startWork' });
    await act(officer, submitted.id, { type: 'draftAnswer', text: answer });
    await act(leader, submitted.id, { type: 'approveAnswer' });
    await act(leader, submitted.id, { type: 'publishAnswer' });
  };

  /** Asserts the staff search equals the definition and returns the codes found. */
  const expectStaff = async (query: string, extra = ''): Promise<string[]> => {
    const found = await kit.staffSearch(query, extra);
    if (!extra) expect(found, `staff search "${query}"`).toEqual(await kit.expectedStaff(query));
    return found;
  };
  const expectQa = async (query: string): Promise<string[]> => {
    const found = await kit.qaSearch(query);
    expect(found, `Q&A search "${query}"`).toEqual(await kit.expectedQa(query));
    return found;
  };

  beforeAll(async () => {
    t = await buildCasesTestApp();
    leader = await t.staff('leader');
    officer = await t.staff('officer', 'KINH-TE');
    kit = searchKit(t, () => leader);
    cases.road = await submit('Đường liên thôn Đình Dù bị sụt lún', 'Đoạn đường trước nhà văn hóa bị sụt lún sâu, xe máy đi qua rất nguy hiểm.');
    cases.lights = await submit('Đèn đường tổ dân phố Ngọc Quỳnh không sáng', 'Ba cột đèn hỏng từ tuần trước, buổi tối rất tối.');
    cases.water = await submit('Nước máy xóm Đông bị vàng', 'Nước máy có màu vàng, có mùi lạ, người dân không dám dùng để nấu ăn.');
    cases.land = await submit('Đề nghị đo đạc lại đất đai', 'Gia đình đề nghị xã cử cán bộ địa chính đo đạc lại ranh giới thửa đất 100% diện tích.');
    cases.pothole = await submit('Ổ gà ở ngõ 5', 'Ổ gà to giữa ngõ 5_A, trời mưa đọng nước.');
    cases.question = await submit('Hỏi về đăng ký nước sạch', 'Tôi muốn hỏi thủ tục đăng ký lắp đồng hồ nước sạch cho hộ gia đình.', 'question');
    await answerQuestion(cases.question, 'Hộ gia đình nộp đơn đăng ký tại Ủy ban nhân dân xã, kèm bản sao căn cước.');
    await publishQuestion(cases.question, 'Đăng ký lắp đồng hồ nước sạch cần giấy tờ gì?', 'Nộp đơn đăng ký tại Ủy ban nhân dân xã, kèm bản sao căn cước.');
  });
  afterAll(async () => t.close());

  it('ignores diacritics and case: "duong" finds "Đường", "SỤT LÚN" finds "sụt lún"', async () => {
    expect(await expectStaff('duong')).toEqual(expect.arrayContaining([cases.road!.code, cases.lights!.code]));
    expect(await expectStaff('SỤT LÚN')).toEqual([cases.road!.code]);
    expect(await expectStaff('sut lun')).toEqual([cases.road!.code]);
    expect(await expectStaff('nuoc may')).toEqual([cases.water!.code]);
    expect(await expectQa('dong ho nuoc')).toEqual([cases.question!.code]);
    expect(await expectQa('ĐỒNG HỒ')).toEqual([cases.question!.code]);
  });

  it('finds a case by its tracking code typed in the search box in any spelling (no hyphens, spaces, lower case)', async () => {
    const code = cases.pothole!.code;
    for (const typed of [code, code.replaceAll('-', ''), code.toLowerCase().replaceAll('-', ' ')]) {
      const response = await t.inject('GET', `/api/v1/cases?q=${encodeURIComponent(typed)}`, leader);
      expect(response.statusCode).toBe(200);
      expect((response.json() as { items: Array<{ code: string }> }).items.map((item) => item.code), typed).toEqual([code]);
    }
  });

  it('finds a published question by its tracking code in any spelling on the public Q&A, and nothing for the code of an unpublished case', async () => {
    const code = cases.question!.code;
    for (const typed of [code, code.replaceAll('-', ''), code.toLowerCase().replaceAll('-', ' ')]) expect(await kit.qaSearch(typed), typed).toEqual([code]);
    expect(await kit.qaSearch(cases.pothole!.code)).toEqual([]);
    // The portal page searches the same way.
    const page = await t.inject('GET', `/hoi-dap?q=${encodeURIComponent(code.toLowerCase())}`, null);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(code);
    expect(page.body).toContain('Đăng ký lắp đồng hồ nước sạch cần giấy tờ gì?');
  });

  it('folds đ and Đ to d', async () => {
    expect(await expectStaff('do dac dat dai')).toEqual([cases.land!.code]);
    // Exact lists only for words of ≥ 3 letters: a random tracking code may hold "du" (see below).
    expect(await expectStaff('thon dinh')).toEqual([cases.road!.code]);
    expect(await expectStaff('Đèn hỏng')).toEqual([cases.lights!.code]);
    expect(await expectStaff('den hong')).toEqual([cases.lights!.code]);
    expect(await expectQa('dang ky')).toEqual([cases.question!.code]);
  });

  it('needs every word, in any order and place (AND), not the words as one phrase', async () => {
    // Neither adjacent nor in this order in the text: found.
    expect(await expectStaff('lun dinh')).toEqual([cases.road!.code]);
    expect(await expectStaff('nguy hiem lien thon')).toEqual([cases.road!.code]);
    // Each word exists, but in different cases: nothing.
    expect(await expectStaff('sut den')).toEqual([]);
    expect(await expectStaff('lun khongcotu')).toEqual([]);
    // A repeated word counts once.
    expect(await expectStaff('lun lun lun')).toEqual([cases.road!.code]);
    expect(await expectQa('can cuoc nuoc')).toEqual([cases.question!.code]);
    expect(await expectQa('can cuoc duong')).toEqual([]);
  });

  it('matches words shorter than three characters by substring too (alone or beside longer words)', async () => {
    expect(await expectStaff('ổ gà')).toEqual(expect.arrayContaining([cases.pothole!.code]));
    expect(await expectStaff('ga')).toEqual(expect.arrayContaining([cases.pothole!.code]));
    // Short words also match inside tracking codes (random letters): only what must be there is named.
    expect(await expectStaff('ngo 5')).toContain(cases.pothole!.code);
    expect(await expectStaff('ba cot')).toContain(cases.lights!.code);
    expect(await expectStaff('xa do')).toContain(cases.land!.code);
    expect(await expectQa('xa')).toEqual([cases.question!.code]);
  });

  it('treats %, _, quotes and FTS syntax as literal text', async () => {
    expect(await expectStaff('100%')).toEqual([cases.land!.code]);
    expect(await expectStaff('%')).toEqual([cases.land!.code]);
    expect(await expectStaff('5_a')).toEqual([cases.pothole!.code]);
    expect(await expectStaff('5_')).toEqual([cases.pothole!.code]);
    for (const query of ['"duong', 'duong"lien', 'NEAR(duong lien)', 'duong OR nuoc', 'du*', 'lun -sut', 'title:duong', '{search_text}: "duong"', "d'uong", '\\duong']) {
      await expectStaff(query);
      await expectQa(query);
    }
  });

  it('does not match a row that holds every trigram of a word but not the word itself', async () => {
    const scattered = await submit('Ý kiến của bà Thanh Nhàn', 'Bà Thanh Nhàn đề nghị sửa mái nhà văn hóa.');
    // "anhan" → anh, nha, han: all in "thanh nhan", never in one piece.
    expect(await expectStaff('anhan')).toEqual([]);
    expect(await expectStaff('thanh nhan')).toEqual([scattered.code]);
  });

  it('finds a case by its tracking code and combines the text with the other filters', async () => {
    expect(await expectStaff(cases.water!.code)).toEqual([cases.water!.code]);
    expect(await expectStaff(cases.water!.code.slice(3).toLowerCase())).toEqual([cases.water!.code]);
    expect(await expectStaff('duong', '&status=received')).toEqual([cases.road!.code, cases.lights!.code].sort());
    expect(await expectStaff('duong', '&kind=question')).toEqual([]);
  });

  it('finds a case updated after creation by its new text only', async () => {
    const before = await expectStaff('sut lun');
    expect(before).toEqual([cases.road!.code]);
    // No use case edits the searchable text yet: update the row the way a future edit would.
    await updateCase(t.ctx.db, t.communeId, cases.road!.id, { search_text: foldVietnamese(`${cases.road!.code} Đường liên thôn Đình Dù bị ngập úng`) });
    expect(await expectStaff('sut lun')).toEqual([]);
    expect(await expectStaff('ngap ung')).toEqual([cases.road!.code]);
    // Other updates (a status change) leave the text found.
    await act(leader, cases.road!.id, { type: 'accept' });
    expect(await expectStaff('ngap ung dinh du')).toEqual([cases.road!.code]);
    // Publishing the Q&A again replaces its searchable text.
    await publishQuestion(cases.question!, 'Thủ tục lắp đồng hồ nước sạch?', 'Mang sổ hộ khẩu đến bộ phận một cửa.');
    expect(await expectQa('can cuoc')).toEqual([]);
    expect(await expectQa('so ho khau')).toEqual([cases.question!.code]);
  });

  it('keeps searching correctly after a merge and after a row is deleted', async () => {
    const target = await submit('Cống thoát nước bị tắc ở chợ Như Quỳnh', 'Cống thoát nước cạnh chợ bị tắc, nước tràn lên đường.');
    const duplicate = await submit('Cống chợ Như Quỳnh tắc', 'Cống cạnh chợ tắc nhiều ngày.');
    await act(leader, duplicate.id, { type: 'merge', intoCode: target.code });
    expect(await expectStaff('cong tac')).toEqual([target.code, duplicate.code].sort());
    expect(await expectStaff('cong tac', '&status=merged')).toEqual([duplicate.code]);

    // No route deletes a case; delete the newest row (the highest rowid, which SQLite hands out again).
    const gone = await submit('Xe chở vật liệu làm rơi đất cát', 'Xe tải chở vật liệu xây dựng làm rơi đất cát trên đường trục xã.');
    expect(await expectStaff('dat cat')).toEqual([gone.code]);
    await t.ctx.db.deleteFrom('cases_items').where('commune_id', '=', t.communeId).where('id', '=', gone.id).execute();
    expect(await expectStaff('dat cat')).toEqual([]);
    const next = await submit('Cây đổ chắn đường', 'Cây xà cừ đổ chắn ngang đường sau bão.');
    expect(await expectStaff('dat cat')).toEqual([]);
    expect(await expectStaff('cay xa cu')).toEqual([next.code]);
    expect(await expectStaff('cong tac')).toEqual([target.code, duplicate.code].sort());

    if (t.ctx.dialect === 'sqlite') {
      // VACUUM rebuilds the file; the index is keyed by rowid, which it keeps.
      await sql`VACUUM`.execute(t.ctx.db);
      expect(await expectStaff('cay xa cu')).toEqual([next.code]);
      expect(await expectStaff('duong')).toEqual(expect.arrayContaining([next.code, target.code]));
    }
  });

  it('uses the trigram indexes on PostgreSQL; SQLite keeps no search tables to maintain on every write', async () => {
    if (t.ctx.dialect === 'sqlite') {
      const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE name LIKE 'cases_items%search%'`.execute(t.ctx.db);
      expect(tables.rows).toEqual([]);
      const triggers = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'cases_items'`.execute(t.ctx.db);
      expect(triggers.rows).toEqual([]);
    } else {
      const indexes = await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE tablename = 'cases_items' AND schemaname = current_schema() AND indexdef LIKE '%gin_trgm_ops%'`.execute(t.ctx.db);
      expect(indexes.rows.map((row) => row.indexname).sort()).toEqual(['cases_items_masked_search_trgm_idx', 'cases_items_qa_search_trgm_idx', 'cases_items_search_trgm_idx']);
    }
  });
});

describe('cases: the search migration indexes the rows that exist before it', () => {
  let t: CasesTestApp;
  let leader: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    leader = await t.staff('leader');
  });
  afterAll(async () => t.close());

  it('finds cases written before the migration ran', async () => {
    // The rows are written through today's code on today's schema (later migrations may add columns
    // it writes), then the schema goes back to before the search indexes with the rows in place.
    const body = { kind: 'feedback', categoryId: t.categoryIds.ROADS, areaId: t.areaIds['TDP-NQ1'], privacy: 'handler_only', submitter: { fullName: 'Lê Văn Cũ', address: 'Tổ 4', phone: '0912 222 333' } };
    const codes: string[] = [];
    for (const [title, description] of [
      ['Đường làng Ngọc Quỳnh ngập nước', 'Mưa lớn làm đường làng ngập sâu.'],
      ['Đèn chiếu sáng ngõ 12 hỏng', 'Đèn ngõ 12 hỏng đã hai tuần.'],
    ]) {
      const response = await t.inject('POST', '/api/v1/cases', t.anonymous, { ...body, title, description });
      expect(response.statusCode, response.body).toBe(201);
      codes.push((response.json() as Submitted).code);
    }
    const published = (await t.ctx.db.selectFrom('cases_items').select(['id']).where('code', '=', codes[0]!).executeTakeFirstOrThrow()) as { id: string };
    await updateCase(t.ctx.db, t.communeId, published.id, { qa_question: 'Đường làng ngập', qa_answer: 'Xã đã khơi thông cống.', qa_published_at: '2026-11-26T04:00:00.000Z', qa_search_text: foldVietnamese('Đường làng ngập Xã đã khơi thông cống.') });

    // Back to the schema before the search indexes (every later migration must have a `down`).
    const migrations = await migrationsBefore(t.ctx, SEARCH_MIGRATION);

    await migrations.forward();
    const kit = searchKit(t, () => leader);
    for (const query of ['duong lang', 'ngap', 'den ngo 12', 'ngo', 'ngoc quynh', codes[1]!]) {
      expect(await kit.staffSearch(query), query).toEqual(await kit.expectedStaff(query));
    }
    expect(await kit.staffSearch('duong lang')).toEqual([codes[0]]);
    expect(await kit.qaSearch('khoi thong cong')).toEqual([codes[0]]);
  });
});
