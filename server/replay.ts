// Replays a telemetry file through the store as it would have arrived live: batches in arrival order, paced
// at a chosen speed (or as fast as the store takes them), timestamps kept or shifted to now, with an
// evaluator (the rules) run every few seconds of incident time so findings appear when they would have fired.
import type { Finding } from '../common/findings.ts';
import type { IncidentHeader } from '../common/incident.ts';
import type { TelemetryCounts } from '../common/telemetry.ts';
import { readTelemetryFile, type LineReaderLimits } from '../collectors/files/index.ts';
import type { StoreClient } from '../store/index.ts';
import { ArrivalOrder, type ArrivingBatch } from './arrival-order.ts';
import { shiftBatch, sliceByArrival } from './telemetry-shift.ts';

/** Runs the rules over what has been stored so far, as of an incident time. */
export interface IncidentEvaluator {
  evaluate(atUnixNano: bigint): Promise<Finding[]>;
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
  signal?: AbortSignal;
  limits?: LineReaderLimits;
  /** Store writes in flight at most (default 8). */
  maxInFlight?: number;
}

export interface ReplayResult {
  header: IncidentHeader | null;
  counts: TelemetryCounts;
  /** Items a line held that could not be used, with the reasons. */
  rejected: number;
  errors: { line: number; message: string }[];
  /** Each finding as last evaluated, with the incident time it was first raised. */
  findings: Finding[];
  /** The offset added to every timestamp (0 unless shifted to now). */
  shiftNanos: bigint;
  fromUnixNano: bigint | null;
  toUnixNano: bigint | null;
}

const MAX_ERRORS_KEPT = 1000;
/** Replay granularity: items are delivered in one-second slices of their own arrival time. */
const SLICE_NANOS = 1_000_000_000n;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

export async function replayFile(file: string, store: StoreClient, options: ReplayOptions): Promise<ReplayResult> {
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
    await settle();
    for (const finding of await options.evaluator.evaluate(at + result.shiftNanos)) {
      const known = findings.get(finding.id);
      const detectedAtUnixNano = known?.detectedAtUnixNano ?? (at + result.shiftNanos).toString();
      const merged = { ...finding, detectedAtUnixNano };
      findings.set(finding.id, merged);
      if (known === undefined) options.onFinding?.(merged);
    }
  };

  const deliver = async (item: ArrivingBatch) => {
    const arrival = item.arrivalUnixNano;
    if (firstArrival === null) {
      firstArrival = arrival;
      wallStart = performance.now();
      const origin = result.header === null ? arrival : BigInt(result.header.fromUnixNano) || arrival;
      if (options.shiftToNow === true) result.shiftNanos = BigInt(Date.now()) * 1_000_000n - origin;
      nextTick = origin - (origin % step) + step;
    }
    while (nextTick !== null && nextTick <= arrival) {
      await evaluate(nextTick);
      options.onProgress?.({ incidentTimeUnixNano: nextTick, counts: { ...result.counts }, findings: findings.size });
      nextTick += step;
    }
    if (options.speed !== 'max') {
      const dueMs = wallStart + Number(arrival - firstArrival) / 1e6 / options.speed;
      const waitMs = dueMs - performance.now();
      if (waitMs > 1) await sleep(waitMs, options.signal);
    }
    if (inFlight.length >= maxInFlight) await inFlight.shift();
    inFlight.push(store.write(shiftBatch(item.batch, result.shiftNanos)));
    result.counts.spans += item.batch.spans.length;
    result.counts.metricPoints += item.batch.metricPoints.length;
    result.counts.logs += item.batch.logs.length;
    if (result.fromUnixNano === null || arrival < result.fromUnixNano) result.fromUnixNano = arrival;
    if (result.toUnixNano === null || arrival > result.toUnixNano) result.toUnixNano = arrival;
  };

  const order = new ArrivalOrder();
  try {
    for await (const event of readTelemetryFile(file, options.limits)) {
      if (options.signal?.aborted === true) break;
      if (event.type === 'header') {
        result.header ??= event.header;
      } else if (event.type === 'error') {
        if (result.errors.length < MAX_ERRORS_KEPT) result.errors.push({ line: event.line, message: event.message });
      } else {
        if (event.rejected > 0) {
          result.rejected += event.rejected;
          if (result.errors.length < MAX_ERRORS_KEPT) result.errors.push({ line: event.line, message: event.rejectionMessage });
        }
        for (const slice of sliceByArrival(event.batch, SLICE_NANOS)) {
          if (slice.arrivalUnixNano === 0n) continue;
          for (const due of order.push({ ...slice, line: event.line })) await deliver(due);
        }
      }
    }
    if (options.signal?.aborted !== true) {
      for (const due of order.drain()) await deliver(due);
      if (nextTick !== null && result.toUnixNano !== null) await evaluate(result.toUnixNano);
    }
  } finally {
    await settle();
  }
  result.findings = [...findings.values()];
  return result;
}
