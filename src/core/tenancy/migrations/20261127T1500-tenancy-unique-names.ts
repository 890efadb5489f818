import type { Kysely } from 'kysely';

// Two areas, or two units, of one commune may not share a name, compared as residents read it:
// case, diacritics and spacing ignored ("Thôn Đông" = "thon  dong"). `name_key` holds that folded
// name and a unique index per commune enforces it, so even two concurrent saves cannot both pass.
// The fold is frozen here (no app imports): NFD, combining marks removed, đ → d, lower case,
// whitespace collapsed, the same as core/contract/text-fold's foldVietnamese.
// Names that already clash (saved before this rule) keep their rows: the later ones get their id
// appended to the key so the index can be built; the service still sees them as the same name.
const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/gu, ' ').trim();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['areas', 'units'] as const) {
    await db.schema.alterTable(table).addColumn('name_key', 'text').execute();
    const rows = await db.selectFrom(table).select(['commune_id', 'id', 'name']).orderBy('created_at').orderBy('id').execute();
    const taken = new Set<string>();
    for (const row of rows) {
      const folded = fold(String(row.name));
      const key = taken.has(`${row.commune_id}\u0000${folded}`) ? `${folded}#${row.id}` : folded;
      taken.add(`${row.commune_id}\u0000${key}`);
      await db.updateTable(table).set({ name_key: key }).where('commune_id', '=', row.commune_id).where('id', '=', row.id).execute();
    }
    await db.schema.createIndex(`${table}_name_key_unique`).on(table).columns(['commune_id', 'name_key']).unique().execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['areas', 'units'] as const) {
    await db.schema.dropIndex(`${table}_name_key_unique`).execute();
    await db.schema.alterTable(table).dropColumn('name_key').execute();
  }
}
