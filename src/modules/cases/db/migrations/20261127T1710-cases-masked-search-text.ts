import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../../core/db/columns.js';

// LAW-DENUNC-12: the staff search of a sealed case (denunciation, anonymous corruption report) must
// not confirm what the case page masks for a reader who may not open the identity. Intake now writes
// `masked_search_text`, the folded text with the description's personal data cut out, for sealed
// cases whose description holds any; null means nothing was cut and `search_text` serves everyone.
//
// Existing sealed cases: finding personal data needs the redaction rules of the app, which a
// migration may not import (frozen in time). They are filled with the folded tracking code only, the
// safe side: a reader without the right finds an existing sealed case by its code (which the code
// lookup does anyway), never by its text; leaders and the assigned officer search it as before.
//
// PostgreSQL: a partial GIN pg_trgm index like the one on `search_text` (20261126T1820), so the
// masked arm of the search is indexed too. SQLite scans the commune's cases (20261126T1840): no index.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases_items').addColumn('masked_search_text', 'text').execute();
  await db.updateTable('cases_items').set({ masked_search_text: sql`lower(code)` }).where('kind', 'in', ['denunciation', 'corruption_report']).execute();
  if ((await dialectOf(db)) === 'postgres') {
    const { rows } = await sql<{ schema: string }>`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`.execute(db);
    const operatorClass = sql.id(rows[0]!.schema, 'gin_trgm_ops');
    await sql`CREATE INDEX IF NOT EXISTS cases_items_masked_search_trgm_idx ON cases_items USING gin (masked_search_text ${operatorClass}) WHERE masked_search_text IS NOT NULL`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) === 'postgres') await sql`DROP INDEX IF EXISTS cases_items_masked_search_trgm_idx`.execute(db);
  await db.schema.alterTable('cases_items').dropColumn('masked_search_text').execute();
}
