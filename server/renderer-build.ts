// Makes sure the renderer build exists and is newer than its sources, building it with Vite when not.
// This keeps `npx chokepoint serve` working straight after `npm install`, with no separate build step.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

function newestMtimeMs(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (child === 'dist' || child === 'node_modules' || child.endsWith('.test.ts') || child.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtimeMs(path.join(entry, child)));
  }
  return newest;
}

export function rendererBuildIsStale(repoRoot: string): boolean {
  const built = fs.statSync(path.join(repoRoot, 'renderer', 'dist', 'index.html'), { throwIfNoEntry: false });
  if (built === undefined) return true;
  const sources = [path.join(repoRoot, 'renderer'), path.join(repoRoot, 'common')];
  return sources.some((source) => newestMtimeMs(source) > built.mtimeMs);
}

export async function ensureRendererBuild(repoRoot: string, log: (message: string) => void): Promise<string> {
  const assetsDir = path.join(repoRoot, 'renderer', 'dist');
  const hasSources = fs.existsSync(path.join(repoRoot, 'renderer', 'src'));
  if (!hasSources || !rendererBuildIsStale(repoRoot)) return assetsDir;
  log('Building the console (first run or sources changed)…');
  const require = createRequire(import.meta.url);
  const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--config', path.join('renderer', 'vite.config.ts'), '--logLevel', 'error'], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`renderer build failed (vite exited with ${code ?? 'a signal'})`))));
  });
  return assetsDir;
}
