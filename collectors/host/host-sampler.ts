// startHostSampler: reads the host every interval and hands semconv metric points to onBatch.
//
// - Linux reads /proc directly (createProcSource); other platforms use systeminformation.
// - Samples never overlap: the timer arms the next sample only after the current one finished,
//   and sampleOnce() queues behind a running sample. Late ticks are skipped, not bunched up.
// - The timer is unref()'d: the sampler never keeps the process alive.
// - Nothing throws out of the timer. A part that fails (file missing, parse error) is skipped and
//   reported once through onError; it is reported again only after it has recovered and failed anew.
// - Cumulative counters carry one fixed startTimeUnixNano: the boot time the first sample saw
//   (btime from /proc/stat), or the sampler's start when the source does not know it.

import type { MetricPoint, Resource, TelemetryBatch } from '../../common/telemetry.ts';
import type { HostSnapshot, SnapshotResult, SnapshotSource } from './host-snapshot.ts';
import { toError } from './host-snapshot.ts';
import { createProcSource } from './read-proc-snapshot.ts';
import { createSysteminformationSource } from './sample-systeminformation.ts';
import { snapshotToPoints } from './snapshot-to-points.ts';
import { HOST_SAMPLER_SCOPE, hostResource } from './host-resource.ts';

export type HostSourceKind = 'auto' | 'proc' | 'systeminformation';

export interface HostSamplerOptions {
  /** Time between samples; 1000 by default. */
  intervalMs?: number;
  /** Receives every non-empty sample. A throw is caught and reported through onError. */
  onBatch: (batch: TelemetryBatch) => void;
  /** Each distinct failure once, as "<part>: <message>" (part: cpu, memory, paging, disk, network, load, source, onBatch). Defaults to console.warn. */
  onError?: (err: Error) => void;
  /** Where /proc is mounted (tests point it at a fixture directory). */
  procRoot?: string;
  /** 'auto' (default): /proc on Linux, systeminformation elsewhere; or a custom reader. */
  source?: HostSourceKind | SnapshotSource;
  /** Clock in Unix nanoseconds. */
  now?: () => bigint;
  /** Overrides os.hostname() in the resource. */
  hostName?: string;
}

export interface HostSampler {
  /** Takes a sample now (after any running one), delivers it to onBatch (unless stopped) and returns it. */
  sampleOnce(): Promise<TelemetryBatch>;
  /** Stops the timer; from now on onBatch is never called, even by a sample already running. */
  stop(): void;
  readonly resource: Resource;
  readonly intervalMs: number;
}

/** Wall-clock Unix nanoseconds (ms resolution). Not performance.now(): its monotonic clock stops during suspend. */
export function unixNanoNow(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

function chooseSource(kind: HostSourceKind | SnapshotSource, procRoot: string): SnapshotSource {
  if (typeof kind === 'function') return kind;
  const useProc = kind === 'proc' || (kind === 'auto' && process.platform === 'linux');
  return useProc ? createProcSource(procRoot) : createSysteminformationSource();
}

/** Keeps the latest good reading of each part, so one failed read does not cost two samples of deltas. */
function mergeSnapshots(previous: HostSnapshot | null, current: HostSnapshot): HostSnapshot {
  const merged: HostSnapshot = { ...previous };
  for (const key of Object.keys(current) as (keyof HostSnapshot)[]) {
    if (current[key] !== undefined) Object.assign(merged, { [key]: current[key] });
  }
  return merged;
}

export function startHostSampler(options: HostSamplerOptions): HostSampler {
  const intervalMs = Math.max(1, options.intervalMs ?? 1000);
  const now = options.now ?? unixNanoNow;
  const onError = options.onError ?? ((err: Error) => console.warn(`[host-sampler] ${err.message}`));
  const source = chooseSource(options.source ?? 'auto', options.procRoot ?? '/proc');
  const resource = hostResource(options.hostName);
  const samplerStartUnixNano = now();

  let previous: HostSnapshot | null = null;
  let startTimeUnixNano: bigint | null = null;
  const outstanding = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const report = (key: string, err: Error) => {
    if (outstanding.has(key)) return;
    outstanding.add(key);
    try {
      onError(new Error(`${key}: ${err.message}`, { cause: err }));
    } catch {
      // A broken logger must not break sampling.
    }
  };

  const takeSample = async (): Promise<TelemetryBatch> => {
    const batch: TelemetryBatch = { spans: [], metricPoints: [], logs: [] };
    const failed = new Set<string>();
    try {
      const timeUnixNano = now();
      let result: SnapshotResult = { snapshot: {}, failures: [] };
      try {
        result = await source();
      } catch (err) {
        failed.add('source');
        report('source', toError(err));
      }
      for (const { part, error } of result.failures) {
        failed.add(part);
        report(part, error);
      }
      startTimeUnixNano ??= result.snapshot.bootTimeUnixNano ?? samplerStartUnixNano;
      const points: MetricPoint[] = snapshotToPoints(result.snapshot, previous, {
        resource,
        scope: HOST_SAMPLER_SCOPE,
        timeUnixNano,
        startTimeUnixNano,
      });
      previous = mergeSnapshots(previous, result.snapshot);
      batch.metricPoints = points;
    } catch (err) {
      failed.add('sample');
      report('sample', toError(err));
    }
    if (batch.metricPoints.length > 0 && !stopped) {
      try {
        options.onBatch(batch);
      } catch (err) {
        failed.add('onBatch');
        report('onBatch', toError(err));
      }
    }
    for (const key of outstanding) if (!failed.has(key)) outstanding.delete(key);
    return batch;
  };

  const enqueue = (): Promise<TelemetryBatch> => {
    const run = queue.then(takeSample, takeSample);
    queue = run;
    return run;
  };

  // Ticks aim at start + k·interval; a sample that overruns skips the ticks it missed, and a timer
  // that fires a little early cannot cause a second sample right after the first.
  const origin = performance.now();
  let lastTickAt = 0;
  const arm = () => {
    if (stopped) return;
    const elapsed = performance.now() - origin;
    let next = Math.ceil(elapsed / intervalMs) * intervalMs;
    if (next - lastTickAt < intervalMs / 2) next += intervalMs;
    timer = setTimeout(() => {
      timer = null;
      lastTickAt = performance.now() - origin;
      void enqueue().then(arm, arm);
    }, next - elapsed);
    timer.unref();
  };
  arm();

  return {
    sampleOnce: enqueue,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    resource,
    intervalMs,
  };
}
