import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { mergeCookies, type BrowserCookies } from '../../../test/kit/auth.js';
import { findRecordedMessages } from '../notifications/server/index.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * A resident asked for more information answers on the portal (LAW-BASE-10: waiting for the citizen
 * stops the clock; their answer restarts it), with the secret link or signed in, with JavaScript off,
 * or through the JSON API. It is the same transition as staff recording "information received".
 */
describe('cases: the submitter provides the information an officer asked for', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE', { email: 'can.bo.kinh.te@example.vn' });
    leader = await t.staff('leader');
  });
  afterAll(async () => t.close());

  const act = (session: StaffSession, id: string, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
  const detail = async (id: string) => (await t.inject('GET', `/api/v1/cases/${id}`, leader)).json();

  /** A case waiting for its submitter: accepted, assigned to the officer, question asked. */
  async function awaitingCase(fields: Record<string, unknown> = {}) {
    const created = await t.submit(fields);
    expect((await act(leader, created.id, { type: 'accept' })).statusCode).toBe(200);
    expect((await act(leader, created.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId })).statusCode).toBe(200);
    const asked = await act(officer, created.id, { type: 'requestInformation', note: 'Xin cho biết số nhà gần đèn hỏng.' });
    expect(asked.json().status).toBe('awaiting_information');
    return created;
  }

  interface Page extends BrowserCookies {
    html: string;
  }
  async function openStatus(code: string, query: string, session: BrowserCookies | null = null): Promise<Page> {
    const response = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}${query}`, headers: { accept: 'text/html', ...(session ? { cookie: session.cookie } : {}) } });
    expect(response.statusCode).toBe(200);
    return { cookie: mergeCookies(session?.cookie ?? '', response), csrfToken: /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1] ?? '', html: response.body };
  }
  function postMultipart(page: BrowserCookies, url: string, fields: Record<string, string>, files: Array<{ fileName: string; type: string; bytes: Buffer }> = [], remoteAddress?: string): Promise<LightMyRequestResponse> {
    const boundary = '----tiengdanbosung';
    const chunks: Buffer[] = [];
    for (const [name, value] of Object.entries({ _csrf: page.csrfToken, ...fields })) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    for (const file of files) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.fileName}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return t.app.inject({ method: 'POST', url, ...(remoteAddress ? { remoteAddress } : {}), headers: { cookie: page.cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'text/html' }, payload: Buffer.concat(chunks) });
  }

  it('LAW-BASE-10: with the secret link and JavaScript off, the answer and a photo restart the clock exactly as staff recording it would', async () => {
    const resident = await awaitingCase();
    const twin = await awaitingCase();
    // Three days later the resident answers one; staff record "information received" on the other.
    t.clock.advance(3 * 86_400_000);
    const page = await openStatus(resident.code, `?khoa=${resident.accessToken}`);
    expect(page.html).toContain('action="/tra-cuu/' + resident.code + '/bo-sung"');
    expect(page.html).toMatch(/enctype="multipart\/form-data"/i);
    // Nobody else gets the form.
    expect((await openStatus(resident.code, '')).html).not.toContain('/bo-sung');

    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 10, g: 120, b: 10 } } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'VI-TRI-NHA-BI-MAT' } })
      .toBuffer();
    expect(photo.includes(Buffer.from('VI-TRI-NHA-BI-MAT'))).toBe(true);
    const sent = await postMultipart(page, `/tra-cuu/${resident.code}/bo-sung`, { khoa: resident.accessToken!, text: 'Đèn hỏng trước nhà số 17, ngõ 4.' }, [{ fileName: 'den.pdf', type: 'application/pdf', bytes: photo }]);
    expect(sent.statusCode, sent.body).toBe(303);
    expect(sent.headers.location).toBe(`/tra-cuu/${resident.code}?khoa=${resident.accessToken}&xong=information`);
    const after = await openStatus(resident.code, `?khoa=${resident.accessToken}&xong=information`);
    expect(after.html).toContain('Đã gửi thông tin bổ sung');
    expect(after.html).not.toContain('/bo-sung"');

    expect((await act(officer, twin.id, { type: 'receiveInformation' })).statusCode).toBe(200);
    const [answered, recorded] = [await detail(resident.id), await detail(twin.id)];
    expect(answered.status).toBe('assigned');
    expect(answered.status).toBe(recorded.status);
    expect(answered.dueAt).toBe(recorded.dueAt);
    expect(answered.deadline.isPaused).toBe(false);

    // Staff read the answer and the file; the file's type comes from its bytes and its metadata is gone.
    const line = answered.timeline.at(-1);
    expect(line).toMatchObject({ event: 'cases.case.information_received', isPublic: true, publicNote: null, internalNote: 'Đèn hỏng trước nhà số 17, ngõ 4.' });
    expect(answered.attachments).toHaveLength(1);
    expect(answered.attachments[0]).toMatchObject({ contentType: 'image/jpeg', fileName: 'den.jpg', isPublic: false });
    const file = await t.inject('GET', answered.attachments[0].url, leader);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.includes(Buffer.from('VI-TRI-NHA-BI-MAT'))).toBe(false);

    // The public sees that information was provided, not what it says, nor the file.
    const publicView = await t.inject('GET', `/api/v1/cases/${resident.code}`, null);
    expect(publicView.json().timeline.at(-1)).toEqual({ at: expect.any(String), event: 'cases.case.information_received', note: null });
    expect(publicView.body).not.toContain('nhà số 17');
    expect(publicView.json().attachments).toEqual([]);

    const audit = await findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.case.receiveInformation', entityId: resident.id, limit: 10, offset: 0 });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ fromStatus: 'awaiting_information', toStatus: 'assigned', providedBy: 'submitter', attachments: 1 });

    // The handler is told, without the words; staff recording it themselves send no such mail.
    await t.runJobs();
    const told = await findRecordedMessages(t.ctx.db, { template: 'cases.information-provided' });
    expect(told.filter((message) => message.body.includes(resident.code))).toHaveLength(1);
    expect(told.filter((message) => message.body.includes(twin.code))).toHaveLength(0);
    expect(told.map((message) => message.body).join('\n')).not.toContain('nhà số 17');
  });

  it('states the commune\'s own limits per file, as the upload enforces them (issue 3 point 11)', async () => {
    const created = await awaitingCase();
    expect((await openStatus(created.code, `?khoa=${created.accessToken}`)).html).toContain('Tối đa 5 tệp, mỗi tệp tối đa 5 MB.');
    const admin = await t.staff('admin');
    const { updatedAt: _updatedAt, ...settings } = (await t.inject('GET', '/api/v1/admin/cases/settings', admin)).json() as Record<string, unknown>;
    const changed = await t.inject('PUT', '/api/v1/admin/cases/settings', admin, { ...settings, maxAttachments: 3, attachmentMaxBytes: 2.5 * 1024 * 1024 });
    expect(changed.statusCode, changed.body).toBe(200);
    try {
      expect((await openStatus(created.code, `?khoa=${created.accessToken}`)).html).toContain('Tối đa 3 tệp, mỗi tệp tối đa 2,5 MB.');
    } finally {
      expect((await t.inject('PUT', '/api/v1/admin/cases/settings', admin, settings)).statusCode).toBe(200);
    }
  });

  it('labels the optional files once, in Vietnamese and English (the form adds the "optional" mark itself)', async () => {
    const created = await awaitingCase();
    const vi = (await openStatus(created.code, `?khoa=${created.accessToken}`)).html;
    expect(vi).toMatch(/Ảnh hoặc tệp PDF<span class="td-secondary"> \(không bắt buộc\)<\/span>/);
    expect(vi).not.toContain('(nếu có) (không bắt buộc)');
    const en = (await openStatus(created.code, `?khoa=${created.accessToken}&lang=en`)).html;
    expect(en).toMatch(/Photos or PDF files<span class="td-secondary"> \(optional\)<\/span>/);
    expect(en).not.toContain('(optional) (optional)');
  });

  it('keeps the text and names the field on bad input, in Vietnamese and English, and changes nothing', async () => {
    const { id, code, accessToken } = await awaitingCase();
    const page = await openStatus(code, `?khoa=${accessToken}`);
    const empty = await postMultipart(page, `/tra-cuu/${code}/bo-sung`, { khoa: accessToken!, text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Hãy ghi thông tin cần bổ sung.');
    expect(empty.body).toContain('href="#information-text"');

    const notAnImage = await postMultipart(page, `/tra-cuu/${code}/bo-sung?lang=en`, { khoa: accessToken!, text: 'Số nhà 17, ngõ 4' }, [{ fileName: 'anh.jpg', type: 'image/jpeg', bytes: Buffer.from('not really a photo at all') }]);
    expect(notAnImage.statusCode).toBe(400);
    expect(notAnImage.body).toContain('href="#information-attachments"');
    expect(notAnImage.body).toContain('File 1');
    expect(notAnImage.body).toContain('Số nhà 17, ngõ 4</textarea>');

    const tooLong = await postMultipart(page, `/tra-cuu/${code}/bo-sung`, { khoa: accessToken!, text: 'x'.repeat(4001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('href="#information-text"');

    const state = await detail(id);
    expect(state.status).toBe('awaiting_information');
    expect(state.attachments).toHaveLength(0);
  });

  it('refuses without the link or the right account, and after the case has moved on', async () => {
    const { id, code, accessToken } = await awaitingCase();
    expect((await t.inject('POST', `/api/v1/cases/${code}/information`, t.anonymous, { text: 'Số nhà 17' })).statusCode).toBe(401);
    expect((await t.inject('POST', `/api/v1/cases/${code}/information`, t.anonymous, { text: 'Số nhà 17', accessToken: 'x'.repeat(32) })).statusCode).toBe(403);
    expect((await t.inject('POST', `/api/v1/cases/${code}/information`, await t.resident(), { text: 'Số nhà 17' })).statusCode).toBe(403);
    expect((await detail(id)).status).toBe('awaiting_information');
    expect((await act(officer, id, { type: 'receiveInformation' })).statusCode).toBe(200);
    expect((await t.inject('POST', `/api/v1/cases/${code}/information`, t.anonymous, { text: 'Số nhà 17', accessToken })).statusCode).toBe(409);
  });

  it('JSON API: the same answer, field errors by name', async () => {
    const { id, code, accessToken } = await awaitingCase();
    const missing = await t.inject('POST', `/api/v1/cases/${code}/information?lang=en`, t.anonymous, { accessToken });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'text', message: 'Enter the information that was asked for.' })]);
    const answered = await t.inject('POST', `/api/v1/cases/${code}/information`, t.anonymous, { text: 'Số nhà 17, ngõ 4.', accessToken });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toEqual({ status: 'assigned', code });
    expect((await detail(id)).timeline.at(-1)).toMatchObject({ event: 'cases.case.information_received', internalNote: 'Số nhà 17, ngõ 4.' });
  });

  it('an anonymous corruption report, whose only channel is the secret link, can be answered and resumes', async () => {
    const report = await t.submit({ kind: 'corruption_report', categoryId: t.categoryIds.CONDUCT, privacy: 'anonymous', submitter: undefined, title: 'Gợi ý chi phí bồi dưỡng', description: 'Có người gợi ý đưa thêm tiền để hồ sơ nhanh hơn.' });
    expect((await act(leader, report.id, { type: 'accept' })).statusCode).toBe(200);
    expect((await act(leader, report.id, { type: 'requestInformation', note: 'Xin cho biết ngày và bộ phận.' })).json().status).toBe('awaiting_information');
    const page = await openStatus(report.code, `?khoa=${report.accessToken}`);
    expect(page.html).toContain('Bổ sung thông tin');
    const sent = await postMultipart(page, `/tra-cuu/${report.code}/bo-sung`, { khoa: report.accessToken!, text: 'Sáng thứ Hai, bộ phận một cửa.' });
    expect(sent.statusCode, sent.body).toBe(303);
    expect((await detail(report.id)).status).toBe('accepted');
  });

  it('a signed-in submitter answers from their account, in English', async () => {
    const resident = await t.resident();
    const created = await t.inject('POST', '/api/v1/cases', resident, { kind: 'feedback', categoryId: t.categoryIds.ROADS, title: 'Đèn đường hỏng', description: 'Đèn đường trước nhà văn hóa bị hỏng nhiều ngày.', privacy: 'handler_only', submitter: { fullName: 'Lê Thị Tài Khoản', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345670' } });
    expect(created.statusCode, created.body).toBe(201);
    const { id, code } = created.json();
    expect((await act(leader, id, { type: 'accept' })).statusCode).toBe(200);
    expect((await act(leader, id, { type: 'requestInformation', note: 'Xin ảnh chụp.' })).json().status).toBe('awaiting_information');
    const page = await openStatus(code, '?lang=en', resident);
    expect(page.html).toContain('Provide more information');
    const sent = await postMultipart(page, `/tra-cuu/${code}/bo-sung`, { text: 'The lamp is opposite house 17.' });
    expect(sent.statusCode, sent.body).toBe(303);
    expect((await detail(id)).status).toBe('accepted');
  });

  it('is rate-limited per address like the other public writes (the page form 20, the API 30 per 10 minutes)', async () => {
    const { code, accessToken } = await awaitingCase();
    const page = await openStatus(code, `?khoa=${accessToken}`);
    const viaApi = (remoteAddress: string) => t.app.inject({ method: 'POST', url: `/api/v1/cases/${code}/information`, remoteAddress, headers: { cookie: t.anonymous.cookie, 'x-csrf-token': t.anonymous.csrfToken }, payload: { text: '', accessToken } });
    for (let index = 0; index < 30; index += 1) expect((await viaApi('10.9.0.1')).statusCode).toBe(400);
    expect((await viaApi('10.9.0.1')).statusCode).toBe(429);
    const viaPage = () => postMultipart(page, `/tra-cuu/${code}/bo-sung`, { khoa: accessToken!, text: '' }, [], '10.9.0.2');
    for (let index = 0; index < 20; index += 1) expect((await viaPage()).statusCode).toBe(400);
    expect((await viaPage()).statusCode).toBe(429);
  });
});
