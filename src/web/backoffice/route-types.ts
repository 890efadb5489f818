import { createContext, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../../core/auth/roles.js';

/*
 * The route shape, apart from the route list itself: pages import these types (and read the list
 * through RoutesContext) without importing routes.ts, which imports the pages.
 */

/** What a page receives from the router. */
export interface RouteProps {
  /** `:name` segments of the path, decoded. */
  params: Readonly<Record<string, string>>;
  /** The query string, "?page=2" or "". */
  search: string;
}

/** Navigation groups, shown in this order; a group appears when one of its links is allowed. */
export const navSections = ['work', 'supervision', 'admin', 'account'] as const;
export type NavSection = (typeof navSections)[number];

export interface BackofficeRoute {
  /** Path under /staff, with `:name` parameters: "/admin/areas/:id". */
  path: string;
  /** Message key of the page's name (navigation link and page title). */
  labelKey: string;
  /** Roles that may open the page (any one of them); empty means every staff member. */
  roles: readonly Role[];
  /** The navigation group that links to it; omit for pages reached from another page (forms). */
  nav?: NavSection;
  component: ComponentType<RouteProps> | LazyExoticComponent<ComponentType<RouteProps>>;
}

/** The app's route list, provided by app.tsx (the home page lists the sections from it). */
export const RoutesContext = createContext<readonly BackofficeRoute[]>([]);
