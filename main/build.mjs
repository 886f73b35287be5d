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

for (const [entry, fileName] of [
  ['main/index.ts', 'main.cjs'],
  ['preload/index.ts', 'preload.cjs'],
]) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir: path.join(root, 'main', 'dist'),
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      ssr: true,
      lib: { entry: path.join(root, entry), formats: ['cjs'], fileName: () => fileName },
      rollupOptions: { external },
    },
  });
}
