/**
 * Test support for the cases integration suites: the real app, a seeded commune with demo
 * categories, a worker the test drives, and signed-in staff of each role.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { anonymousCsrf, createTestUser, mergeCookies, signIn, type BrowserCookies } from '../../../test/kit/auth.js';
import { buildTestApp, createTestClock, createTestWorker } from '../../../test/kit/app.js';
import type { Role } from '../../core/auth/roles.js';
import type { AppContext } from '../../core/context.js';
import { seedDemoTenancy } from '../../core/tenancy/demo.js';
import { seedDemoCategories } from './server/index.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/kit/smtp.js';
import { createSmtpEmailChannel, setDeliveryChannel } from '../notifications/server/index.js';

export interface StaffSession extends BrowserCookies {
  userId: string;
  /** Sign in again (tests move the clock past the idle timeout). */
  identifier: string;
  password: string;
}

export interface CasesTestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ReturnType<typeof createTestClock>;
  communeId: string;
  areaIds: Record<string, string>;
  unitIds: Record<string, string>;
  categoryIds: Record<string, string>;
  anonymous: BrowserCookies;
  runJobs(): Promise<void>;
  /**
   * File a case anonymously through the public API (feedback on roads in TDP-NQ1, name shown to the
   * handler only, unless `fields` say otherwise); the submission must succeed.
   */
  submit(fields?: Record<string, unknown>, options?: { lang?: 'vi' | 'en' }): Promise<{ id: string; code: string; accessToken: string | null }>;
  staff(role: Role, unitCode?: string, extra?: { email?: string }): Promise<StaffSession>;
  resident(): Promise<StaffSession>;
  inject(method: string, url: string, session: BrowserCookies | null, payload?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Build the app (worker stopped; tests call runJobs) with a seeded commune at the given instant. */
export async function buildCasesTestApp(start = '2026-11-26T03:00:00.000Z'): Promise<CasesTestApp> {
  const clock = createTestClock(start);
  const handle = await buildTestApp({ clock: clock.clock, env: { DATA_DIR: `/tmp/tiengdan-cases-test-${process.pid}-${randomBytes(4).toString('hex')}` } });
  const worker = createTestWorker(handle);
  const seed = await seedDemoTenancy(handle.ctx);
  const categoryIds = await seedDemoCategories(handle.ctx, seed);
  const anonymous = await anonymousCsrf(handle.app);
  const send = (method: string, url: string, session: BrowserCookies | null, payload?: unknown) =>
    handle.app.inject({
      method: method as 'GET',
      url,
      headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {},
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const inject = async (method: string, url: string, session: BrowserCookies | null, payload?: unknown) => {
    const response = await send(method, url, session, payload);
    if (response.statusCode !== 401 || !session || !('identifier' in session)) return response;
    // The test clock jumped past the session's idle timeout: sign in again and retry once.
    const staffSession = session as StaffSession;
    Object.assign(staffSession, await signIn(handle.app, staffSession.identifier, staffSession.password));
    return send(method, url, staffSession, payload);
  };
  return {
    app: handle.app,
    ctx: handle.ctx,
    clock,
    communeId: seed.communeId,
    areaIds: seed.areaIds,
    unitIds: seed.unitIds,
    categoryIds,
    anonymous,
    runJobs: async () => {
      for (let round = 0; round < 5; round += 1) {
        const counts = await worker.runOnce();
        if (counts.dispatched + counts.scheduled + counts.succeeded + counts.retried + counts.failed === 0) break;
      }
    },
    staff: async (role, unitCode, extraInput = {}) => {
      const user = await createTestUser(handle.ctx, { kind: 'staff', communeId: seed.communeId, roles: [{ role, ...(unitCode ? { unitId: seed.unitIds[unitCode] } : {}) }], ...extraInput });
      return { userId: user.id, identifier: user.identifier, password: user.password, ...(await signIn(handle.app, user.identifier, user.password)) };
    },
    resident: async () => {
      const user = await createTestUser(handle.ctx, { kind: 'resident', communeId: seed.communeId });
      return { userId: user.id, identifier: user.identifier, password: user.password, ...(await signIn(handle.app, user.identifier, user.password)) };
    },
    submit: async (fields = {}, options = {}) => {
      const response = await inject('POST', options.lang ? `/api/v1/cases?lang=${options.lang}` : '/api/v1/cases', anonymous, {
        kind: 'feedback',
        categoryId: categoryIds.ROADS,
        areaId: seed.areaIds['TDP-NQ1'],
        title: 'Đèn đường hỏng',
        description: 'Đèn đường trước nhà văn hóa bị hỏng nhiều ngày.',
        privacy: 'handler_only',
        submitter: { fullName: 'Nguyễn Văn An', address: 'Tổ dân phố Như Quỳnh 1', phone: '0912345678' },
        ...fields,
      });
      if (response.statusCode !== 201) throw new Error(`submission answered ${response.statusCode}: ${response.body}`);
      return response.json() as { id: string; code: string; accessToken: string | null };
    },
    inject,
    close: () => handle.close(),
  };
}

/** The app with the staff most case tests act as: an officer of the Economic section (KINH-TE, where land, roads and environment go) and a leader. */
export async function buildCasesTestAppWithStaff(start?: string): Promise<{ t: CasesTestApp; officer: StaffSession; leader: StaffSession }> {
  const t = await buildCasesTestApp(start);
  return { t, officer: await t.staff('officer', 'KINH-TE'), leader: await t.staff('leader') };
}

/** A 400 answer's field errors as `{ field: message }`. */
export function fieldMessages(body: { errors?: Array<{ field: string; message: string }> }): Record<string, string> {
  return Object.fromEntries((body.errors ?? []).map((error) => [error.field, error.message]));
}

/** A valid staff intake body (a walk-in feedback about a blocked drain), with `overrides` on top. */
export function walkInIntake(t: Pick<CasesTestApp, 'categoryIds'>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'walk_in',
    kind: 'feedback',
    categoryId: t.categoryIds.ROADS,
    areaId: null,
    title: 'Cống thoát nước bị tắc',
    description: 'Cống thoát nước đầu ngõ bị tắc, mưa xuống nước tràn vào nhà dân.',
    privacy: 'handler_only',
    submitter: { fullName: 'Đinh Văn Thử', phone: '0912 345 678', address: 'Tổ dân phố Như Quỳnh 1' },
    ...overrides,
  };
}

const confirmLinkPattern = /https?:\/\/[^\s/]+(\/xac-nhan-theo-doi\?t=[A-Za-z0-9_.-]+)/;

/** The path of the follow confirmation link in a mail's text (LAW-PDP-05 double opt-in). */
export function confirmPathIn(text: string): string {
  const match = confirmLinkPattern.exec(text);
  if (!match) throw new Error(`no confirmation link in: ${text}`);
  return match[1]!;
}

/** What a person with JavaScript off does with the confirmation mail: open the page, press "Xác nhận". */
export async function confirmFollowAt(app: FastifyInstance, path: string): Promise<LightMyRequestResponse> {
  const page = await app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const token = new URL(path, 'http://x').searchParams.get('t') ?? '';
  return app.inject({
    method: 'POST',
    url: '/xac-nhan-theo-doi',
    headers: { cookie: mergeCookies('', page), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: csrf, t: token }).toString(),
  });
}

/**
 * The app with its e-mail delivered to a real SMTP server started for the test, and one staff member
 * who may both lead and handle, so a test walks a case through its statuses and reads the mail.
 */
export async function buildCasesMailTestApp(): Promise<{ t: CasesTestApp; smtp: TestSmtpServer; handler: StaffSession; close(): Promise<void> }> {
  const smtp = await startTestSmtpServer();
  const t = await buildCasesTestApp();
  setDeliveryChannel(t.ctx, createSmtpEmailChannel({ smtpUrl: smtp.url, from: t.ctx.config.mailFrom }));
  const unitId = Object.values(t.unitIds)[0]!;
  const user = await createTestUser(t.ctx, { kind: 'staff', communeId: t.communeId, roles: [{ role: 'officer', unitId }, { role: 'leader', unitId }] });
  const handler = { userId: user.id, identifier: user.identifier, password: user.password, ...(await signIn(t.app, user.identifier, user.password)) };
  return {
    t,
    smtp,
    handler,
    close: async () => {
      await t.close();
      await smtp.close();
    },
  };
}
