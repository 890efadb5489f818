import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Two active Open311 partners of one commune may not share a name (case, diacritics and spacing
// ignored); a revoked partner's name may be reused by its replacement. `name_key` holds the folded
// name and a partial unique index (active rows only; both SQLite and PostgreSQL support it)
// enforces the rule. The fold is frozen here (no app imports), the same as foldVietnamese.
// Active names that already clash keep their rows: the later ones get their id appended to the key.
const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/gu, ' ').trim();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const table = 'cases_open311_clients';
  await db.schema.alterTable(table).addColumn('name_key', 'text').execute();
  const rows = await db.selectFrom(table).select(['commune_id', 'id', 'name', 'is_active']).orderBy('created_at').orderBy('id').execute();
  const taken = new Set<string>();
  for (const row of rows) {
    const folded = fold(String(row.name));
    const slot = `${row.commune_id}\u0000${folded}`;
    const key = Number(row.is_active) === 1 && taken.has(slot) ? `${folded}#${row.id}` : folded;
    if (Number(row.is_active) === 1) taken.add(`${row.commune_id}\u0000${key}`);
    await db.updateTable(table).set({ name_key: key }).where('commune_id', '=', row.commune_id).where('id', '=', row.id).execute();
  }
  await db.schema.createIndex('cases_open311_clients_active_name_unique').on(table).columns(['commune_id', 'name_key']).unique().where(sql.ref('is_active'), '=', 1).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_open311_clients_active_name_unique').execute();
  await db.schema.alterTable('cases_open311_clients').dropColumn('name_key').execute();
}
