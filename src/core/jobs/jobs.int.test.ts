import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { z } from 'zod';
import { buildTestApp, createTestClock, type TestApp } from '../../../test/kit/app.js';
import { createTestUser, signIn } from '../../../test/kit/auth.js';
import { findAuditRows } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { newId } from '../contract/ids.js';
import { inTransaction } from '../db/database.js';
import { emitEvent } from './outbox.js';
import { claimNextJob, enqueueJob, findJobById, findJobs } from './queue.js';
import { insertCommune } from '../tenancy/repository.js';
import type { JobPage, JobSummary } from './contract.js';
import { defineBatchedJob } from './batched.js';
import { defineJob, type JobDefinition } from './types.js';
import { createWorker } from './worker.js';

const handled: Array<{ eventId: string; value: number; attempt: number }> = [];
let failuresLeft = 0;

const recordJob = defineJob({
  name: 'test.record',
  payload: z.object({ eventId: z.string(), communeId: z.string().nullable(), value: z.number() }),
  async handle(_ctx, payload, meta) {
    // Yield so concurrent runOnce calls really interleave.
    await new Promise((resolve) => setTimeout(resolve, 5));
    handled.push({ eventId: payload.eventId, value: payload.value, attempt: meta.attempt });
  },
});

const flakyJob = defineJob({
  name: 'test.flaky',
  payload: z.object({ value: z.number() }),
  maxAttempts: 3,
  async handle(_ctx, payload) {
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error(`provider unavailable for value ${payload.value}`);
    }
    handled.push({ eventId: '', value: payload.value, attempt: 0 });
  },
});

const sweepJob = defineJob({
  name: 'test.sweep',
  payload: z.object({ scheduledAt: z.string() }),
  async handle(_ctx, payload) {
    handled.push({ eventId: payload.scheduledAt, value: -1, attempt: 0 });
  },
});

/** A backlog of `batchesLeft` bounded runs (defineBatchedJob): each run takes one and says whether more remain. */
let batchesLeft = 0;
const batchedJob = defineBatchedJob('test.batched', async () => {
  batchesLeft -= 1;
  handled.push({ eventId: 'batch', value: batchesLeft, attempt: 0 });
  return { hasMore: batchesLeft > 0 };
});

const jobs: JobDefinition[] = [recordJob, flakyJob, sweepJob, batchedJob];
const subscriptions = [{ event: 'test.thing.happened', job: 'test.record' }];
const schedules = [{ name: 'test.hourly-sweep', everyMinutes: 60, job: 'test.sweep' }];

async function createCommune(ctx: AppContext): Promise<string> {
  const id = newId();
  const suffix = id.slice(-6);
  const contact = { address: 'UBND xã', phone: '0240000000', email: 'ubnd@example.vn', receptionPlace: 'Trụ sở', receptionHours: '7:30–17:00' };
  await insertCommune(ctx.db, { id, code: `J${suffix}`, slug: `xa-${suffix}`, name: 'Xã Thử', kind: 'xa', provinceCode: '01', provinceName: 'Hà Nội', formerDistrictCode: null, formerDistrictName: null, governmentModel: 'two_tier', contact, trackingPrefix: 'JT', isDemo: false }, ctx.clock().toISOString());
  return id;
}

