import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCookies } from '../../../test/kit/auth.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';

/*
 * LAW-COMPLAINT-07, LAW-DENUNC-06: the resolution period of a complaint or a denunciation counts from
 * acceptance (thụ lý). Before acceptance the public page and API show it as provisional; and a
 * calendar-day period received on a Saturday starts the next day (Sunday), not the next working day.
 */
describe('cases: the resolution deadline of a complaint counts from acceptance', () => {
  let t: CasesTestApp;

  // Saturday 28/11/2026, 10:00 in Vietnam.
  beforeAll(async () => {
    t = await buildCasesTestApp('2026-11-28T03:00:00.000Z');
  });
  afterAll(async () => t.close());

  const complaint = {
    kind: 'complaint',
    categoryId: 0 as unknown as string,
    title: 'Khiếu nại quyết định thu hồi đất',
    description: 'Tôi không đồng ý với quyết định thu hồi đất vườn của gia đình vì chưa được bồi thường.',
    privacy: 'handler_only',
    submitter: { fullName: 'Trần Thị Bình', address: 'Thôn Như Quỳnh 2', phone: '0912000111', idNumber: '001203004111' },
  };
  const view = async (code: string, lang = 'vi') => (await t.inject('GET', `/api/v1/cases/${code}?lang=${lang}`, null)).json();

  it('before acceptance: provisional, counted as if accepted at receipt, in calendar days from Sunday; recomputed from the acceptance day', async () => {
    const { id, code } = await t.submit({ ...complaint, categoryId: t.categoryIds.LAND });
    const vi = await view(code);
    // 30 calendar days from Saturday 28/11: Sunday 29/11 is day 1, Monday 28/12 day 30.
    expect(vi.deadline.provisionalResolutionDueAt).toBe('2026-12-28T16:59:59.999Z');
    const lines: string[] = vi.deadline.explanation;
    const resolutionStart = lines.findIndex((line) => line.startsWith('Thời hạn giải quyết: 30 ngày'));
    expect(resolutionStart).toBeGreaterThan(0);
    const resolution = lines.slice(resolutionStart);
    expect(resolution[1]).toBe(
      'Thời hạn giải quyết tính từ ngày thụ lý; hồ sơ chưa được thụ lý nên ngày dưới đây là dự kiến, tính như thể thụ lý ngày Thứ Bảy, 28/11/2026 (ngày đó không tính; bắt đầu tính từ ngày tiếp theo) và được tính lại khi thụ lý.',
    );
    expect(resolution.at(-1)).toBe('Hạn giải quyết dự kiến: hết ngày Thứ Hai, 28/12/2026 (tính từ ngày thụ lý).');
    // The acceptance period is in working days: a Saturday receipt starts at the next working day.
    expect(lines.slice(0, resolutionStart).join('\n')).toContain('bắt đầu tính từ ngày làm việc tiếp theo');

    const en = await view(code, 'en');
    expect(en.deadline.explanation.join('\n')).toContain('so the date below is provisional, as if accepted on Saturday, 28/11/2026 (that day is not counted; counting starts the next day)');
    expect(en.deadline.explanation.at(-1)).toBe('Resolution due (provisional, counted from acceptance) by the end of Monday, 28/12/2026.');

    const page = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Thời hạn giải quyết tính từ ngày thụ lý; dự kiến: hết ngày Thứ Hai, 28/12/2026');

    // Accepted on Wednesday 02/12: 30 days from Thursday 03/12, Friday 01/01/2027 (a holiday) rolls to the next working day.
    t.clock.advance(4 * 86_400_000);
    const leader = await t.staff('leader');
    expect((await t.inject('POST', `/api/v1/cases/${id}/actions`, leader, { type: 'accept' })).statusCode).toBe(200);
    const accepted = await view(code);
    expect(accepted.deadline.provisionalResolutionDueAt).toBeNull();
    expect(accepted.deadline.explanation.join('\n')).not.toContain('dự kiến');
    expect(accepted.deadline.explanation[1]).toBe('Ngày thụ lý Thứ Tư, 02/12/2026 không tính; bắt đầu tính từ ngày tiếp theo.');
    expect(accepted.deadline.dueAt > vi.deadline.provisionalResolutionDueAt).toBe(true);
  });

  it('the confirmation page after filing a complaint says the same, and does not claim working days', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/gui-phan-anh', headers: { accept: 'text/html' } });
    const cookie = mergeCookies('', start);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(start.body)?.[1] ?? '';
    const sent = await t.app.inject({
      method: 'POST',
      url: '/gui-phan-anh/gui',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: csrf, _step: 'check', _action: 'submit', kind: 'complaint', categoryId: t.categoryIds.LAND!, areaId: t.areaIds['TDP-NQ1']!, title: complaint.title, description: complaint.description, privacy: 'handler_only', fullName: 'Trần Thị Bình', submitterAddress: 'Thôn Như Quỳnh 2', phone: '0912000111' }).toString(),
    });
    expect(sent.statusCode, sent.body).toBe(303);
    const confirmation = await t.app.inject({ method: 'GET', url: sent.headers.location as string, headers: { accept: 'text/html', cookie: mergeCookies(cookie, sent) } });
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('Thời hạn giải quyết tính từ ngày thụ lý; dự kiến: hết ngày');
    expect(confirmation.body).not.toContain('Thời hạn tính theo ngày làm việc, không tính thứ Bảy');
  });

  it('feedback keeps counting from receipt, with no provisional date', async () => {
    const { code } = await t.submit();
    const feedback = await view(code);
    expect(feedback.deadline.provisionalResolutionDueAt).toBeNull();
    expect(feedback.deadline.explanation.join('\n')).not.toContain('thụ lý;');
  });
});
