import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/core/auth/index.js';
import { openSqlite } from '../../src/core/db/database.js';
import { createLogger } from '../../src/core/http/logger.js';
import { clearPortalCommuneCache } from '../../src/core/ui/portal-context.js';
import { buildApp, type AppHandle } from '../../src/server/app.js';
import { testConfig } from '../kit/app.js';
import { startTestSmtpServer, type TestSmtpServer } from '../kit/smtp.js';
import { launchBrowser, newPage, requireChromium, signInThroughPortal } from './kit.js';

/*
 * Canary for sealed identity (LAW-DENUNC-11/12): a denunciation filed through the portal with a
 * unique identity string. It must never appear in any response another role sees (officer of
 * another unit, supervisor, the public: lists, details, search, status page, Q&A, Open311), in any
 * log line (pino at debug, captured), or in any e-mail to staff — and it must appear for the
 * leader through the sealed endpoint, with an audit row written.
 */
const ready = requireChromium();
const canary = `CANARY-${randomBytes(6).toString('hex').toUpperCase()}`;
const canaryEmail = `${canary.toLowerCase()}@e2e.tiengdan.vn`;
const canaryPhone = `09${String(Number.parseInt(randomBytes(4).toString('hex'), 16) % 100_000_000).padStart(8, '0')}`;
const canaryAddress = `Số 7 ngõ ${canary}, thôn Lạc Cầu`;
/** Every spelling of the identity that must never leak. */
const needles = [canary, canary.toLowerCase(), canaryEmail, canaryPhone, `${canaryPhone.slice(0, 4)} ${canaryPhone.slice(4, 7)} ${canaryPhone.slice(7)}`, `+84${canaryPhone.slice(1)}`];

function leaks(text: string): string[] {
  return needles.filter((needle) => text.includes(needle));
}

interface CanaryServer {
  baseUrl: string;
  handle: AppHandle;
  logLines: string[];
  close(): Promise<void>;
}

/** The real server (demo, worker on, LOG_LEVEL=debug) whose pino output goes to an array we read. */
async function startServerCapturingLogs(env: Record<string, string>): Promise<CanaryServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tiengdan-e2e-canary-'));
  const config = testConfig({ DATA_DIR: dir, LOG_LEVEL: 'debug', ...env });
  const logLines: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
  clearPortalCommuneCache();
  const handle = await buildApp(config, { database: openSqlite({ file: join(dir, 'e2e.db') }), logger, seedDemo: true, startWorker: true });
  await handle.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = handle.app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    handle,
    logLines,
    close: async () => {
      await handle.close();
      clearPortalCommuneCache();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Record the body of every response a page's context receives (HTML, JSON, XML, scripts' API calls). */
function recordResponses(page: Page, into: Array<{ url: string; body: string }>): void {
  page.on('response', (response) => {
    void response
      .text()
      .then((body) => into.push({ url: response.url(), body }))
      .catch(() => undefined);
  });
}

