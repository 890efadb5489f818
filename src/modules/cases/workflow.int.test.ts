import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOutboxEvents } from '../../core/jobs/outbox.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: intake, public view and the full workflow', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let otherOfficer: StaffSession;
  let leader: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    otherOfficer = await t.staff('officer', 'CONG-AN');
    leader = await t.staff('leader');
  });
  afterAll(async () => t.close());

  const feedback = () => ({
    kind: 'feedback',
    categoryId: t.categoryIds.ROADS,
    areaId: t.areaIds['TDP-NQ1'],
    title: 'Đường liên thôn bị sụt lún',
    description: 'Đoạn đường trước nhà văn hóa bị sụt lún sâu, xe máy đi qua rất nguy hiểm.',
    privacy: 'handler_only',
    submitter: { fullName: 'Phạm Văn Canary', address: 'Tổ dân phố 1', phone: '0912 345 678', email: 'canary@example.vn' },
  });

  it('accepts a JSON submission and returns a tracking code and a secret link token', async () => {
    const response = await t.inject('POST', '/api/v1/cases', t.anonymous, feedback());
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.code).toMatch(/^NQ-2611-[2-9A-Z]{5}$/);
    expect(body.accessToken).toMatch(/^[\w-]{32}$/);
    expect(body.status).toBe('received');
    // LAW-PAKN-08: 2 working days to accept, 15 working days to answer (Thu 26/11 → Mon 30/11; → Thu 17/12).
    expect(body.acceptanceDueAt).toBe('2026-11-30T16:59:59.999Z');
    expect(body.dueAt).toBe('2026-12-17T16:59:59.999Z');
    const events = await findOutboxEvents(t.ctx.db, { name: 'cases.case.received' });
    expect(events.some((event) => event.payload.code === body.code)).toBe(true);
  });

  it('shows the public status without any personal data', async () => {
    const { code } = (await t.inject('POST', '/api/v1/cases', t.anonymous, feedback())).json();
    const response = await t.inject('GET', `/api/v1/cases/${code}`, null);
    expect(response.statusCode).toBe(200);
    const text = response.body;
    expect(text).not.toContain('Canary');
    expect(text).not.toContain('0912345678');
    expect(text).not.toContain('canary@example.vn');
    const view = response.json();
    expect(view.status).toBe('received');
    expect(view.deadline.explanation.length).toBeGreaterThan(2);
    expect(view.timeline[0].event).toBe('cases.case.received');
    expect(view.assignedUnitName).toContain('Kinh tế');
  });

  it('rejects bad input with a localized 400 naming the field, and writes nothing', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/cases?lang=vi', headers: { cookie: t.anonymous.cookie, 'x-csrf-token': t.anonymous.csrfToken }, payload: { ...feedback(), title: 'x'.repeat(201), submitter: { fullName: '' } } });
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((error: { field: string }) => error.field);
    expect(fields).toContain('title');
    const missing = await t.inject('POST', '/api/v1/cases', t.anonymous, { ...feedback(), submitter: { fullName: 'A' } });
    expect(missing.statusCode).toBe(400);
    // The address is required and also reaches the sender: one error for it, no second "contact" error.
    expect(missing.json().errors.map((error: { field: string }) => error.field)).toEqual(['submitter.address']);
    const anonymousComplaint = await t.inject('POST', '/api/v1/cases', t.anonymous, { ...feedback(), kind: 'complaint', categoryId: t.categoryIds.LAND, privacy: 'anonymous' });
    expect(anonymousComplaint.statusCode).toBe(400);
    expect(anonymousComplaint.json().errors[0].field).toBe('privacy');
    const honeypot = await t.inject('POST', '/api/v1/cases', t.anonymous, { ...feedback(), website: 'http://spam' });
    expect(honeypot.statusCode).toBe(400);
    expect(honeypot.json().errors).toBeUndefined();
  });

  it('runs officer → leader approve → publish → resident rates → closed, refusing wrong roles and states', async () => {
    const submitted = (await t.inject('POST', '/api/v1/cases', t.anonymous, feedback())).json();
    const act = (session: StaffSession, body: Record<string, unknown>) => t.inject('POST', `/api/v1/cases/${submitted.id}/actions`, session, body);

    expect((await act(officer, { type: 'startWork' })).statusCode).toBe(409);
    // An officer of another unit does not even see the case routed to Kinh tế.
    expect((await act(otherOfficer, { type: 'accept' })).statusCode).toBe(404);
    const accepted = await act(officer, { type: 'accept', expectedVersion: 0 });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    // Optimistic concurrency: a stale version is refused.
    expect((await act(officer, { type: 'assign', unitId: t.unitIds['KINH-TE'], expectedVersion: 0 })).statusCode).toBe(409);
    const assigned = await act(leader, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId });
    expect(assigned.json().status).toBe('assigned');
    expect((await act(officer, { type: 'startWork' })).json().status).toBe('in_progress');
    expect((await act(officer, { type: 'draftAnswer', text: 'Xã đã bố trí vá đường trong tuần tới.' })).json().status).toBe('answer_drafted');
    expect((await act(officer, { type: 'approveAnswer' })).statusCode).toBe(403);
    const approved = await act(leader, { type: 'approveAnswer' });
    expect(approved.json().status).toBe('answer_approved');
    expect(approved.json().availableActions).toContain('publishAnswer');
    expect((await act(leader, { type: 'publishAnswer' })).json().status).toBe('answered');

    const publicView = (await t.inject('GET', `/api/v1/cases/${submitted.code}?accessToken=${submitted.accessToken}`, null)).json();
    expect(publicView.answer.text).toContain('vá đường');
    expect(publicView.canRate).toBe(true);

    expect((await t.inject('POST', `/api/v1/cases/${submitted.code}/rating`, t.anonymous, { score: 5, accessToken: 'x'.repeat(32) })).statusCode).toBe(403);
    const rated = await t.inject('POST', `/api/v1/cases/${submitted.code}/rating`, t.anonymous, { score: 4, comment: 'Cảm ơn', accessToken: submitted.accessToken });
    expect(rated.statusCode).toBe(200);
    expect(rated.json().status).toBe('closed');

    const detail = (await t.inject('GET', `/api/v1/cases/${submitted.id}`, leader)).json();
    expect(detail.status).toBe('closed');
    expect(detail.rating).toEqual({ score: 4, comment: 'Cảm ơn' });
    expect(detail.submitter.fullName).toBe('Phạm Văn Canary');
    expect(detail.timeline.map((entry: { event: string }) => entry.event)).toEqual(
      expect.arrayContaining(['cases.case.received', 'cases.case.accepted', 'cases.case.assigned', 'cases.case.answer_published', 'cases.case.rated']),
    );
    // Residents are told of status changes by e-mail through the notifications module.
    await t.runJobs();
    const { findRecordedMessages } = await import('../notifications/server/index.js');
    const messages = await findRecordedMessages(t.ctx.db, { recipient: 'canary@example.vn', template: 'cases.status-changed' });
    expect(messages.length).toBeGreaterThanOrEqual(3);
  });

  it('searches without diacritics: "duong" finds "đường"', async () => {
    const response = await t.inject('GET', '/api/v1/cases?q=duong%20lien%20thon', leader);
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBeGreaterThan(0);
    expect(response.json().items[0].title).toContain('Đường');
    expect((await t.inject('GET', '/api/v1/cases?q=khong-co-dau', leader)).json().total).toBe(0);
    expect((await t.inject('GET', '/api/v1/cases', null)).statusCode).toBe(401);
  });
});
