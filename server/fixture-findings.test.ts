// The diagnosis bar on real recordings: every fixture in fixtures/incidents yields its expected kinds (its root
// cause ranked first where the manifest says so) and none of its forbidden ones at warning or above; healthy
// controls yield no warning or critical finding at all; and a replay at max speed detects each fault within
// 30 s of incident time after its onset.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../common/findings.ts';
import { loadManifests } from '../fixtures/lab/manifest.ts';
import { StoreClient } from '../store/index.ts';
import { replayFile } from './replay.ts';
import { StoreTeeRulesRunner } from './rules-runner.ts';
import { analyzeFiles } from './run-analyze.ts';

const incidentsDir = path.resolve('fixtures/incidents');
const manifests = loadManifests(incidentsDir);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-fixtures-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const serious = (findings: readonly Finding[]) => findings.filter((f) => f.severity !== 'info');
const MAX_DETECTION_NANOS = 30_000_000_000n;

describe('fixture library', () => {
  it('has a recording for every finding kind of the diagnosis table, two healthy controls and a two-fault incident', () => {
    const covered = new Set(manifests.flatMap(({ manifest }) => manifest.expect));
    for (const kind of ['pool_exhaustion', 'n_plus_one', 'hot_spot', 'thundering_herd', 'replication_lag'] as const) expect(covered, kind).toContain(kind);
    expect(manifests.filter(({ manifest }) => manifest.healthy).length).toBeGreaterThanOrEqual(2);
    expect(manifests.some(({ manifest }) => manifest.expect.length >= 2)).toBe(true);
  });

  for (const { manifest } of manifests) {
    const file = path.join(incidentsDir, manifest.file);

    it(`${manifest.name}: analyze finds ${manifest.healthy ? 'nothing wrong' : manifest.expect.join(' + ')}`, async () => {
      const { findings } = await analyzeFiles({ files: [file], overrides: {} });
      const kinds = serious(findings).map((f) => f.kind);
      if (manifest.healthy) expect(kinds).toEqual([]);
      for (const kind of manifest.expect) expect(kinds, `expected ${kind}`).toContain(kind);
      for (const kind of manifest.forbid) expect(kinds, `forbidden ${kind}`).not.toContain(kind);
      if (manifest.expectFirst !== null) expect(findings[0]?.kind).toBe(manifest.expectFirst);
    }, 60_000);

    if (!manifest.healthy) {
      it(`${manifest.name}: replay at max speed detects each fault within 30 s of its onset`, async () => {
        const store = await StoreClient.open({ dataDir: path.join(scratch, manifest.name), retention: {} });
        try {
          const runner = new StoreTeeRulesRunner(store);
          const result = await replayFile(file, runner, { speed: 'max', evaluator: runner });
          const onset = BigInt(manifest.onsetUnixNano);
          for (const kind of manifest.expect) {
            const detections = serious(result.findings).filter((f) => f.kind === kind).map((f) => BigInt(f.detectedAtUnixNano!) - onset);
            expect(detections.length, `${kind} detected`).toBeGreaterThan(0);
            const first = detections.reduce((a, b) => (a < b ? a : b));
            expect(Number(first) / 1e9, `${kind} seconds after onset`).toBeLessThanOrEqual(Number(MAX_DETECTION_NANOS) / 1e9);
          }
        } finally {
          await store.close();
        }
      }, 120_000);
    }
  }
});
