import { z } from 'zod';

export const AREA_NAME_MAX = 120;
export const AREA_CODE_MAX = 32;
export const UNIT_NAME_MAX = 160;

export const communeKinds = ['xa', 'phuong', 'dac_khu', 'thi_tran'] as const;
export const areaKinds = ['thon', 'to_dan_pho', 'khu_pho', 'ap', 'ban'] as const;
export const unitKinds = ['committee_leadership', 'office', 'specialised', 'police', 'fatherland_front', 'peoples_inspection_board', 'public_service'] as const;
/** Units that supervise the committee rather than work for it (LAW-DEMO-56). */
export const supervisorUnitKinds = ['fatherland_front', 'peoples_inspection_board'] as const;
/**
 * Whether a unit is a supervising body (the Fatherland Front, the People's Inspection Board): it
 * supervises the committee's handling, independently, and never receives a case to handle
 * (LAW-BASE-13: read access and recommendations only).
 */
export const isSupervisorUnit = (unit: { kind: string }): boolean => (supervisorUnitKinds as readonly string[]).includes(unit.kind);

export const communeContactSchema = z.object({
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  receptionPlace: z.string(),
  receptionHours: z.string(),
  website: z.string().optional(),
});

export const communeSchema = z.object({
  id: z.string(),
  code: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(communeKinds),
  provinceCode: z.string(),
  provinceName: z.string(),
  formerDistrictCode: z.string().nullable(),
  formerDistrictName: z.string().nullable(),
  governmentModel: z.enum(['two_tier', 'three_tier']),
  contact: communeContactSchema,
  trackingPrefix: z.string(),
  isDemo: z.boolean(),
});
export type Commune = z.infer<typeof communeSchema>;

export const areaSchema = z.object({
  id: z.string(),
  communeId: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(areaKinds),
  householdCount: z.number().int().nullable(),
  population: z.number().int().nullable(),
  isActive: z.boolean(),
});
export type Area = z.infer<typeof areaSchema>;

const areaFieldsSchema = z.strictObject({
  code: z.string().trim().min(1).max(AREA_CODE_MAX).regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().trim().min(1).max(AREA_NAME_MAX),
  kind: z.enum(areaKinds),
  householdCount: z.number().int().min(0).max(1_000_000).nullable().optional(),
  population: z.number().int().min(0).max(10_000_000).nullable().optional(),
});

/** Every household has at least one member, so an area cannot count fewer people than households. */
export function isPopulationBelowHouseholds(values: { householdCount?: number | null; population?: number | null }): boolean {
  return typeof values.householdCount === 'number' && typeof values.population === 'number' && values.population < values.householdCount;
}

const checkPopulation = (value: { householdCount?: number | null; population?: number | null }, context: z.core.$RefinementCtx) => {
  if (isPopulationBelowHouseholds(value)) context.addIssue({ code: 'custom', path: ['population'], message: 'tenancy.errors.populationBelowHouseholds' });
};

export const createAreaSchema = areaFieldsSchema.superRefine(checkPopulation);
export type CreateArea = z.infer<typeof createAreaSchema>;
/** An edit sends what changed; the service checks population against the stored household count too. */
export const updateAreaSchema = areaFieldsSchema.partial().extend({ isActive: z.boolean().optional() }).superRefine(checkPopulation);
export type UpdateArea = z.infer<typeof updateAreaSchema>;

export const unitSchema = z.object({
  id: z.string(),
  communeId: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(unitKinds),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  isActive: z.boolean(),
});
export type Unit = z.infer<typeof unitSchema>;

export const createUnitSchema = z.strictObject({
  code: z.string().trim().min(1).max(AREA_CODE_MAX).regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().trim().min(1).max(UNIT_NAME_MAX),
  kind: z.enum(unitKinds),
  email: z.email().max(254).nullable().optional(),
  phone: z.string().trim().max(20).nullable().optional(),
});
export type CreateUnit = z.infer<typeof createUnitSchema>;
export const updateUnitSchema = createUnitSchema.partial().extend({ isActive: z.boolean().optional() });
export type UpdateUnit = z.infer<typeof updateUnitSchema>;

export const idParamsSchema = z.object({ id: z.uuid() });
