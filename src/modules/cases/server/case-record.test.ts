import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../core/calendar/index.js';
import { createCaseState, defaultDeadlineRules, explanationToText } from '../domain/index.js';
import { contentDisposition, sanitiseFileName } from './attachments.js';
import { caseActorsOf, computeCaseDeadlines, computeTransferDeadline, currentExplanation, isAwaitingClassification, parseState, resolveRuleRef, serialiseState } from './case-record.js';

describe('case record glue', () => {
  const receivedAt = new Date('2026-11-26T03:00:00.000Z');
  it('round-trips a CaseState with its instants', () => {
    const state = { ...createCaseState({ id: 'c1', kind: 'feedback', submitterUserId: null, receivedAt }), pauses: [{ from: receivedAt, to: null }] };
    const parsed = parseState(serialiseState(state));
    expect(parsed.receivedAt).toEqual(receivedAt);
    expect(parsed.pauses[0]!.from).toEqual(receivedAt);
    expect(parsed.pauses[0]!.to).toBeNull();
  });

  it('applies a category override and counts complaints from acceptance (LAW-COMPLAINT-07)', () => {
    const overrides = [{ categoryId: 'water', caseKind: 'feedback' as const, stage: 'resolution' as const, amount: 5, unit: 'working_days' as const }];
    const ref = resolveRuleRef({ rules: defaultDeadlineRules, overrides, kind: 'feedback', categoryId: 'water', receivedAt });
    expect(ref.resolution?.amount).toBe(5);
    const calendar = createWorkingCalendar();
    const feedback = computeCaseDeadlines(createCaseState({ id: 'c', kind: 'feedback', submitterUserId: null, receivedAt }), ref, calendar, receivedAt);
    expect(feedback.resolution?.dueDate).toBe('2026-12-03');
    const complaintRef = resolveRuleRef({ rules: defaultDeadlineRules, overrides: [], kind: 'complaint', categoryId: 'x', receivedAt });
    const accepted = { ...createCaseState({ id: 'k', kind: 'complaint', submitterUserId: null, receivedAt }), acceptedAt: new Date('2026-12-01T03:00:00.000Z') };
    // 30 calendar days from 01/12 → 31/12.
    expect(computeCaseDeadlines(accepted, complaintRef, calendar, receivedAt).resolution?.dueDate).toBe('2026-12-31');
  });

  it('a reopened case gets a new resolution deadline under its stored rule, counted from the reopening and explained', () => {
    const received = new Date('2026-10-02T03:00:00.000Z');
    const ref = resolveRuleRef({ rules: defaultDeadlineRules, overrides: [], kind: 'feedback', categoryId: 'roads', receivedAt: received });
    const calendar = createWorkingCalendar();
    const reopenedAt = new Date('2026-11-27T03:00:00.000Z');
    const first = { ...createCaseState({ id: 'r', kind: 'feedback', submitterUserId: null, receivedAt: received }), pauses: [{ from: new Date('2026-10-05T03:00:00.000Z'), to: new Date('2026-10-06T03:00:00.000Z') }] };
    // LAW-PAKN-08: 15 working days from Fri 02/10 (the paused 05–06/10 added) → Tue 27/10.
    expect(computeCaseDeadlines(first, ref, calendar, reopenedAt).resolution?.dueDate).toBe('2026-10-27');
    // Reopened Fri 27/11: the same 15 working days from then (the old round's pause no longer counts) → Fri 18/12.
    const reopened = parseState(serialiseState({ ...first, status: 'reopened' as const, reopenedCount: 1, reopenedAt }));
    const deadline = computeCaseDeadlines(reopened, ref, calendar, reopenedAt).resolution!;
    expect(deadline.dueDate).toBe('2026-12-18');
    expect(deadline.explanation.find((step) => step.kind === 'pause')).toBeUndefined();
    const [vi, en] = [explanationToText(deadline.explanation, 'vi'), explanationToText(deadline.explanation, 'en')];
    expect(vi.join(' ')).toContain('Hồ sơ được mở lại ngày Thứ Sáu, 27/11/2026: thời hạn được tính lại từ ngày mở lại');
    expect(en.join(' ')).toContain('reopened on Friday, 27/11/2026: the time limit is counted again from the reopening');
    expect(vi.at(-1)).toContain('18/12/2026');
    // Records written before reopenings were kept parse as never reopened, with no earlier ratings.
    const legacy = JSON.parse(serialiseState(first)) as Record<string, unknown>;
    for (const field of ['reopenedAt', 'earlierRatings', 'acceptanceExtensions']) delete legacy[field];
    expect(parseState(JSON.stringify(legacy))).toMatchObject({ reopenedAt: null, earlierRatings: [], acceptanceExtensions: [] });
  });

  it('a reopened complaint is explained from its reopening, not as if accepted that day', () => {
    const received = new Date('2026-10-02T03:00:00.000Z');
    const ref = resolveRuleRef({ rules: defaultDeadlineRules, overrides: [], kind: 'complaint', categoryId: 'land', receivedAt: received });
    const reopenedAt = new Date('2026-11-27T03:00:00.000Z');
    const accepted = { ...createCaseState({ id: 'k', kind: 'complaint', submitterUserId: null, receivedAt: received }), acceptedAt: new Date('2026-10-05T03:00:00.000Z') };
    const reopened = parseState(serialiseState({ ...accepted, status: 'reopened' as const, reopenedCount: 1, reopenedAt }));
    const text = explanationToText(currentExplanation(reopened, computeCaseDeadlines(reopened, ref, createWorkingCalendar(), reopenedAt)), 'vi').join(' ');
    expect(text).toContain('Hồ sơ được mở lại ngày Thứ Sáu, 27/11/2026');
    expect(text).not.toContain('Ngày thụ lý');
  });

  it('LAW-DENUNC-02: an acceptance extension moves the acceptance deadline only (7 → 10 working days)', () => {
    const ref = resolveRuleRef({ rules: defaultDeadlineRules, overrides: [], kind: 'denunciation', categoryId: 'x', receivedAt });
    const calendar = createWorkingCalendar();
    const state = createCaseState({ id: 'd', kind: 'denunciation', submitterUserId: null, receivedAt });
    // Thu 26/11 + 7 working days → Mon 07/12.
    expect(computeCaseDeadlines(state, ref, calendar, receivedAt).acceptance?.dueDate).toBe('2026-12-07');
    const extended = parseState(serialiseState({ ...state, acceptanceExtensions: [{ amount: 3, unit: 'working_days', approvedAt: receivedAt, reason: 'Xác minh nhiều nơi', decisionRef: null }] }));
    const deadlines = computeCaseDeadlines(extended, ref, calendar, receivedAt);
    expect(deadlines.acceptance?.dueDate).toBe('2026-12-10');
    expect(deadlines.acceptance?.explanation).toContainEqual({ kind: 'extension', amount: 3, unit: 'working_days', approvedOn: '2026-11-26' });
    expect(deadlines.resolution?.dueDate).toBe(computeCaseDeadlines(state, ref, calendar, receivedAt).resolution?.dueDate);
  });

  describe('LAW-PAKN-04, LAW-DENUNC-03, LAW-BASE-10: the transfer limit stops while the resident is awaited', () => {
    const calendar = createWorkingCalendar();
    const feedback = createCaseState({ id: 't', kind: 'feedback', submitterUserId: null, receivedAt });
    const at = (iso: string) => new Date(`${iso}T03:00:00.000Z`);

    it('without a pause: 5 working days from Thursday 26/11/2026 → Thursday 03/12', () => {
      expect(computeTransferDeadline(feedback, defaultDeadlineRules, calendar, receivedAt)?.dueDate).toBe('2026-12-03');
    });

    it('a pause of three working days (Mon 30/11 to Wed 02/12) moves it three working days later, to Tuesday 08/12, and says so', () => {
      const paused = { ...feedback, pauses: [{ from: at('2026-11-30'), to: at('2026-12-02') }] };
      const deadline = computeTransferDeadline(paused, defaultDeadlineRules, calendar, at('2026-12-02'))!;
      expect(deadline.dueDate).toBe('2026-12-08');
      expect(deadline.isPaused).toBe(false);
      expect(deadline.explanation).toContainEqual({ kind: 'pause', from: '2026-11-30', to: '2026-12-02', daysAdded: 3, unit: 'working_days' });
      const vi = explanationToText(deadline.explanation, 'vi');
      expect(vi[0]).toBe('Thời hạn chuyển đến cơ quan có thẩm quyền (nếu không thuộc thẩm quyền của xã): 5 ngày làm việc, theo Nghị định 20/2008/NĐ-CP, Điều 9.');
      expect(vi.join(' ')).toContain('Tạm dừng tính thời hạn từ Thứ Hai, 30/11/2026 đến Thứ Tư, 02/12/2026: cộng thêm 3 ngày làm việc.');
      expect(vi.at(-1)).toBe('Hạn chuyển đến cơ quan có thẩm quyền: hết ngày Thứ Ba, 08/12/2026.');
      expect(explanationToText(deadline.explanation, 'en').at(-1)).toBe('Transfer due by the end of Tuesday, 08/12/2026.');
    });

    it('while still paused the limit is dated as if the pause ended today, as the resolution deadline is', () => {
      const paused = { ...feedback, status: 'awaiting_information' as const, resumeStatus: 'received' as const, pauses: [{ from: at('2026-11-30'), to: null }] };
      const now = at('2026-12-02');
      const deadline = computeTransferDeadline(paused, defaultDeadlineRules, calendar, now)!;
      expect(deadline).toMatchObject({ dueDate: '2026-12-08', isPaused: true });
      // The same pause accounting as the resolution deadline: both moved by the same three working days.
      const ref = resolveRuleRef({ rules: defaultDeadlineRules, overrides: [], kind: 'feedback', categoryId: 'roads', receivedAt });
      const running = computeCaseDeadlines(feedback, ref, calendar, now).resolution!;
      const stopped = computeCaseDeadlines(paused, ref, calendar, now).resolution!;
      expect(calendar.addWorkingDays(running.dueDate, 3)).toBe(stopped.dueDate);
      expect(isAwaitingClassification(paused)).toBe(true);
      expect(isAwaitingClassification({ status: 'awaiting_information', resumeStatus: 'assigned' })).toBe(false);
      // The case page explains the transfer limit between the acceptance and the resolution blocks.
      // Paused before acceptance, the acceptance block is still explained first.
      const lines = explanationToText(currentExplanation(paused, computeCaseDeadlines(paused, ref, calendar, now), deadline), 'vi');
      expect(lines.some((line) => line.startsWith('Hạn thụ lý'))).toBe(true);
      const transferLine = lines.indexOf('Hạn chuyển đến cơ quan có thẩm quyền: hết ngày Thứ Ba, 08/12/2026.');
      expect(transferLine).toBeGreaterThan(lines.findIndex((line) => line.startsWith('Hạn thụ lý')));
      expect(transferLine).toBeLessThan(lines.findIndex((line) => line.startsWith('Thời hạn giải quyết')));
    });

    it('a pause that starts after the limit has passed does not move it', () => {
      const late = { ...feedback, pauses: [{ from: at('2026-12-07'), to: at('2026-12-09') }] };
      expect(computeTransferDeadline(late, defaultDeadlineRules, calendar, at('2026-12-09'))?.dueDate).toBe('2026-12-03');
    });
  });

  it('lists acting capacities, leaders first', () => {
    const actors = caseActorsOf({ userId: 'u', kind: 'staff', displayName: 'x', communeId: 'c', sessionId: 's', grants: [{ role: 'officer', communeId: 'c', unitId: 'u1', areaId: null }, { role: 'leader', communeId: 'c', unitId: null, areaId: null }, { role: 'admin', communeId: 'other', unitId: null, areaId: null }] }, 'c');
    expect(actors.map((actor) => actor.role)).toEqual(['leader', 'officer']);
  });

  it('names files safely with the extension of the real type (RFC 5987 disposition)', () => {
    expect(sanitiseFileName('../../etc/ảnh "hiện trường".jpg', 'application/pdf')).toBe('ảnh hiện trường.pdf');
    expect(contentDisposition('ảnh đường.jpg', true)).toBe(`inline; filename="anh duong.jpg"; filename*=UTF-8''%E1%BA%A3nh%20%C4%91%C6%B0%E1%BB%9Dng.jpg`);
  });
});
