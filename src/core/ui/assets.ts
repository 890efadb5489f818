import type { PortalAssets } from './types.js';

/**
 * Server only. The URLs of the portal's stylesheet and island scripts, set once by the web server
 * when it starts (it knows the content hashes) and read by getPortalContext and error pages.
 */
let current: PortalAssets = { stylesheet: '/assets/portal.css', scripts: [], islands: {} };

export function setPortalAssets(assets: PortalAssets): void {
  current = assets;
}

export function portalAssets(): PortalAssets {
  return current;
}
