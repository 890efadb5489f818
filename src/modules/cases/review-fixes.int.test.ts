/**
 * Regressions from the review: named messages for required choices (intake and actions), the staff
 * deadline rule in words, the public Q&A page (heading once, one line when empty) and the demo cases.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestClock, type TestApp } from '../../../test/kit/app.js';
import { signIn } from '../../../test/kit/auth.js';
import { DEMO_PASSWORD } from '../../core/auth/index.js';
import type { DemoSeed } from '../../core/module.js';
import { modules } from '../../server/modules.js';
import { buildCasesTestAppWithStaff, fieldMessages, walkInIntake, type CasesTestApp, type StaffSession } from './cases-test-kit.js';


describe('cases review fixes', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    ({ t, officer, leader } = await buildCasesTestAppWithStaff());
  });
  afterAll(async () => t.close());

  const intake = (overrides: Record<string, unknown> = {}) => walkInIntake(t, overrides);

  it('the back office intake says "choose a category" when none is chosen, not the uuid message', async () => {
    const response = await t.inject('POST', '/api/v1/cases/intake', officer, intake({ categoryId: '' }));
    expect(response.statusCode).toBe(400);
    const messages = fieldMessages(response.json());
    expect(messages.categoryId).toBe('Vui lòng chọn lĩnh vực.');
    expect(response.body).not.toContain('Mã định danh không hợp lệ');
    const others = fieldMessages((await t.inject('POST', '/api/v1/cases/intake', officer, intake({ kind: '', channel: '' }))).json());
    expect(others.kind).toBe('Vui lòng chọn loại hồ sơ.');
    expect(others.channel).toBe('Vui lòng chọn hình thức tiếp nhận.');
    // The resident's JSON API uses the same contract.
    expect(fieldMessages((await t.inject('POST', '/api/v1/cases', t.anonymous, { ...intake({ categoryId: '' }), channel: undefined })).json()).categoryId).toBe('Vui lòng chọn lĩnh vực.');
  });

  it('a call entered days later is received on the day of the call: in the facts, both timelines and no "channel:" note; the audit keeps the entry time', async () => {
    const calledAt = new Date(t.clock.clock().getTime() - 3 * 86_400_000).toISOString();
    const created = (await t.inject('POST', '/api/v1/cases/intake', officer, intake({ channel: 'phone', receivedAt: calledAt }))).json();
    const detail = (await t.inject('GET', `/api/v1/cases/${created.id}`, officer)).json();
    expect(detail.receivedAt).toBe(calledAt);
    expect(detail.timeline[0]).toMatchObject({ event: 'cases.case.received', at: calledAt, internalNote: null });
    const publicView = (await t.inject('GET', `/api/v1/cases/${created.code}`, t.anonymous)).json();
    expect(publicView.timeline[0]).toMatchObject({ event: 'cases.case.received', at: calledAt });
    const audit = (await sql<{ at: string }>`SELECT at FROM audit_log WHERE entity_id = ${created.id} AND action LIKE 'cases.case.%' ORDER BY at LIMIT 1`.execute(t.ctx.db)).rows[0];
    expect(audit && new Date(audit.at).getTime()).toBe(t.clock.clock().getTime());
  });

  it('staff intake refuses a moment of receipt more than a year back (a mistyped year), naming the earliest date; a year back is fine', async () => {
    const now = t.clock.clock().getTime();
    const tooOld = await t.inject('POST', '/api/v1/cases/intake', officer, intake({ channel: 'letter', receivedAt: '1926-11-24T02:15:00.000Z' }));
    expect(tooOld.statusCode).toBe(400);
    expect(fieldMessages(tooOld.json()).receivedAt).toMatch(/^Thời điểm nhận không được trước \d{2}\/\d{2}\/\d{4} \(quá một năm\)/);
    const justOver = await t.inject('POST', '/api/v1/cases/intake', officer, intake({ channel: 'letter', receivedAt: new Date(now - 367 * 86_400_000).toISOString() }));
    expect(justOver.statusCode).toBe(400);
    const aYearAgo = await t.inject('POST', '/api/v1/cases/intake', officer, intake({ channel: 'letter', receivedAt: new Date(now - 365 * 86_400_000).toISOString() }));
    expect(aYearAgo.statusCode, aYearAgo.body).toBe(201);
    expect(aYearAgo.json().dueAt).not.toBeNull();
  });

  it('a category with its own time limit is named in the deadline explanation, never by its id (public view in both languages, staff view)', async () => {
    const created = (await t.inject('POST', '/api/v1/cases/intake', officer, intake({ categoryId: t.categoryIds.WATER, title: 'Nước sạch yếu vào giờ cao điểm' }))).json();
    const waterId = t.categoryIds.WATER!;
    const vi = (await t.inject('GET', `/api/v1/cases/${created.code}`, t.anonymous)).json();
    expect(vi.deadline.explanation.join('\n')).toContain('Thời hạn giải quyết: 5 ngày làm việc (riêng cho lĩnh vực Nước sạch), theo Quyết định 766/QĐ-TTg');
    const en = (await t.inject('GET', `/api/v1/cases/${created.code}?lang=en`, t.anonymous)).json();
    expect(en.deadline.explanation.join('\n')).toContain('Time limit to resolve: 5 working days (set for the category Clean water), under Decision 766/QĐ-TTg');
    const staff = (await t.inject('GET', `/api/v1/cases/${created.id}`, officer)).json();
    expect(staff.deadline.explanation.join('\n')).toContain('riêng cho lĩnh vực Nước sạch');
    for (const body of [vi, en, staff]) expect(JSON.stringify(body.deadline.explanation)).not.toContain(waterId);
  });

  it('an officer who forwards a case to another unit is told where it went (200), not "not found"', async () => {
    const created = (await t.inject('POST', '/api/v1/cases/intake', officer, intake())).json();
    const act = (session: StaffSession, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${created.id}/actions`, session, body);
    expect((await act(leader, { type: 'accept' })).statusCode).toBe(200);
    expect((await act(leader, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId })).statusCode).toBe(200);
    const forwarded = await act(officer, { type: 'forward', toUnitId: t.unitIds['VH-XH'], stepDays: 4 });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect(forwarded.json()).toEqual({ handedOver: true, id: created.id, code: created.code, status: expect.any(String), assignedUnitName: 'Phòng Văn hóa – Xã hội (y tế, giáo dục, an sinh)' });
    // It really went, and is out of the officer's sight; the leader still gets the full detail.
    expect((await t.inject('GET', `/api/v1/cases/${created.id}`, officer)).statusCode).toBe(404);
    const detail = await act(leader, { type: 'direct', note: 'Phòng Văn hóa – Xã hội xử lý, báo cáo trong tuần.' });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ id: created.id, assignedUnitId: t.unitIds['VH-XH'] });
  });

  it('merging is refused across kinds (feedback into a denunciation), and forwarding to the unit that holds the case is refused, naming the field', async () => {
    const feedback = (await t.inject('POST', '/api/v1/cases/intake', officer, intake({ categoryId: t.categoryIds.LAND }))).json();
    const denunciation = (await t.inject('POST', '/api/v1/cases/intake', officer, intake({ kind: 'denunciation', categoryId: t.categoryIds.LAND, title: 'Tố cáo cán bộ địa chính nhận tiền', description: 'Cán bộ địa chính nhận tiền để làm nhanh hồ sơ cấp giấy chứng nhận.' }))).json();
    expect(denunciation.code, JSON.stringify(denunciation)).toBeTruthy();
    const merge = await t.inject('POST', `/api/v1/cases/${feedback.id}/actions`, leader, { type: 'merge', intoCode: denunciation.code });
    expect(merge.statusCode).toBe(400);
    expect(fieldMessages(merge.json()).intoCode).toBe('Chỉ gộp được với hồ sơ cùng loại (ví dụ phản ánh với phản ánh).');

    const act = (session: StaffSession, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${feedback.id}/actions`, session, body);
    await act(leader, { type: 'accept' });
    await act(leader, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    const same = await act(officer, { type: 'forward', toUnitId: t.unitIds['KINH-TE'], stepDays: 3 });
    expect(same.statusCode).toBe(400);
    expect(fieldMessages(same.json()).toUnitId).toBe('Hồ sơ đang ở đơn vị này; hãy chọn đơn vị khác.');
    // Nothing changed: the officer still holds it.
    expect((await t.inject('GET', `/api/v1/cases/${feedback.id}`, officer)).json()).toMatchObject({ assignedOfficerId: officer.userId });
  });

  it('a draft answer must be an answer a resident can act on (20 characters or more), naming the field', async () => {
    const created = (await t.inject('POST', '/api/v1/cases/intake', officer, intake())).json();
    const act = (session: StaffSession, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${created.id}/actions`, session, body);
    await act(leader, { type: 'accept' });
    await act(leader, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    await act(officer, { type: 'startWork' });
    const tooShort = await act(officer, { type: 'draftAnswer', text: 'ok' });
    expect(tooShort.statusCode).toBe(400);
    expect(fieldMessages(tooShort.json()).text).toBe('Cần ít nhất 20 ký tự.');
    expect((await act(officer, { type: 'draftAnswer', text: 'Xã đã cử người khơi thông cống trong tuần này.' })).statusCode).toBe(200);
  });

  it('a mistyped number is named as such, not as missing: "2.5" days is "a whole number", "abc" is "a number", empty is "required"', async () => {
    const created = (await t.inject('POST', '/api/v1/cases/intake', officer, intake())).json();
    await t.inject('POST', `/api/v1/cases/${created.id}/actions`, leader, { type: 'accept' });
    const forward = async (stepDays: unknown) => fieldMessages((await t.inject('POST', `/api/v1/cases/${created.id}/actions`, leader, { type: 'forward', toUnitId: t.unitIds['VH-XH'], stepDays })).json()).stepDays;
    expect(await forward(null)).toBe('Vui lòng nhập mục này.');
    expect(await forward(2.5)).toBe('Vui lòng nhập số nguyên, không có phần thập phân.');
    expect(await forward('abc')).toBe('Vui lòng nhập một số.');
    expect(await forward(0)).toBe('Giá trị phải từ 1 trở lên.');
  });

  it('staff intake says which unit the case went to, and offers to open it only to those who may (an officer sees their own units)', async () => {
    const ownUnit = (await t.inject('POST', '/api/v1/cases/intake', officer, intake())).json();
    expect(ownUnit).toMatchObject({ assignedUnitName: 'Phòng Kinh tế (đất đai, xây dựng, môi trường, giao thông)', canOpen: true });
    expect((await t.inject('GET', `/api/v1/cases/${ownUnit.id}`, officer)).statusCode).toBe(200);

    const otherUnit = (await t.inject('POST', '/api/v1/cases/intake', officer, intake({ categoryId: t.categoryIds.HEALTH, title: 'Trạm y tế đóng cửa sớm' }))).json();
    expect(otherUnit).toMatchObject({ assignedUnitName: 'Phòng Văn hóa – Xã hội (y tế, giáo dục, an sinh)', canOpen: false });
    // What canOpen promises: the detail of that case is not found for this officer; a leader opens it.
    expect((await t.inject('GET', `/api/v1/cases/${otherUnit.id}`, officer)).statusCode).toBe(404);
    expect(((await t.inject('POST', '/api/v1/cases/intake', leader, intake({ categoryId: t.categoryIds.HEALTH }))).json() as { canOpen: boolean }).canOpen).toBe(true);
    // The resident's own submission answer carries neither field.
    const own = (await t.inject('POST', '/api/v1/cases', t.anonymous, { ...intake(), channel: undefined })).json();
    expect(own.code, JSON.stringify(own)).toBeTruthy();
    expect(own).not.toHaveProperty('canOpen');
    expect(own).not.toHaveProperty('assignedUnitName');
  });

  it('actions say which unit or ground to choose, and the staff detail names the deadline rule in words', async () => {
    const created = (await t.inject('POST', '/api/v1/cases/intake', officer, intake())).json();
    expect(created.id).toBeTruthy();
    const act = (body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${created.id}/actions`, leader, body);
    expect(fieldMessages((await act({ type: 'refuse', ground: '' })).json()).ground).toBe('Vui lòng chọn căn cứ từ chối.');
    expect((await act({ type: 'accept' })).statusCode).toBe(200);
    const assign = await act({ type: 'assign', unitId: '' });
    expect(assign.statusCode).toBe(400);
    expect(fieldMessages(assign.json()).unitId).toBe('Vui lòng chọn đơn vị.');

    const detail = (await t.inject('GET', `/api/v1/cases/${created.id}`, leader)).json();
    expect(detail.deadline.ruleLabel).toBe('Thời hạn trả lời phản ánh, kiến nghị: 15 ngày làm việc (căn cứ: LAW-PAKN-08, độ tin cậy S)');
    expect(detail.deadline.ruleRef).toBe('feedback.resolution v1 (LAW-PAKN-08)');
  });

  it('an empty /hoi-dap shows one line, not "0 câu hỏi" plus "Chưa có câu hỏi nào"', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/hoi-dap', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Chưa có câu hỏi nào được đăng.');
    expect(page.body).not.toContain('0 câu hỏi');
    const none = await t.app.inject({ method: 'GET', url: `/hoi-dap?q=${encodeURIComponent('không có')}`, headers: { accept: 'text/html' } });
    expect(none.body).toContain('Không tìm thấy.');
    expect(none.body).not.toContain('0 kết quả');
  });

  it('a published Q&A has the case title as its heading and the question text once', async () => {
    const title = 'Thủ tục xin cấp phép sửa nhà';
    const description = 'Nhà tôi ở tổ dân phố Đình Dù muốn sửa lại mái và nâng nền. Tôi có phải xin giấy phép xây dựng không?';
    const created = (await t.inject('POST', '/api/v1/cases/intake', officer, intake({ kind: 'question', categoryId: t.categoryIds.LAND, title, description, privacy: 'anonymous', submitter: undefined }))).json();
    const act = (session: StaffSession, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${created.id}/actions`, session, body);
    await act(leader, { type: 'accept' });
    await act(leader, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    await act(officer, { type: 'startWork' });
    await act(officer, { type: 'draftAnswer', text: 'Sửa mái không thay đổi kết cấu thì không cần giấy phép; nâng nền thì liên hệ Phòng Kinh tế.' });
    await act(leader, { type: 'approveAnswer' });
    await act(leader, { type: 'publishAnswer' });
    const preview = (await t.inject('POST', `/api/v1/cases/${created.id}/qa/preview`, leader)).json();
    expect((await t.inject('POST', `/api/v1/cases/${created.id}/qa/publish`, leader, { question: preview.question.text, answer: preview.answer.text })).statusCode).toBe(200);

    const api = (await t.inject('GET', '/api/v1/qa', null)).json();
    expect(api.items[0]).toMatchObject({ title, question: `${title}\n\n${description}` });
    const html = (await t.app.inject({ method: 'GET', url: '/hoi-dap', headers: { accept: 'text/html' } })).body;
    expect(html).toContain(`<h2>${title}</h2>`);
    expect(html).not.toContain(`${title}${description}`);
    expect(html.split(description).length - 1).toBe(1);
    expect(html.split(title).length - 1).toBe(1);
  });
});

describe('cases demo data', () => {
  let demo: TestApp;
  let casesSeedMs = 0;
  beforeAll(async () => {
    demo = await buildTestApp({ clock: createTestClock('2026-11-26T03:00:00.000Z').clock });
    // What seedDemoIfEmpty does, timing the cases module's part.
    let seed: DemoSeed = { communeId: '', areaIds: {}, unitIds: {}, userIds: {} };
    for (const module of modules) {
      const started = performance.now();
      const result = await module.seedDemo?.(demo.ctx, seed);
      if (module.name === 'cases') casesSeedMs = performance.now() - started;
      if (result) seed = result;
    }
  });
  afterAll(async () => demo.close());

  it('seeds realistic cases in several states, hamlets and categories, fast', async () => {
    expect(casesSeedMs).toBeGreaterThan(0);
    expect(casesSeedMs).toBeLessThan(2000);
    const rows = (await sql<{ kind: string; status: string; area_id: string | null; category_id: string; is_overdue: number; due_at: string | null; privacy: string; submitter_name: string | null; qa_published_at: string | null }>`SELECT * FROM cases_items`.execute(demo.ctx.db)).rows;
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(new Set(rows.map((row) => row.status)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((row) => row.area_id)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((row) => row.category_id)).size).toBeGreaterThanOrEqual(5);
    expect(rows.filter((row) => row.status === 'answered' && row.qa_published_at)).toHaveLength(2);
    expect(rows.filter((row) => row.is_overdue === 1 && row.status === 'in_progress')).toHaveLength(1);
    const report = rows.find((row) => row.kind === 'corruption_report');
    expect(report).toMatchObject({ privacy: 'anonymous', submitter_name: null });
    // Real timelines and audit rows, written through the service functions.
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM cases_timeline`.execute(demo.ctx.db)).rows[0]!.n)).toBeGreaterThan(rows.length * 2);
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE action = 'cases.qa.published'`.execute(demo.ctx.db)).rows[0]!.n)).toBe(2);
  });

  it('fills /hoi-dap, and the chairman sees the overdue case in the queue', async () => {
    const html = (await demo.app.inject({ method: 'GET', url: '/hoi-dap', headers: { accept: 'text/html' } })).body;
    expect(html).toContain('2 câu hỏi đã được trả lời.');
    expect(html).toContain('<h2>Con chuyển về xã giữa năm học có được vào trường tiểu học không?</h2>');
    // The redacted published question leaves out the resident's name and phone.
    expect(html).not.toContain('0978111222');
    expect(html).not.toContain('Hoàng Văn Demo');
    const chairman = await signIn(demo.app, 'chutich@nhuquynh.demo', DEMO_PASSWORD);
    const overdue = (await demo.app.inject({ method: 'GET', url: '/api/v1/cases?isOverdue=true', headers: { cookie: chairman.cookie } })).json();
    expect(overdue.items.length).toBeGreaterThanOrEqual(1);
  });
});
