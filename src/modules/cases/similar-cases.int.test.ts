/**
 * Issue 3, point 12: the similar open cases a resident is offered while writing, to follow instead of
 * filing again. Anyone may ask, so a case is matched and shown only by what its public page shows
 * (LAW-PDP-06: no name, phone or ID number of its submitter; no hidden description to test guesses
 * against), and only kinds one may follow instead of filing are offered or asked for (a complaint is
 * the complainant's own, LAW-COMPLAINT-01; a denunciation or corruption report is filed in its own
 * right, LAW-DENUNC-11). Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';

describe('cases: similar open cases offered while writing (point 12)', () => {
  let t: CasesTestApp;
  let areaId: string;
  const similar = async (text: string, extra: Record<string, string> = {}, lang = 'vi') => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases/similar?${new URLSearchParams({ areaId, categoryId: t.categoryIds.LAND!, text, ...extra }).toString()}`, headers: { 'accept-language': lang } });
    expect(response.statusCode).toBe(200);
    return response.json() as Array<{ code: string; title: string }>;
  };

  beforeAll(async () => {
    t = await buildCasesTestApp();
    areaId = t.areaIds['TDP-NQ1']!;
  });
  afterAll(async () => t.close());

  it('shows a title as the status page does: the submitter\'s name and phone hidden, in the reader\'s language', async () => {
    const asked = await t.submit({ kind: 'question', categoryId: t.categoryIds.LAND, areaId, title: 'Nguyễn Thị Lan 0912000555 hỏi về ranh giới thửa đất', description: 'Xin hỏi thủ tục đo đạc lại ranh giới thửa đất.', privacy: 'handler_only', submitter: { fullName: 'Nguyễn Thị Lan', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912000555' } });
    const found = (await similar('ranh gioi thua dat')).find((item) => item.code === asked.code);
    expect(found?.title).toBe('[đã ẩn họ tên] [đã ẩn số điện thoại] hỏi về ranh giới thửa đất');
    expect((await similar('ranh gioi thua dat', {}, 'en')).find((item) => item.code === asked.code)?.title).toBe('[name removed] [phone removed] hỏi về ranh giới thửa đất');
    const publicTitle = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${asked.code}` })).json().title as string;
    expect(found?.title).toBe(publicTitle);
  });

  it('never matches words the public cannot read: a hidden description, a hidden name, an ID number', async () => {
    const hidden = await t.submit({ kind: 'feedback', categoryId: t.categoryIds.LAND, areaId, title: 'Lấn chiếm đất công', description: 'Hộ ông Lê Văn Mạnh, CCCD 001203009999, lấn chiếm mương thủy lợi.', privacy: 'handler_only' });
    for (const guess of ['001203009999', 'Le Van Manh', 'muong thuy loi']) expect((await similar(guess)).map((item) => item.code), guess).not.toContain(hidden.code);
    expect((await similar('lan chiem dat cong')).map((item) => item.code)).toContain(hidden.code);
    // A submitter named publicly shows the description (redacted): it is matched by its words, never by the redacted parts.
    const named = await t.submit({ kind: 'feedback', categoryId: t.categoryIds.LAND, areaId, title: 'Đổ đất trái phép', description: 'Xe tải đổ đất xuống ao làng, gọi 0912888777.', privacy: 'public_name' });
    expect((await similar('ao lang')).map((item) => item.code)).toContain(named.code);
    expect((await similar('0912888777')).map((item) => item.code)).not.toContain(named.code);
  });

  it('offers feedback and questions only, and nothing to someone writing a complaint, a denunciation or a corruption report', async () => {
    const feedback = await t.submit({ kind: 'feedback', categoryId: t.categoryIds.LAND, areaId, title: 'Cấp sổ đỏ chậm ở xứ đồng Bãi Sậy', description: 'Cấp sổ đỏ chậm.', privacy: 'handler_only' });
    const complaint = await t.submit({ kind: 'complaint', categoryId: t.categoryIds.LAND, areaId, title: 'Khiếu nại quyết định thu hồi đất xứ đồng Bãi Sậy', description: 'Khiếu nại quyết định thu hồi đất.', privacy: 'handler_only' });
    const denunciation = await t.submit({ kind: 'denunciation', categoryId: t.categoryIds.LAND, areaId, title: 'Tố cáo cán bộ xứ đồng Bãi Sậy', description: 'Tố cáo cán bộ địa chính.', privacy: 'handler_only' });
    const offered = (await similar('xu dong bai say')).map((item) => item.code);
    expect(offered).toContain(feedback.code);
    expect(offered).not.toContain(complaint.code);
    expect(offered).not.toContain(denunciation.code);
    for (const kind of ['feedback', 'question']) expect((await similar('xu dong bai say', { kind })).map((item) => item.code), kind).toContain(feedback.code);
    for (const kind of ['complaint', 'denunciation', 'corruption_report']) expect(await similar('xu dong bai say', { kind }), kind).toEqual([]);
    const wrong = await t.app.inject({ method: 'GET', url: `/api/v1/cases/similar?${new URLSearchParams({ areaId, categoryId: t.categoryIds.LAND!, text: 'x', kind: 'rumour' }).toString()}` });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('querystring.kind');
  });
});
