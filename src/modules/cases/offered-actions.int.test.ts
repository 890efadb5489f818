import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/kit/app.js';
import { mergeCookies } from '../../../test/kit/auth.js';
import { buildCasesTestAppWithStaff, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/**
 * What is offered is what would be accepted (workflow review, issue 3):
 * - reopening only within the commune's limit (`maxReopenCount`) and period (`reopenWindowDays`,
 *   point 4); past them the portal says why instead of the form, and a refused request (a page opened
 *   before the period ended) comes back as the page with the resident's text and the reason at the field;
 * - "Gia hạn" only while the case's rule allows one more extension, with that rule's cap per extension
 *   (LAW-DENUNC-06: 30 days; LAW-DENUNC-02: 3 working days), never for feedback or complaints.
 */
describe(`cases: reopen and extension offered only when allowed on ${testDialect}`, () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    ({ t, officer, leader } = await buildCasesTestAppWithStaff());
  });
  afterAll(async () => t.close());

  const act = async (session: StaffSession, id: string, body: Record<string, unknown>) => {
    const response = await t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { status: string };
  };
  const detailOf = async (id: string) => (await t.inject('GET', `/api/v1/cases/${id}`, leader)).json() as { availableActions: string[]; extensionOffer?: { maxAmount: number; unit: string } | null };
  const answer = async (id: string) => {
    await act(officer, id, { type: 'draftAnswer', text: 'Xã đã sửa xong đèn đường, mời ông bà kiểm tra.' });
    await act(leader, id, { type: 'approveAnswer' });
    expect((await act(leader, id, { type: 'publishAnswer' })).status).toBe('answered');
  };
  const answeredCase = async () => {
    const created = await t.submit({ submitter: { fullName: 'Đỗ Thị Hoa', address: 'Tổ dân phố Như Quỳnh 1', email: `hoa.${Math.random().toString(36).slice(2)}@example.vn` } });
    await act(officer, created.id, { type: 'accept' });
    await act(leader, created.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    await act(officer, created.id, { type: 'startWork' });
    await answer(created.id);
    return created as { id: string; code: string; accessToken: string };
  };
  const residentView = async (code: string, token: string) => (await t.inject('GET', `/api/v1/cases/${code}?accessToken=${encodeURIComponent(token)}`, null)).json() as { canReopen: boolean; reopenUnavailable?: string | null };
  const portalPage = (code: string, token: string, cookie = '') => t.app.inject({ method: 'GET', url: `/tra-cuu/${code}?khoa=${encodeURIComponent(token)}`, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

  it('issue 3 point 4: after maxReopenCount reopenings the form is not offered and the portal says why', async () => {
    t.clock.set('2026-11-02T03:00:00.000Z');
    const created = await answeredCase();
    for (let round = 1; round <= 2; round += 1) {
      expect((await residentView(created.code, created.accessToken)).canReopen).toBe(true);
      const reopened = await t.inject('POST', `/api/v1/cases/${created.code}/reopen`, t.anonymous, { reason: `Lần ${round}: đèn lại hỏng`, accessToken: created.accessToken });
      expect(reopened.statusCode, reopened.body).toBe(200);
      await act(leader, created.id, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
      await answer(created.id);
    }
    // Reopened twice (the default limit): the API no longer offers it and names the reason.
    expect(await residentView(created.code, created.accessToken)).toMatchObject({ canReopen: false, reopenUnavailable: 'reopen_limit_reached' });
    const page = await portalPage(created.code, created.accessToken);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('mo-lai');
    expect(page.body).toContain('đã được xem xét lại đủ số lần xã cho phép');
    // An anonymous reader gets no such note (not theirs to ask).
    expect((await t.inject('GET', `/api/v1/cases/${created.code}`, null)).json().reopenUnavailable ?? null).toBeNull();
  });

  it('issue 3 point 4: past reopenWindowDays the form is not offered; a request sent from an older page is answered on the page, text kept, reason at the field', async () => {
    t.clock.set('2026-11-02T03:00:00.000Z');
    const created = await answeredCase();
    // Within the period: the form is there. The resident opens the page…
    const open = await portalPage(created.code, created.accessToken);
    expect(open.body).toContain('mo-lai');
    // …and sends it after the period (30 days after the answer) has passed.
    t.clock.set('2026-12-03T03:00:00.000Z');
    expect(await residentView(created.code, created.accessToken)).toMatchObject({ canReopen: false, reopenUnavailable: 'reopen_window_expired' });
    expect((await portalPage(created.code, created.accessToken)).body).toContain('Đã hết thời hạn đề nghị xem xét lại');
    const reason = 'Mặt đường vẫn lồi lõm sau khi vá, nước đọng khi mưa';
    const sent = await t.app.inject({
      method: 'POST',
      url: `/tra-cuu/${created.code}/mo-lai`,
      headers: { cookie: mergeCookies('', open), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: csrfOf(open.body), khoa: created.accessToken, reason }).toString(),
    });
    expect(sent.statusCode).toBe(409);
    expect(sent.headers['content-type']).toContain('text/html');
    // The page again: the text kept in its field, the reason next to it (not a bare error page).
    expect(sent.body).toMatch(/<textarea[^>]*id="reopen-reason"[^>]*aria-invalid="true"[^>]*>/);
    expect(sent.body).toContain(reason);
    expect(sent.body).toMatch(/id="reopen-reason-error"[^>]*>.*Đã hết thời hạn mở lại hồ sơ/s);
    expect((await residentView(created.code, created.accessToken)).canReopen).toBe(false);
  });

  it('LAW-DENUNC-06: "Gia hạn" is not offered for feedback or a complaint, and for a denunciation only until both extensions are used, capped at 30 days', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const feedback = await t.submit();
    await act(officer, feedback.id, { type: 'accept' });
    expect((await detailOf(feedback.id)).availableActions).not.toContain('extendDeadline');
    expect((await detailOf(feedback.id)).extensionOffer).toBeNull();

    const complaint = await t.submit({
      kind: 'complaint',
      categoryId: t.categoryIds.LAND,
      title: 'Khiếu nại quyết định thu hồi đất',
      description: 'Tôi khiếu nại quyết định thu hồi đất vì mức bồi thường chưa đúng quy định.',
      submitter: { fullName: 'Phạm Văn Khải', address: 'Số 9 thôn Như Quỳnh', phone: '0987000333', idNumber: '001203004333' },
    });
    await act(leader, complaint.id, { type: 'accept' });
    expect((await detailOf(complaint.id)).availableActions).not.toContain('extendDeadline');

    const denunciation = await t.submit({
      kind: 'denunciation',
      categoryId: t.categoryIds.CONDUCT,
      title: 'Tố cáo cán bộ nhận tiền',
      description: 'Cán bộ địa chính yêu cầu nộp tiền ngoài quy định khi làm thủ tục đất.',
      submitter: { fullName: 'Lê Văn Cường', address: 'Số 3 ngõ 5', phone: '0987000222', idNumber: '001203004222' },
    });
    // While received: the acceptance period, by up to 3 working days (LAW-DENUNC-02).
    expect((await detailOf(denunciation.id)).extensionOffer).toEqual({ maxAmount: 3, unit: 'working_days' });
    await act(leader, denunciation.id, { type: 'accept' });
    expect((await detailOf(denunciation.id)).extensionOffer).toEqual({ maxAmount: 30, unit: 'calendar_days' });
    const extend = { type: 'extendDeadline', amount: 30, unit: 'calendar_days', reason: 'Vụ việc đặc biệt phức tạp', complexity: 'especially_complex' };
    await act(leader, denunciation.id, extend);
    expect((await detailOf(denunciation.id)).availableActions).toContain('extendDeadline');
    await act(leader, denunciation.id, extend);
    const used = await detailOf(denunciation.id);
    expect(used.availableActions).not.toContain('extendDeadline');
    expect(used.extensionOffer).toBeNull();
    expect((await t.inject('POST', `/api/v1/cases/${denunciation.id}/actions`, leader, extend)).statusCode).toBe(409);
  });
});
