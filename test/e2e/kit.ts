import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD, findActiveUsersWithRole, type Actor } from '../../src/core/auth/index.js';
import { findCommunes } from '../../src/core/tenancy/index.js';
import { openSqlite } from '../../src/core/db/database.js';
import { createLogger } from '../../src/core/http/logger.js';
import { clearPortalCommuneCache } from '../../src/core/ui/portal-context.js';
import { buildApp, type AppHandle } from '../../src/server/app.js';
import { testConfig } from '../kit/app.js';

/*
 * Browser journeys: the real app on a throwaway SQLite file, real HTTP on 127.0.0.1, Debian's
 * Chromium driven by playwright-core, axe-core for accessibility. Generic on purpose: the portal
 * and back office suites both use these helpers.
 */

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const isChromiumAvailable = existsSync(chromiumPath);

/**
 * `describe.skipIf(!e2eReady)` — without Chromium the suite is skipped with a printed reason,
 * except in CI (`CI=true`), where a missing browser fails loudly.
 */
export function requireChromium(): boolean {
  if (isChromiumAvailable) return true;
  const reason = `Chromium not found at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`;
  if (process.env.CI === 'true') throw new Error(`e2e suite cannot run in CI: ${reason}`);
  console.warn(`[e2e] SKIPPED: ${reason}`);
  return false;
}

export interface E2eServer {
  baseUrl: string;
  handle: AppHandle;
  close(): Promise<void>;
}

