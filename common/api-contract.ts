// Every console API route, declared once. The HTTP server, the Electron IPC bridge and the
// renderer's api module are all typed from this table; query/params are validated with zod.
import { z } from 'zod';
import type { ErrorCode } from './error-codes.ts';
import type { Finding } from './findings.ts';
import type { TelemetryCounts } from './telemetry.ts';
import { API_PATHS } from './api-paths.ts';
import type { MetricInfo, MetricSeriesResponse } from './metric-view.ts';
import type { ServiceMapResponse } from './service-map.ts';

const hexId = (length: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `must be ${length} lowercase hex characters`);

/** Which data a route reads: the live store (default) or the incident open in the console. */
const source = z.enum(['live', 'incident']).default('live');
/**
 * Unix nanoseconds as a decimal string, at most 2^63 - 1 (April 2262): the store keeps signed 64-bit integers,
 * so a later time could only fail in the database (a 500) instead of here (a 400 naming the field).
 */
const unixNanos = z
  .string()
  .regex(/^\d{1,19}$/, 'must be Unix nanoseconds')
  // Compared as text (zod runs refinements even after the regex failed, and BigInt would throw on non-digits).
  .refine((value) => value.length < 19 || (value.length === 19 && value <= '9223372036854775807'), 'must be Unix nanoseconds before the year 2262');
/** The playhead: only what was known at this Unix time in nanoseconds (incidents). */
const until = unixNanos.optional();
/** How far back from `until` (or now) a route looks. */
const windowSeconds = z.coerce.number().int().min(10).max(7 * 86_400).optional();

export const API_ROUTES = {
  health: { ...API_PATHS.health, input: z.object({}) },
  info: { ...API_PATHS.info, input: z.object({}) },
  services: { ...API_PATHS.services, input: z.object({ source }) },
  recentSpans: {
    ...API_PATHS.recentSpans,
    input: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      service: z.string().max(256).optional(),
      /** Span name (operation). */
      name: z.string().max(512).optional(),
      minDurationMs: z.coerce.number().min(0).max(86_400_000).optional(),
      status: z.enum(['any', 'error']).default('any'),
      /** "key=value": spans whose attribute (or resource attribute) `key` reads `value`. */
      attribute: z.string().max(1024).regex(/^[^=]+=/, 'must be key=value').optional(),
      rootsOnly: z.enum(['true', 'false']).default('false'),
      source,
      until,
    }),
  },
  operations: { ...API_PATHS.operations, input: z.object({ service: z.string().max(256).optional(), source }) },
  trace: { ...API_PATHS.trace, input: z.object({ traceId: hexId(32), source }) },
  /** The trace's spans without attributes and events: what the waterfall draws (a third of the reading). */
  traceOutline: { ...API_PATHS.traceOutline, input: z.object({ traceId: hexId(32), source }) },
  traceSpan: { ...API_PATHS.traceSpan, input: z.object({ traceId: hexId(32), spanId: hexId(16), source }) },
  hostOverview: {
    ...API_PATHS.hostOverview,
    input: z.object({ windowSeconds: z.coerce.number().int().min(10).max(86_400).default(300), source, until }),
  },
  /** Without windowSeconds: live data's last 15 minutes, or an incident from its start to the playhead. */
  serviceMap: { ...API_PATHS.serviceMap, input: z.object({ source, until, windowSeconds }) },
  metrics: { ...API_PATHS.metrics, input: z.object({ source }) },
  metricSeries: { ...API_PATHS.metricSeries, input: z.object({ name: z.string().min(1).max(512), source, until, windowSeconds }) },
  findings: { ...API_PATHS.findings, input: z.object({ source, until }) },
  incident: { ...API_PATHS.incident, input: z.object({}) },
  openIncident: {
    ...API_PATHS.openIncident,
    input: z.union([
      z.object({ demo: z.literal(true), overrides: z.record(z.string().max(200), z.number()).optional() }),
      z.object({ path: z.string().min(1).max(4096), overrides: z.record(z.string().max(200), z.number()).optional() }),
    ]),
  },
  closeIncident: { ...API_PATHS.closeIncident, input: z.object({}) },
  /** The body is the file itself (streamed to disk, size-limited); `name` is its original file name. */
  uploadIncident: { ...API_PATHS.uploadIncident, input: z.object({ name: z.string().min(1).max(255), uploadedPath: z.string().min(1) }) },
  /** Re-runs the rules over the open incident with other thresholds (a backtest). */
  rerunIncident: { ...API_PATHS.rerunIncident, input: z.object({ overrides: z.record(z.string().max(200), z.number()) }) },
  rules: { ...API_PATHS.rules, input: z.object({}) },
  recording: { ...API_PATHS.recording, input: z.object({}) },
  startRecording: { ...API_PATHS.startRecording, input: z.object({ title: z.string().max(200).default('') }) },
  stopRecording: { ...API_PATHS.stopRecording, input: z.object({}) },
  recordings: { ...API_PATHS.recordings, input: z.object({}) },
  exportRange: {
    ...API_PATHS.exportRange,
    input: z.object({ fromUnixNano: unixNanos, toUnixNano: unixNanos, title: z.string().max(200).default('') }),
  },
} as const satisfies Record<keyof typeof API_PATHS, unknown>;

export type ApiRouteName = keyof typeof API_ROUTES;
export type ApiInput<R extends ApiRouteName> = z.input<(typeof API_ROUTES)[R]['input']>;
export type ApiParsedInput<R extends ApiRouteName> = z.output<(typeof API_ROUTES)[R]['input']>;

