import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The web app: built into dist/web (after `nest build`, which empties dist/), served by the Nest
// server (src/common/http/web-app.ts). The manifest tells the server a build exists and lets the
// browser suite measure the first screen's JavaScript.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    target: 'es2022',
    // No inline script for the module-preload polyfill: the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      onwarn(warning, warn) {
        // TanStack Query's "use client" (a React Server Components marker) means nothing in an SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` in development, with the API on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
