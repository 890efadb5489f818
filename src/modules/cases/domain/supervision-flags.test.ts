import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../core/calendar/index.js';
import { canTakeFlagStep, computeFlagAnswerDueAt, isFlagOverdue, SUPERVISION_ANSWER_DAYS_DEFAULT, SUPERVISION_ANSWER_UNIT_DEFAULT } from './supervision-flags.js';

const calendar = createWorkingCalendar();

describe('supervision flag answer deadline (LAW-DEMO-54)', () => {
  it('defaults to 15 calendar days, the text’s "15 ngày"', () => {
    expect([SUPERVISION_ANSWER_DAYS_DEFAULT, SUPERVISION_ANSWER_UNIT_DEFAULT]).toEqual([15, 'calendar_days']);
  });

  it('ends at 23:59:59.999 in Vietnam on the 15th day after the day the flag was raised', () => {
    // Thursday 26/11/2026, 10:00 in Hà Nội → Friday 11/12/2026.
    expect(computeFlagAnswerDueAt(new Date('2026-11-26T03:00:00Z'), 15, 'calendar_days', calendar).toISOString()).toBe('2026-12-11T16:59:59.999Z');
    // 23:30 on 26/11 in Hà Nội is still 26/11 there, though 16:30 UTC.
    expect(computeFlagAnswerDueAt(new Date('2026-11-26T16:30:00Z'), 15, 'calendar_days', calendar).toISOString()).toBe('2026-12-11T16:59:59.999Z');
  });

  it('moves a calendar-day deadline that falls on a rest day to the next working day', () => {
    // Friday 27/11 + 15 = Saturday 12/12 → Monday 14/12.
    expect(computeFlagAnswerDueAt(new Date('2026-11-27T03:00:00Z'), 15, 'calendar_days', calendar).toISOString()).toBe('2026-12-14T16:59:59.999Z');
  });

  it('counts working days when the commune sets the unit so (weekends and holidays skipped)', () => {
    expect(computeFlagAnswerDueAt(new Date('2026-11-26T03:00:00Z'), 5, 'working_days', calendar).toISOString()).toBe('2026-12-03T16:59:59.999Z');
    // Across New Year's Day 01/01/2027 (Friday): Wed 30/12 + 2 working days = Mon 04/01.
    expect(computeFlagAnswerDueAt(new Date('2026-12-30T03:00:00Z'), 2, 'working_days', calendar).toISOString()).toBe('2027-01-04T16:59:59.999Z');
  });
});

describe('supervision flag steps', () => {
  it('is overdue only while awaiting an answer after the deadline', () => {
    const dueAt = '2026-12-11T16:59:59.999Z';
    const after = new Date('2026-12-12T00:00:00Z');
    expect(isFlagOverdue({ status: 'awaiting_answer', answerDueAt: dueAt }, after)).toBe(true);
    expect(isFlagOverdue({ status: 'awaiting_answer', answerDueAt: dueAt }, new Date(dueAt))).toBe(false);
    expect(isFlagOverdue({ status: 'answered', answerDueAt: dueAt }, after)).toBe(false);
    expect(isFlagOverdue({ status: 'closed', answerDueAt: dueAt }, after)).toBe(false);
    expect(isFlagOverdue({ status: null, answerDueAt: null }, after)).toBe(false);
  });

  it('answers until closed, keeps open only an answered flag, and never reopens a closed one', () => {
    expect(canTakeFlagStep('awaiting_answer', 'answer')).toBe(true);
    expect(canTakeFlagStep('answered', 'answer')).toBe(true);
    expect(canTakeFlagStep('awaiting_answer', 'keep_open')).toBe(false);
    expect(canTakeFlagStep('answered', 'keep_open')).toBe(true);
    expect(canTakeFlagStep('answered', 'close')).toBe(true);
    for (const step of ['answer', 'close', 'keep_open'] as const) expect(canTakeFlagStep('closed', step)).toBe(false);
  });
});
