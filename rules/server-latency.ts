// Server latency before and after a suspected onset: the corroboration host- and runtime-level rules use to
// say what users felt. Server spans of a Node service start only when the event loop picks the request up,
// so they understate queueing; a jump is still telling, its absence is not proof of health.
import type { Evidence, EvidenceSpan } from './evidence.ts';
import { percentile } from './series-math.ts';
import { durationMs } from './span-attributes.ts';
import { slowestFirst } from './span-refs.ts';

export interface LatencyShift {
  /** p95 of server span durations (ms) that started before the onset / at or after it. */
  beforeP95Ms: number;
  afterP95Ms: number;
  beforeCount: number;
  afterCount: number;
  /** Server spans after the onset, slowest first. */
  slowest: EvidenceSpan[];
}

export interface LatencyShiftOptions {
  /** Only this service's server spans (default: every service's). */
  service?: string;
  /** Only spans that started up to this time (default: all after the onset). */
  untilUnixNano?: bigint;
  /** Fewest spans on each side for a comparison (default 10). */
  minSpans?: number;
}

/** p95 server latency before vs after `onset`, or null when either side has too few spans. */
export function serverLatencyShift(evidence: Evidence, onsetUnixNano: bigint, options: LatencyShiftOptions = {}): LatencyShift | null {
  const minSpans = options.minSpans ?? 10;
  const until = options.untilUnixNano;
  const server = evidence.spans.filter((s) => s.kind === 'server' && (options.service === undefined || s.resource.serviceName === options.service));
  const before = server.filter((s) => s.startTimeUnixNano < onsetUnixNano);
  const after = server.filter((s) => s.startTimeUnixNano >= onsetUnixNano && (until === undefined || s.startTimeUnixNano <= until));
  if (before.length < minSpans || after.length < minSpans) return null;
  return {
    beforeP95Ms: percentile(before.map(durationMs), 95),
    afterP95Ms: percentile(after.map(durationMs), 95),
    beforeCount: before.length,
    afterCount: after.length,
    slowest: slowestFirst(after),
  };
}
