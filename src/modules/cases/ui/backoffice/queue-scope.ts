/**
 * Which part of the work queue a staff member sees: their own cases, their unit's, or all the cases
 * they may see. Browser-safe and pure (the queue page and its unit test use it).
 */

export const QUEUE_SCOPES = ['mine', 'unit', 'all'] as const;
export type QueueScope = (typeof QUEUE_SCOPES)[number];

/**
 * Roles that see the whole commune (the server's `canSeeCase` lets them; supervisors and
 * higher-level viewers every case but a denunciation): their own unit (for a leader, the
 * leadership) handles few or no cases, so their queue starts on "all".
 */
export const COMMUNE_WIDE_ROLES: readonly string[] = ['leader', 'admin', 'supervisor', 'higher_level_viewer'];

export const isQueueScope = (value: string | undefined): value is QueueScope => (QUEUE_SCOPES as readonly string[]).includes(value ?? '');

/**
 * The scope a queue opens on when the address names none: "all" for commune-wide roles, "my unit"
 * for officers of a unit, otherwise "mine".
 */
export function defaultQueueScope(identity: { roles: readonly string[]; unitIds: readonly string[] }): QueueScope {
  if (identity.roles.some((role) => COMMUNE_WIDE_ROLES.includes(role)) || !identity.roles.some((role) => HANDLING_ROLES.includes(role))) return 'all';
  return identity.unitIds.length > 0 ? 'unit' : 'mine';
}

/** The scope in effect: the one in the address when valid, else the signed-in user's default (unknown while loading). */
export function effectiveQueueScope(requested: string | undefined, identity: { roles: readonly string[]; unitIds: readonly string[] } | null): QueueScope | undefined {
  if (isQueueScope(requested)) return requested;
  return identity ? defaultQueueScope(identity) : undefined;
}

/** Roles that handle cases (enter them for residents, hold them in a unit); others only read. */
export const HANDLING_ROLES: readonly string[] = ['officer', 'leader'];

/**
 * The scope tabs a staff member gets: "mine" and "my unit" only for those who handle cases (a
 * supervisor or a province viewer holds none, so those tabs would always be empty).
 */
export function queueScopesFor(identity: { roles: readonly string[] } | null): readonly QueueScope[] {
  if (!identity || identity.roles.some((role) => HANDLING_ROLES.includes(role))) return QUEUE_SCOPES;
  return ['all'];
}

/**
 * Roles that may see a denunciation at all: leaders and admins commune-wide, officers for their
 * units. Supervisors and higher-level viewers see every case that is not sealed (point 13,
 * LAW-DENUNC-11): the server leaves denunciations out of their lists, so the queue does not offer
 * them the kind either.
 */
const DENUNCIATION_ROLES: readonly string[] = ['leader', 'admin', 'officer'];

/** The case kinds the queue's kind filter offers this staff member. */
export function queueKindsFor<Kind extends string>(identity: { roles: readonly string[] } | null, kinds: readonly Kind[]): readonly Kind[] {
  if (!identity || identity.roles.some((role) => DENUNCIATION_ROLES.includes(role))) return kinds;
  return kinds.filter((kind) => kind !== 'denunciation');
}
