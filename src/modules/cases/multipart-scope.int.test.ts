/**
 * Only the routes that take files parse multipart bodies (core/http/multipart.ts): a JSON route answers
 * a multipart body with a localised 415 and writes nothing, while the routes with files still take
 * them. (Registered for the whole server, the multipart parser's hooks ran on every request, the
 * public status lookup included.) Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRows } from '../../core/audit/audit-log.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';

function multipartForm(fields: Record<string, string>) {
  const boundary = '----tiengdan-scope-boundary';
  const body = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('');
  return { body: `${body}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('cases: multipart bodies only where files are taken', () => {
  let t: CasesTestApp;
  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => t.close());

  it('a JSON route answers a multipart body with a localised 415 and follows nothing', async () => {
    const created = await t.submit();
    const form = multipartForm({ email: 'theo.doi@example.vn' });
    const auditOfCase = async () => (await findAuditRows(t.ctx.db, { communeId: t.communeId, entityId: created.id, limit: 100, offset: 0 })).length;
    const auditBefore = await auditOfCase();
    for (const [language, wording] of [
      ['vi', /Định dạng dữ liệu không được hỗ trợ/],
      ['en', /content type is not supported/],
    ] as const) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${created.code}/follow`,
        headers: { cookie: t.anonymous.cookie, 'x-csrf-token': t.anonymous.csrfToken, 'content-type': form.contentType, 'accept-language': language },
        payload: form.body,
      });
      expect(response.statusCode, response.body).toBe(415);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().title).toMatch(wording);
    }
    expect(await auditOfCase()).toBe(auditBefore);
  });

  it('the routes that take files still read multipart bodies', async () => {
    const form = multipartForm({ payload: JSON.stringify({ kind: 'feedback', title: 'x' }) });
    expect(form.contentType).toContain('multipart/form-data');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: t.anonymous.cookie, 'x-csrf-token': t.anonymous.csrfToken, 'content-type': form.contentType, 'accept-language': 'vi' },
      payload: form.body,
    });
    // Read and checked: a field error about the case, not a refused media type.
    expect(response.statusCode, response.body).toBe(400);
    expect(JSON.stringify(response.json())).toContain('title');
  });
});
