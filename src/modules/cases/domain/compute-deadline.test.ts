import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, toLocalDate } from '../../../core/calendar/index.js';
import { canExtend, checkExtension, computeDeadline } from './compute-deadline.js';
import { explanationToText } from './deadline-explanation.js';
import { defaultDeadlineRules, selectRule, type DeadlineRule } from './deadlines.js';

const calendar = createWorkingCalendar();
const now = new Date('2026-01-01T00:00:00Z');
const at = (local: string): Date => new Date(`${local}+07:00`);
function ruleFor(...args: Parameters<typeof selectRule> extends [unknown, ...infer Rest] ? Rest : never): DeadlineRule {
  const rule = selectRule(defaultDeadlineRules, ...args);
  if (!rule) throw new Error('rule missing');
  return rule;
}
const feedbackRule = ruleFor('feedback', 'resolution', at('2026-01-01T00:00:00'));

describe('computeDeadline — working days (LAW-PAKN-08)', () => {
  it('15 working days from Friday 29/01/2027 skip Tết 2027 (5–11 Feb) → Friday 26/02/2027', () => {
    const result = computeDeadline({ rule: feedbackRule, start: at('2027-01-29T10:00:00'), calendar, now });
    expect(result.dueDate).toBe('2027-02-26');
    expect(result.dueAt.toISOString()).toBe('2027-02-26T16:59:59.999Z');
    const skipped = result.explanation.flatMap((step) => (step.kind === 'skipped' ? [step.date] : []));
    expect(skipped).toEqual([
      '2027-01-30', '2027-01-31',
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11',
      '2027-02-13', '2027-02-14', '2027-02-20', '2027-02-21',
    ]);
    expect(result.explanation[0]).toEqual({ kind: 'rule', ruleId: 'feedback.resolution', version: 1, legalRef: 'LAW-PAKN-08', confidence: 'S', amount: 15, unit: 'working_days' });
    expect(result.isPaused).toBe(false);
  });

  it('starts counting at the next working day when received on a Saturday (UTC+7 date)', () => {
    // 18:00 UTC Friday is 01:00 Saturday in Vietnam.
    const result = computeDeadline({ rule: feedbackRule, start: new Date('2026-03-06T18:00:00Z'), calendar, now });
    expect(result.explanation[1]).toEqual({ kind: 'start', date: '2026-03-07', isWorkingDay: false });
    expect(result.dueDate).toBe('2026-03-27');
  });

  it('LAW-BASE-10: paused days are not counted (clock stop, inclusive of both ends)', () => {
    const pauses = [{ from: at('2026-03-04T10:00:00'), to: at('2026-03-09T09:00:00') }];
    const base = computeDeadline({ rule: feedbackRule, start: at('2026-03-02T08:00:00'), calendar, now });
    expect(base.dueDate).toBe('2026-03-23');
    const paused = computeDeadline({ rule: feedbackRule, start: at('2026-03-02T08:00:00'), calendar, pauses, now });
    expect(paused.dueDate).toBe('2026-03-27');
    expect(paused.explanation).toContainEqual({ kind: 'pause', from: '2026-03-04', to: '2026-03-09', daysAdded: 4, unit: 'working_days' });
  });

  it('LAW-BASE-10: an open pause runs until today and marks the case paused', () => {
    const result = computeDeadline({
      rule: feedbackRule, start: at('2026-03-02T08:00:00'), calendar,
      pauses: [{ from: at('2026-03-04T10:00:00') }], now: at('2026-03-10T12:00:00'),
    });
    expect(result.isPaused).toBe(true);
    expect(result.dueDate).toBe('2026-03-30');
    expect(result.explanation).toContainEqual({ kind: 'pause', from: '2026-03-04', to: null, daysAdded: 5, unit: 'working_days' });
  });

  it('LAW-DENUNC-02: initial processing 7 working days, one extension up to 10', () => {
    const rule = ruleFor('denunciation', 'acceptance', at('2026-03-02T08:00:00'));
    expect(computeDeadline({ rule, start: at('2026-03-02T08:00:00'), calendar, now }).dueDate).toBe('2026-03-11');
    const extended = computeDeadline({
      rule, start: at('2026-03-02T08:00:00'), calendar, now,
      extensions: [{ amount: 3, unit: 'working_days', approvedAt: at('2026-03-10T08:00:00') }],
    });
    expect(extended.dueDate).toBe('2026-03-16');
  });
});

