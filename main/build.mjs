// Bundles the Electron main process and preload script to CommonJS with Vite (dependencies stay external).
// The renderer is built separately (npm run build:renderer).
import { build } from 'vite';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const external = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  ...Object.keys(manifest.dependencies ?? {}),
].map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`));

// The store worker, its checkpointer thread and the batch decoder it loads are separate files: worker threads
// start from a file, and the store keeps wire formats out of its own code (the server hands it the decoder's URL).
// ES modules, since the store worker awaits the decoder at its top level.
export const ENTRIES = [
  ['main/index.ts', 'main.cjs', 'cjs'],
  ['preload/index.ts', 'preload.cjs', 'cjs'],
  ['store/store-worker.ts', 'store-worker.mjs', 'es'],
  ['store/wal-checkpointer-thread.ts', 'wal-checkpointer-thread.mjs', 'es'],
  ['collectors/otlp/decode-batch.ts', 'decode-batch.mjs', 'es'],
];

/** Builds `entries` ([source, output name, format]) into `outDir`. */
export async function buildBundles(outDir = path.join(root, 'main', 'dist'), entries = ENTRIES) {
  for (const [entry, fileName, format] of entries) {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        outDir,
        emptyOutDir: false,
        target: 'node20',
        minify: false,
        ssr: true,
        lib: { entry: path.join(root, entry), formats: [format], fileName: () => fileName },
        // Named here as well: the bundler's SSR mode ignores lib.fileName, and both entries would be written to index.cjs.
        rollupOptions: { external, output: { entryFileNames: fileName } },
      },
    });
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildBundles();
