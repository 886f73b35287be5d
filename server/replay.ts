// Replays telemetry files through a target (the store, or the rules' evidence directly for `analyze`) as it
// would have arrived live: batches in arrival order, paced at a chosen speed or as fast as the target takes
// them, timestamps kept or shifted to now, with an evaluator (the rules) run every few seconds of incident
// time so findings appear when they would have fired.
import type { Finding } from '../common/findings.ts';
import type { IncidentHeader } from '../common/incident.ts';
import type { TelemetryBatch, TelemetryCounts } from '../common/telemetry.ts';
import type { LineReaderLimits } from '../collectors/files/index.ts';
import { fileArrivals, type FileArrival } from './file-arrivals.ts';
import { shiftBatch } from './telemetry-shift.ts';

/** Runs the rules over what has been delivered so far, as of an incident time. */
export interface IncidentEvaluator {
  evaluate(atUnixNano: bigint): Promise<Finding[]>;
  /**
   * False when the evaluator sees each batch as it is written (not by reading the target back), so an evaluation
   * need not wait for the target's writes to finish. Default true.
   */
  readonly readsTarget?: boolean;
}

/** Where replayed batches go: a StoreClient, or anything else that takes batches. */
export interface ReplayTarget {
  write(batch: TelemetryBatch): Promise<void>;
}

export interface ReplayProgress {
  /** Incident time reached (in the file's own time, before any shift). */
  incidentTimeUnixNano: bigint;
  counts: TelemetryCounts;
  findings: number;
}

export interface ReplayOptions {
  /** Incident seconds per wall-clock second, or 'max'. */
  speed: number | 'max';
  /** Move timestamps so the incident starts now; otherwise they are kept. */
  shiftToNow?: boolean;
  /** How often (incident time) the evaluator runs; default 5 s. */
  evaluateEveryNanos?: bigint;
  evaluator?: IncidentEvaluator;
  onProgress?: (progress: ReplayProgress) => void;
  onFinding?: (finding: Finding) => void;
  /** The first incident header, as soon as it is read. */
  onHeader?: (header: IncidentHeader) => void;
  signal?: AbortSignal;
  limits?: LineReaderLimits;
  /** Writes in flight at most (default 8). */
  maxInFlight?: number;
}

export interface ReplayResult {
  /** The first incident header met (files without one have none). */
  header: IncidentHeader | null;
  counts: TelemetryCounts;
  /** Items lines held that could not be used. */
  rejected: number;
  errors: { file: string; line: number; message: string }[];
  /** Each finding as last evaluated, with the incident time it was first raised. */
  findings: Finding[];
  /** The offset added to every timestamp (0 unless shifted to now). */
  shiftNanos: bigint;
  fromUnixNano: bigint | null;
  toUnixNano: bigint | null;
}

const MAX_ERRORS_KEPT = 1000;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

export async function replayFiles(files: readonly string[], target: ReplayTarget, options: ReplayOptions): Promise<ReplayResult> {
  const step = options.evaluateEveryNanos ?? 5_000_000_000n;
  const maxInFlight = options.maxInFlight ?? 8;
  const result: ReplayResult = {
    header: null, counts: { spans: 0, metricPoints: 0, logs: 0 }, rejected: 0, errors: [], findings: [], shiftNanos: 0n, fromUnixNano: null, toUnixNano: null,
  };
  const findings = new Map<string, Finding>();
  const inFlight: Promise<void>[] = [];
  let nextTick: bigint | null = null;
  let wallStart = 0;
  let firstArrival: bigint | null = null;

  const settle = async () => {
    await Promise.all(inFlight.splice(0));
  };
  const evaluate = async (at: bigint) => {
    if (options.evaluator === undefined) return;
    if (options.evaluator.readsTarget !== false) await settle();
    const shifted = at + result.shiftNanos;
    for (const finding of await options.evaluator.evaluate(shifted)) {
      const known = findings.get(finding.id);
      // The latest evaluation describes it best, but it began when it was first seen to begin.
      const onset = known !== undefined && BigInt(known.onsetUnixNano) < BigInt(finding.onsetUnixNano) ? known.onsetUnixNano : finding.onsetUnixNano;
      const merged = { ...finding, onsetUnixNano: onset, detectedAtUnixNano: known?.detectedAtUnixNano ?? shifted.toString() };
      findings.set(finding.id, merged);
      if (known === undefined) options.onFinding?.(merged);
    }
  };

  const deliver = async (item: FileArrival) => {
    const arrival = item.arrivalUnixNano;
    if (firstArrival === null) {
      firstArrival = arrival;
      wallStart = performance.now();
      const headerFrom = result.header === null ? 0n : BigInt(result.header.fromUnixNano);
      const origin = headerFrom > 0n && headerFrom <= arrival ? headerFrom : arrival;
      if (options.shiftToNow === true) result.shiftNanos = BigInt(Date.now()) * 1_000_000n - origin;
      nextTick = origin - (origin % step) + step;
    }
    while (nextTick !== null && nextTick <= arrival) {
      await evaluate(nextTick);
      options.onProgress?.({ incidentTimeUnixNano: nextTick, counts: { ...result.counts }, findings: findings.size });
      nextTick += step;
    }
    if (options.speed !== 'max') {
      const waitMs = wallStart + Number(arrival - firstArrival) / 1e6 / options.speed - performance.now();
      if (waitMs > 1) await sleep(waitMs, options.signal);
    }
    if (inFlight.length >= maxInFlight) await inFlight.shift();
    inFlight.push(target.write(shiftBatch(item.batch, result.shiftNanos)));
    result.counts.spans += item.batch.spans.length;
    result.counts.metricPoints += item.batch.metricPoints.length;
    result.counts.logs += item.batch.logs.length;
    if (result.fromUnixNano === null || arrival < result.fromUnixNano) result.fromUnixNano = arrival;
    if (result.toUnixNano === null || arrival > result.toUnixNano) result.toUnixNano = arrival;
  };

  const arrivals = fileArrivals(files, {
    limits: options.limits,
    // Checked while reading too: a file of nothing but bad or empty lines yields no batch to stop at.
    signal: options.signal,
    onHeader: (_file, header) => {
      if (result.header !== null) return;
      result.header = header;
      options.onHeader?.(header);
    },
    onProblem: (file, line, message, rejected) => {
      result.rejected += rejected;
      if (result.errors.length < MAX_ERRORS_KEPT) result.errors.push({ file, line, message });
    },
  });
  try {
    for await (const item of arrivals) {
      if (options.signal?.aborted === true) break;
      await deliver(item);
    }
    if (options.signal?.aborted !== true && nextTick !== null && result.toUnixNano !== null) await evaluate(result.toUnixNano);
  } finally {
    await settle();
  }
  result.findings = [...findings.values()];
  return result;
}

/** One file into a target (see replayFiles). */
export function replayFile(file: string, target: ReplayTarget, options: ReplayOptions): Promise<ReplayResult> {
  return replayFiles([file], target, options);
}