describe('job queue, outbox and scheduler', () => {
  let testApp: TestApp;
  const clock = createTestClock('2026-12-01T02:10:00.000Z');

  beforeEach(async () => {
    clock.set('2026-12-01T02:10:00.000Z');
    handled.length = 0;
    failuresLeft = 0;
    testApp = await buildTestApp({ clock: clock.clock });
  });
  afterEach(async () => {
    await testApp.close();
  });

  const worker = (workerId: string) => createWorker(testApp.ctx, { jobs, subscriptions, schedules: [], workerId });

  it('dispatches an outbox event to its subscriber exactly once, even with concurrent runs', async () => {
    const { ctx } = testApp;
    const eventId = await inTransaction(ctx.db, (tx) => emitEvent(tx, { communeId: null, name: 'test.thing.happened', payload: { value: 7 }, at: clock.clock().toISOString() }));
    const [first, second] = [worker('w1'), worker('w2')];
    await Promise.all([first.runOnce(), second.runOnce(), first.runOnce()]);
    await first.runOnce();
    expect(handled).toEqual([{ eventId, value: 7, attempt: 1 }]);
    const { rows } = await findJobs(ctx.db, { limit: 10, offset: 0 });
    expect(rows.map((row) => [row.name, row.status, row.idempotency_key])).toEqual([['test.record', 'succeeded', `${eventId}:test.record`]]);
  });

  it('rolls the event back with the transaction that emitted it', async () => {
    await expect(
      inTransaction(testApp.ctx.db, async (tx) => {
        await emitEvent(tx, { communeId: null, name: 'test.thing.happened', payload: { value: 1 }, at: clock.clock().toISOString() });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect((await worker('w1').runOnce()).dispatched).toBe(0);
    expect(handled).toEqual([]);
  });

  it('ignores a second enqueue with the same idempotency key', async () => {
    const now = clock.clock().toISOString();
    const first = await enqueueJob(testApp.ctx.db, { name: 'test.flaky', payload: { value: 1 }, idempotencyKey: 'same-key' }, now);
    const second = await enqueueJob(testApp.ctx.db, { name: 'test.flaky', payload: { value: 2 }, idempotencyKey: 'same-key' }, now);
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect((await findJobs(testApp.ctx.db, { limit: 10, offset: 0 })).total).toBe(1);
  });

  it('retries with exponential backoff, then fails after max attempts; an admin can list and retry it', async () => {
    const { ctx, app } = testApp;
    failuresLeft = 10;
    const jobId = (await enqueueJob(ctx.db, { name: 'test.flaky', payload: { value: 3 }, maxAttempts: 3 }, clock.clock().toISOString()))!;
    const runner = worker('w1');

    expect(await runner.runOnce()).toMatchObject({ retried: 1, failed: 0 });
    let job = (await findJobById(ctx.db, jobId))!;
    expect(job).toMatchObject({ status: 'queued', attempts: 1, run_at: '2026-12-01T02:10:30.000Z' });
    expect(job.last_error).toContain('provider unavailable');

    expect(await runner.runOnce()).toMatchObject({ retried: 0, failed: 0, succeeded: 0 });
    clock.advance(30_000);
    expect(await runner.runOnce()).toMatchObject({ retried: 1 });
    expect((await findJobById(ctx.db, jobId))!.run_at).toBe('2026-12-01T02:11:30.000Z');
    clock.advance(60_000);
    expect(await runner.runOnce()).toMatchObject({ failed: 1 });
    job = (await findJobById(ctx.db, jobId))!;
    expect(job).toMatchObject({ status: 'failed', attempts: 3, finished_at: '2026-12-01T02:11:30.000Z' });

    // Anonymous callers and residents are refused by the admin route.
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/jobs' })).statusCode).toBe(401);
    const communeId = await createCommune(ctx);
    const resident = await createTestUser(ctx, { kind: 'resident', communeId });
    const residentSession = await signIn(app, resident.identifier, resident.password);
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/jobs', headers: { cookie: residentSession.cookie } })).statusCode).toBe(403);

    const admin = await createTestUser(ctx, { kind: 'staff', communeId, roles: [{ role: 'admin' }] });
    const session = await signIn(app, admin.identifier, admin.password);
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const listed = await app.inject({ method: 'GET', url: '/api/v1/admin/jobs?status=failed', headers });
    expect(listed.statusCode).toBe(200);
    const page = listed.json<JobPage>();
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(page.items[0]).toMatchObject({ id: jobId, name: 'test.flaky', status: 'failed', attempts: 3, maxAttempts: 3 });
    expect(page.items[0]!.lastError).toContain('provider unavailable');
    expect(page.items[0]).not.toHaveProperty('payload');
    // Failed jobs come first in the unfiltered list, even before newer ones.
    clock.advance(1000);
    await enqueueJob(ctx.db, { name: 'test.flaky', payload: { value: 4 }, runAt: '2030-01-01T00:00:00.000Z' }, clock.clock().toISOString());
    const all = (await app.inject({ method: 'GET', url: '/api/v1/admin/jobs', headers })).json<JobPage>();
    expect(all.items.map((item) => item.status)).toEqual(['failed', 'queued']);

    expect((await app.inject({ method: 'POST', url: `/api/v1/admin/jobs/${newId()}/retry`, headers })).statusCode).toBe(404);
    const retried = await app.inject({ method: 'POST', url: `/api/v1/admin/jobs/${jobId}/retry`, headers });
    expect(retried.statusCode).toBe(200);
    expect(retried.json<JobSummary>()).toMatchObject({ status: 'queued', attempts: 0 });
    expect((await app.inject({ method: 'POST', url: `/api/v1/admin/jobs/${jobId}/retry`, headers })).statusCode).toBe(409);
    const audit = await findAuditRows(ctx.db, { communeId, action: 'jobs.job.retried', limit: 10, offset: 0 });
    expect(audit.map((row) => [row.actor_user_id, row.entity_id])).toEqual([[admin.id, jobId]]);

    failuresLeft = 0;
    expect(await runner.runOnce()).toMatchObject({ succeeded: 1 });
    expect((await findJobById(ctx.db, jobId))!.status).toBe('succeeded');
  });

  it('fails a job with an invalid payload at once, without retrying', async () => {
    const jobId = (await enqueueJob(testApp.ctx.db, { name: 'test.flaky', payload: { value: 'not a number' } }, clock.clock().toISOString()))!;
    expect(await worker('w1').runOnce()).toMatchObject({ failed: 1, retried: 0 });
    const job = (await findJobById(testApp.ctx.db, jobId))!;
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job.last_error).toMatch(/^InvalidPayload: value invalid_type/);
    expect(job.last_error).not.toContain('not a number');
  });

  it('lets another worker take over a job whose lock expired', async () => {
    const { ctx } = testApp;
    const jobId = (await enqueueJob(ctx.db, { name: 'test.flaky', payload: { value: 5 } }, clock.clock().toISOString()))!;
    const now = clock.clock();
    const crashed = await claimNextJob(ctx.db, ctx.dialect, { names: ['test.flaky'], workerId: 'crashed', now: now.toISOString(), lockedUntil: new Date(now.getTime() + 60_000).toISOString() });
    expect(crashed?.id).toBe(jobId);
    expect(await worker('w1').runOnce()).toMatchObject({ succeeded: 0 });
    clock.advance(61_000);
    expect(await worker('w1').runOnce()).toMatchObject({ succeeded: 1 });
    expect((await findJobById(ctx.db, jobId))!).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('enqueues a schedule once per slot, across workers', async () => {
    const scheduled = (workerId: string) => createWorker(testApp.ctx, { jobs, schedules, workerId });
    const results = await Promise.all([scheduled('a').runOnce(), scheduled('b').runOnce()]);
    expect(results.reduce((sum, counts) => sum + counts.scheduled, 0)).toBe(1);
    clock.advance(20 * 60_000);
    expect((await scheduled('a').runOnce()).scheduled).toBe(0);
    clock.advance(30 * 60_000);
    expect((await scheduled('b').runOnce()).scheduled).toBe(1);
    expect(handled.map((entry) => entry.eventId)).toEqual(['2026-12-01T02:00:00.000Z', '2026-12-01T03:00:00.000Z']);
  });

  it('a batched job chains its next round of the slot while more remains, once per round, then stops', async () => {
    batchesLeft = 3;
    const batched = (workerId: string) => createWorker(testApp.ctx, { jobs, schedules: [{ name: 'test.batched', everyMinutes: 60, job: 'test.batched' }], workerId });
    for (let run = 0; run < 6; run += 1) await Promise.all([batched('a').runOnce(), batched('b').runOnce()]);
    // Three runs for three batches (two workers never ran a round twice), then nothing more in this slot.
    expect(handled.filter((entry) => entry.eventId === 'batch').map((entry) => entry.value)).toEqual([2, 1, 0]);
    const rows = await sql<{ payload: string | { round?: number } }>`select payload from jobs_queue where name = 'test.batched'`.execute(testApp.ctx.db);
    const rounds = rows.rows.map((row) => (typeof row.payload === 'string' ? (JSON.parse(row.payload) as { round?: number }) : row.payload).round ?? 0).sort();
    expect(rounds).toEqual([0, 1, 2]);
  });

  it('start() polls in the background and stop() waits for the running job', async () => {
    const runner = createWorker(testApp.ctx, { jobs, subscriptions, workerId: 'bg', pollMs: 5 });
    runner.start();
    await inTransaction(testApp.ctx.db, (tx) => emitEvent(tx, { communeId: null, name: 'test.thing.happened', payload: { value: 9 }, at: clock.clock().toISOString() }));
    for (let waited = 0; handled.length === 0 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await runner.stop();
    expect(handled.map((entry) => entry.value)).toEqual([9]);
  });

  it('refuses wiring that names an unknown job', () => {
    expect(() => createWorker(testApp.ctx, { jobs, subscriptions: [{ event: 'x.y.z', job: 'nope.job' }] })).toThrow(/unknown job nope\.job/);
  });
});
