import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type BrowserCookies } from '../../../test/kit/auth.js';
import { buildTestApp, createTestClock, testDialect, type TestApp } from '../../../test/kit/app.js';
import { findOutboxEvents } from '../jobs/outbox.js';
import { checkCalendarOverride } from './override-rules.js';

/*
 * The calendar admin API refuses meaningless overrides (LAW-BASE-10: the deadline engine's holiday
 * calendar must stay right): a date years away, a make-up working day on a day already worked, a
 * swapped day off on a day already off (weekend, Labour Code Art. 112 holiday). Re-entering a date
 * replaces it and says so. Run on the seeded demo commune, whose own overrides must pass the same rules.
 */
const overrides = '/api/v1/admin/calendar/overrides';
const clock = createTestClock('2026-11-26T03:00:00.000Z');
const TODAY = '2026-11-26';

let t: TestApp;
let admin: BrowserCookies;

beforeAll(async () => {
  t = await buildTestApp({ clock: clock.clock, seedDemo: true });
  admin = await signIn(t.app, 'quantri@nhuquynh.demo', 'NhuQuynh@2026');
});
afterAll(async () => t?.close());

const put = (date: string, body: { kind: string; note: string }, locale = 'vi') =>
  t.app.inject({ method: 'PUT', url: `${overrides}/${date}`, payload: body, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'accept-language': locale } });
const list = async () => (await t.app.inject({ method: 'GET', url: overrides, headers: { cookie: admin.cookie } })).json<Array<{ date: string; kind: string; note: string }>>();
const fieldErrors = (response: { json: () => unknown }) => (response.json() as { errors?: Array<{ field: string; message: string }> }).errors;

