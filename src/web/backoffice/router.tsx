import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** Every back-office address lives under this prefix; the server answers each with index.html. */
export const BASE_PATH = '/staff';

const changeEvent = 'backoffice:navigate';
let navigationCount = 0;

/** False on the page the browser loaded; true after any in-app move (link, back, forward). */
export function hasNavigatedSinceLoad(): boolean {
  return navigationCount > 0;
}

export interface Location {
  /** Path inside the back office, always starting with "/" ("/admin/areas"). */
  path: string;
  search: string;
}

/** Strip the /staff prefix; anything outside it is treated as the home page. */
export function toAppPath(pathname: string): string {
  if (pathname === BASE_PATH || pathname === `${BASE_PATH}/`) return '/';
  if (pathname.startsWith(`${BASE_PATH}/`)) return pathname.slice(BASE_PATH.length).replace(/\/+$/, '') || '/';
  return '/';
}

/** The full URL of an app path: "/admin/areas" → "/staff/admin/areas". */
export function href(path: string): string {
  return path === '/' ? `${BASE_PATH}/` : `${BASE_PATH}${path}`;
}

/** Go to an app path (with optional "?query") without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = href(to);
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  navigationCount += 1;
  window.dispatchEvent(new Event(changeEvent));
}

window.addEventListener('popstate', () => {
  navigationCount += 1;
});

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(changeEvent, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(changeEvent, onChange);
  };
}

// useSyncExternalStore compares snapshots with Object.is, so return a string, not an object.
const snapshot = () => `${window.location.pathname}${window.location.search}`;

/** The current location; re-renders on navigate() and on the browser's back/forward buttons. */
export function useLocation(): Location {
  const value = useSyncExternalStore(subscribe, snapshot);
  const queryStart = value.indexOf('?');
  const pathname = queryStart === -1 ? value : value.slice(0, queryStart);
  return { path: toAppPath(pathname), search: queryStart === -1 ? '' : value.slice(queryStart) };
}

/** Match "/admin/areas/:id" against "/admin/areas/123" → { id: "123" }; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < patternParts.length; index += 1) {
    const expected = patternParts[index]!;
    const actual = pathParts[index]!;
    if (expected.startsWith(':')) params[expected.slice(1)] = decodeURIComponent(actual);
    else if (expected !== actual) return null;
  }
  return params;
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** App path, optionally with a query: "/admin/users?page=2". */
  to: string;
}

/** A real link (works with open-in-new-tab) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={href(to)} onClick={handleClick} {...rest} />;
}
