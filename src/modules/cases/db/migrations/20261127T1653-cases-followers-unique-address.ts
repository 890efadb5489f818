import type { Kysely } from 'kysely';

// One row per address and case in cases_followers: two "follow" requests with the same new address
// at the same moment made two pending rows (and two confirmation mails). The unique index lets the
// second insert do nothing (ON CONFLICT DO NOTHING, on SQLite and Postgres alike; rows without an
// e-mail — accounts, phones — are not affected, NULLs never conflict).
// Duplicates already stored are reduced to one row first, the one that says most about the person's
// wish: a stopped row (the withdrawal is kept, LAW-PDP-04/05), else a confirmed one, else the pending
// one that lapses last; ties go to the oldest. The others are deleted, which cannot be undone.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db
    .selectFrom('cases_followers')
    .select(['commune_id', 'case_id', 'id', 'email', 'created_at', 'stopped_at', 'confirmed_at', 'confirm_expires_at'])
    .where('email', 'is not', null)
    .orderBy('commune_id')
    .orderBy('case_id')
    .orderBy('email')
    .execute();
  // Instants come back as ISO text or as Date, depending on the driver's parsers.
  const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value ?? ''));
  const rank = (row: (typeof rows)[number]): [number, string] =>
    row.stopped_at !== null ? [0, ''] : row.confirmed_at !== null ? [1, ''] : [2, iso(row.confirm_expires_at)];
  const isBetter = (a: (typeof rows)[number], b: (typeof rows)[number]): boolean => {
    const [rankA, expiresA] = rank(a);
    const [rankB, expiresB] = rank(b);
    if (rankA !== rankB) return rankA < rankB;
    if (expiresA !== expiresB) return expiresA > expiresB;
    return iso(a.created_at) < iso(b.created_at) || (iso(a.created_at) === iso(b.created_at) && String(a.id) < String(b.id));
  };
  const kept = new Map<string, (typeof rows)[number]>();
  const dropped: Array<(typeof rows)[number]> = [];
  for (const row of rows) {
    const key = `${row.commune_id}\n${row.case_id}\n${row.email}`;
    const current = kept.get(key);
    if (!current) kept.set(key, row);
    else if (isBetter(row, current)) {
      dropped.push(current);
      kept.set(key, row);
    } else dropped.push(row);
  }
  for (const row of dropped) {
    await db.deleteFrom('cases_followers').where('commune_id', '=', row.commune_id).where('case_id', '=', row.case_id).where('id', '=', row.id).execute();
  }
  await db.schema.createIndex('cases_followers_address_unique').unique().on('cases_followers').columns(['commune_id', 'case_id', 'email']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_followers_address_unique').execute();
}
