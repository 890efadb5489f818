import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../core/calendar/index.js';
import { createCaseState, explanationToText, transition, type CaseActor, type CaseState } from '../domain/index.js';
import { computeStepDeadline, isStepOverdue, parseState, serialiseState } from './case-record.js';

/*
 * Issue 3 point 4: each step (a forward to another unit) has its own deadline, kept as the working
 * days it was given so that it is recounted on the commune's calendar (point 5) and moved by the days
 * the clock stood still (LAW-BASE-10), and explained to staff. A reopened case starts without one.
 */
describe('the current step deadline (issue 3 points 4 and 5)', () => {
  const officer: CaseActor = { role: 'officer', userId: 'u1', unitId: 'unit-a' };
  // Forwarded Mon 30/11/2026 10:00 in Vietnam with 3 working days: due Thu 03/12.
  const forwardedAt = new Date('2026-11-30T03:00:00.000Z');
  const assigned: CaseState = { ...createCaseState({ id: 'c1', kind: 'feedback', submitterUserId: null, receivedAt: new Date('2026-11-26T03:00:00.000Z') }), status: 'assigned', acceptedAt: forwardedAt, assignedUnitId: 'unit-a' };

  function forwarded(): CaseState {
    const result = transition(assigned, { type: 'forward', toUnitId: 'unit-b', stepDeadline: new Date('2026-12-03T16:59:59.999Z'), stepDays: 3 }, { now: forwardedAt, actor: officer });
    if (!result.ok) throw new Error(result.reason);
    return result.state;
  }

  it('keeps the step start and days, and they survive storage', () => {
    const state = parseState(serialiseState(forwarded()));
    expect(state.step).toEqual({ from: forwardedAt, days: 3 });
    expect(computeStepDeadline(state, createWorkingCalendar(), forwardedAt)?.dueDate).toBe('2026-12-03');
  });

  it('is recounted on the calendar in force: a day off inside the step moves it by one working day', () => {
    const calendar = createWorkingCalendar({ overrides: [{ date: '2026-12-01', kind: 'day_off', note: 'Nghỉ thử' }] });
    const step = computeStepDeadline(forwarded(), calendar, forwardedAt)!;
    expect(step.dueDate).toBe('2026-12-04');
    const lines = explanationToText(step.explanation, 'vi');
    expect(lines[0]).toBe('Hạn bước hiện tại: hồ sơ được chuyển đến đơn vị đang giữ ngày Thứ Hai, 30/11/2026, với 3 ngày làm việc do người chuyển ấn định (ngày chuyển không tính; bắt đầu tính từ ngày tiếp theo).');
    expect(lines).toContain('Không tính Thứ Ba, 01/12/2026: ngày nghỉ theo quyết định: Nghỉ thử.');
    expect(lines.at(-1)).toBe('Hạn bước hiện tại: hết ngày Thứ Sáu, 04/12/2026.');
  });

  it('LAW-BASE-10: the days waiting for the resident move the step deadline too', () => {
    const paused = { ...forwarded(), pauses: [{ from: new Date('2026-12-01T03:00:00.000Z'), to: new Date('2026-12-02T03:00:00.000Z') }] };
    expect(computeStepDeadline(paused, createWorkingCalendar(), new Date('2026-12-02T03:00:00.000Z'))?.dueDate).toBe('2026-12-07');
  });

  it('an older step stored without its days keeps its stored date (no recount)', () => {
    const older = { ...forwarded(), step: undefined };
    expect(computeStepDeadline(older, createWorkingCalendar(), forwardedAt)).toBeNull();
  });

  it('a reopened case has no step deadline from the earlier round', () => {
    const answered: CaseState = { ...forwarded(), status: 'answered', answeredAt: new Date('2026-12-02T03:00:00.000Z'), submitterUserId: 'r1' };
    const result = transition(answered, { type: 'reopen', reason: 'Chưa xử lý' }, { now: new Date('2026-12-03T03:00:00.000Z'), actor: { role: 'resident', userId: 'r1', unitId: null } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.stepDeadline).toBeNull();
    expect(result.state.step).toBeNull();
    expect(computeStepDeadline(result.state, createWorkingCalendar(), new Date('2026-12-03T03:00:00.000Z'))).toBeNull();
  });

  it('a step is missed only while it runs and the clock is not stopped', () => {
    const nowIso = '2026-12-04T02:00:00.000Z';
    const due = '2026-12-03T16:59:59.999Z';
    expect(isStepOverdue({ status: 'forwarded', step_due_at: due }, nowIso)).toBe(true);
    expect(isStepOverdue({ status: 'in_progress', step_due_at: due }, nowIso)).toBe(true);
    expect(isStepOverdue({ status: 'awaiting_information', step_due_at: due }, nowIso)).toBe(false);
    expect(isStepOverdue({ status: 'answer_drafted', step_due_at: due }, nowIso)).toBe(false);
    expect(isStepOverdue({ status: 'forwarded', step_due_at: '2026-12-04T16:59:59.999Z' }, nowIso)).toBe(false);
  });
});
