// Vite config for the console renderer. Root is renderer/; the build lands in renderer/dist,
// which the HTTP server serves at / and Electron loads from disk (hence the relative base).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** Where `npx vite --config renderer/vite.config.ts` sends /api during development. */
const apiTarget = process.env.CHOKEPOINT_API ?? 'http://127.0.0.1:8686';

export default defineConfig(({ command }) => ({
  root,
  base: './',
  // Vite 8 compiles TSX with Oxc; the automatic React runtime needs no plugin. Its development transform (jsxDEV,
  // with source positions and owner stacks) only for the dev server: in a build it made React several times slower.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react', development: command === 'serve' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
    proxy: {
      '/api/live': { target: apiTarget.replace(/^http/, 'ws'), ws: true },
      // Keep the browser's Host header: the server checks that Origin and Host agree.
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1' },
}));
