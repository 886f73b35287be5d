// The other half of the round-trip bar: once rules exist, a recording that went through a store and came out
// again as an exported file gives the same findings as the original recording.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../common/findings.ts';
import { StoreClient } from '../store/index.ts';
import { exportIncident } from './incident-export.ts';
import { replayFile } from './replay.ts';
import { analyzeFiles } from './run-analyze.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-findings-roundtrip-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What a finding concludes (its stable rule:key id, kind, severity, service and onset), warnings and up. */
const gist = (findings: readonly Finding[]) =>
  findings.filter((f) => f.severity !== 'info').map((f) => ({ id: f.id, kind: f.kind, severity: f.severity, service: f.service, onset: f.onsetUnixNano })).sort((a, b) => a.id.localeCompare(b.id));

describe('findings survive store → export → analyze', () => {
  it.each(['pool-and-n-plus-one', 'cache-stampede'])('%s: the exported file gives the same findings as the recording', async (name) => {
    const original = path.join(here, '..', 'fixtures', 'incidents', `${name}.chokepoint`);
    const store = await StoreClient.open({ dataDir: path.join(dir, name), retention: {} });
    const exported = path.join(dir, `${name}-exported.chokepoint`);
    try {
      await replayFile(original, store, { speed: 'max' });
      await exportIncident(store, exported, { title: name });
    } finally {
      await store.close();
    }
    const before = gist((await analyzeFiles({ files: [original], overrides: {} })).findings);
    const after = gist((await analyzeFiles({ files: [exported], overrides: {} })).findings);
    expect(before.length).toBeGreaterThan(0);
    expect(after).toEqual(before);
  }, 60_000);
});