describe.skipIf(!ready)('sealed identity canary', () => {
  let smtp: TestSmtpServer;
  let server: CanaryServer;
  let browser: Browser;
  let code: string;
  let caseId: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    server = await startServerCapturingLogs({ SMTP_URL: smtp.url });
    browser = await launchBrowser();

    // The denouncer files through the portal with JavaScript off.
    const denouncer = await newPage(browser, { javaScriptEnabled: false });
    denouncer.setDefaultTimeout(15_000);
    await denouncer.goto(`${server.baseUrl}/gui-phan-anh`);
    for (let guard = 0; guard < 12; guard += 1) {
      const step = await denouncer.locator('form input[name="_step"]').first().getAttribute('value');
      if (step === 'check') break;
      if (step === 'kind') await denouncer.locator('input[name="kind"][value="denunciation"]').check({ force: true });
      if (step === 'category') await denouncer.getByRole('radio', { name: /^Đất đai/ }).first().check({ force: true });
      if (step === 'area') await denouncer.locator('select[name="areaId"]').selectOption({ label: 'Thôn Lạc Cầu' });
      if (step === 'text') {
        await denouncer.locator('input[name="title"]').fill('Tố cáo cán bộ nhận tiền khi làm thủ tục đất');
        await denouncer.locator('textarea[name="description"]').fill('Cán bộ địa chính yêu cầu nộp thêm tiền ngoài lệ phí khi nhận hồ sơ chuyển nhượng đất; tôi có biên nhận viết tay.');
      }
      if (step === 'identity') {
        await denouncer.locator('input[name="fullName"]').fill(canary);
        await denouncer.locator('input[name="phone"]').fill(canaryPhone);
        await denouncer.locator('input[name="email"]').fill(canaryEmail);
        await denouncer.locator('input[name="submitterAddress"]').fill(canaryAddress);
      }
      await denouncer.locator('button[name="_action"][value="next"]').click();
      await denouncer.waitForLoadState('load');
    }
    await Promise.all([denouncer.waitForURL(/\/gui-phan-anh\/da-gui\//), denouncer.locator('button[name="_action"][value="submit"]').click()]);
    code = decodeURIComponent(new URL(denouncer.url()).pathname.split('/').pop() ?? '');
    await denouncer.context().close();
    const row = await server.handle.ctx.db.selectFrom('cases_items').select(['id', 'kind']).where('code', '=', code).executeTakeFirstOrThrow();
    expect(row.kind).toBe('denunciation');
    caseId = String(row.id);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  async function staffPage(email: string, seen: Array<{ url: string; body: string }>): Promise<Page> {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    recordResponses(page, seen);
    await signInThroughPortal(page, server.baseUrl, email, DEMO_PASSWORD);
    await page.waitForURL(/\/staff\//);
    return page;
  }

  it('never shows the identity to an officer of another unit, a supervisor or the public', async () => {
    const seen: Array<{ url: string; body: string }> = [];
    const api = [
      `/api/v1/cases`,
      `/api/v1/cases?q=${encodeURIComponent(canary)}`,
      `/api/v1/cases?q=${encodeURIComponent('địa chính')}`,
      `/api/v1/cases?code=${code}`,
      `/api/v1/cases/${caseId}`,
      `/api/v1/cases/${caseId}/sealed-identity`,
    ];
    for (const email of ['canbo.vhxh@nhuquynh.demo', 'mttq@nhuquynh.demo', 'tinh@hungyen.demo']) {
      const page = await staffPage(email, seen);
      for (const path of ['/staff/cases', `/staff/cases/${caseId}`, `/staff/cases?q=${encodeURIComponent(canary)}`]) {
        await page.goto(`${server.baseUrl}${path}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForFunction(() => !document.querySelector('.bo-loading')).catch(() => undefined);
      }
      for (const path of api) {
        const response = await page.request.get(`${server.baseUrl}${path}`);
        seen.push({ url: path, body: await response.text() });
        if (path.endsWith('/sealed-identity')) expect(response.status(), `${email} read the sealed identity`).toBeGreaterThanOrEqual(400);
      }
      await page.context().close();
    }

    // The public: status page, look-up, Q&A and search, the JSON status, Open311 in both formats.
    const visitor = await newPage(browser);
    visitor.setDefaultTimeout(15_000);
    recordResponses(visitor, seen);
    for (const path of [`/tra-cuu/${code}`, `/tra-cuu?ma=${code}`, '/hoi-dap', `/hoi-dap?q=${encodeURIComponent(canary)}`, '/']) await visitor.goto(`${server.baseUrl}${path}`);
    for (const path of [
      `/api/v1/cases/${code}`,
      `/api/v1/qa?q=${encodeURIComponent(canary)}`,
      '/open311/v2/requests.json',
      '/open311/v2/requests.xml',
      `/open311/v2/requests/${code}.json`,
      `/open311/v2/requests.json?service_request_id=${code}`,
      '/open311/v2/servicerequestupdates.json',
      '/open311/v2/services.json',
    ]) {
      const response = await visitor.request.get(`${server.baseUrl}${path}`);
      seen.push({ url: path, body: await response.text() });
    }
    await visitor.context().close();

    expect(seen.length).toBeGreaterThan(30);
    // A search for the canary echoes what was typed; there the leak would be finding the case by its denouncer.
    const isCanarySearch = (url: string) => url.includes(canary) || url.includes(encodeURIComponent(canary));
    const leaked = seen.flatMap((entry) => (isCanarySearch(entry.url) ? (entry.body.includes(code) ? [`${entry.url} finds ${code} by the denouncer's name`] : []) : leaks(entry.body).map((needle) => `${entry.url} shows ${needle}`)));
    expect(leaked).toEqual([]);
    expect(seen.filter((entry) => isCanarySearch(entry.url)).length).toBeGreaterThan(3);
    // The case itself was visible where it should be (the check looked at real data, not at empty pages).
    expect(seen.some((entry) => entry.body.includes(code))).toBe(true);
  });

  it('shows the identity to the leader through the sealed endpoint only, and audits the read', async () => {
    const seen: Array<{ url: string; body: string }> = [];
    const leader = await staffPage('chutich@nhuquynh.demo', seen);
    const detail = await leader.request.get(`${server.baseUrl}/api/v1/cases/${caseId}`);
    expect(detail.status()).toBe(200);
    expect(leaks(await detail.text())).toEqual([]);
    const list = await leader.request.get(`${server.baseUrl}/api/v1/cases?q=${encodeURIComponent(canary)}`);
    expect(await list.text()).not.toContain(code);

    const sealed = await leader.request.get(`${server.baseUrl}/api/v1/cases/${caseId}/sealed-identity`);
    expect(sealed.status()).toBe(200);
    expect(sealed.headers()['cache-control']).toContain('no-store');
    const identity = (await sealed.json()) as { fullName: string; email: string | null; address: string | null };
    expect(identity.fullName).toBe(canary);
    expect(identity.email).toBe(canaryEmail);
    const audit = await server.handle.ctx.db.selectFrom('audit_log').select(['action', 'actor_user_id', 'entity_id', 'details']).where('action', '=', 'cases.sealed-identity.read').where('entity_id', '=', caseId).execute();
    expect(audit.length).toBe(1);
    expect(audit[0]!.actor_user_id).toBeTruthy();
    expect(leaks(String(audit[0]!.details))).toEqual([]);
    await leader.context().close();
  });

  it('never writes the identity to a log line or to an e-mail for staff', async () => {
    // Let the worker drain the outbox (notifications to the handling unit and leaders).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(server.logLines.length).toBeGreaterThan(50);
    const leakedLines = server.logLines.filter((line) => leaks(line).length > 0);
    expect(leakedLines).toEqual([]);
    const staffMail = smtp.messages.filter((message) => !message.to.includes(canaryEmail));
    expect(staffMail.flatMap((message) => leaks(`${message.subject}\n${message.raw}`).map((needle) => `${message.to.join(',')}: ${needle}`))).toEqual([]);
  });
});