export interface HealthResponse {
  status: 'ok' | 'degraded';
  counts: TelemetryCounts;
  /** Set when status is degraded: what is wrong, in words. */
  problem?: string;
  /** Something the user should know that does not stop anything (a corrupt database moved aside at start). */
  notice?: string;
}

export interface ReceiverInfo {
  /** e.g. http://127.0.0.1:4318 — '' when the receiver is off. */
  endpoint: string;
  listening: boolean;
}

export interface InfoResponse {
  version: string;
  dataDir: string;
  databaseFile: string;
  /** Where a corrupt database was moved at start before a fresh one was created; '' when that did not happen. */
  databaseMovedAside: string;
  otlpHttp: ReceiverInfo;
  otlpGrpc: ReceiverInfo;
  hostMetrics: { enabled: boolean; intervalMs: number };
  forwardingTo: string;
  /** Oldest data is deleted past either limit. */
  retention: { maxAgeMs: number; maxBytes: number };
  /** How often the live rules evaluate what arrived. */
  rulesIntervalMs: number;
}

export interface ServiceSummary {
  serviceName: string;
  spanCount: number;
  errorCount: number;
  /** Unix nanoseconds as a decimal string (JSON has no bigint). */
  lastSeenUnixNano: string;
}

/** A span row as the console lists it. Times are Unix nanoseconds as decimal strings. */
/** A (service, span name) pair with its totals since the data began. */
export interface OperationInfo {
  serviceName: string;
  name: string;
  spanCount: number;
  errorCount: number;
  rootCount: number;
  lastSeenUnixNano: string;
}

export interface SpanRow {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  serviceName: string;
  name: string;
  kind: string;
  startTimeUnixNano: string;
  durationNano: string;
  statusCode: 'unset' | 'ok' | 'error';
  statusMessage: string;
}

export interface SpanDetail extends SpanRow {
  attributes: Record<string, unknown>;
  resourceAttributes: Record<string, unknown>;
  events: { timeUnixNano: string; name: string; attributes: Record<string, unknown> }[];
}

export interface SeriesPoint {
  /** Unix milliseconds. */
  t: number;
  v: number;
}

export interface HostOverviewResponse {
  /** 0..1 busy share of all CPUs. */
  cpuUtilization: SeriesPoint[];
  /** 0..1 of memory in use. */
  memoryUtilization: SeriesPoint[];
  /** 0..1 busy time of the busiest disk. */
  diskBusy: SeriesPoint[];
  /** bytes per second, all interfaces, both directions. */
  networkBytesPerSecond: SeriesPoint[];
}

/** A finding as the console lists it: live findings also say whether they still fire. */
export interface ListedFinding extends Finding {
  active?: boolean;
  firstSeenUnixNano?: string;
  lastSeenUnixNano?: string;
}

export interface FindingsResponse {
  findings: ListedFinding[];
  /** When the rules last ran (live) or the playhead (incident); null before the first run. */
  evaluatedAtUnixNano: string | null;
}

/** The incident open in the console, loading or loaded. */
export interface IncidentState {
  file: string;
  /** The bundled demo incident (opened because there was no live data). */
  demo: boolean;
  status: 'loading' | 'ready' | 'failed';
  title: string;
  notes: string;
  services: string[];
  fromUnixNano: string | null;
  toUnixNano: string | null;
  /** How far loading has got (incident time). */
  loadedUntilUnixNano: string | null;
  counts: TelemetryCounts;
  /** Lines or items of the file that could not be read. */
  problems: number;
  /** Why loading failed. */
  message: string;
  /** What kind of failure, when loading failed: INVALID_FILE, FILE_TOO_LARGE, NOT_FOUND, … */
  code?: ErrorCode;
  /** Every finding the replay raised, each with detectedAtUnixNano: the timeline's markers. */
  findings: Finding[];
  /** Thresholds changed from the rules' defaults for this run ("rule-id.threshold" → value). */
  overrides: Record<string, number>;
}

/** A rule as the console shows it: what it finds, its thresholds with their sources, its techniques. */
export interface RuleInfo {
  id: string;
  kind: string;
  title: string;
  evidence: string;
  thresholds: { name: string; value: number; source: string }[];
  techniques: string[];
}

export interface RecordingState {
  recording: boolean;
  startedAtUnixNano: string | null;
  title: string;
}

/** A file in the recordings folder (download it from RECORDINGS_PATH + name). */
export interface RecordingFile {
  name: string;
  bytes: number;
  /** Known right after writing; null when listed from the folder. */
  counts: TelemetryCounts | null;
  fromUnixNano: string | null;
  toUnixNano: string | null;
}

export interface ApiResponses {
  health: HealthResponse;
  info: InfoResponse;
  services: ServiceSummary[];
  recentSpans: SpanRow[];
  operations: OperationInfo[];
  trace: SpanDetail[];
  traceOutline: SpanRow[];
  traceSpan: SpanDetail;
  hostOverview: HostOverviewResponse;
  serviceMap: ServiceMapResponse;
  metrics: MetricInfo[];
  metricSeries: MetricSeriesResponse;
  findings: FindingsResponse;
  incident: IncidentState | null;
  openIncident: IncidentState;
  closeIncident: null;
  uploadIncident: IncidentState;
  rerunIncident: IncidentState;
  rules: RuleInfo[];
  recording: RecordingState;
  startRecording: RecordingState;
  stopRecording: RecordingFile;
  recordings: RecordingFile[];
  exportRange: RecordingFile;
}


export interface LiveStats {
  type: 'stats';
  counts: TelemetryCounts;
  /** Items stored per second over the last few seconds. */
  rates: TelemetryCounts;
  atUnixMs: number;
}

export interface LiveFindings extends FindingsResponse {
  type: 'findings';
}

export type LiveMessage = LiveStats | LiveFindings;
