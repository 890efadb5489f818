import { z } from 'zod';

/** Roles, each granted within one commune (and, for officers and area heads, one unit or area). */
export const roles = ['resident', 'officer', 'leader', 'area_head', 'supervisor', 'higher_level_viewer', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = (typeof roles)[number];
export const staffRoles: readonly Role[] = ['officer', 'leader', 'area_head', 'supervisor', 'higher_level_viewer', 'admin'];

export interface RoleGrant {
  role: Role;
  communeId: string;
  /** The unit an officer (or supervisor body) belongs to. */
  unitId: string | null;
  /** The hamlet or residential group an area head runs. */
  areaId: string | null;
}

export interface Actor {
  userId: string;
  kind: 'staff' | 'resident';
  displayName: string;
  /** The commune the actor is acting in (their home commune). */
  communeId: string;
  grants: readonly RoleGrant[];
  sessionId: string;
}

/**
 * Route access levels. `public`: anyone; `authenticated`: any signed-in account; otherwise a
 * permission name `<module>.<what>` declared by the module that checks it.
 */
export type RoutePermission = 'public' | 'authenticated' | (string & {});

/** The role → permission grants a module declares (least privilege: list only the roles that need it). */
export type PermissionGrants = Readonly<Record<string, readonly Role[]>>;

export class PermissionRegistry {
  private readonly grants = new Map<string, Set<Role>>();

  register(modulePrefix: string, permissions: PermissionGrants): void {
    for (const [permission, allowed] of Object.entries(permissions)) {
      if (!permission.startsWith(`${modulePrefix}.`)) throw new Error(`Permission ${permission} must start with "${modulePrefix}."`);
      if (this.grants.has(permission)) throw new Error(`Permission ${permission} declared twice`);
      this.grants.set(permission, new Set(allowed));
    }
  }

  has(permission: string): boolean {
    return this.grants.has(permission);
  }

  names(): string[] {
    return [...this.grants.keys()].sort();
  }

  rolesFor(permission: string): Role[] {
    return [...(this.grants.get(permission) ?? [])];
  }

  /** True when one of the actor's grants in `communeId` carries a role holding `permission`. */
  allows(actor: Actor, permission: string, communeId: string = actor.communeId): boolean {
    const allowed = this.grants.get(permission);
    if (!allowed) return false;
    return actor.grants.some((grant) => grant.communeId === communeId && allowed.has(grant.role));
  }
}

export function hasRole(actor: Actor, role: Role, communeId: string = actor.communeId): boolean {
  return actor.grants.some((grant) => grant.role === role && grant.communeId === communeId);
}

export function unitIdsOf(actor: Actor, communeId: string = actor.communeId): string[] {
  return actor.grants.filter((grant) => grant.communeId === communeId && grant.unitId).map((grant) => grant.unitId!);
}
