// Moves every timestamp of a batch by the same offset (replaying an incident "as if now").
// Zero times stay zero: in OTLP they mean "not set".
import type { LogRecord, MetricPoint, Span, TelemetryBatch } from '../common/telemetry.ts';

const move = (time: bigint, offset: bigint): bigint => (time === 0n ? 0n : time + offset);

function shiftSpan(span: Span, offset: bigint): Span {
  return {
    ...span,
    startTimeUnixNano: move(span.startTimeUnixNano, offset),
    endTimeUnixNano: move(span.endTimeUnixNano, offset),
    events: span.events.map((event) => ({ ...event, timeUnixNano: move(event.timeUnixNano, offset) })),
  };
}

function shiftPoint(point: MetricPoint, offset: bigint): MetricPoint {
  return {
    ...point,
    startTimeUnixNano: move(point.startTimeUnixNano, offset),
    timeUnixNano: move(point.timeUnixNano, offset),
    exemplars: point.exemplars.map((exemplar) => ({ ...exemplar, timeUnixNano: move(exemplar.timeUnixNano, offset) })),
  };
}

function shiftLog(log: LogRecord, offset: bigint): LogRecord {
  return { ...log, timeUnixNano: move(log.timeUnixNano, offset), observedTimeUnixNano: move(log.observedTimeUnixNano, offset) };
}

export function shiftBatch(batch: TelemetryBatch, offset: bigint): TelemetryBatch {
  if (offset === 0n) return batch;
  return {
    spans: batch.spans.map((span) => shiftSpan(span, offset)),
    metricPoints: batch.metricPoints.map((point) => shiftPoint(point, offset)),
    logs: batch.logs.map((log) => shiftLog(log, offset)),
  };
}

/** When a batch would have arrived live: the latest time in it (a span is exported when it ends). */
export function arrivalTime(batch: TelemetryBatch): bigint {
  let latest = 0n;
  for (const span of batch.spans) if (span.endTimeUnixNano > latest) latest = span.endTimeUnixNano;
  for (const point of batch.metricPoints) if (point.timeUnixNano > latest) latest = point.timeUnixNano;
  for (const log of batch.logs) {
    const time = log.timeUnixNano === 0n ? log.observedTimeUnixNano : log.timeUnixNano;
    if (time > latest) latest = time;
  }
  return latest;
}

/**
 * Splits a batch into slices of `sliceNanos` by each item's arrival time (span end, point time, log time),
 * oldest first, so a file line that covers many seconds is replayed second by second.
 */
export function sliceByArrival(batch: TelemetryBatch, sliceNanos: bigint): { batch: TelemetryBatch; arrivalUnixNano: bigint }[] {
  const slices = new Map<bigint, TelemetryBatch>();
  const sliceOf = (time: bigint): TelemetryBatch => {
    const key = time - (time % sliceNanos);
    let slice = slices.get(key);
    if (slice === undefined) {
      slice = { spans: [], metricPoints: [], logs: [] };
      slices.set(key, slice);
    }
    return slice;
  };
  for (const span of batch.spans) sliceOf(span.endTimeUnixNano).spans.push(span);
  for (const point of batch.metricPoints) sliceOf(point.timeUnixNano).metricPoints.push(point);
  for (const log of batch.logs) sliceOf(log.timeUnixNano === 0n ? log.observedTimeUnixNano : log.timeUnixNano).logs.push(log);
  return [...slices.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, slice]) => ({ batch: slice, arrivalUnixNano: arrivalTime(slice) }));
}
