// Everything stored in a time window, as lossless domain telemetry (what incident export writes), and the
// time span the store covers. Spans fall in the window of their start; points and records of their time.
import type Database from 'better-sqlite3';
import type { TelemetryBatch } from '../common/telemetry.ts';
import type { LogQueries } from './log-queries.ts';
import type { MetricQueries } from './metric-queries.ts';
import type { SpanQueries } from './span-queries.ts';

export interface TimeRange {
  fromUnixNano: bigint;
  /** Exclusive: one nanosecond past the latest time stored. */
  toUnixNano: bigint;
}

/** More spans than this in one window is refused: ask for a narrower window. */
const MAX_WINDOW_SPANS = 2_000_000;

export class TelemetryRanges {
  private readonly spans: SpanQueries;
  private readonly metrics: MetricQueries;
  private readonly logs: LogQueries;
  private readonly bounds: Database.Statement<[], [bigint | null, bigint | null]>[];

  constructor(db: Database.Database, spans: SpanQueries, metrics: MetricQueries, logs: LogQueries) {
    this.spans = spans;
    this.metrics = metrics;
    this.logs = logs;
    const raw = (sql: string) => db.prepare<[], [bigint | null, bigint | null]>(sql).raw(true).safeIntegers(true);
    this.bounds = [
      raw('SELECT min(start_ns), max(start_ns + duration_ns) FROM spans'),
      raw('SELECT min(time_ns), max(time_ns) FROM metric_points'),
      raw('SELECT min(ts_ns), max(ts_ns) FROM logs'),
    ];
  }

  /** Earliest and latest times of anything stored, or null for an empty store. */
  timeRange(): TimeRange | null {
    let from: bigint | null = null;
    let to: bigint | null = null;
    for (const statement of this.bounds) {
      const [min, max] = statement.get() ?? [null, null];
      if (min !== null && (from === null || min < from)) from = min;
      if (max !== null && (to === null || max > to)) to = max;
    }
    return from === null || to === null ? null : { fromUnixNano: from, toUnixNano: to + 1n };
  }

  /** Spans, metric points and log records with from ≤ time < to, each kind oldest first. */
  telemetryInRange(fromUnixNano: bigint, toUnixNano: bigint): TelemetryBatch {
    const spans = this.spans.spansInRange({ fromUnixNano, toUnixNano, limit: MAX_WINDOW_SPANS + 1 });
    if (spans.length > MAX_WINDOW_SPANS) throw new RangeError(`more than ${MAX_WINDOW_SPANS} spans in the window; ask for a narrower one`);
    const metricPoints = this.metrics.metricNames().flatMap((name) => this.metrics.metricPoints(name, fromUnixNano, toUnixNano - 1n));
    metricPoints.sort((a, b) => (a.timeUnixNano < b.timeUnixNano ? -1 : a.timeUnixNano > b.timeUnixNano ? 1 : 0));
    return { spans: spans.map(({ normalizedStatement: _, ...span }) => span), metricPoints, logs: this.logs.logsInRange(fromUnixNano, toUnixNano) };
  }
}
