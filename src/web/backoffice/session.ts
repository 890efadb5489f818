import { createContext, useContext } from 'react';
import { z } from 'zod';
import { sessionResultSchema, type SessionResult, type User } from '../../core/auth/contract.js';
import { staffRoles, type Role, type RoleGrant } from '../../core/auth/roles.js';
import { communeSchema, type Commune } from '../../core/tenancy/contract.js';
import { api, setCsrfToken } from './api.js';

export interface StaffSession {
  user: User;
  grants: readonly RoleGrant[];
  /** Distinct roles held in the user's own commune. */
  roles: readonly Role[];
  commune: Commune | null;
}

/** The roles a user holds in their home commune, each once, in the canonical order. */
export function rolesOf(user: Pick<User, 'communeId'>, grants: readonly RoleGrant[]): Role[] {
  const held = new Set(grants.filter((grant) => grant.communeId === user.communeId).map((grant) => grant.role));
  return staffRoles.filter((role) => held.has(role));
}

export function hasAnyRole(session: Pick<StaffSession, 'roles'>, allowed: readonly Role[]): boolean {
  return allowed.length === 0 || allowed.some((role) => session.roles.includes(role));
}

export type SessionLoad = { status: 'signed_in'; session: StaffSession } | { status: 'signed_out' };

/** Read the session (and remember its CSRF token for later writes), then the commune's name. */
export async function loadSession(): Promise<SessionLoad> {
  const result: SessionResult = await api.get('/api/v1/auth/session', { schema: sessionResultSchema, redirectOnUnauthenticated: false });
  setCsrfToken(result.csrfToken);
  if (!result.user) return { status: 'signed_out' };
  const user = result.user;
  // The commune name is only a label in the header: a failure here must not block the work.
  const communes = await api.get('/api/v1/communes', { schema: z.array(communeSchema) }).catch(() => [] as Commune[]);
  return {
    status: 'signed_in',
    session: { user, grants: result.grants, roles: rolesOf(user, result.grants), commune: communes.find((commune) => commune.id === user.communeId) ?? null },
  };
}

export interface SessionContextValue extends StaffSession {
  /** Re-read the session, e.g. after turning on two-factor sign-in. */
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionContext');
  return value;
}
