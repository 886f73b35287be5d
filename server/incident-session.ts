// An incident opened in the console: the file is replayed at full speed into a scratch store of its own
// (the live store is never touched), with the rules evaluated as the data arrives, so every finding carries
// the incident time it would have fired at. The console then moves a playhead over it: views show what was
// known at the playhead (spans that had ended, findings already detected).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncidentState } from '../common/api-contract.ts';
import { asChokepointError } from '../common/error-codes.ts';
import { StoreClient } from '../store/index.ts';
import { replayFile } from './replay.ts';
import { StoreTeeRulesRunner } from './rules-runner.ts';

export interface IncidentSession {
  readonly store: StoreClient;
  /** The file it was opened from, and whether it is the demo (to re-run it). */
  readonly file: string;
  readonly demo: boolean;
  state(): IncidentState;
  /** Resolves when loading ends (ready or failed). */
  readonly loaded: Promise<void>;
  close(): Promise<void>;
}

export async function openIncidentSession(file: string, options: { demo?: boolean; overrides?: Record<string, number> } = {}): Promise<IncidentSession> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-incident-'));
  const store = await StoreClient.open({ dataDir: scratch, retention: {} });
  const state: IncidentState = {
    file: path.basename(file),
    demo: options.demo === true,
    status: 'loading',
    title: path.basename(file),
    notes: '',
    services: [],
    fromUnixNano: null,
    toUnixNano: null,
    loadedUntilUnixNano: null,
    counts: { spans: 0, metricPoints: 0, logs: 0 },
    problems: 0,
    message: '',
    findings: [],
    overrides: { ...(options.overrides ?? {}) },
  };
  const controller = new AbortController();
  const runner = new StoreTeeRulesRunner(store, { overrides: options.overrides });
  const loaded = replayFile(file, runner, {
    speed: 'max',
    evaluator: runner,
    signal: controller.signal,
    onHeader: (header) => {
      state.title = header.title;
      state.notes = header.notes;
      state.services = header.services;
      state.fromUnixNano = header.fromUnixNano;
      state.toUnixNano = header.toUnixNano;
    },
    onProgress: (progress) => {
      state.loadedUntilUnixNano = progress.incidentTimeUnixNano.toString();
      state.counts = progress.counts;
    },
  }).then(
    (result) => {
      const header = result.header;
      state.status = 'ready';
      state.title = header?.title ?? state.title;
      state.notes = header?.notes ?? '';
      state.services = header?.services ?? [];
      state.fromUnixNano = (header === null ? result.fromUnixNano : BigInt(header.fromUnixNano))?.toString() ?? null;
      state.toUnixNano = (header === null ? result.toUnixNano : BigInt(header.toUnixNano))?.toString() ?? null;
      state.loadedUntilUnixNano = state.toUnixNano;
      state.counts = result.counts;
      state.problems = result.errors.length;
      state.findings = result.findings;
    },
    (error: unknown) => {
      const failure = asChokepointError(error);
      state.status = 'failed';
      state.message = failure.message;
      state.code = failure.code;
    },
  );
  return {
    store,
    file,
    demo: options.demo === true,
    loaded,
    state: () => ({ ...state }),
    async close() {
      controller.abort();
      await loaded;
      await store.close();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}
