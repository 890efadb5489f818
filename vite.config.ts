import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/*
 * One build for the browser, into dist/web/:
 *   - the back office SPA (src/web/backoffice/index.html → dist/web/backoffice/index.html), served
 *     by the server for every /staff/... path; the SPA's router uses the basename /staff;
 *   - the portal's optional islands (src/web/islands/*.ts), found by the server via the manifest.
 * Every built file lands in dist/web/assets/ with a content hash and is served at /assets/<file>
 * (base '/'), so one immutable-cached URL space serves both. No inline scripts or styles are
 * emitted (strict CSP: script-src 'self', style-src 'self').
 */
const webRoot = fileURLToPath(new URL('./src/web/', import.meta.url));
const islandsDir = `${webRoot}islands/`;
const backofficeHtml = `${webRoot}backoffice/index.html`;

const islandEntries = existsSync(islandsDir)
  ? Object.fromEntries(
      readdirSync(islandsDir)
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
        .map((file) => [`island-${file.replace(/\.ts$/, '')}`, `${islandsDir}${file}`]),
    )
  : {};

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web/', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    manifest: true,
    // Inline data: URLs for fonts/images would need a looser CSP for fonts; keep files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    rolldownOptions: {
      input: {
        ...(existsSync(backofficeHtml) ? { backoffice: backofficeHtml } : {}),
        ...islandEntries,
      },
    },
  },
});
