import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestAppWithStaff, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/**
 * LAW-BASE-10: while the clock is stopped (awaiting information) the due date moves by each paused
 * day. The due date shown (public status page and API, back-office case) must be the one the
 * deadline explanation ends with, not the one stored when the clock stopped.
 */
describe('cases: a paused case shows the due date its explanation arrives at (LAW-BASE-10)', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    ({ t, officer, leader } = await buildCasesTestAppWithStaff());
  });
  afterAll(async () => t.close());

  /** dd/mm/yyyy of an instant in Vietnam time (+07:00). */
  const localDate = (iso: string) => {
    const shifted = new Date(new Date(iso).getTime() + 7 * 3_600_000);
    return `${String(shifted.getUTCDate()).padStart(2, '0')}/${String(shifted.getUTCMonth() + 1).padStart(2, '0')}/${shifted.getUTCFullYear()}`;
  };
  /** The date the explanation's last sentence ("Hạn giải quyết: hết ngày …") names. */
  const explainedDueDate = (explanation: string[]) => {
    const dates = explanation.at(-1)?.match(/\d{2}\/\d{2}\/\d{4}/g) ?? [];
    return dates.at(-1);
  };

  it('moves the shown due date with the paused days, as the explanation does', async () => {
    t.clock.set('2026-11-26T03:00:00.000Z');
    const submitted = await t.inject('POST', '/api/v1/cases', t.anonymous, {
      kind: 'feedback',
      categoryId: t.categoryIds.ROADS,
      areaId: t.areaIds['TDP-NQ1'],
      title: 'Đèn đường hỏng',
      description: 'Đèn đường trước nhà văn hoá tổ 2 hỏng đã một tuần.',
      privacy: 'handler_only',
      submitter: { fullName: 'Lê Văn Pause', address: 'Tổ dân phố 2', phone: '0912 000 222' },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const { id, code } = submitted.json() as { id: string; code: string };
    const act = async (session: StaffSession, body: Record<string, unknown>) => {
      const response = await t.inject('POST', `/api/v1/cases/${id}/actions`, session, body);
      expect(response.statusCode, response.body).toBe(200);
    };
    await act(officer, { type: 'accept' });
    await act(leader, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    const before = (await t.inject('GET', `/api/v1/cases/${code}?lang=vi`, t.anonymous)).json() as { deadline: { dueAt: string } };

    // Asked for information on Monday 30/11; four days later the clock is still stopped.
    t.clock.set('2026-11-30T03:00:00.000Z');
    await act(officer, { type: 'requestInformation', note: 'Xin cho biết cột đèn số mấy.' });
    t.clock.set('2026-12-03T03:00:00.000Z');

    const publicView = (await t.inject('GET', `/api/v1/cases/${code}?lang=vi`, t.anonymous)).json() as { deadline: { dueAt: string; isPaused: boolean; explanation: string[] } };
    expect(publicView.deadline.isPaused).toBe(true);
    expect(localDate(publicView.deadline.dueAt)).toBe(explainedDueDate(publicView.deadline.explanation));
    // Four working days paused (30/11 to 03/12 inclusive): the date moved by them.
    expect(new Date(publicView.deadline.dueAt).getTime()).toBeGreaterThan(new Date(before.deadline.dueAt).getTime());

    const page = await t.inject('GET', `/tra-cuu/${code}`, t.anonymous);
    expect(page.statusCode).toBe(200);
    // "Hạn xử lý: <weekday>, dd/mm/yyyy." names the date the explanation ends with.
    expect(page.body).toMatch(new RegExp(`Hạn xử lý: [^<]*?, ${explainedDueDate(publicView.deadline.explanation)}\\.`));

    const detail = (await t.inject('GET', `/api/v1/cases/${id}?lang=vi`, leader)).json() as { deadline: { dueAt: string; isPaused: boolean; explanation: string[] } };
    expect(detail.deadline.isPaused).toBe(true);
    expect(localDate(detail.deadline.dueAt)).toBe(explainedDueDate(detail.deadline.explanation));
  });
});