describe(`calendar overrides are checked by the server on ${testDialect}`, () => {
  // The demo seed records no override today; any it gains later must pass the same rules.
  it("the demo commune's own overrides satisfy the rules", async () => {
    for (const override of await list()) {
      expect(checkCalendarOverride({ date: override.date, kind: override.kind as 'day_off' | 'working_day' }, TODAY, 'vi'), override.date).toEqual([]);
    }
  });

  it('refuses a date outside last year … two years ahead (a typo guard), naming the field date', async () => {
    const response = await put('1900-01-01', { kind: 'day_off', note: 'Gõ nhầm năm' });
    expect(response.statusCode).toBe(400);
    expect(fieldErrors(response)).toEqual([{ field: 'date', message: 'Thứ Hai, 01/01/1900 nằm ngoài khoảng lịch làm việc nhận ghi (01/01/2025 – 31/12/2028). Vui lòng kiểm tra lại năm.' }]);
    // The edges: 31/12/2024 and 01/01/2029 are refused, 01/01/2025 (a Wednesday) is accepted.
    expect((await put('2024-12-31', { kind: 'day_off', note: 'x' })).statusCode).toBe(400);
    expect((await put('2029-01-01', { kind: 'day_off', note: 'x' })).statusCode).toBe(400);
    const english = await put('2029-01-01', { kind: 'day_off', note: 'x' }, 'en');
    expect(fieldErrors(english)?.[0]?.message).toBe('Monday, 01/01/2029 is outside the dates the working calendar accepts (01/01/2025 – 31/12/2028). Check the year.');
    expect((await put('2025-01-02', { kind: 'day_off', note: 'Nghỉ hoán đổi' })).statusCode).toBe(200);
    const dates = (await list()).map((override) => override.date);
    expect(dates).not.toContain('1900-01-01');
    expect(dates).not.toContain('2024-12-31');
    expect(dates).not.toContain('2029-01-01');
  });

  it('refuses a make-up working day on a day that is already worked (an ordinary Wednesday)', async () => {
    const eventsBefore = (await findOutboxEvents(t.ctx.db)).length;
    const response = await put('2026-12-02', { kind: 'working_day', note: 'Làm bù' });
    expect(response.statusCode).toBe(400);
    expect(fieldErrors(response)).toEqual([{ field: 'date', message: 'Thứ Tư, 02/12/2026 vốn là ngày làm việc; ngày làm bù chỉ đặt vào thứ Bảy, Chủ Nhật hoặc ngày lễ.' }]);
    expect(fieldErrors(await put('2026-12-02', { kind: 'working_day', note: 'Make-up' }, 'en'))?.[0]?.message).toBe(
      'Wednesday, 02/12/2026 is already a working day; a make-up working day can only fall on a Saturday, a Sunday or a public holiday.',
    );
    expect((await list()).some((override) => override.date === '2026-12-02')).toBe(false);
    // Nothing was written, so no deadline recomputation is asked for.
    expect((await findOutboxEvents(t.ctx.db)).length).toBe(eventsBefore);
  });

  it('accepts a make-up working day on a Saturday and on a Tết day', async () => {
    expect((await put('2027-03-13', { kind: 'working_day', note: 'Làm bù cho ngày nghỉ hoán đổi' })).statusCode).toBe(200);
    expect((await put('2027-02-09', { kind: 'working_day', note: 'Làm bù (thử nghiệm)' })).statusCode).toBe(200);
  });

  it('refuses a swapped day off on a day already off, naming the holiday or the weekly rest day', async () => {
    const nationalDay = await put('2027-09-02', { kind: 'day_off', note: 'Nghỉ Quốc khánh' });
    expect(nationalDay.statusCode).toBe(400);
    expect(fieldErrors(nationalDay)).toEqual([{ field: 'date', message: 'Thứ Năm, 02/09/2027 vốn đã là ngày nghỉ: Quốc khánh (2/9). Ngày nghỉ hoán đổi chỉ đặt vào ngày làm việc.' }]);
    expect(fieldErrors(await put('2027-09-02', { kind: 'day_off', note: 'x' }, 'en'))?.[0]?.message).toBe('Thursday, 02/09/2027 is already a day off: National Day. A swapped day off can only fall on a working day.');
    const sunday = await put('2026-12-06', { kind: 'day_off', note: 'Nghỉ' });
    expect(fieldErrors(sunday)?.[0]?.message).toBe('Chủ Nhật, 06/12/2026 vốn đã là ngày nghỉ: nghỉ hằng tuần. Ngày nghỉ hoán đổi chỉ đặt vào ngày làm việc.');
    // A compensatory day off (nghỉ bù) computed by the calendar is already off too.
    const compensatory = await put('2027-05-03', { kind: 'day_off', note: 'Nghỉ bù' });
    expect(fieldErrors(compensatory)?.[0]?.message).toContain('Nghỉ bù cho Ngày Quốc tế Lao động (1/5)');
    const dates = (await list()).map((override) => override.date);
    expect(dates).not.toContain('2027-09-02');
    expect(dates).not.toContain('2026-12-06');
  });

  it('re-entering a date replaces its note and answers isCreated: false (still 200)', async () => {
    const first = await put('2026-12-04', { kind: 'day_off', note: 'Nghỉ theo quyết định của tỉnh' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ date: '2026-12-04', kind: 'day_off', note: 'Nghỉ theo quyết định của tỉnh', isCreated: true });
    // The date's own override does not count against it: a day off stays a day off on a working day.
    const again = await put('2026-12-04', { kind: 'day_off', note: 'Nghỉ theo Quyết định số 12/QĐ-UBND' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ date: '2026-12-04', kind: 'day_off', note: 'Nghỉ theo Quyết định số 12/QĐ-UBND', isCreated: false });
    expect((await list()).filter((override) => override.date === '2026-12-04')).toEqual([{ date: '2026-12-04', kind: 'day_off', note: 'Nghỉ theo Quyết định số 12/QĐ-UBND' }]);
    // Changing the kind is judged on the day itself: a Friday cannot become a make-up working day.
    expect(fieldErrors(await put('2026-12-04', { kind: 'working_day', note: 'x' }))?.[0]?.field).toBe('date');
    expect((await t.app.inject({ method: 'DELETE', url: `${overrides}/2026-12-04`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken } })).statusCode).toBe(204);
  });
});
