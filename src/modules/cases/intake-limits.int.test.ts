/**
 * The staff intake form states the commune's attachment limits before an officer attaches the
 * resident's scanned letter or photos (issue 3 point 2(b) and point 11; LAW-COMPLAINT-01 related
 * documents, LAW-COMPLAINT-13 the case file). GET /api/v1/cases/intake/limits reads the same
 * settings the portal form states and the upload enforces, for staff who may enter cases only.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestApp, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

describe('cases: the attachment limits of the staff intake form', () => {
  let t: CasesTestApp;
  let officer: StaffSession;
  let admin: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
    admin = await t.staff('admin');
  });
  afterAll(async () => t.close());

  /** A multipart intake: the case in `payload`, then the files. */
  const intakeWithFiles = async (title: string, files: ReadonlyArray<{ name: string; type: string; bytes: Buffer }>) => {
    const boundary = 'intake-limits-boundary';
    const payload = { channel: 'letter', kind: 'feedback', categoryId: t.categoryIds.ROADS, areaId: null, title, description: 'Người dân gửi thư kèm ảnh chụp.', privacy: 'handler_only', submitter: { fullName: 'Trần Thị Thư', phone: null, email: null, address: 'Thôn Nhuận Đông' } };
    const parts: Buffer[] = [Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(payload)}\r\n`)];
    for (const file of files) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="attachments"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return t.app.inject({ method: 'POST', url: '/api/v1/cases/intake', headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
  };

  it('an officer reads the commune\'s limits, and they follow the settings an admin saves', async () => {
    const before = await t.inject('GET', '/api/v1/cases/intake/limits', officer);
    expect(before.statusCode, before.body).toBe(200);
    const settings = (await t.inject('GET', '/api/v1/admin/cases/settings', admin)).json() as Record<string, unknown>;
    expect(before.json()).toEqual({ maxAttachments: settings.maxAttachments, attachmentMaxBytes: settings.attachmentMaxBytes, mapBounds: settings.mapBounds });

    const { updatedAt: _updatedAt, ...editable } = settings;
    const saved = await t.inject('PUT', '/api/v1/admin/cases/settings', admin, Object.assign({}, editable, { maxAttachments: 1, attachmentMaxBytes: 200 * 1024 }));
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await t.inject('GET', '/api/v1/cases/intake/limits', officer);
    expect(after.json()).toEqual({ maxAttachments: 1, attachmentMaxBytes: 200 * 1024, mapBounds: { south: 6, west: 102, north: 23.5, east: 117.9 } });

    // The limit the form states is the one the upload enforces: a second file is refused, nothing written.
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 10, g: 10, b: 10 } } }).png().toBuffer();
    const title = 'Thư kèm hai ảnh khi xã cho một tệp';
    const refused = await intakeWithFiles(title, [
      { name: 'mot.png', type: 'image/png', bytes: png },
      { name: 'hai.png', type: 'image/png', bytes: png },
    ]);
    expect(refused.statusCode).toBe(400);
    expect((refused.json().errors as { field: string }[]).map((error) => error.field)).toEqual(['attachments']);
    expect(await t.ctx.db.selectFrom('cases_items').select('id').where('title', '=', title).execute()).toEqual([]);
    const accepted = await intakeWithFiles(title, [{ name: 'mot.png', type: 'image/png', bytes: png }]);
    expect(accepted.statusCode, accepted.body).toBe(201);
  });

  it('only staff who may enter cases read them: 401 signed out, 403 for an admin', async () => {
    expect((await t.inject('GET', '/api/v1/cases/intake/limits', null)).statusCode).toBe(401);
    expect((await t.inject('GET', '/api/v1/cases/intake/limits', admin)).statusCode).toBe(403);
    const leader = await t.staff('leader');
    expect((await t.inject('GET', '/api/v1/cases/intake/limits', leader)).statusCode).toBe(200);
  });
});
