import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('desktop bundle layout', () => {
  it('finds the store worker, the checkpointer thread, the batch decoder and the demo incident from main/dist, and stores a span', async () => {
    // Built into main/dist-test/ beside the real bundle's files: the paths the code computes are relative to it.
    const outDir = path.join(here, 'dist-test');
    fs.rmSync(outDir, { recursive: true, force: true });
    try {
      // @ts-expect-error: a plain .mjs build script without type declarations
      const { buildBundles, ENTRIES } = (await import('./build.mjs')) as { buildBundles: (dir: string, entries: string[][]) => Promise<void>; ENTRIES: string[][] };
      const workers = ENTRIES.filter(([, name]) => name.endsWith('.mjs'));
      await buildBundles(outDir, [...workers, ['main/bundle-smoke-entry.ts', 'smoke.cjs', 'cjs']]);
      const output = execFileSync(process.execPath, [path.join(outDir, 'smoke.cjs')], { encoding: 'utf8', timeout: 60_000 });
      expect(JSON.parse(output)).toEqual({ spans: 1, checkpointer: 'running', demo: true });
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});