/** Build and start the whole app (worker included) on a fresh SQLite file and a random port. */
export async function startServer(options: { demo?: boolean; env?: Record<string, string> } = {}): Promise<E2eServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tiengdan-e2e-'));
  const config = testConfig({ DATA_DIR: dir, ...options.env });
  clearPortalCommuneCache();
  const handle = await buildApp(config, {
    database: openSqlite({ file: join(dir, 'e2e.db') }),
    logger: createLogger(config.logLevel),
    seedDemo: options.demo ?? true,
    startWorker: true,
  });
  await handle.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = handle.app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    handle,
    close: async () => {
      await handle.close();
      clearPortalCommuneCache();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launch headless Debian Chromium (no user-data-dir: each context is a clean profile). */
/**
 * A demo server and a Chromium for the tests of one `describe`: started before them, closed after.
 * `receive` hands both to the describe's own variables (`withDemoServerAndBrowser((started) => ({ server, browser } = started))`)
 * and may then set up more before the tests (accounts, ids), awaited.
 */
export function withDemoServerAndBrowser(receive: (started: { server: E2eServer; browser: Browser }) => unknown): void {
  let started: { server: E2eServer; browser: Browser } | undefined;
  beforeAll(async () => {
    const server = await startServer({ demo: true });
    started = { server, browser: await launchBrowser() };
    await receive(started);
  });
  afterAll(async () => {
    await started?.browser.close();
    await started?.server.close();
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface NewPageOptions {
  javaScriptEnabled?: boolean;
  /** Defaults to a 360 × 740 phone. */
  viewport?: { width: number; height: number };
  locale?: string;
  /** Browser permissions granted to the context (e.g. `['geolocation']`). */
  permissions?: string[];
  /** The position the context's `navigator.geolocation` reports. */
  geolocation?: { latitude: number; longitude: number; accuracy?: number };
}

/** A page in a fresh context (own cookies); close it with `page.context().close()`. */
export async function newPage(browser: Browser, options: NewPageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.viewport ?? { width: 360, height: 740 },
    locale: options.locale ?? 'vi-VN',
    ...(options.permissions ? { permissions: options.permissions } : {}),
    ...(options.geolocation ? { geolocation: options.geolocation } : {}),
  });
  return context.newPage();
}

/** Run axe (WCAG 2.0/2.1/2.2 A + AA) and fail on serious or critical violations with a readable list. */
export async function expectNoSeriousAxeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  if (serious.length === 0) return;
  const report = serious
    .map((violation) => `- [${violation.impact}] ${violation.id}: ${violation.help}\n${violation.nodes.map((node) => `    ${node.target.join(' ')} — ${node.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`)
    .join('\n');
  throw new Error(`Accessibility violations on ${page.url()}:\n${report}`);
}

/**
 * axe for a page seen with JavaScript off. axe runs inside the page, which such a context forbids; so
 * the exact HTML the JavaScript-off page holds (after its form posts and redirects) is served again, at
 * its own address and viewport, to a context where axe may run but every script file is refused: the
 * DOM, styles and focus order checked are those of the JavaScript-off page, not of its islands.
 */
export async function expectNoSeriousAxeViolationsWithoutJs(page: Page, options: { exclude?: string[] } = {}): Promise<void> {
  const url = page.url();
  const html = await page.content();
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() ?? { width: 360, height: 740 }, locale: 'vi-VN' });
  try {
    await context.route(/\.m?js(\?|$)/, (route) => route.abort());
    await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    const copy = await context.newPage();
    await copy.goto(url);
    await expectNoSeriousAxeViolations(copy, options);
  } finally {
    await context.close();
  }
}

/** True when the page scrolls sideways (content wider than the viewport). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** A phone number nobody else in the run uses (10 digits, starting 09). */
export function uniquePhone(): string {
  return `09${String(Date.now() % 100_000_000).padStart(8, '0')}`;
}

/** Create a staff account directly (no two-factor) for journeys that need one; returns its sign-in e-mail. */
export async function createStaffAccount(server: E2eServer, input: { email: string; password: string; displayName?: string; role?: 'admin' | 'officer' | 'leader' }): Promise<string> {
  const { createStaffUser } = await import('../../src/core/auth/create-user.js');
  const { findCommunes } = await import('../../src/core/tenancy/index.js');
  const { inTransaction } = await import('../../src/core/db/database.js');
  const ctx = server.handle.ctx;
  const commune = (await findCommunes(ctx.db))[0];
  if (!commune) throw new Error('No commune: start the server with demo: true');
  await inTransaction(ctx.db, (tx) => createStaffUser(tx, ctx, { communeId: commune.id, displayName: input.displayName ?? 'Cán bộ Kiểm thử', email: input.email, password: input.password, grants: [{ role: input.role ?? 'admin' }] }));
  return input.email;
}

/**
 * Sign up through the portal form with a phone or an e-mail (`contact`), consenting to the notice, and
 * wait for the page sign-up leads to (`landsOn`: the SMS code page for a phone, the home page for an e-mail).
 */
export async function signUpThroughPortal(page: Page, baseUrl: string, input: { displayName: string; contact: string; password: string; landsOn: string }): Promise<void> {
  await page.goto(`${baseUrl}/dang-ky`);
  await page.locator('input[name="displayName"]').fill(input.displayName);
  await page.locator('input[name="contact"]').fill(input.contact);
  await page.locator('input[name="password"]').fill(input.password);
  await page.locator('input[name="consent"]').check({ force: true });
  await Promise.all([page.waitForURL(`${baseUrl}${input.landsOn}`), page.locator('form[action="/dang-ky"] button[type="submit"]').click()]);
}

/** Sign in through the portal form (works with or without JavaScript). */
export async function signInThroughPortal(page: Page, baseUrl: string, identifier: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel(/Số điện thoại hoặc thư điện tử|Phone number or e-mail/).fill(identifier);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
  await Promise.all([page.waitForLoadState('load'), page.locator('main form[action="/dang-nhap"] button[type="submit"]').click()]);
}

/** A demo staff account signed in through the portal (demo password), landed in the back office; a desktop screen unless told. */
export async function signInStaff(browser: Browser, baseUrl: string, identifier: string, viewport: { width: number; height: number } = { width: 1280, height: 900 }): Promise<Page> {
  const page = await newPage(browser, { viewport });
  page.setDefaultTimeout(15_000);
  await signInThroughPortal(page, baseUrl, identifier, DEMO_PASSWORD);
  await page.waitForURL(/\/staff\//);
  return page;
}

// ── Back office: the cases pages, driven the way staff use them (Vietnamese interface) ─────────

/** Open a back-office page by its path under /staff and wait until it has loaded its data. */
export async function openStaffPage(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}/staff${path}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.bo-loading'));
}

/** The value shown beside a label in a case's "Thông tin" facts (e.g. "Tình trạng"). */
export function caseFact(page: Page, label: string) {
  return page
    .getByRole('region', { name: 'Thông tin', exact: true })
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

/** The entries of a case's timeline ("Diễn biến"), oldest first as the page lists them. */
export function caseTimeline(page: Page) {
  return page.getByRole('region', { name: 'Diễn biến', exact: true }).getByRole('listitem');
}

export type QueueScope = 'Việc của tôi' | 'Bộ phận của tôi' | 'Tất cả';

/** The scope tabs of the work queue ("Phạm vi"). */
export function queueScopeTabs(page: Page) {
  return page.getByRole('navigation', { name: 'Phạm vi' }).getByRole('link');
}

/** The name of the scope tab marked current ("… (đang xem)"), without that mark. */
export async function currentQueueScope(page: Page): Promise<string> {
  const current = queueScopeTabs(page).filter({ hasText: '(đang xem)' });
  await current.waitFor();
  return ((await current.textContent()) ?? '').replace('(đang xem)', '').trim();
}

/** The work queue's result count ("12 việc, hạn gần nhất lên trước."), once the list has loaded. */
export async function queueCount(page: Page): Promise<number> {
  const status = page.getByRole('status').filter({ hasText: /^\d+ việc, hạn gần nhất lên trước\.$/ });
  await status.waitFor();
  return Number(/^(\d+)/.exec((await status.textContent()) ?? '')?.[1]);
}

/** Go to the work queue through the main navigation; resolves once its list has loaded. */
export async function openQueue(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Phản ánh, kiến nghị', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Hàng việc phản ánh, kiến nghị' }).waitFor();
  await queueCount(page);
}

/** Click a scope tab; resolves once it is the current one and its list has loaded. */
export async function chooseQueueScope(page: Page, scope: QueueScope): Promise<void> {
  await queueScopeTabs(page).filter({ hasText: new RegExp(`^${scope}`) }).click();
  await queueScopeTabs(page).filter({ hasText: new RegExp(`^${scope} \\(đang xem\\)$`) }).waitFor();
  await queueCount(page);
}

/**
 * Filter the queue with its form ("Lọc danh sách"): the search text and the status, then "Lọc".
 * Resolves once the address carries the search and the new list has loaded.
 */
export async function filterQueue(page: Page, options: { q?: string; status?: string; category?: string }): Promise<void> {
  const filters = page.getByRole('search', { name: 'Lọc danh sách' });
  if (options.q !== undefined) await filters.getByLabel(/^Tìm/).fill(options.q);
  if (options.status !== undefined) await filters.getByLabel('Tình trạng', { exact: true }).selectOption({ label: options.status });
  if (options.category !== undefined) await filters.getByLabel('Lĩnh vực', { exact: true }).selectOption({ label: options.category });
  const before = page.url();
  await filters.getByRole('button', { name: 'Lọc', exact: true }).click();
  await page.waitForURL((url) => url.href !== before && (options.q === undefined || url.searchParams.get('q') === options.q));
  await queueCount(page);
}

/**
 * Open a case from the back-office work queue the way staff do: follow the navigation link, pick a
 * scope tab if asked (else the queue's default for this user), search the tracking code in every
 * status with the filter form, follow the code's link. The filter must keep the chosen scope
 * (checked here). Resolves on the case page (its heading names the code).
 */
export async function openCaseFromQueue(page: Page, code: string, options: { scope?: QueueScope } = {}): Promise<void> {
  await openQueue(page);
  if (options.scope) await chooseQueueScope(page, options.scope);
  const scope = await currentQueueScope(page);
  await filterQueue(page, { q: code, status: 'Mọi tình trạng' });
  if ((await currentQueueScope(page)) !== scope) throw new Error(`Filtering left the "${scope}" scope for "${await currentQueueScope(page)}"`);
  const results = page.getByRole('table', { name: 'Danh sách việc, sắp theo hạn xử lý' });
  await results.getByRole('link', { name: code, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`^${code} — `) }).waitFor();
}

/**
 * Take one action on the open case page: fill its form, press its button, then wait for the page to
 * announce the result — a status message (role "status") reading `expected.announces`, which takes
 * the focus, and the case's status reading `expected.status`. An error the form shows fails at once
 * with its text.
 */
export async function takeCaseAction(
  page: Page,
  action: string,
  expected: { status: string; announces: string },
  fill: (form: Locator) => Promise<void> = async () => {},
): Promise<void> {
  const form = page.getByRole('form', { name: action, exact: true });
  await fill(form);
  await form.getByRole('button', { name: action, exact: true }).click();
  const announcement = page.getByRole('status').filter({ hasText: expected.announces });
  const error = form.getByRole('alert');
  await announcement.or(error).first().waitFor();
  if (await error.isVisible()) throw new Error(`"${action}" failed: ${(await error.textContent()) ?? ''}`);
  if ((await announcement.textContent())?.trim() !== expected.announces) throw new Error(`"${action}" announced "${(await announcement.textContent()) ?? ''}"`);
  if (!(await announcement.evaluate((element) => element === document.activeElement || element.contains(document.activeElement)))) {
    throw new Error(`After "${action}" the focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing')}, not on the status message`);
  }
  const status = caseFact(page, 'Tình trạng');
  if (!new RegExp(`^${expected.status}`).test((await status.textContent()) ?? '')) throw new Error(`After "${action}" the status reads "${(await status.textContent()) ?? ''}", not "${expected.status}"`);
}

/** The demo commune and its first leader as an actor, for a test that drives the workflow through the services. */
export async function demoLeader(server: E2eServer): Promise<{ communeId: string; leader: Actor }> {
  const ctx = server.handle.ctx;
  const communeId = (await findCommunes(ctx.db))[0]!.id;
  const [user] = await findActiveUsersWithRole(ctx.db, communeId, 'leader');
  return { communeId, leader: { userId: user!.id, kind: 'staff', displayName: 'Lãnh đạo', communeId, grants: [{ role: 'leader', communeId, unitId: null, areaId: null }], sessionId: 'e2e' } };
}
