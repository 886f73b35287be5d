// Findings: what the rules conclude. The kind ids are a public interface (analyze --json, incident files).

export const FINDING_KINDS = [
  'cpu_saturation',
  'memory_pressure',
  'disk_io_saturation',
  'network_saturation',
  'pool_exhaustion',
  'hot_spot',
  'thundering_herd',
  'replication_lag',
  'n_plus_one',
  'slow_query',
  'cascading_failure',
  'retry_storm',
  'chatty_calls',
  'missing_batching',
  'no_connection_reuse',
  'lock_contention',
  'event_loop_blocked',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One metric series behind a finding, with the threshold it was judged against. */
export interface EvidenceSeries {
  metric: string;
  unit: string;
  /** Attributes that pick the series out (e.g. the device or pool name). */
  attributes: Record<string, string>;
  points: { timeUnixNano: string; value: number }[];
  threshold?: number;
}

export interface FindingEvidence {
  series: EvidenceSeries[];
  /** Offending spans, most telling first (trace id + span id). */
  spans: { traceId: string; spanId: string; name: string; durationNano: string }[];
  traceIds: string[];
  /** Named numbers in plain units, e.g. { "pool.max": 10, "waiting.p95_ms": 180 }. */
  numbers: Record<string, number>;
  /** Before/after the onset, when the rule can tell. */
  comparison?: { label: string; before: number; after: number; unit: string }[];
}

export interface FindingTechnique {
  id: string;
  name: string;
  /** Why it fits this evidence, in one sentence with the numbers. */
  why: string;
}

export interface Finding {
  /** Stable for one cause: the same bottleneck seen again updates this finding. */
  id: string;
  kind: FindingKind;
  ruleId: string;
  severity: Severity;
  /** 0–1, for ranking. */
  score: number;
  /** 0–1: lower when telemetry the rule would want is missing. */
  confidence: number;
  /** Why confidence is not higher, in words (e.g. "no db.query.text on the spans"). */
  confidenceNote?: string;
  title: string;
  summary: string;
  service?: string;
  resource?: string;
  onsetUnixNano: string;
  endUnixNano: string;
  evidence: FindingEvidence;
  /** Primary first, then alternatives. */
  techniques: FindingTechnique[];
  /** What not to do yet, and the cheaper step to take first. */
  notYet?: string[];
  /** Ids of findings that are symptoms of this one. */
  symptoms?: string[];
  /** Id of the finding this one is a symptom of. */
  causedBy?: string;
  /** Replay only: the incident time at which the incremental engine first raised it. */
  detectedAtUnixNano?: string;
}
