import { sql, type Kysely } from 'kysely';

// The deadline explanation of a case whose category has its own time limit named the category by its
// internal id ("theo lĩnh vực 01a21cd9-…"); it now names it. The stored public views of such cases are
// dropped: a lookup without a stored view renders the live one (read-cases.ts), and the next change
// to the case stores it again.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM cases_public_status WHERE category_id IN (SELECT id FROM cases_categories WHERE deadline_overrides IS NOT NULL)`.execute(db);
}

// Nothing to restore: the dropped rows were a cache of what the live view renders.
export async function down(): Promise<void> {}
