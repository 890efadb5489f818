import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../core/calendar/index.js';
import { createCaseState, defaultDeadlineRules } from '../domain/index.js';
import { contentDisposition, sanitiseFileName } from './attachments.js';
import { caseActorsOf, computeCaseDeadlines, parseState, resolveRuleRef, serialiseState } from './case-record.js';

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

  it('lists acting capacities, leaders first', () => {
    const actors = caseActorsOf({ userId: 'u', kind: 'staff', displayName: 'x', communeId: 'c', sessionId: 's', grants: [{ role: 'officer', communeId: 'c', unitId: 'u1', areaId: null }, { role: 'leader', communeId: 'c', unitId: null, areaId: null }, { role: 'admin', communeId: 'other', unitId: null, areaId: null }] }, 'c');
    expect(actors.map((actor) => actor.role)).toEqual(['leader', 'officer']);
  });

  it('names files safely with the extension of the real type (RFC 5987 disposition)', () => {
    expect(sanitiseFileName('../../etc/ảnh "hiện trường".jpg', 'application/pdf')).toBe('ảnh hiện trường.pdf');
    expect(contentDisposition('ảnh đường.jpg', true)).toBe(`inline; filename="anh duong.jpg"; filename*=UTF-8''%E1%BA%A3nh%20%C4%91%C6%B0%E1%BB%9Dng.jpg`);
  });
});
