import type { Selectable } from 'kysely';
import { foldVietnamese } from '../contract/text-fold.js';
import { typed, type Db, type Tx } from '../db/database.js';
import type { Area, Commune, CreateArea, CreateUnit, Unit, UpdateArea, UpdateUnit } from './contract.js';
import type { AreasTable, CommunesTable, TenancyTables, UnitsTable } from './tables.js';

const q = (db: Db | Tx) => typed<TenancyTables>(db);

export function toCommune(row: Selectable<CommunesTable>): Commune {
  return {
    id: row.id,
    code: row.code,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    provinceCode: row.province_code,
    provinceName: row.province_name,
    formerDistrictCode: row.former_district_code,
    formerDistrictName: row.former_district_name,
    governmentModel: row.government_model,
    contact: JSON.parse(row.contact) as Commune['contact'],
    trackingPrefix: row.tracking_prefix,
    isDemo: row.is_demo === 1,
  };
}

const toArea = (row: Selectable<AreasTable>): Area => ({
  id: row.id,
  communeId: row.commune_id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  householdCount: row.household_count,
  population: row.population,
  isActive: row.is_active === 1,
});

const toUnit = (row: Selectable<UnitsTable>): Unit => ({
  id: row.id,
  communeId: row.commune_id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  email: row.email,
  phone: row.phone,
  isActive: row.is_active === 1,
});

export async function findCommunes(db: Db | Tx): Promise<Commune[]> {
  return (await q(db).selectFrom('communes').selectAll().orderBy('name').execute()).map(toCommune);
}

export async function findCommuneById(db: Db | Tx, id: string): Promise<Commune | undefined> {
  const row = await q(db).selectFrom('communes').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCommune(row);
}

export async function findCommuneByCode(db: Db | Tx, code: string): Promise<Commune | undefined> {
  const row = await q(db).selectFrom('communes').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toCommune(row);
}

export async function countCommunes(db: Db | Tx): Promise<number> {
  const row = await q(db).selectFrom('communes').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertCommune(db: Db | Tx, commune: Omit<Commune, 'isDemo'> & { isDemo: boolean }, now: string): Promise<void> {
  await q(db)
    .insertInto('communes')
    .values({
      id: commune.id,
      code: commune.code,
      slug: commune.slug,
      name: commune.name,
      kind: commune.kind,
      province_code: commune.provinceCode,
      province_name: commune.provinceName,
      former_district_code: commune.formerDistrictCode,
      former_district_name: commune.formerDistrictName,
      government_model: commune.governmentModel,
      contact: JSON.stringify(commune.contact),
      tracking_prefix: commune.trackingPrefix,
      is_demo: commune.isDemo ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function findAreas(db: Db | Tx, communeId: string, options: { includeInactive?: boolean } = {}): Promise<Area[]> {
  let query = q(db).selectFrom('areas').selectAll().where('commune_id', '=', communeId);
  if (!options.includeInactive) query = query.where('is_active', '=', 1);
  return (await query.orderBy('name').execute()).map(toArea);
}

/** The last time any area of the commune was created or changed (null: it has none). Active or not: a deactivation is a change too. */
export async function findAreasChangedAt(db: Db | Tx, communeId: string): Promise<string | null> {
  const row = await q(db).selectFrom('areas').select((eb) => eb.fn.max('updated_at').as('changed_at')).where('commune_id', '=', communeId).executeTakeFirst();
  return row?.changed_at ?? null;
}

export async function findAreaById(db: Db | Tx, communeId: string, id: string): Promise<Area | undefined> {
  const row = await q(db).selectFrom('areas').selectAll().where('commune_id', '=', communeId).where('id', '=', id).executeTakeFirst();
  return row && toArea(row);
}

export async function insertArea(db: Db | Tx, communeId: string, id: string, input: CreateArea, now: string, isDemo = false): Promise<void> {
  await q(db)
    .insertInto('areas')
    .values({ commune_id: communeId, id, code: input.code, name: input.name, name_key: foldVietnamese(input.name), kind: input.kind, household_count: input.householdCount ?? null, population: input.population ?? null, is_demo: isDemo ? 1 : 0, created_at: now, updated_at: now })
    .execute();
}

/** `isNameKeyChanged`: refresh the folded-name key (only when the name really changes, see the service). */
export async function updateArea(db: Db | Tx, communeId: string, id: string, input: UpdateArea, now: string, options: { isNameKeyChanged?: boolean } = {}): Promise<void> {
  await q(db)
    .updateTable('areas')
    .set({
      ...(input.code !== undefined && { code: input.code }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.name !== undefined && options.isNameKeyChanged !== false && { name_key: foldVietnamese(input.name) }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.householdCount !== undefined && { household_count: input.householdCount }),
      ...(input.population !== undefined && { population: input.population }),
      ...(input.isActive !== undefined && { is_active: input.isActive ? 1 : 0 }),
      updated_at: now,
    })
    .where('commune_id', '=', communeId)
    .where('id', '=', id)
    .execute();
}

export async function findUnits(db: Db | Tx, communeId: string, options: { includeInactive?: boolean } = {}): Promise<Unit[]> {
  let query = q(db).selectFrom('units').selectAll().where('commune_id', '=', communeId);
  if (!options.includeInactive) query = query.where('is_active', '=', 1);
  return (await query.orderBy('name').execute()).map(toUnit);
}

export async function findUnitById(db: Db | Tx, communeId: string, id: string): Promise<Unit | undefined> {
  const row = await q(db).selectFrom('units').selectAll().where('commune_id', '=', communeId).where('id', '=', id).executeTakeFirst();
  return row && toUnit(row);
}

export async function insertUnit(db: Db | Tx, communeId: string, id: string, input: CreateUnit, now: string, isDemo = false): Promise<void> {
  await q(db)
    .insertInto('units')
    .values({ commune_id: communeId, id, code: input.code, name: input.name, name_key: foldVietnamese(input.name), kind: input.kind, email: input.email ?? null, phone: input.phone ?? null, is_demo: isDemo ? 1 : 0, created_at: now, updated_at: now })
    .execute();
}

/** `isNameKeyChanged`: refresh the folded-name key (only when the name really changes, see the service). */
export async function updateUnit(db: Db | Tx, communeId: string, id: string, input: UpdateUnit, now: string, options: { isNameKeyChanged?: boolean } = {}): Promise<void> {
  await q(db)
    .updateTable('units')
    .set({
      ...(input.code !== undefined && { code: input.code }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.name !== undefined && options.isNameKeyChanged !== false && { name_key: foldVietnamese(input.name) }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.isActive !== undefined && { is_active: input.isActive ? 1 : 0 }),
      updated_at: now,
    })
    .where('commune_id', '=', communeId)
    .where('id', '=', id)
    .execute();
}
