import { defineConfig } from 'vitest/config';
import { CSP_NONCE_PLACEHOLDER } from '../api/src/console/console-build';

/**
 * The console's build: served by the API at /console (ConsoleController), from dist/console,
 * which `npm run build` fills after the Nest build (whose deleteOutDir would remove it).
 * `html.cspNonce` puts a placeholder on the page's tags and in a `csp-nonce` meta tag: the API
 * replaces it with a fresh nonce per request, and antd's CSS-in-JS styles carry that nonce
 * (main.tsx), so the Content-Security-Policy needs no 'unsafe-inline'.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  // Vite 8's own Oxc transform does the JSX (no @vitejs/plugin-react).
  oxc: { jsx: { runtime: 'automatic' } },
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    // One admin page: antd and ECharts make a large bundle, loaded once and cached (hashed names).
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // antd marks its modules "use client" (for React Server Components): moot in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    // antd in jsdom is slow on a loaded machine.
    testTimeout: 90_000,
  },
});
