/**
 * `npx tsx bench/calendar.ts`: micro-benchmark of the pure working-day calendar and the deadline
 * computation (no server, no database). Prints ops/s per scenario, then a SHA-256 fingerprint of
 * the outputs over a wide grid of inputs, so a refactor can prove it is both faster and unchanged
 * (same fingerprint before and after). Iterations scale with BENCH_SCALE (default 1).
 */
import { createHash } from 'node:crypto';
import {
  addDays,
  createWorkingCalendar,
  formatLongDate,
  type CalendarOverride,
  type WorkingCalendar,
} from '../src/core/calendar/index.js';
import { computeDeadline, type DeadlineExtension, type DeadlinePause } from '../src/modules/cases/domain/compute-deadline.js';
import { explanationToText } from '../src/modules/cases/domain/deadline-explanation.js';
import { defaultDeadlineRules, type DeadlineRule } from '../src/modules/cases/domain/deadlines.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const at = (local: string): Date => new Date(`${local}+07:00`);

function ruleById(id: string): DeadlineRule {
  const rule = defaultDeadlineRules.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`rule missing: ${id}`);
  return rule;
}

const overrides: CalendarOverride[] = [
  { date: '2027-02-04', kind: 'day_off', note: 'Hoán đổi ngày làm việc (QĐ của Thủ tướng)' },
  { date: '2027-02-20', kind: 'working_day', note: 'Làm bù thứ Bảy 20/02/2027' },
  { date: '2026-04-29', kind: 'day_off', note: 'Nghỉ hoán đổi' },
  { date: '2026-05-09', kind: 'working_day', note: 'Làm bù thứ Bảy 09/05/2026' },
];
const calendar = createWorkingCalendar({ overrides });
const feedback = ruleById('feedback.resolution');
const start = at('2027-01-29T10:00:00');
const now = at('2027-02-01T09:00:00');
const pauses: DeadlinePause[] = [{ from: at('2027-02-15T10:00:00'), to: at('2027-02-17T09:00:00') }];

let sink = 0;
function bench(name: string, iterations: number, run: () => number): void {
  const warm = Math.max(1, Math.floor(iterations / 10));
  for (let index = 0; index < warm; index += 1) sink += run();
  const begin = process.hrtime.bigint();
  for (let index = 0; index < iterations; index += 1) sink += run();
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  const ops = iterations / seconds;
  console.log(`${name.padEnd(64)} ${String(iterations).padStart(8)} ops  ${ops.toFixed(0).padStart(10)} ops/s  ${((seconds * 1e6) / iterations).toFixed(2).padStart(8)} µs/op`);
}

const deadlineOnce = (): number =>
  computeDeadline({ rule: feedback, start, calendar, pauses, now }).explanation.length;
const sample = computeDeadline({ rule: feedback, start, calendar, pauses, now });

console.log(`sample: due ${sample.dueDate}, ${sample.explanation.length} explanation steps`);
bench('computeDeadline 15 working days across Tết 2027 + pause', Math.round(100_000 * SCALE), deadlineOnce);
bench('computeDeadline + explanationToText(vi)', Math.round(100_000 * SCALE), () =>
  explanationToText(computeDeadline({ rule: feedback, start, calendar, pauses, now }).explanation, 'vi').length,
);
bench('explanationToText vi + en (precomputed explanation)', Math.round(100_000 * SCALE), () =>
  explanationToText(sample.explanation, 'vi').length + explanationToText(sample.explanation, 'en').length,
);
bench('calendar.addWorkingDays(2027-01-29, 15)', Math.round(200_000 * SCALE), () => calendar.addWorkingDays('2027-01-29', 15).length);
bench('calendar.countWorkingDaysBetween(2026-01-01, 2026-12-31)', Math.round(10_000 * SCALE), () =>
  calendar.countWorkingDaysBetween('2026-01-01', '2026-12-31'),
);
bench('cold: createWorkingCalendar + computeDeadline', Math.round(5_000 * SCALE), () =>
  computeDeadline({ rule: feedback, start, calendar: createWorkingCalendar({ overrides }), pauses, now }).explanation.length,
);

// Fingerprint: every output over a grid of calendars, start days, rules, pauses and extensions.
function fingerprint(): string {
  const hash = createHash('sha256');
  const calendars: WorkingCalendar[] = [
    createWorkingCalendar(),
    calendar,
    createWorkingCalendar({ weekendDays: [0] }),
    createWorkingCalendar({ hasCompensatoryDaysOff: false, nationalDayAdjacent: 'before' }),
    createWorkingCalendar({ nationalDayAdjacent: 'after', weekendDays: [5, 6] }),
  ];
  const rules = defaultDeadlineRules;
  for (const [calendarIndex, cal] of calendars.entries()) {
    hash.update(`cal${calendarIndex}`);
    for (let year = 2020; year <= 2032; year += 1) hash.update(JSON.stringify(cal.holidaysInYear(year)));
    for (let date = '2025-12-20'; date <= '2028-01-10'; date = addDays(date, 1)) {
      hash.update(JSON.stringify(cal.explainDay(date)));
      hash.update(`${cal.isWorkingDay(date)}|${cal.addWorkingDays(date, 7)}|${cal.addWorkingDays(date, -4)}|${cal.nextWorkingDay(date)}`);
      hash.update(`${cal.countWorkingDaysBetween(date, addDays(date, 40))}|${cal.countWorkingDaysBetween(date, addDays(date, -9))}|${cal.addCalendarDays(date, 30)}`);
      hash.update(`${formatLongDate(date, 'vi')}|${formatLongDate(date, 'en')}`);
    }
    for (let date = '2026-01-01'; date <= '2027-12-31'; date = addDays(date, 3)) {
      for (const [ruleIndex, rule] of rules.entries()) {
        const variant = (ruleIndex + date.charCodeAt(9)) % 4;
        const runPauses: DeadlinePause[] =
          variant === 0 ? [] : variant === 1
            ? [{ from: at(`${addDays(date, 2)}T10:00:00`), to: at(`${addDays(date, 6)}T09:00:00`) }]
            : variant === 2
              ? [{ from: at(`${addDays(date, 1)}T10:00:00`) }]
              : [{ from: at(`${addDays(date, 1)}T10:00:00`), to: at(`${addDays(date, 3)}T09:00:00`) }, { from: at(`${addDays(date, 12)}T23:30:00`), to: null }];
        const extensions: DeadlineExtension[] =
          rule.extension
            ? [
                { amount: rule.extension.maxAmountEach, unit: rule.extension.unit, approvedAt: at(`${addDays(date, 5)}T08:00:00`) },
                { amount: 1, unit: 'working_days', approvedAt: at(`${addDays(date, 4)}T08:00:00`) },
                { amount: rule.extension.maxAmountEach + 1, unit: rule.extension.unit, approvedAt: at(`${addDays(date, 6)}T08:00:00`) },
              ]
            : [];
        const result = computeDeadline({
          rule, start: at(`${date}T${variant === 3 ? '23:30' : '08:00'}:00`), calendar: cal, pauses: runPauses, extensions,
          now: at(`${addDays(date, 9)}T12:00:00`), shouldRollForwardCalendarDeadline: variant !== 1,
        });
        hash.update(JSON.stringify(result));
        hash.update(explanationToText(result.explanation, 'vi').join('\n'));
        hash.update(explanationToText(result.explanation, 'en').join('\n'));
      }
    }
  }
  return hash.digest('hex');
}

console.log(`fingerprint: ${fingerprint()}`);
if (sink === -1) console.log('unreachable');
