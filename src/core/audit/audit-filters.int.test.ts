/**
 * The audit log as an inspector reads it: filtered by the person who acted (their name shown beside
 * their role) and by calendar days in Vietnam (UTC+7), both ends included; a period that ends before
 * it starts, or a day that does not exist, is refused on its field in the reader's language.
 * Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/kit/auth.js';
import { buildCasesTestApp, fieldMessages, type CasesTestApp, type StaffSession } from '../../modules/cases/cases-test-kit.js';

interface Row { action: string; actorUserId: string | null; actorName: string | null; at: string; entityId: string | null }

describe('the audit log filtered by person and by day', () => {
  let t: CasesTestApp;
  let leader: StaffSession;
  let otherLeader: StaffSession;
  let supervisor: StaffSession;
  let officer: StaffSession;
  let firstCase: string;
  let secondCase: string;

  beforeAll(async () => {
    // 26/11/2026 10:00 in Vietnam.
    t = await buildCasesTestApp('2026-11-26T03:00:00.000Z');
    leader = await t.staff('leader');
    otherLeader = await t.staff('leader');
    supervisor = await t.staff('supervisor');
    officer = await t.staff('officer', 'KINH-TE');
    firstCase = (await t.submit()).id;
    expect((await t.inject('POST', `/api/v1/cases/${firstCase}/actions`, leader, { type: 'accept' })).statusCode).toBe(200);
    // 27/11 23:30 UTC is already 28/11 06:30 in Vietnam.
    t.clock.set(new Date('2026-11-27T23:30:00.000Z'));
    leader = { ...leader, ...(await signInAgain(leader)) };
    otherLeader = { ...otherLeader, ...(await signInAgain(otherLeader)) };
    supervisor = { ...supervisor, ...(await signInAgain(supervisor)) };
    officer = { ...officer, ...(await signInAgain(officer)) };
    secondCase = (await t.submit()).id;
    expect((await t.inject('POST', `/api/v1/cases/${secondCase}/actions`, otherLeader, { type: 'accept' })).statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  // Two days later the sessions are past their idle timeout: sign in again.
  const signInAgain = (session: StaffSession) => signIn(t.app, session.identifier, session.password);
  const read = async (query: string, session: StaffSession = supervisor) => {
    const response = await t.inject('GET', `/api/v1/admin/audit?${query}`, session);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as Row[];
  };
  const nameOf = async (userId: string) => (await t.ctx.db.selectFrom('auth_users').select('display_name').where('id', '=', userId).executeTakeFirstOrThrow()).display_name;

  it("filters by the person who acted, and names them", async () => {
    const rows = await read(`actorUserId=${leader.userId}&action=cases.case.accept`);
    expect(rows.map((row) => row.entityId)).toEqual([firstCase]);
    expect(rows[0]!.actorName).toBe(await nameOf(leader.userId));
    const others = await read(`actorUserId=${otherLeader.userId}&action=cases.case.accept`);
    expect(others.map((row) => row.entityId)).toEqual([secondCase]);
    // A resident's submission has no staff actor: no name.
    const submitted = await read(`entityId=${firstCase}&action=cases.case.submitted`);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]!.actorName).toBeNull();
  });

  it('filters by days in Vietnam time, both ends included', async () => {
    const accepted = (query: string) => read(`action=cases.case.accept&${query}`).then((rows) => rows.map((row) => row.entityId));
    expect(await accepted('from=2026-11-26&to=2026-11-26')).toEqual([firstCase]);
    // The second acceptance happened on 27/11 in UTC but on 28/11 in Vietnam.
    expect(await accepted('from=2026-11-27&to=2026-11-27')).toEqual([]);
    expect(await accepted('from=2026-11-28')).toEqual([secondCase]);
    expect(await accepted('to=2026-11-28')).toEqual([secondCase, firstCase]);
  });

  it('refuses a period that ends before it starts, and a day that does not exist, on their fields', async () => {
    const backwards = await t.inject('GET', '/api/v1/admin/audit?from=2026-11-28&to=2026-11-26', supervisor);
    expect(backwards.statusCode).toBe(400);
    expect(fieldMessages(backwards.json())).toEqual({ 'querystring.to': 'Ngày kết thúc phải cùng hoặc sau ngày bắt đầu.' });
    const english = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit?from=2026-11-28&to=2026-11-26', headers: { cookie: supervisor.cookie, 'accept-language': 'en' } });
    expect(fieldMessages(english.json())).toEqual({ 'querystring.to': 'The end date must be on or after the start date.' });
    const impossible = await t.inject('GET', '/api/v1/admin/audit?from=2026-02-30', supervisor);
    expect(impossible.statusCode).toBe(400);
    expect(Object.keys(fieldMessages(impossible.json()))).toEqual(['querystring.from']);
    const notAnId = await t.inject('GET', '/api/v1/admin/audit?actorUserId=le-van-a', supervisor);
    expect(notAnId.statusCode).toBe(400);
    expect(Object.keys(fieldMessages(notAnId.json()))).toEqual(['querystring.actorUserId']);
  });

  it('stays closed to an officer', async () => {
    expect((await t.inject('GET', `/api/v1/admin/audit?actorUserId=${leader.userId}`, officer)).statusCode).toBe(403);
  });
});
