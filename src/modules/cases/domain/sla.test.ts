import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, endOfLocalDay } from '../../../core/calendar/index.js';
import { classifyTimeliness, reminderDates } from './sla.js';

describe('classifyTimeliness', () => {
  const dueAt = endOfLocalDay('2026-03-20');
  it('classifies answered and open cases', () => {
    expect(classifyTimeliness(dueAt, new Date('2026-03-20T16:59:59.999Z'), new Date('2026-04-01T00:00:00Z'))).toBe('on_time');
    expect(classifyTimeliness(dueAt, new Date('2026-03-20T17:00:00Z'), new Date('2026-04-01T00:00:00Z'))).toBe('late');
    expect(classifyTimeliness(dueAt, null, new Date('2026-03-20T10:00:00Z'))).toBe('open_on_time');
    expect(classifyTimeliness(dueAt, null, new Date('2026-03-20T17:00:00Z'))).toBe('open_overdue');
  });
});

describe('reminderDates', () => {
  const calendar = createWorkingCalendar();
  it('counts back in working days over Tết 2026 and sends at 08:00 local', () => {
    // Due Tuesday 24/02/2026: 1 working day before = Monday 23/02; 3 before = Thursday 12/02 (16–20/02 is Tết).
    const reminders = reminderDates(endOfLocalDay('2026-02-24'), calendar, { daysBefore: [3, 1] });
    expect(reminders.map((reminder) => [reminder.daysBefore, reminder.date])).toEqual([[3, '2026-02-12'], [1, '2026-02-23']]);
    expect(reminders[1]?.remindAt.toISOString()).toBe('2026-02-23T01:00:00.000Z');
  });

  it('uses [3, 1] by default and removes duplicates', () => {
    expect(reminderDates(endOfLocalDay('2026-03-20'), calendar).map((reminder) => reminder.date)).toEqual(['2026-03-17', '2026-03-19']);
    expect(reminderDates(endOfLocalDay('2026-03-20'), calendar, { daysBefore: [1, 1] })).toHaveLength(1);
  });
});
