import type { Kysely } from 'kysely';
import { dialectOf, instantType } from '../../db/columns.js';

// Tenancy: the commune (tenant), its areas (thôn, tổ dân phố, khu phố) and its units. Every
// tenant table leads its keys with commune_id so PostgreSQL can later distribute rows by commune.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  await db.schema
    .createTable('communes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('province_name', 'text', (c) => c.notNull())
    .addColumn('former_district_code', 'text')
    .addColumn('former_district_name', 'text')
    .addColumn('government_model', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('tracking_prefix', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addColumn('updated_at', instantType(dialect), (c) => c.notNull())
    .execute();

  for (const table of ['areas', 'units'] as const) {
    let builder = db.schema
      .createTable(table)
      .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id'))
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull());
    builder =
      table === 'areas'
        ? builder.addColumn('household_count', 'integer').addColumn('population', 'integer')
        : builder.addColumn('email', 'text').addColumn('phone', 'text');
    await builder
      .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', instantType(dialect), (c) => c.notNull())
      .addColumn('updated_at', instantType(dialect), (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['commune_id', 'id'])
      .addUniqueConstraint(`${table}_code_unique`, ['commune_id', 'code'])
      .execute();
  }
}
