// Temporary stores for store tests; the domain builders live in fixtures/domain-builders.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TelemetryStore } from './telemetry-store.ts';
import type { StoreOptions } from './telemetry-store.ts';

const createdDirs: string[] = [];

/** A fresh temporary directory for one test's database; removeTempDirs() deletes it. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-store-'));
  createdDirs.push(dir);
  return dir;
}

const openStores: TelemetryStore[] = [];

/** Opens a store in a fresh temp dir (unless options name one); closeTestStores() closes it after the test. */
export function openTestStore(options: Partial<StoreOptions> = {}): TelemetryStore {
  const store = TelemetryStore.open({ dataDir: tempDir(), ...options });
  openStores.push(store);
  return store;
}

/** Closes every store openTestStore() opened that is still open; use as `afterEach(closeTestStores)`. */
export function closeTestStores(): void {
  for (const store of openStores.splice(0)) if (store.isOpen) store.close();
}

/** Deletes every directory tempDir() made in this process (close the stores in them first). */
export function removeTempDirs(): void {
  for (const dir of createdDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export {
  seededRandom,
  traceIdFor,
  spanIdFor,
  buildResource,
  buildScope,
  buildSpan,
  buildTypicalTrace,
  buildTypicalSpans,
  buildMetricPoint,
  buildLog,
  buildBatch,
} from '../fixtures/domain-builders.ts';