describe('computeDeadline — calendar days', () => {
  it('LAW-COMPLAINT-07: 30 days from acceptance', () => {
    const rule = ruleFor('complaint', 'resolution', at('2026-03-02T08:00:00'));
    expect(computeDeadline({ rule, start: at('2026-03-02T08:00:00'), calendar, now }).dueDate).toBe('2026-04-01');
    const remoteComplex = ruleFor('complaint', 'resolution', at('2026-03-02T08:00:00'), 'remote_complex');
    expect(remoteComplex.amount).toBe(60);
  });

  it('rolls a last day that is a day off to the next working day (Civil Code Art. 148(5))', () => {
    const rule = ruleFor('complaint', 'resolution', at('2026-03-28T08:00:00'));
    // 28/03 + 30 = Monday 27/04/2026, nghỉ bù for Hùng Kings (Sunday 26/04) → Tuesday 28/04.
    const result = computeDeadline({ rule, start: at('2026-03-28T08:00:00'), calendar, now });
    expect(result.dueDate).toBe('2026-04-28');
    expect(result.explanation).toContainEqual({ kind: 'rolled_forward', from: '2026-04-27', to: '2026-04-28', legalRef: 'Civil Code 2015 Art. 148(5)' });
    expect(computeDeadline({ rule, start: at('2026-03-28T08:00:00'), calendar, now, shouldRollForwardCalendarDeadline: false }).dueDate).toBe('2026-04-27');
  });

  it('LAW-DENUNC-06: especially complex cases get at most two 30-day extensions', () => {
    const rule = ruleFor('denunciation', 'resolution', at('2026-03-02T08:00:00'), 'especially_complex');
    const extension = (date: string) => ({ amount: 30, unit: 'calendar_days' as const, approvedAt: at(`${date}T08:00:00`) });
    const result = computeDeadline({
      rule, start: at('2026-03-02T08:00:00'), calendar, now,
      extensions: [extension('2026-03-25'), extension('2026-04-25'), extension('2026-05-20')],
    });
    // 01/04 → +30 → 01/05 → +30 → Sunday 31/05 → Monday 01/06; the third extension is rejected.
    expect(result.dueDate).toBe('2026-06-01');
    expect(result.explanation.filter((step) => step.kind === 'extension')).toHaveLength(2);
    expect(result.explanation).toContainEqual({ kind: 'extension_rejected', amount: 30, unit: 'calendar_days', approvedOn: '2026-05-20', reason: 'max_count_reached' });
    const standard = ruleFor('denunciation', 'resolution', at('2026-03-02T08:00:00'));
    expect(computeDeadline({ rule: standard, start: at('2026-03-02T08:00:00'), calendar, now, extensions: [extension('2026-03-25')] }).dueDate).toBe('2026-04-01');
  });
});

describe('canExtend', () => {
  const rule = ruleFor('denunciation', 'acceptance', at('2026-03-02T08:00:00'));
  it('enforces count, amount and unit caps', () => {
    expect(canExtend(rule, [])).toBe(true);
    expect(canExtend(rule, [], { amount: 3, unit: 'working_days' })).toBe(true);
    expect(checkExtension(rule, [], { amount: 4, unit: 'working_days' })).toEqual({ allowed: false, reason: 'amount_too_large' });
    expect(checkExtension(rule, [], { amount: 3, unit: 'calendar_days' })).toEqual({ allowed: false, reason: 'unit_mismatch' });
    expect(checkExtension(rule, [{ amount: 3, unit: 'working_days' }])).toEqual({ allowed: false, reason: 'max_count_reached' });
    expect(checkExtension(feedbackRule, [])).toEqual({ allowed: false, reason: 'no_extension_allowed' });
  });
});

describe('explanationToText', () => {
  const result = computeDeadline({ rule: feedbackRule, start: at('2027-01-29T10:00:00'), calendar, now });
  it('renders Vietnamese with weekday names and dd/mm/yyyy', () => {
    const lines = explanationToText(result.explanation, 'vi');
    expect(lines[0]).toBe('Thời hạn giải quyết: 15 ngày làm việc, theo Quyết định 766/QĐ-TTg (chỉ số phục vụ người dân).');
    expect(lines[1]).toBe('Ngày tiếp nhận Thứ Sáu, 29/01/2027 không tính; bắt đầu tính từ ngày tiếp theo.');
    expect(lines).toContain('Không tính Thứ Sáu, 05/02/2027: Giao thừa (30 Tết).');
    expect(lines).toContain('Không tính Thứ Bảy, 06/02/2027: nghỉ cuối tuần; Mùng 1 Tết.');
    expect(lines).toContain('Không tính Thứ Tư, 10/02/2027: Nghỉ bù cho Mùng 1 Tết.');
    // Ordinary weekends between two other steps are one sentence; a weekend that is also Tết keeps its own line.
    expect(lines).toContain('Không tính 2 ngày nghỉ cuối tuần: 30/01/2027, 31/01/2027.');
    expect(lines.filter((line) => line.includes('nghỉ cuối tuần:'))).toEqual(['Không tính 2 ngày nghỉ cuối tuần: 30/01/2027, 31/01/2027.', 'Không tính 4 ngày nghỉ cuối tuần: 13/02/2027, 14/02/2027, 20/02/2027, 21/02/2027.']);
    expect(lines.at(-1)).toBe('Hạn giải quyết: hết ngày Thứ Sáu, 26/02/2027.');
  });

  it('renders English', () => {
    const lines = explanationToText(result.explanation, 'en');
    expect(lines).toContain('Skipped Tuesday, 09/02/2027: Lunar New Year day 4.');
    expect(lines).toContain('Skipped 2 weekend days: 30/01/2027, 31/01/2027.');
    expect(lines.at(-1)).toBe('Resolution due by the end of Friday, 26/02/2027.');
    expect(lines[0]).toBe('Time limit to resolve: 15 working days, under Decision 766/QĐ-TTg (citizen service index).');
    const paused = computeDeadline({ rule: feedbackRule, start: at('2026-03-02T08:00:00'), calendar, now: at('2026-03-10T12:00:00'), pauses: [{ from: at('2026-03-04T10:00:00') }] });
    expect(explanationToText(paused.explanation, 'en')).toContain('Clock stopped from Wednesday, 04/03/2026 to today (still paused): 5 working days added.');
    expect(toLocalDate(paused.dueAt)).toBe('2026-03-30');
  });
});
