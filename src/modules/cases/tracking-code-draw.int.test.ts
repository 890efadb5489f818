import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, typed } from '../../core/db/database.js';
import { newId } from '../../core/contract/ids.js';
import { buildCasesTestApp, type CasesTestApp } from './cases-test-kit.js';
import type { CasesTables } from './db/tables.js';
import { findCaseById, insertCaseUnlessCodeTaken } from './db/repository.js';

/**
 * Intake draws a tracking code and inserts the case unless the code is taken, then draws again inside
 * the same transaction. A taken code must write nothing and must leave the transaction usable (on
 * PostgreSQL a failed INSERT would abort it), so the next draw commits with everything else.
 */
describe('cases: a tracking code already taken is drawn again in the same transaction', () => {
  let t: CasesTestApp;
  beforeAll(async () => {
    t = await buildCasesTestApp();
  });
  afterAll(async () => t.close());

  it('skips the taken code without an error and inserts the next one', async () => {
    const first = await t.submit();
    const existing = (await findCaseById(t.ctx.db, t.communeId, first.id))!;
    const freshCode = `${first.code.slice(0, -5)}ZZZZZ`;

    const outcome = await inTransaction(t.ctx.db, async (tx) => {
      const taken = await insertCaseUnlessCodeTaken(tx, { ...existing, id: newId(), title: 'must not be written' });
      const second = await insertCaseUnlessCodeTaken(tx, { ...existing, id: newId(), code: freshCode, title: 'written in the same transaction' });
      return { taken, second };
    });

    expect(outcome).toEqual({ taken: false, second: true });
    const titles = (await typed<CasesTables>(t.ctx.db).selectFrom('cases_items').select(['code', 'title']).where('code', 'in', [first.code, freshCode]).execute()).map((row) => [row.code, row.title]);
    expect(new Map(titles as Array<[string, string]>)).toEqual(
      new Map([
        [first.code, 'Đèn đường hỏng'],
        [freshCode, 'written in the same transaction'],
      ]),
    );
  });
});
