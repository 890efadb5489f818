import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/**
 * The indicators page's API: group names instead of ids, and the CSV export of the same table
 * (`GET /api/v1/cases/indicators.csv`): permission `cases.indicators`, the JSON route's validation,
 * UTF-8 with BOM, a header row in the asked language, an audit row per export, counts only
 * (a sealed identity never reaches it, LAW-DENUNC-11/12; anonymous reports are counted, LAW-DENUNC-04).
 */
const PERIOD = 'from=2026-11-01&to=2026-11-30';
const CANARY = 'Canary Tố Cáo 7f3a';
const ECONOMY_UNIT = 'Phòng Kinh tế (đất đai, xây dựng, môi trường, giao thông)';
const OFFICE_UNIT = 'Văn phòng HĐND và UBND xã';

/** RFC 4180 records, enough for these tests: quoted fields may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  for (const line of text.split('\r\n').filter(Boolean)) {
    const fields: string[] = [];
    for (const match of line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)) {
      const raw = match[1] ?? '';
      fields.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    }
    records.push(fields);
  }
  return records;
}

describe('case indicators: names and CSV export', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  let officer: StaffSession;
  let supervisor: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    leader = await t.staff('leader');
    officer = await t.staff('officer', 'KINH-TE');
    supervisor = await t.staff('supervisor');
    await t.submit();
    await t.submit({ kind: 'corruption_report', categoryId: t.categoryIds.CONDUCT, title: 'Thu tiền sai quy định', description: 'Bộ phận một cửa thu thêm phí không có biên lai.', privacy: 'anonymous', submitter: undefined });
    await t.submit({ kind: 'denunciation', categoryId: t.categoryIds.LAND, title: 'Tố cáo thu tiền làm sổ đỏ', description: 'Cán bộ địa chính thu tiền ngoài quy định.', submitter: { fullName: CANARY, address: 'Số 9 ngõ Canary', phone: '0987000111' } });
    const assigned = await t.submit({ categoryId: t.categoryIds.WATER, title: 'Nước sạch yếu', description: 'Nước sạch chảy yếu vào buổi tối.' });
    expect((await t.inject('POST', `/api/v1/cases/${assigned.id}/actions`, leader, { type: 'accept' })).statusCode).toBe(200);
    expect((await t.inject('POST', `/api/v1/cases/${assigned.id}/actions`, leader, { type: 'assign', unitId: t.unitIds['KINH-TE'], officerId: officer.userId })).statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  const exports = () => findAuditRows(t.ctx.db, { communeId: t.communeId, action: 'cases.indicators.exported', limit: 50, offset: 0 });

  it('the JSON route names every group in the asked language, never by id', async () => {
    const byUnit = (await t.inject('GET', `/api/v1/cases/indicators?${PERIOD}&groupBy=unit`, leader)).json();
    // Intake routes each case to its category's default unit (officials' conduct: the office).
    expect(byUnit.groupNames).toEqual({ [t.unitIds['KINH-TE']!]: ECONOMY_UNIT, [t.unitIds['VAN-PHONG']!]: OFFICE_UNIT });
    const byCategory = (await t.inject('GET', `/api/v1/cases/indicators?${PERIOD}&groupBy=category&lang=en`, leader)).json();
    expect(Object.values(byCategory.groupNames).sort()).toEqual(['Clean water', 'Land', "Officials' conduct", 'Roads and traffic']);
    const byDimension = (await t.inject('GET', `/api/v1/cases/indicators?${PERIOD}&groupBy=dimension`, leader)).json();
    expect(byDimension.groupNames).toEqual({ D4: 'D4 – Kiểm soát tham nhũng', D5: 'D5 – Thủ tục hành chính công', D6: 'D6 – Cung ứng dịch vụ công' });
    const byKind = (await t.inject('GET', `/api/v1/cases/indicators?${PERIOD}&groupBy=kind`, leader)).json();
    expect(Object.keys(byKind.groupNames).sort()).toEqual(['corruption_report', 'denunciation', 'feedback']);
    expect(Object.values(byKind.groupNames)).not.toContain('feedback');
  });

  it('is refused to a role without cases.indicators (403) and to nobody signed in (401), and nothing is audited', async () => {
    const before = (await exports()).length;
    expect((await t.inject('GET', `/api/v1/cases/indicators.csv?${PERIOD}`, officer)).statusCode).toBe(403);
    expect((await t.inject('GET', `/api/v1/cases/indicators.csv?${PERIOD}`, null)).statusCode).toBe(401);
    expect((await exports()).length).toBe(before);
  });

  it('answers a bad period with the JSON route\'s localised 400 naming the field, and audits nothing', async () => {
    const before = (await exports()).length;
    const reversed = await t.inject('GET', '/api/v1/cases/indicators.csv?from=2026-11-30&to=2026-11-01', leader);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors).toEqual([{ field: 'querystring.to', message: 'Ngày kết thúc phải cùng hoặc sau ngày bắt đầu.' }]);
    const json = await t.inject('GET', '/api/v1/cases/indicators?from=2026-11-30&to=2026-11-01', leader);
    expect(reversed.json().errors).toEqual(json.json().errors);
    const english = await t.inject('GET', '/api/v1/cases/indicators.csv?from=2026-11-30&to=2026-11-01&lang=en', leader);
    expect(english.json().errors[0].field).toBe('querystring.to');
    expect(english.json().errors[0].message).not.toBe('Ngày kết thúc phải cùng hoặc sau ngày bắt đầu.');
    const unreadable = await t.inject('GET', '/api/v1/cases/indicators.csv?from=31/02/2026&to=2026-11-30', leader);
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.json().errors.map((error: { field: string }) => error.field)).toContain('querystring.from');
    expect((await t.inject('GET', '/api/v1/cases/indicators.csv?from=2026-11-01&to=2026-11-30&groupBy=hamlet', leader)).statusCode).toBe(400);
    expect((await exports()).length).toBe(before);
  });

  it('sends the table as a UTF-8 CSV with BOM: Vietnamese header, one row per group by name, then the commune row', async () => {
    const response = await t.inject('GET', `/api/v1/cases/indicators.csv?${PERIOD}&groupBy=category`, leader);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="chi-so-phan-anh-2026-11-01-2026-11-30.csv"');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = response.rawPayload.toString('utf8').slice(1);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['Lĩnh vực', 'Tổng số hồ sơ', 'Đã trả lời đúng hạn', 'Đã trả lời quá hạn', 'Đang giải quyết, còn hạn', 'Đang giải quyết, quá hạn', 'Tỷ lệ đúng hạn (%)', 'Số ngày trả lời (trung vị)', 'Tỷ lệ mở lại (%)', 'Đánh giá trung bình (1–5)']);
    // Categories by Vietnamese name; the one with a comma in its name is quoted, not split.
    expect(rows.map((row) => row[0])).toEqual(['Đất đai', 'Đường giao thông', 'Nước sạch', 'Thái độ, tác phong cán bộ', 'Toàn xã']);
    expect(text).toContain('"Thái độ, tác phong cán bộ"');
    for (const row of rows) expect(row).toHaveLength(header!.length);
    // Nothing answered yet: four open cases on time, no rate, no median, no rating (empty cells).
    expect(rows.at(-1)).toEqual(['Toàn xã', '4', '0', '0', '4', '0', '', '', '', '']);
    expect(Object.values(t.categoryIds)).not.toContain(rows[0]![0]);
    expect(text).not.toContain(CANARY);
  });

  it('writes the header in English when asked, and the kind labels (anonymous reports counted, LAW-DENUNC-04)', async () => {
    const response = await t.inject('GET', `/api/v1/cases/indicators.csv?${PERIOD}&groupBy=kind&lang=en`, supervisor);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="case-indicators-2026-11-01-2026-11-30.csv"');
    const [header, ...rows] = parseCsv(response.rawPayload.toString('utf8').slice(1));
    expect(header!.slice(0, 3)).toEqual(['Kind of case', 'Total cases', 'Answered on time']);
    expect(rows.map((row) => [row[0], row[1]])).toEqual([
      ['Feedback and recommendation', '2'],
      ['Denunciation', '1'],
      ['Anonymous corruption report', '1'],
      ['Whole commune', '4'],
    ]);
  });

  it('writes every export to the audit log: who, which period, grouping and language', async () => {
    const before = (await exports()).length;
    const response = await t.inject('GET', `/api/v1/cases/indicators.csv?${PERIOD}&groupBy=unit`, leader);
    expect(response.statusCode).toBe(200);
    const rows = await exports();
    expect(rows.length).toBe(before + 1);
    const row = rows.find((entry) => JSON.parse(entry.details).groupBy === 'unit')!;
    expect(row.actor_user_id).toBe(leader.userId);
    expect(JSON.parse(row.details)).toEqual({ from: '2026-11-01', to: '2026-11-30', groupBy: 'unit', lang: 'vi', rows: 3 });
    const lines = parseCsv(response.rawPayload.toString('utf8').slice(1));
    expect(lines.map((line) => line[0])).toEqual(['Đơn vị xử lý', ECONOMY_UNIT, OFFICE_UNIT, 'Toàn xã']);
  });

  // Runs last: it adds a case the tests above do not count.
  it('names cases no unit has been given yet "Chưa giao đơn vị", after the units', async () => {
    const admin = await t.staff('admin');
    const created = await t.inject('POST', '/api/v1/admin/cases/categories', admin, { code: 'CAY-XANH', nameVi: 'Cây xanh', nameEn: 'Trees', kinds: ['feedback'], papiDimension: 'D7' });
    expect(created.statusCode, created.body).toBe(201);
    await t.submit({ categoryId: created.json().id, title: 'Cây đổ', description: 'Cây đổ chắn ngang đường sau bão.' });
    const json = (await t.inject('GET', `/api/v1/cases/indicators?${PERIOD}&groupBy=unit`, leader)).json();
    expect(json.groupNames.unassigned).toBe('Chưa giao đơn vị');
    const english = (await t.inject('GET', `/api/v1/cases/indicators?${PERIOD}&groupBy=unit&lang=en`, leader)).json();
    expect(english.groupNames.unassigned).toBe('No unit assigned yet');
    const response = await t.inject('GET', `/api/v1/cases/indicators.csv?${PERIOD}&groupBy=unit`, leader);
    const lines = parseCsv(response.rawPayload.toString('utf8').slice(1));
    expect(lines.map((line) => [line[0], line[1]])).toEqual([
      ['Đơn vị xử lý', 'Tổng số hồ sơ'],
      [ECONOMY_UNIT, '3'],
      [OFFICE_UNIT, '1'],
      ['Chưa giao đơn vị', '1'],
      ['Toàn xã', '5'],
    ]);
  });
});
