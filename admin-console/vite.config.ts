import { defineConfig } from 'vite';

// The console is served by the gateway at /admin/ and calls the gateway's own origin (/api, /ws), so
// the dev server proxies those to a running gateway. Maven sets APFA_CONSOLE_OUT_DIR; a plain
// `npm run build` writes to the same place under target/.
// The gateway's CSP for /admin/ (GatewaySecurityConfiguration.CONSOLE_CSP), applied by `vite preview`
// too, so a page that would break under it breaks here first.
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; manifest-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const proxy = {
  '/api': { target: 'http://127.0.0.1:8080' },
  '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
};

export default defineConfig({
  base: '/admin/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: process.env.APFA_CONSOLE_OUT_DIR ?? 'target/classes/META-INF/resources/admin',
    emptyOutDir: true,
    target: 'es2022',
    // One small bundle; no inline scripts or styles, so the gateway's CSP ('self' only) holds.
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    proxy,
    headers: { 'Content-Security-Policy': CSP },
  },
});
