/**
 * The port through which modules say what of theirs points at a unit, so tenancy can refuse a change
 * that would break it without importing any module (house style: core never imports a module). A
 * module declares its check on its descriptor (`ModuleDescriptor.unitReferences`); the composition
 * root hands every declared check to tenancy (`provideUnitReferenceChecks`), explicitly, no discovery.
 */
import type { AppContext, ServiceRegistry } from '../context.js';
import type { Db, Tx } from '../db/database.js';

/** What a module has pointing at a unit, as one message of that module's catalog (e.g. "3 open cases…"). */
export interface UnitReference {
  messageKey: string;
  params: Record<string, string | number>;
}

/**
 * A module's check: what of its rows would keep pointing at the unit if it became a supervising body
 * (LAW-BASE-13: such a body never handles a case), or null when nothing does. Reads in the caller's
 * transaction, so the refusal and the change see the same rows.
 */
export type UnitReferenceCheck = (db: Db | Tx, unit: { communeId: string; unitId: string }) => Promise<UnitReference | null>;

const UNIT_REFERENCE_CHECKS = 'tenancy.unit-reference-checks';

/** Called once by the composition root with every module's declared check. */
export function provideUnitReferenceChecks(services: ServiceRegistry, checks: readonly UnitReferenceCheck[]): void {
  services.provide(UNIT_REFERENCE_CHECKS, checks);
}

/** Every module's reference to the unit, in the module list's order (empty when nothing points at it). */
export async function findUnitReferences(ctx: AppContext, db: Db | Tx, unit: { communeId: string; unitId: string }): Promise<UnitReference[]> {
  const references: UnitReference[] = [];
  for (const check of ctx.services.get<readonly UnitReferenceCheck[]>(UNIT_REFERENCE_CHECKS)) {
    const reference = await check(db, unit);
    if (reference) references.push(reference);
  }
  return references;
}
