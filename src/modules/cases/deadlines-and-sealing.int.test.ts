import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { findOutboxEvents } from '../../core/jobs/outbox.js';
import { findRecordedMessages } from '../notifications/server/index.js';
import { buildCasesTestApp, confirmFollowAt, confirmPathIn, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

function multipart(payload: unknown, files: Array<{ name: string; bytes: Buffer; type?: string }>) {
  const boundary = '----tiengdan-test-boundary';
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(payload)}\r\n`)];
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'image/jpeg'}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('cases: deadlines, sealed identity, attachments, merge, Q&A, jobs', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let idleOfficer: StaffSession;
  let leader: StaffSession;
  let supervisor: StaffSession;
  let admin: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    idleOfficer = await t.staff('officer', 'TH-NQ');
    leader = await t.staff('leader');
    supervisor = await t.staff('supervisor', 'TTND');
    admin = await t.staff('admin');
  });
  afterAll(async () => t.close());

  const feedback = (overrides: Record<string, unknown> = {}) => ({
    kind: 'feedback',
    categoryId: t.categoryIds.ROADS,
    areaId: t.areaIds['TDP-NQ2'],
    title: 'Đèn đường hỏng nhiều ngày',
    description: 'Dãy đèn đường ở ngõ 5 hỏng cả tuần, buổi tối rất tối và mất an toàn.',
    privacy: 'handler_only',
    submitter: { fullName: 'Hoàng Văn Người Gửi', address: 'Tổ 2', email: 'nguoigui@example.vn' },
    ...overrides,
  });
  const submit = async (body: Record<string, unknown>) => {
    const response = await t.inject('POST', '/api/v1/cases', t.anonymous, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; code: string; accessToken: string; dueAt: string; acceptanceDueAt: string };
  };
  const act = (session: StaffSession, id: string, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
  /** A question the HCC officer answered with `answer` and a leader approved and published, ready for the Q&A. */
  const answeredQuestion = async (body: Record<string, unknown>, answer: string) => {
    const created = await submit({ kind: 'question', categoryId: t.categoryIds['ADMIN-PROC'], ...body });
    await act(leader, created.id, { type: 'accept' });
    await act(leader, created.id, { type: 'assign', unitId: t.unitIds.HCC });
    const hccOfficer = await t.staff('officer', 'HCC');
    await act(hccOfficer, created.id, { type: 'startWork' });
    await act(hccOfficer, created.id, { type: 'draftAnswer', text: answer });
    await act(leader, created.id, { type: 'approveAnswer' });
    await act(leader, created.id, { type: 'publishAnswer' });
    return created;
  };

  it('counts working days across a holiday (New Year 01/01/2027 is skipped)', async () => {
    t.clock.set('2026-12-30T03:00:00.000Z');
    const created = await submit(feedback());
    // LAW-PAKN-08: 2 working days — Thu 31/12, (Fri 01/01 holiday), Mon 04/01.
    expect(created.acceptanceDueAt).toBe('2027-01-04T16:59:59.999Z');
    const detail = (await t.inject('GET', `/api/v1/cases/${created.id}?lang=en`, leader)).json();
    expect(detail.deadline.explanation.join(' ')).toMatch(/New Year/i);
    t.clock.set('2026-11-26T03:00:00.000Z');
  });

  it('moves the due date by the days the clock was stopped (awaiting information)', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const created = await submit(feedback());
    expect(created.dueAt).toBe('2026-12-17T16:59:59.999Z');
    t.clock.set('2026-11-30T03:00:00.000Z');
    expect((await act(officer, created.id, { type: 'requestInformation', note: 'Xin cho biết số nhà cụ thể.' })).json().status).toBe('awaiting_information');
    t.clock.set('2026-12-02T03:00:00.000Z');
    const resumed = (await act(officer, created.id, { type: 'receiveInformation' })).json();
    expect(resumed.status).toBe('received');
    // Mon 30/11 – Wed 02/12 paused: 3 working days added → Tue 22/12.
    expect(resumed.deadline.dueAt).toBe('2026-12-22T16:59:59.999Z');
    const publicView = (await t.inject('GET', `/api/v1/cases/${created.code}`, null)).json();
    expect(publicView.timeline.map((entry: { note: string | null }) => entry.note)).toContain('Xin cho biết số nhà cụ thể.');
    t.clock.set('2026-11-26T03:00:00.000Z');
  });

  it('enforces extension caps (LAW-DENUNC-06) and keeps the denouncer sealed everywhere (LAW-DENUNC-11)', async () => {
    const canary = 'Canaryseal Trịnh';
    const created = await submit({
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Tố cáo cán bộ địa chính nhận tiền',
      description: 'Cán bộ địa chính yêu cầu nộp tiền ngoài quy định khi làm thủ tục đất.',
      privacy: 'handler_only',
      submitter: { fullName: canary, address: 'Số 9 ngõ Canaryseal', phone: '0987654321', idNumber: '001203004567' },
    });
    expect((await act(leader, created.id, { type: 'accept' })).statusCode).toBe(200);
    // The standard period has no extension: the missing complexity determination is named on its field.
    const withoutComplexity = await act(leader, created.id, { type: 'extendDeadline', amount: 30, unit: 'calendar_days', reason: 'Cần xác minh' });
    expect(withoutComplexity.statusCode).toBe(400);
    expect(withoutComplexity.json().errors.map((error: { field: string }) => error.field)).toEqual(['complexity']);
    const extended = await act(leader, created.id, { type: 'extendDeadline', amount: 30, unit: 'calendar_days', reason: 'Vụ việc phức tạp', decisionRef: '12/QĐ-UBND', complexity: 'complex' });
    expect(extended.statusCode).toBe(200);
    expect(extended.json().deadline.ruleRef).toContain('complex');
    expect((await act(leader, created.id, { type: 'extendDeadline', amount: 30, unit: 'calendar_days', reason: 'Lần hai', complexity: 'complex' })).statusCode).toBe(409);

    const responses = [
      await t.inject('GET', '/api/v1/cases', leader),
      await t.inject('GET', `/api/v1/cases/${created.id}`, leader),
      await t.inject('GET', `/api/v1/cases/${created.code}`, null),
      await t.inject('GET', '/api/v1/cases?q=canaryseal', leader),
      await t.inject('GET', '/api/v1/cases', supervisor),
    ];
    for (const response of responses) {
      expect(response.statusCode).toBe(200);
      expect(response.body.toLowerCase()).not.toContain('canaryseal');
      expect(response.body).not.toContain('0987654321');
    }
    expect(responses[3]!.json().total).toBe(0);
    expect((await t.inject('GET', `/api/v1/cases/${created.id}/sealed-identity`, supervisor)).statusCode).toBe(403);
    // The officer's unit does not hold this case (he does not see it): the 404 of its page, not a 403 confirming it.
    expect((await t.inject('GET', `/api/v1/cases/${created.id}`, officer)).statusCode).toBe(404);
    expect((await t.inject('GET', `/api/v1/cases/${created.id}/sealed-identity`, officer)).statusCode).toBe(404);
    const sealed = await t.inject('GET', `/api/v1/cases/${created.id}/sealed-identity`, leader);
    expect(sealed.statusCode).toBe(200);
    expect(sealed.json()).toMatchObject({ fullName: canary, phone: '0987654321', idNumber: '001203004567' });
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.sealed-identity.read', entityId: created.id, limit: 10, offset: 0 });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(leader.userId);
    expect(JSON.stringify(await findOutboxEvents(t.ctx.db, {})).toLowerCase()).not.toContain('canaryseal');
    // LAW-DENUNC-12 "log every access": the officer's refused attempt (he may open identities, but not
    // of a case not assigned to him) is recorded too. The supervisor's role has no such permission at all:
    // the route refuses it before any case is looked at.
    const refused = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.sealed-identity.refused', entityId: created.id, limit: 10, offset: 0 });
    expect(refused.map((row) => row.actor_user_id)).toEqual([officer.userId]);
    // The page offers the sealed identity only to those who may open it.
    expect((await t.inject('GET', `/api/v1/cases/${created.id}`, leader)).json().canReadSealedIdentity).toBe(true);
    // Point 13: a supervisor does not see a denunciation at all (sealed-access.int.test.ts).
    expect((await t.inject('GET', `/api/v1/cases/${created.id}`, supervisor)).statusCode).toBe(404);
  });

  it('a denunciation text that names its writer is masked for everyone but the leaders and the officer it is assigned to (LAW-DENUNC-12)', async () => {
    const created = await submit({
      kind: 'denunciation',
      categoryId: t.categoryIds.LAND,
      title: 'Tố cáo việc thu tiền làm sổ đỏ',
      description: 'Tôi tố cáo việc thu tiền ngoài quy định. Số CCCD của tôi 001234567890, điện thoại 0987 654 321.',
      privacy: 'handler_only',
      submitter: { fullName: 'Người Tố Cáo Thử', address: 'Số 1 ngõ Thử', phone: '0987654321' },
    });
    const asOfficer = (await t.inject('GET', `/api/v1/cases/${created.id}`, officer)).json();
    expect(asOfficer.canReadSealedIdentity).toBe(false);
    expect(asOfficer.description).not.toContain('001234567890');
    expect(asOfficer.description).not.toContain('0987 654 321');
    expect((await t.inject('GET', `/api/v1/cases/${created.id}`, leader)).json().description).toContain('001234567890');
    // Once it is assigned to this officer, they read it as written.
    await act(leader, created.id, { type: 'accept' });
    await act(leader, created.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    const assigned = (await t.inject('GET', `/api/v1/cases/${created.id}`, officer)).json();
    expect(assigned.canReadSealedIdentity).toBe(true);
    expect(assigned.description).toContain('001234567890');
  });

  it('accepts an anonymous corruption report without identity and counts it', async () => {
    const created = await submit({ kind: 'corruption_report', categoryId: t.categoryIds.CONDUCT, title: 'Thu tiền sai quy định', description: 'Bộ phận một cửa thu thêm phí không có biên lai.', privacy: 'anonymous' });
    expect(created.code).toMatch(/^NQ-/);
    const indicators = await t.inject('GET', '/api/v1/cases/indicators?from=2026-11-01&to=2026-12-31&groupBy=kind', leader);
    expect(indicators.statusCode).toBe(200);
    expect(indicators.json().anonymousCorruptionReports).toBeGreaterThanOrEqual(1);
    expect(indicators.json().groups.corruption_report.total).toBeGreaterThanOrEqual(1);
    expect((await t.inject('GET', '/api/v1/cases/indicators?from=2026-11-01&to=2026-12-31', officer)).statusCode).toBe(403);
    const reversed = await t.inject('GET', '/api/v1/cases/indicators?from=2026-11-30&to=2026-01-01', leader);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors).toEqual([{ field: 'querystring.to', message: 'Ngày kết thúc phải cùng hoặc sau ngày bắt đầu.' }]);
  });

  it('detects attachment types from bytes, strips GPS EXIF and refuses executables and oversized files', async () => {
    const withGps = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#c00' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 3/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 58/1 0/1' } })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const form = multipart(feedback({ privacy: 'public_name' }), [{ name: 'anh-hien-truong.jpg', bytes: withGps }, { name: 'giay-to.jpg', bytes: pdf }]);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: t.anonymous.cookie, 'x-csrf-token': t.anonymous.csrfToken, 'content-type': form.contentType }, payload: form.body });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().attachmentCount).toBe(2);
    const detail = (await t.inject('GET', `/api/v1/cases/${response.json().id}`, leader)).json();
    const image = detail.attachments.find((attachment: { contentType: string }) => attachment.contentType === 'image/jpeg');
    const document = detail.attachments.find((attachment: { contentType: string }) => attachment.contentType === 'application/pdf');
    expect(image).toBeDefined();
    expect(document).toBeDefined();
    expect(document.fileName).toBe('giay-to.pdf');
    const imageResponse = await t.inject('GET', image.url, null);
    expect(imageResponse.statusCode).toBe(200);
    expect(imageResponse.headers['content-disposition']).toMatch(/^inline/);
    const metadata = await sharp(imageResponse.rawPayload).metadata();
    expect(metadata.exif).toBeUndefined();
    const documentResponse = await t.inject('GET', document.url, null);
    expect(documentResponse.statusCode).toBe(401);
    const staffDocument = await t.inject('GET', document.url, leader);
    expect(staffDocument.headers['content-type']).toBe('application/pdf');
    expect(staffDocument.headers['content-disposition']).toContain("attachment; filename=\"giay-to.pdf\"; filename*=UTF-8''giay-to.pdf");

    const countCases = async () => Number((await t.ctx.db.selectFrom('cases_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await countCases();
    const executable = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 0x90)]);
    const badForm = multipart(feedback(), [{ name: 'anh.jpg', bytes: executable }]);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: t.anonymous.cookie, 'x-csrf-token': t.anonymous.csrfToken, 'content-type': badForm.contentType }, payload: badForm.body });
    expect(bad.statusCode).toBe(415);
    const bigForm = multipart(feedback(), [{ name: 'lon.jpg', bytes: Buffer.concat([withGps, Buffer.alloc(6 * 1024 * 1024)]) }]);
    const big = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: t.anonymous.cookie, 'x-csrf-token': t.anonymous.csrfToken, 'content-type': bigForm.contentType }, payload: bigForm.body });
    expect(big.statusCode).toBe(413);
    expect(await countCases()).toBe(before);
  });

  it('merges a duplicate and keeps its followers on the surviving case', async () => {
    const target = await submit(feedback({ title: 'Ổ gà trước cổng trường' }));
    const duplicate = await submit(feedback({ title: 'Ổ gà cổng trường tiểu học', submitter: { fullName: 'Người Trùng', address: 'Tổ 3', email: 'trung@example.vn' } }));
    expect((await t.inject('POST', `/api/v1/cases/${duplicate.code}/follow`, t.anonymous, { email: 'hangxom@example.vn' })).statusCode).toBe(200);
    // Double opt-in (LAW-PDP-05): only a confirmed follow is carried over to the surviving case.
    await t.runJobs();
    const [confirmation] = await findRecordedMessages(t.ctx.db, { recipient: 'hangxom@example.vn', template: 'cases.follow-confirmation' });
    expect((await confirmFollowAt(t.app, confirmPathIn(confirmation!.body))).statusCode).toBe(303);
    const merged = await act(officer, duplicate.id, { type: 'merge', intoCode: target.code });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().status).toBe('merged');
    expect(merged.json().mergedIntoCode).toBe(target.code);
    // The staff case page links the case it was merged into.
    expect((await t.inject('GET', `/api/v1/cases/${duplicate.id}`, officer)).json()).toMatchObject({ mergedIntoCode: target.code, mergedIntoId: target.id });
    const followers = await t.ctx.db.selectFrom('cases_followers').select(['email']).where('case_id', '=', target.id).execute();
    expect(followers.map((row) => row.email).sort()).toEqual(['hangxom@example.vn', 'trung@example.vn']);
    await t.runJobs();
    // A follower is told about a case they follow, not "their" case.
    expect((await findRecordedMessages(t.ctx.db, { recipient: 'hangxom@example.vn', template: 'cases.status-changed-followed' })).length).toBeGreaterThanOrEqual(1);
  });

  it('previews Q&A redaction (phone and CCCD detected) and publishes the confirmed text', async () => {
    const created = await answeredQuestion({ title: 'Hỏi về cấp lại căn cước', description: 'Tôi số CCCD 001203004567, điện thoại 0912345678, muốn hỏi thủ tục cấp lại căn cước.', privacy: 'anonymous' }, 'Ông/bà mang căn cước cũ đến Trung tâm Phục vụ hành chính công xã.');
    const preview = await t.inject('POST', `/api/v1/cases/${created.id}/qa/preview`, leader, {});
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().published).toBeNull();
    expect(preview.json().question.spans.map((span: { kind: string }) => span.kind).sort()).toEqual(['citizen_id', 'phone']);
    const published = await t.inject('POST', `/api/v1/cases/${created.id}/qa/publish`, leader, { question: 'Hỏi về cấp lại căn cước: muốn hỏi thủ tục cấp lại căn cước.', answer: 'Ông/bà mang căn cước cũ đến Trung tâm Phục vụ hành chính công xã.' });
    expect(published.statusCode).toBe(200);
    expect(published.json().redactedKinds).toEqual(['citizen_id', 'phone']);
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.qa.published', entityId: created.id, limit: 5, offset: 0 });
    expect(audit[0]!.details).not.toContain('0912345678');
    const qa = (await t.inject('GET', '/api/v1/qa?q=can%20cuoc', null)).json();
    expect(qa.items.map((item: { code: string }) => item.code)).toContain(created.code);
    expect(JSON.stringify(qa)).not.toContain('001203004567');
  });

  it('point 8: refuses to publish what the detection still finds in the final text, unless the leader confirms keeping that item; the audit says what was removed and kept', async () => {
    const created = await answeredQuestion({ title: 'Hỏi về cấp đổi giấy phép lái xe', description: 'Tôi là Trần Thị Bích Ngọc, CCCD 034190001234, điện thoại 0903 123 456, email bichngoc.test@gmail.com, hỏi thủ tục cấp đổi giấy phép lái xe.', privacy: 'anonymous' }, 'Ông/bà nộp hồ sơ trên Cổng dịch vụ công; cần hỗ trợ gọi đường dây nóng của xã 0221 3987 654.');
    const publish = (body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${created.id}/qa/publish`, leader, body);
    const answer = 'Ông/bà nộp hồ sơ trên Cổng dịch vụ công; cần hỗ trợ gọi đường dây nóng của xã 0221 3987 654.';
    // The unredacted text, as the review sent it: refused, the field and the items named, nothing published.
    const raw = await publish({ question: 'Tôi là Trần Thị Bích Ngọc, CCCD 034190001234, điện thoại 0903 123 456, email bichngoc.test@gmail.com, hỏi thủ tục cấp đổi giấy phép lái xe.', answer });
    expect(raw.statusCode).toBe(400);
    const errors = Object.fromEntries((raw.json().errors as Array<{ field: string; message: string }>).map((error) => [error.field, error.message]));
    expect(errors.question).toContain('"034190001234"');
    expect(errors.question).toContain('"bichngoc.test@gmail.com"');
    expect(errors.question).toContain('"0903 123 456"');
    expect(errors.answer).toContain('"0221 3987 654"');
    expect((await t.inject('GET', '/api/v1/qa?q=giay%20phep%20lai%20xe', null)).json().items).toEqual([]);
    // A phone typed back into a redacted text: refused too.
    const typedBack = await publish({ question: 'Tôi là [đã che], hỏi thủ tục cấp đổi giấy phép lái xe, gọi 0903123456.', answer, keep: ['0221 3987 654'] });
    expect(typedBack.statusCode).toBe(400);
    expect(typedBack.json().errors.map((error: { field: string }) => error.field)).toEqual(['question']);
    // A citizen ID number is never kept, whatever the leader confirms (LAW-PDP-02).
    const keptId = await publish({ question: 'Tôi là [đã che], CCCD 034190001234, hỏi thủ tục cấp đổi giấy phép lái xe.', answer, keep: ['034190001234', '0221 3987 654'] });
    expect(keptId.statusCode).toBe(400);
    const keptIdMessage = keptId.json().errors.find((error: { field: string }) => error.field === 'question').message as string;
    expect(keptIdMessage).toContain('"034190001234"');
    expect(keptIdMessage).toContain('số CCCD không được giữ lại');
    expect(keptIdMessage).not.toContain('xác nhận giữ lại');
    // Redacted, and the committee's hotline kept by the leader's confirmation: published.
    const published = await publish({ question: 'Tôi là [đã che], CCCD [đã che], điện thoại [đã che], email [đã che], hỏi thủ tục cấp đổi giấy phép lái xe.', answer, keep: ['0221 3987 654'] });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ redactedKinds: ['citizen_id', 'email', 'name'], keptKinds: ['phone'] });
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.qa.published', entityId: created.id, limit: 5, offset: 0 });
    expect(audit).toHaveLength(1);
    const details = typeof audit[0]!.details === 'string' ? JSON.parse(audit[0]!.details) : audit[0]!.details;
    expect(details).toMatchObject({ redactedKinds: ['citizen_id', 'email', 'name'], removed: { citizen_id: 1, email: 1, name: 1, phone: 1 }, kept: { phone: 1 } });
    expect(JSON.stringify(details)).not.toMatch(/0903|0221|bichngoc|034190/);
    // A kept phone that was not in the original: phone is kept, never also claimed redacted.
    const again = await publish({ question: 'Tôi là [đã che], hỏi thủ tục cấp đổi giấy phép lái xe.', answer: 'Liên hệ 0987654321.', keep: ['0987654321'] });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().keptKinds).toEqual(['phone']);
    expect(again.json().redactedKinds).not.toContain('phone');
    // Coming back to the page, the leader starts from what is public now, and is told it is live.
    const preview = (await t.inject('POST', `/api/v1/cases/${created.id}/qa/preview`, leader, {})).json();
    expect(preview.published).toMatchObject({ question: 'Tôi là [đã che], hỏi thủ tục cấp đổi giấy phép lái xe.', answer: 'Liên hệ 0987654321.' });
    expect(Date.parse(preview.published.publishedAt)).not.toBeNaN();
  });

  it('published Q&A placeholders follow the reader\'s language, whatever the officer\'s was', async () => {
    const created = await answeredQuestion({ title: 'Hỏi về Canaryqa đăng ký tạm trú', description: 'Tôi là Vũ Văn Canaryqa, điện thoại 0912345111, hỏi thủ tục đăng ký tạm trú.', privacy: 'anonymous' }, 'Ông/bà nộp hồ sơ tạm trú trên Cổng dịch vụ công.');
    // An officer working in English redacts with the English placeholder.
    const published = await t.inject('POST', `/api/v1/cases/${created.id}/qa/publish?lang=en`, leader, { question: 'Hỏi về đăng ký tạm trú: tôi là [removed], điện thoại [removed], hỏi thủ tục đăng ký tạm trú.', answer: 'Ông/bà nộp hồ sơ tạm trú trên Cổng dịch vụ công.' });
    expect(published.statusCode, published.body).toBe(200);
    const itemIn = async (lang: 'vi' | 'en') => ((await t.inject('GET', `/api/v1/qa?q=tam%20tru&lang=${lang}`, null)).json().items as Array<{ code: string; question: string }>).find((item) => item.code === created.code)!;
    const vietnamese = await itemIn('vi');
    expect(vietnamese.question).toContain('tôi là [đã che], điện thoại [đã che]');
    expect(vietnamese.question).not.toContain('[removed]');
    const english = await itemIn('en');
    expect(english.question).toContain('tôi là [removed], điện thoại [removed]');
    expect(english.question).not.toContain('[đã che]');
    const page = await t.app.inject({ method: 'GET', url: '/hoi-dap?q=tam%20tru&lang=en', headers: { accept: 'text/html' } });
    expect(page.body).toContain('tôi là [removed]');
    expect(page.body).not.toContain('[đã che]');
    // A page past the end goes to the last page of the same search, in the same language (not "Page 5 of 1").
    const past = await t.app.inject({ method: 'GET', url: '/hoi-dap?q=tam%20tru&lang=en&trang=5', headers: { accept: 'text/html' } });
    expect(past.statusCode).toBe(303);
    expect(past.headers.location).toBe('/hoi-dap?q=tam+tru&lang=en&trang=1');
    expect((await t.app.inject({ method: 'GET', url: '/hoi-dap?trang=1', headers: { accept: 'text/html' } })).statusCode).toBe(200);
  });

  it('proposes names and house addresses nobody marked, the submitter\'s own address, and names the officer marks (LAW-PDP-02)', async () => {
    const created = await answeredQuestion(
      {
        title: 'Hỏi về tách thửa đất',
        description: 'Tôi ở Xóm Mới 2 muốn tách thửa cho con. Hàng xóm là ông Phạm Văn Hùng, nhà số 8 ngõ 3 đường Lê Lợi, đã làm năm ngoái; Cường con ông ấy nói phải đo đạc lại.',
        privacy: 'handler_only',
        submitter: { fullName: 'Đinh Thị Lan', address: 'Xóm Mới 2', phone: '0912345678' },
      },
      'Bà Lan mang giấy chứng nhận quyền sử dụng đất đến bộ phận một cửa của xã để được hướng dẫn.',
    );
    const texts = (spans: Array<{ kind: string; text: string }>) => spans.map((span) => `${span.kind}:${span.text}`);

    const first = await t.inject('POST', `/api/v1/cases/${created.id}/qa/preview`, leader);
    expect(first.statusCode, first.body).toBe(200);
    expect(texts(first.json().question.spans)).toEqual(['address:Xóm Mới 2', 'name:Phạm Văn Hùng', 'address:nhà số 8 ngõ 3 đường Lê Lợi']);
    expect(texts(first.json().answer.spans)).toEqual(['name:Lan']);

    const marked = await t.inject('POST', `/api/v1/cases/${created.id}/qa/preview`, leader, { markedNames: ['cuong'] });
    expect(texts(marked.json().question.spans)).toContain('name:Cường');
    const tooMany = await t.inject('POST', `/api/v1/cases/${created.id}/qa/preview`, leader, { markedNames: Array.from({ length: 21 }, (_, index) => `Tên ${index}`) });
    expect(tooMany.statusCode).toBe(400);
    expect(JSON.stringify(tooMany.json())).toContain('markedNames');

    const published = await t.inject('POST', `/api/v1/cases/${created.id}/qa/publish`, leader, {
      question: 'Hỏi về tách thửa đất: muốn tách thửa cho con; hàng xóm đã làm năm ngoái và được nói phải đo đạc lại.',
      answer: 'Ông/bà mang giấy chứng nhận quyền sử dụng đất đến bộ phận một cửa của xã để được hướng dẫn.',
      markedNames: ['Cường'],
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().redactedKinds).toEqual(['address', 'name']);
    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.qa.published', entityId: created.id, limit: 5, offset: 0 });
    expect(audit[0]!.details).not.toContain('Hùng');
    expect(audit[0]!.details).not.toContain('Cường');
  });

  it('supervisors add notes and see the overdue list', async () => {
    const created = await submit(feedback());
    const note = await t.inject('POST', `/api/v1/cases/${created.id}/supervision-notes`, supervisor, { kind: 'flag', body: 'Đề nghị xử lý sớm.' });
    expect(note.statusCode).toBe(201);
    expect((await t.inject('POST', `/api/v1/cases/${created.id}/supervision-notes`, officer, { kind: 'note', body: 'x' })).statusCode).toBe(403);
    expect((await t.inject('GET', '/api/v1/cases?isOverdue=true', supervisor)).statusCode).toBe(200);
  });

  it('recomputes open cases when an admin adds a day off to the calendar', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const created = await submit(feedback());
    expect(created.dueAt).toBe('2026-12-17T16:59:59.999Z');
    const put = await t.inject('PUT', '/api/v1/admin/calendar/overrides/2026-12-10', admin, { kind: 'day_off', note: 'Nghỉ theo quyết định của tỉnh' });
    expect(put.statusCode, put.body).toBe(200);
    await t.runJobs();
    const detail = (await t.inject('GET', `/api/v1/cases/${created.id}`, leader)).json();
    expect(detail.deadline.dueAt).toBe('2026-12-18T16:59:59.999Z');
    expect((await t.inject('DELETE', '/api/v1/admin/calendar/overrides/2026-12-10', admin)).statusCode).toBe(204);
    await t.runJobs();
    expect((await t.inject('GET', `/api/v1/cases/${created.id}`, leader)).json().deadline.dueAt).toBe('2026-12-17T16:59:59.999Z');
    expect((await t.inject('PUT', '/api/v1/admin/calendar/overrides/2026-12-10', leader, { kind: 'day_off', note: 'x' })).statusCode).toBe(403);
  });

  it('sends reminders, marks overdue, and sends digests only to officers with a queue', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const created = await submit(feedback({ title: 'Nhắc hạn thử nghiệm' }));
    await act(officer, created.id, { type: 'accept' });
    await act(leader, created.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    // 3 working days before Thu 17/12 is Mon 14/12, 08:00 local.
    t.clock.set('2026-12-14T02:00:00.000Z');
    await t.runJobs();
    const officerEmail = (await t.ctx.db.selectFrom('auth_users').select('email').where('id', '=', officer.userId).executeTakeFirstOrThrow()).email!;
    const reminders = await findRecordedMessages(t.ctx.db, { recipient: officerEmail, template: 'cases.deadline-reminder' });
    expect(reminders.some((message) => message.body.includes(created.code))).toBe(true);
    t.clock.set('2026-12-18T02:00:00.000Z');
    await t.runJobs();
    const row = await t.ctx.db.selectFrom('cases_items').select(['is_overdue']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.is_overdue).toBe(1);
    const leaderEmail = (await t.ctx.db.selectFrom('auth_users').select('email').where('id', '=', leader.userId).executeTakeFirstOrThrow()).email!;
    expect((await findRecordedMessages(t.ctx.db, { recipient: leaderEmail, template: 'cases.overdue' })).some((message) => message.body.includes(created.code))).toBe(true);
    expect((await t.inject('GET', '/api/v1/cases?isOverdue=true', leader)).json().items.map((item: { id: string }) => item.id)).toContain(created.id);
    // Daily digest slot (00:00 UTC = 07:00 in Vietnam).
    const digestsOf = async (email: string) => findRecordedMessages(t.ctx.db, { recipient: email, template: 'cases.daily-digest' });
    const before = (await digestsOf(officerEmail)).length;
    t.clock.set('2026-12-19T00:05:00.000Z');
    await t.runJobs();
    const digests = await digestsOf(officerEmail);
    expect(digests.length).toBe(before + 1);
    expect(digests.at(-1)!.body).toContain(created.code);
    const idleEmail = (await t.ctx.db.selectFrom('auth_users').select('email').where('id', '=', idleOfficer.userId).executeTakeFirstOrThrow()).email!;
    expect(await digestsOf(idleEmail)).toHaveLength(0);
    await t.runJobs();
    expect((await digestsOf(officerEmail)).length).toBe(before + 1);
  });
});
